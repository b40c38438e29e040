import { importShares, latestSalient, primarySeries, sharesOf, stagesOf } from "../data/select.js";
import type { Mineral, SalientFigure, SourceRef } from "../data/types.js";
import { SCENARIO_DEFAULTS } from "./defaults.js";

/** One dataset input with where it came from. */
export interface Sourced {
  value: number;
  year: number;
  /** the statistic as USGS words it */
  detail: string;
  /** the cell as published */
  raw: string;
  unit: string;
  source: SourceRef;
  note?: string;
}

export interface MineralInputs {
  /** baseline monthly demand d0 (t/month) = latest US apparent consumption / 12 */
  d0: Sourced & { annual: number };
  /** net import reliance as a fraction: E → 0, a bound such as >95 → its bound */
  r: Sourced;
  /** USD per metric ton, or null with the reason */
  price: (Sourced & { reason?: undefined }) | { value: null; reason: string };
}

const sourced = (f: SalientFigure, value: number, note?: string): Sourced => ({
  value, year: f.year, detail: f.detail, raw: f.raw, unit: f.unit, source: f.source, ...(note ? { note } : {}),
});

const skippedNote = (skipped: SalientFigure[]) => (skipped.length ? `later year(s) ${skipped.map((s) => `${s.year} (${s.raw})`).join(", ")} not usable` : undefined);
const join = (...notes: (string | undefined)[]) => notes.filter(Boolean).join("; ") || undefined;

/**
 * The dataset inputs of one mineral, or the reason it cannot be simulated (no usable consumption
 * in tons, or no usable net import reliance).
 */
export function mineralInputs(m: Mineral): { inputs: MineralInputs; reason?: undefined } | { inputs?: undefined; reason: string } {
  const c = latestSalient(m, "consumption");
  const cf = c.figure;
  if (!cf) return { reason: "no US apparent consumption in the dataset (every year withheld or not available)" };
  if (typeof cf.normalized !== "number") return { reason: `US consumption ${cf.year} is in ${cf.unit}, not convertible to metric tons` };
  const cNote = join(cf.bound ? `consumption published as a bound (${cf.raw}); the bound is used` : undefined, skippedNote(c.skipped));
  const d0 = { ...sourced(cf, cf.normalized / 12, cNote), annual: cf.normalized };

  const n = latestSalient(m, "net-import-reliance");
  const nf = n.figure;
  if (!nf) return { reason: "no US net import reliance in the dataset" };
  let r: Sourced;
  if (nf.status === "net-exporter") r = sourced(nf, 0, "net exporter (E): counted as 0");
  else {
    const v = Math.min(1, Math.max(0, (nf.value ?? 0) / 100));
    const notes = [nf.bound ? `published as a bound (${nf.raw}); the bound ${nf.value} % is used` : undefined];
    if ((nf.value ?? 0) < 0) notes.push(`negative reliance (${nf.raw}) counted as 0`);
    r = sourced(nf, v, join(...notes));
  }
  if (n.skipped.length) r.note = join(r.note, skippedNote(n.skipped));

  const p = latestSalient(m, "price").figure;
  const price = p && typeof p.normalized === "number" ? sourced(p, p.normalized) : { value: null, reason: "no US price in USD per ton in the dataset" };
  return { inputs: { d0, r, price } };
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

/** Exposure shares e_c of a mineral (see issue 5: world production at a stage, or US import shares). */
export function exposureOf(m: Mineral, basis: "world" | "imports", requestedStage?: string): Exposure {
  const shares: Record<string, number> = {};
  const sources: Record<string, SourceRef> = {};
  if (basis === "imports") {
    const imp = importShares(m);
    if (!imp) return { basis, shares, sources, note: "no US import shares in the dataset: restrictions have no effect" };
    const other = imp.shares.filter((s) => s.country === "OTHER");
    for (const s of imp.shares) {
      if (s.country === "OTHER") continue;
      shares[s.country] = s.share;
      sources[s.country] = s.figure.source;
    }
    const first = imp.shares[0]?.figure;
    return { basis, form: imp.form, period: first?.period, year: first?.year, shares, sources, note: other.length ? `"Other" (${(other[0].share * 100).toFixed(0)} %) names no country and cannot be restricted` : undefined };
  }
  const { stage, note } = exposureStage(m, requestedStage);
  const series = stage ? primarySeries(m, stage) : undefined;
  if (!series) return { basis, shares, sources, note: join(note, "no production shares: restrictions have no effect") };
  const s = sharesOf(series);
  for (const x of s.shares) {
    shares[x.country] = x.share;
    sources[x.country] = x.figure.source;
  }
  const missing = s.missing.map((f) => `${f.country} (${f.raw})`);
  const noShares = s.shares.length ? undefined : "the series has no country figures: restrictions have no effect";
  return {
    basis, stage, form: series.form, year: series.year, shares, sources, total: series.world?.source,
    note: join(note, noShares, missing.length ? `no figure for ${missing.join(", ")}: counted as 0` : undefined, s.basis === "sum-of-countries" ? "no World total: shares of the sum of countries" : undefined),
  };
}
