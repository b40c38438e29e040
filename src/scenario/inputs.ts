import { type AssumedInput, assumedInput } from "../assumptions/apply.js";
import { type AssumedMark, type AssumptionSet, findAssumption, findMissing, missingReason, type Quantity } from "../assumptions/types.js";
import { type Baseline, baselineLabel, consumptionBaseline, describeBaseline } from "../data/baseline.js";
import { SPLITS } from "../data/catalog.js";
import { nirRange } from "../data/nir.js";
import { importShares, latestPriceMatching, latestSalient, partReason, primarySeries, sharesOf, splitReason, stagesOf } from "../data/select.js";
import type { Dataset, Mineral, SalientFigure, SourceRef } from "../data/types.js";
import { type PriceBasis, priceOnQuantityBasis } from "../data/units.js";
import { SCENARIO_DEFAULTS } from "./defaults.js";

/**
 * One dataset input with where it came from: the shape of an assumed input (value, year, the
 * statistic as USGS words it, the cell as published, unit, source), with `assumed` set only when
 * the public figure is missing and an analyst assumption (src/assumptions) fills it.
 */
export interface Sourced extends Omit<AssumedInput, "note" | "assumed"> {
  note?: string;
  assumed?: AssumedMark;
}

/** The baseline d0 stands on: the rule, the years it took (estimates marked) and the label printed with it. */
export interface D0Baseline {
  /** as the flag spells it: latest, 2024, mean:3 */
  rule: string;
  /** the rule in words */
  description: string;
  /** e.g. "mean of 2022, 2023, 2024" or "2025e" */
  label: string;
  years: { year: number; tons: number; raw: string; estimated: boolean; source: SourceRef }[];
}

export interface MineralInputs {
  /** baseline monthly demand d0 (t/month) = US apparent consumption on the chosen baseline / 12 */
  d0: Sourced & { annual: number; baseline: D0Baseline };
  /** net import reliance as a fraction: E → 0, a bound such as >95 → its bound, with `range` the interval the bound allows (>95 → [0.95, 1]) */
  r: Sourced & { range?: [number, number] };
  /** USD per metric ton of what the quantities measure (converted where PRICE_BASIS says), or null with the reason */
  price: (Sourced & { reason?: undefined; published?: number; basis?: Omit<PriceBasis, "detail"> }) | { value: null; reason: string };
}

const sourced = (f: SalientFigure, value: number, note?: string): Sourced => ({
  value,
  year: f.year,
  detail: f.detail,
  raw: f.raw,
  unit: f.unit,
  source: f.source,
  ...(note ? { note } : {}),
});

const skippedNote = (skipped: readonly SalientFigure[]) =>
  skipped.length ? `later year(s) ${skipped.map((s) => `${s.year} (${s.raw})`).join(", ")} not usable` : undefined;
const join = (...notes: (string | undefined)[]) => notes.filter(Boolean).join("; ") || undefined;

/**
 * The dataset inputs of one mineral, or the reason it cannot be simulated (no usable consumption
 * in tons, or no usable net import reliance). `baseline` picks the consumption year(s) d0 stands on
 * (SCENARIO_DEFAULTS.baseline when not given). Where USGS publishes no consumption, reliance or
 * price, an entry of `assumptions` fills it, marked `assumed`; a published figure is never overridden.
 */
export function mineralInputs(
  m: Mineral,
  baseline: Baseline = SCENARIO_DEFAULTS.baseline,
  assumptions?: AssumptionSet,
  dataset?: Dataset,
): { inputs: MineralInputs; reason?: undefined } | { inputs?: undefined; reason: string } {
  const own = ownInputs(m, baseline, assumptions);
  return own.inputs && dataset ? residual(m, own.inputs, dataset, baseline, assumptions) : own;
}

/**
 * The demand d0 and the price of one mineral exactly as `mineralInputs` gives them (same baseline,
 * same assumptions, same price-basis conversion, same rare-earths residual), without needing its net
 * import reliance: the risk table's importance (consumption value) and the assumption gaps use it, so
 * they stand on the figures the simulator and the planner use.
 */
export function demandAndPrice(
  m: Mineral,
  baseline: Baseline = SCENARIO_DEFAULTS.baseline,
  assumptions?: AssumptionSet,
  dataset?: Dataset,
): { inputs: Pick<MineralInputs, "d0" | "price">; reason?: undefined } | { inputs?: undefined; reason: string } {
  const own = ownDemandAndPrice(m, baseline, assumptions);
  return own.inputs && dataset ? residual(m, own.inputs, dataset, baseline, assumptions) : own;
}

/** The price in US$ per ton of what the mineral's quantities measure (published, converted where PRICE_BASIS says), else the assumed one, else null with the reason. */
export function quantityPrice(m: Mineral, assumptions?: AssumptionSet): MineralInputs["price"] {
  const price = priceInput(m);
  const ap = price.value === null ? findAssumption(assumptions, m.id, "price") : undefined;
  const unpriced = price.value === null && !ap ? { value: null, reason: unfilled(price.reason, m, "price", assumptions) } : undefined;
  return ap ? assumedInput(ap) : (unpriced ?? price);
}

/**
 * A chapter total less the minerals split out of it that are simulated on their own (catalog SPLITS
 * `within`): rare earths' apparent consumption counts NdPr, dysprosium and terbium, so when an
 * assumption gives those their own consumption, "rare-earths" stands for the other rare earths:
 * d0 = total − the parts' d0, priced at RESIDUAL_PRICE (judgement, stated). Without the parts'
 * consumption (`--assumptions none`) the chapter total is used as published.
 */
function residual<T extends Pick<MineralInputs, "d0" | "price">>(
  m: Mineral,
  inputs: T,
  dataset: Dataset,
  baseline: Baseline,
  assumptions?: AssumptionSet,
): { inputs: T; reason?: undefined } | { inputs?: undefined; reason: string } {
  const parts = SPLITS.filter((s) => s.within === m.id).flatMap((s) => {
    const pm = dataset.minerals.find((x) => x.id === s.id);
    const pi = pm ? ownInputs(pm, baseline, assumptions).inputs : undefined;
    return pi ? [{ id: s.id, annual: pi.d0.annual }] : [];
  });
  if (!parts.length) return { inputs };
  const less = parts.reduce((a, p) => a + p.annual, 0);
  const annual = inputs.d0.annual - less;
  const fmt = (t: number) => Math.round(t).toLocaleString("en-US");
  const what = `${m.id} here stands for the rare earths not modelled on their own: total ${fmt(inputs.d0.annual)} t less ${parts.map((p) => `${p.id} ${fmt(p.annual)} t`).join(", ")} (simulated as minerals of their own) = ${fmt(Math.max(0, annual))} t/yr`;
  if (!(annual > 0)) return { reason: `${what}: nothing is left once the parts are taken out` };
  const d0 = { ...inputs.d0, value: annual / 12, annual, note: join(inputs.d0.note, what) };
  const rp = RESIDUAL_PRICE[m.id];
  const row = rp ? latestPriceMatching(m, rp.row) : undefined;
  const price: MineralInputs["price"] = row && typeof row.normalized === "number" ? sourced(row, row.normalized, rp!.why) : inputs.price;
  return { inputs: { ...inputs, d0, price } };
}

/** The price of what is left of a chapter once its split minerals are taken out (judgement calls). */
const RESIDUAL_PRICE: Record<string, { row: RegExp; why: string }> = {
  "rare-earths": {
    row: /Mischmetal/,
    why: "judgement call: the rare earths left once NdPr, dysprosium and terbium are modelled on their own are mostly lanthanum and cerium (catalysts, glass, polishing), so they are priced at mischmetal (65 % Ce, 35 % La), not at NdPr oxide",
  },
};

function ownInputs(
  m: Mineral,
  baseline: Baseline,
  assumptions?: AssumptionSet,
): { inputs: MineralInputs; reason?: undefined } | { inputs?: undefined; reason: string } {
  const dp = ownDemandAndPrice(m, baseline, assumptions);
  if (!dp.inputs) return dp;
  const { d0, price } = dp.inputs;
  const n = latestSalient(m, "net-import-reliance");
  const nf = n.figure;
  const an = !nf ? findAssumption(assumptions, m.id, "net_import_reliance") : undefined;
  if (!nf && !an) return { reason: unfilled("no US net import reliance in the dataset", m, "net_import_reliance", assumptions) };
  let r: MineralInputs["r"];
  if (!nf) r = assumedInput(an!);
  else if (nf.status === "net-exporter") r = sourced(nf, 0, "net exporter (E): counted as 0");
  else {
    const v = Math.min(1, Math.max(0, (nf.value ?? 0) / 100));
    const notes = [
      nf.bound
        ? `published as a bound (${nf.raw}); the bound ${nf.value} % is used, and the deterministic run repeats at the other end of [${nirRange(nf).join(", ")}] %`
        : undefined,
    ];
    if ((nf.value ?? 0) < 0) notes.push(`negative reliance (${nf.raw}) counted as 0`);
    r = sourced(nf, v, join(...notes));
    if (nf.bound) r.range = nirRange(nf).map((x) => Math.min(1, Math.max(0, x / 100))) as [number, number];
  }
  if (n.skipped.length) r.note = join(r.note, skippedNote(n.skipped));
  return { inputs: { d0, r, price } };
}

function ownDemandAndPrice(
  m: Mineral,
  baseline: Baseline,
  assumptions?: AssumptionSet,
): { inputs: Pick<MineralInputs, "d0" | "price">; reason?: undefined } | { inputs?: undefined; reason: string } {
  const c = consumptionBaseline(m, baseline);
  const ac = !latestSalient(m, "consumption").figure ? findAssumption(assumptions, m.id, "consumption") : undefined;
  if (!c.result && !ac) return { reason: unfilled(c.reason, m, "consumption", assumptions, !!partReason(m, "consumption")) };
  const d0 = c.result ? publishedD0(baseline, c.result) : assumedD0(assumedInput(ac!));
  return { inputs: { d0, price: quantityPrice(m, assumptions) } };
}

/**
 * Why a figure USGS does not publish stays unfilled: the public-data reason, then the assumptions
 * file's documented reason where its `missing:` list names the figure (terbium consumption: no public
 * source found), else "no assumption fills it" where an assumption could have (`always`: a split
 * mineral, whose chapter publishes the figure only for the whole).
 */
function unfilled(reason: string, m: Mineral, q: Quantity, assumptions: AssumptionSet | undefined, always = false): string {
  const gone = findMissing(assumptions, m.id, q);
  if (gone) return `${reason}, and no assumption fills it: ${missingReason(gone)}`;
  return always ? `${reason}, and no assumption fills it` : reason;
}

/** d0 from an assumed annual consumption: one "year", the assumption's, marked estimated. */
function assumedD0(a: ReturnType<typeof assumedInput>): MineralInputs["d0"] {
  const annual = a.value * 12;
  const label = `${a.year} (assumed)`;
  return {
    ...a,
    annual,
    baseline: {
      rule: "assumed",
      description: "an analyst assumption (the public figure is withheld)",
      label,
      years: [{ year: a.year, tons: annual, raw: a.raw, estimated: true, source: a.source }],
    },
  };
}

/** d0 from the published consumption on the chosen baseline. */
function publishedD0(baseline: Baseline, r: NonNullable<ReturnType<typeof consumptionBaseline>["result"]>): MineralInputs["d0"] {
  const c = { result: r };
  const cf = c.result.figure;
  const bounds = c.result.used.filter((y) => y.figure.bound);
  // a mean says so in its own note ("bound(s) counted at the bound")
  const boundNote = bounds.length && baseline.kind !== "mean" ? `consumption published as a bound (${bounds[0].raw}); the bound is used` : undefined;
  const cNote = join(boundNote, c.result.note);
  const base = sourced(cf, c.result.annual / 12, cNote);
  const d0 = {
    ...base,
    ...(c.result.used.length > 1 ? { raw: c.result.used.map((y) => `${y.raw} (${y.year}${y.estimated ? "e" : ""})`).join(", ") } : {}),
    annual: c.result.annual,
    baseline: {
      rule: baselineLabel(baseline),
      description: describeBaseline(baseline),
      label: c.result.label,
      years: c.result.used.map((y) => ({ year: y.year, tons: y.tons, raw: y.raw, estimated: y.estimated, source: y.figure.source })),
    },
  };
  return d0;
}

/** The headline price in US$ per ton of what the mineral's quantities measure (PRICE_BASIS converts compound, ore and alloy prices). */
function priceInput(m: Mineral): MineralInputs["price"] {
  const p = latestSalient(m, "price").figure;
  if (!p || typeof p.normalized !== "number") return { value: null, reason: splitReason(m.id, "price") ?? "no US price in USD per ton in the dataset" };
  const q = priceOnQuantityBasis(m.id, p.detail, p.normalized);
  if (!q.basis) return sourced(p, p.normalized);
  const round = (v: number) => Math.round(v).toLocaleString("en-US");
  const note = `published per ton of ${q.basis.priced}: US$ ${round(p.normalized)}/t ÷ ${q.basis.factor.toFixed(4)} = US$ ${round(q.value)}/t of ${q.basis.basis} (${q.basis.why})`;
  const { detail: _detail, ...basis } = q.basis;
  return { ...sourced(p, q.value, note), published: p.normalized, basis };
}

/** Country shares a restriction acts on, with the series they come from. */
export interface Exposure {
  basis: "world" | "imports";
  /** world basis: the production stage and form used */
  stage?: string;
  form?: string;
  year?: number;
  period?: string;
  /** share of world production (or of US imports) by ISO3 code, 0..1 */
  shares: Record<string, number>;
  sources: Record<string, SourceRef>;
  /** the denominator's source (world total row) when published */
  total?: SourceRef;
  /**
   * Countries listed in the series with no figure (withheld W, not available NA): their share is
   * unknown, not 0. A restriction on one of them makes the disrupted share, and so the shortfall,
   * a lower bound.
   */
  unknown: { country: string; raw: string; source: SourceRef }[];
  /** false when no country share is known at all: a restriction's effect on this mineral is unknown */
  usable: boolean;
  /** set when the scenario's basis had no shares and the other basis is used instead: why */
  fallback?: string;
  note?: string;
}

/** The stage an event's exposure uses: as named if the mineral has it, else refinery, else mine, else the largest. */
export function exposureStage(m: Mineral, requested?: string): { stage?: string; note?: string } {
  const stages = stagesOf(m);
  if (!stages.length) return { note: "no world production series in the dataset" };
  if (requested && stages.includes(requested)) return { stage: requested };
  const fallback = SCENARIO_DEFAULTS.exposureStages.find((s) => stages.includes(s)) ?? primarySeries(m)?.stage;
  const why = requested ? `stage ${JSON.stringify(requested)} not in the dataset for ${m.id} (has ${stages.join(", ")}); ${fallback} used` : undefined;
  const other = !SCENARIO_DEFAULTS.exposureStages.includes(fallback ?? "") ? `no refinery or mine series; the largest stage (${fallback}) used` : undefined;
  return { stage: fallback, note: join(why, other) };
}

function importExposure(m: Mineral): Exposure {
  const shares: Record<string, number> = {};
  const sources: Record<string, SourceRef> = {};
  const imp = importShares(m);
  if (!imp?.shares.some((s) => s.country !== "OTHER" && s.share > 0)) {
    return { basis: "imports", shares, sources, unknown: [], usable: false, note: "no US import shares by country in the dataset" };
  }
  const other = imp.shares.filter((s) => s.country === "OTHER");
  for (const s of imp.shares) {
    if (s.country === "OTHER") continue;
    shares[s.country] = s.share;
    sources[s.country] = s.figure.source;
  }
  const first = imp.shares[0]?.figure;
  const note = other.length ? `"Other" (${(other[0].share * 100).toFixed(0)} %) names no country and cannot be restricted` : undefined;
  return { basis: "imports", form: imp.form, period: first?.period, year: first?.year, shares, sources, unknown: [], usable: true, note };
}

function worldExposure(m: Mineral, requestedStage?: string): Exposure {
  const shares: Record<string, number> = {};
  const sources: Record<string, SourceRef> = {};
  const { stage, note } = exposureStage(m, requestedStage);
  const series = stage ? primarySeries(m, stage) : undefined;
  if (!series) return { basis: "world", shares, sources, unknown: [], usable: false, note: join(note, "no production shares") };
  const s = sharesOf(series);
  for (const x of s.shares) {
    shares[x.country] = x.share;
    sources[x.country] = x.figure.source;
  }
  const unknown = s.missing.map((f) => ({ country: f.country, raw: f.raw, source: f.source }));
  const usable = s.shares.length > 0;
  const w = series.world && typeof series.world.normalized === "number" && series.world.normalized > 0;
  // sharesOf takes shares of the sum of countries both when there is no World total and when the
  // published total is below that sum (rounding): say which
  const basisNote =
    s.basis === "sum-of-countries"
      ? w
        ? "World total below the sum of countries: shares of the sum"
        : "no World total: shares of the sum of countries"
      : undefined;
  const unknownNote = unknown.length
    ? `no published figure for ${unknown.map((u) => `${u.country} (${u.raw})`).join(", ")}: ${unknown.length > 1 ? "their shares are" : "its share is"} unknown, not 0` +
      (s.basis === "sum-of-countries" ? " (the sum of countries leaves them out, so the other shares may be overstated)" : "")
    : undefined;
  return {
    basis: "world",
    stage,
    form: series.form,
    year: series.year,
    shares,
    sources,
    total: series.world?.source,
    unknown,
    usable,
    note: join(note, usable ? undefined : "the series has no country figures", unknownNote, usable ? basisNote : undefined),
  };
}

/**
 * Exposure shares e_c of a mineral: world production shares at a stage (`exposure: world`), or US
 * import shares (`exposure: imports`).
 * When the scenario's basis has no country shares for the mineral, the other basis is used if it
 * has them, and `fallback` says so; when neither has any, `usable` is false (the caller must not
 * read the empty shares as "no exposure").
 */
export function exposureOf(m: Mineral, basis: "world" | "imports", requestedStage?: string): Exposure {
  const first = basis === "imports" ? importExposure(m) : worldExposure(m, requestedStage);
  if (first.usable) return first;
  const other = basis === "imports" ? worldExposure(m, requestedStage) : importExposure(m);
  if (!other.usable) return { ...first, note: join(first.note, `and ${other.note}`) };
  const what =
    basis === "world"
      ? `US import shares (${other.form ?? "?"}, ${other.period ?? other.year ?? "?"}) used instead`
      : `shares of world production (${other.stage}, ${other.year}) used instead`;
  return { ...other, fallback: `exposure: ${basis} has no country shares for ${m.id} (${first.note}); ${what}` };
}
