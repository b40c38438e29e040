import { type Series, seriesByPreference, sharesOf, stagesOf } from "../data/select.js";
import type { Mineral, SourceRef } from "../data/types.js";
import { fail, type Input, type Measure, type NotComputed, r4, refText } from "./types.js";

/** One producer's share of world output (0–1). */
export interface ShareIn {
  id: string;
  share: number;
  tons?: number;
  raw?: string;
  source?: SourceRef;
}

export type Band = "unconcentrated" | "moderately concentrated" | "highly concentrated";

/**
 * US DOJ/FTC Horizontal Merger Guidelines (2010, §5.3) bands on the 0–10,000 scale:
 * < 1,500 unconcentrated, 1,500–2,500 moderately concentrated, > 2,500 highly concentrated.
 * (The 2023 Merger Guidelines moved the "highly" threshold to 1,800; we keep the 2010 bands, a project choice stated in docs/risk-methods.md.)
 */
export function band(hhi10000: number): Band {
  if (hhi10000 < 1500) return "unconcentrated";
  if (hhi10000 <= 2500) return "moderately concentrated";
  return "highly concentrated";
}

export interface Concentration {
  /** HHI on 0–10,000 (shares in percent) */
  hhi10000: number;
  band: Band;
  /** the largest producer's share and id */
  top1: number;
  top1Id: string;
  /** the three largest producers' combined share */
  top3: number;
  /** named producers in Σs² */
  n: number;
  /** share not assigned to a named producer ("Other countries", withheld figures, rounding) */
  residual: number;
  /** HHI if the residual were one producer: Σs² + residual², the upper bound on 0–1 */
  upper: number;
}

/**
 * Herfindahl–Hirschman index (Herfindahl 1950; Hirschman 1945): HHI = Σ_i s_i², s_i producer i's
 * share of world output as a fraction (0–1); ×10,000 for shares in percent.
 *
 * Shares not assigned to a named producer (the residual r = 1 − Σ s_i: "Other countries",
 * withheld figures) are left out of Σs², so the value is a lower bound; r² added gives the upper
 * bound (the residual as one producer), since a sum of squares never exceeds the square of the sum.
 */
export function hhi(shares: readonly ShareIn[]): Measure<Concentration> {
  const inputs: Input[] = shares.map((s) => ({ name: `share ${s.id}`, value: s.share, raw: s.raw, source: s.source, unit: "fraction of world" }));
  if (!shares.length) return fail("no producer shares", inputs);
  const bad = shares.find((s) => !Number.isFinite(s.share) || s.share < 0 || s.share > 1 + 1e-9);
  if (bad) return fail(`share of ${bad.id} is ${bad.share}, expected a fraction in [0, 1]`, inputs);
  const sorted = [...shares].sort((a, b) => b.share - a.share || a.id.localeCompare(b.id));
  const sum = sorted.reduce((a, s) => a + s.share, 0);
  const value = sorted.reduce((a, s) => a + s.share * s.share, 0);
  const residual = Math.max(0, 1 - sum) < 1e-9 ? 0 : Math.max(0, 1 - sum);
  const top1 = sorted[0].share;
  const top3 = sorted.slice(0, 3).reduce((a, s) => a + s.share, 0);
  const caveats: string[] = [];
  if (sum > 1.02) caveats.push(`named shares sum to ${r4(sum)} > 1 (the world total is rounded)`);
  if (residual > 0)
    caveats.push(
      `${r4(residual * 100)} % of output is not assigned to a named producer and is left out of Σs²: HHI is a lower bound (upper bound ${r4(value + residual * residual)})`,
    );
  return {
    ok: true,
    value,
    hhi10000: value * 10000,
    band: band(value * 10000),
    top1,
    top1Id: sorted[0].id,
    top3,
    n: sorted.length,
    residual,
    upper: value + residual * residual,
    inputs,
    steps: [
      { label: "Σ s_i", formula: sorted.map((s) => r4(s.share)).join(" + "), value: r4(sum) },
      { label: "HHI (0–1)", formula: "Σ s_i²", value: r4(value) },
      { label: "HHI (0–10,000)", formula: "HHI × 10,000", value: Math.round(value * 10000) },
      { label: "DOJ/FTC band", formula: "< 1,500 | 1,500–2,500 | > 2,500", value: band(value * 10000) },
      { label: "top-1 share", formula: `s(${sorted[0].id})`, value: r4(top1) },
      {
        label: "top-3 share",
        formula: sorted
          .slice(0, 3)
          .map((s) => `s(${s.id})`)
          .join(" + "),
        value: r4(top3),
      },
      { label: "residual r", formula: "max(0, 1 − Σ s_i)", value: r4(residual) },
      { label: "upper bound", formula: "HHI + r²", value: r4(value + residual * residual) },
    ],
    defaulted: [],
    caveats,
  };
}

/** A stage-level result: which production table it came from. */
export type StageMeasure<T extends object> = Measure<T> & { stage: string; form: string; year: number };

const label = (s: Series) => `${s.stage} / ${s.form} / ${s.year}`;

/**
 * Producer shares of one production table, via sharesOf (denominator: the published World total,
 * else the sum of countries and "Other countries"). Refuses when the denominator is incomplete:
 * no World total and an unpublished "Other countries" row or withheld countries would make every
 * share too large.
 */
export function seriesShares(s: Series): { ok: true; shares: ShareIn[]; inputs: Input[]; caveats: string[] } | NotComputed {
  const { shares, denominator, basis, missing } = sharesOf(s);
  const inputs: Input[] = [];
  if (s.world) inputs.push({ name: "World total", value: s.world.normalized ?? null, unit: "t", raw: s.world.raw, source: s.world.source });
  if (s.other) inputs.push({ name: "Other countries", value: s.other.normalized ?? null, unit: "t", raw: s.other.raw, source: s.other.source });
  for (const c of missing) inputs.push({ name: `production ${c.country}`, value: null, raw: c.raw, source: c.source, note: `${c.status}: left out` });
  const world = typeof s.world?.normalized === "number" && s.world.normalized > 0 ? s.world.normalized : undefined;
  if (basis === "sum-of-countries" && world === undefined) {
    const otherMissing = s.other && typeof s.other.normalized !== "number";
    if (otherMissing || missing.length) {
      const why = [
        otherMissing ? `"Other countries" is ${JSON.stringify(s.other?.raw)}` : "",
        missing.length ? `${missing.map((c) => `${c.country} is ${JSON.stringify(c.raw)}`).join(", ")}` : "",
      ]
        .filter(Boolean)
        .join("; ");
      return fail(
        `${label(s)}: no numeric World total (${JSON.stringify(s.world?.raw ?? "not published")}) and ${why}, so shares of a partial sum would be overstated`,
        inputs,
      );
    }
  }
  if (world === undefined && shares.length < 2) {
    return fail(
      `${label(s)}: no numeric World total and ${shares.length ? `only ${shares[0].country} has a figure` : "no country has a figure"}, so this is not a table of world production`,
      inputs,
    );
  }
  if (!shares.length) {
    const why = s.countries.length ? "no country has a numeric figure above zero" : "only a World total is published, no country figures";
    return fail(`${label(s)}: ${why}`, inputs);
  }
  const caveats: string[] = [];
  caveats.push(
    basis === "world-total"
      ? `shares of the published World total (${denominator} t)`
      : world === undefined
        ? `shares of ${denominator} t, the sum of the country figures (with any "Other countries" row), as no numeric World total is published`
        : `shares of ${denominator} t, the sum of the country figures (with any "Other countries" row), taken because it exceeds the rounded World total of ${world} t`,
  );
  if (s.other && typeof s.other.normalized === "number" && s.other.normalized > 0)
    caveats.push(`"Other countries" (${s.other.raw}, an aggregate of many small producers) is left out of Σs²`);
  if (missing.length)
    caveats.push(
      `withheld or unavailable producers left out: ${missing.map((c) => `${c.country} (${c.raw})`).join(", ")} [${missing.map((c) => refText(c.source)).join(", ")}]`,
    );
  for (const x of shares) inputs.push({ name: `production ${x.country}`, value: x.tons, unit: "t", raw: x.figure.raw, source: x.figure.source });
  return {
    ok: true,
    shares: shares.map((x) => ({ id: x.country, share: x.share, tons: x.tons, raw: x.figure.raw, source: x.figure.source })),
    inputs,
    caveats,
  };
}

/** HHI of one production table, with its inputs traced to source rows. */
export function concentrationOfSeries(s: Series): StageMeasure<Concentration> {
  const where = { stage: s.stage, form: s.form, year: s.year };
  const sh = seriesShares(s);
  if (!sh.ok) return { ...sh, ...where };
  const m = hhi(sh.shares);
  if (!m.ok) return { ...m, ...where };
  return { ...m, ...where, inputs: [...sh.inputs, ...m.inputs.filter((i) => !i.name.startsWith("share"))], caveats: [...sh.caveats, ...m.caveats] };
}

/**
 * The production tables a stage-dependent measure looks at, per stage: every form's latest table,
 * in seriesByPreference order (the primary table first, as every module uses); other forms are fallbacks. Fails when the mineral has no
 * production data, or none at `stage`, naming the stages there are.
 */
export function stageSeries(m: Mineral, stage?: string): { ok: true; stages: { stage: string; series: Series[] }[] } | NotComputed {
  const stages = stagesOf(m);
  if (!stages.length)
    return fail(
      `${m.id}: the dataset has no numeric production figures${m.production.length ? ` (${m.production.length} figure(s), none a country or world quantity in tons)` : ""}`,
    );
  if (stage && !stages.includes(stage)) return fail(`${m.id}: no production data at stage "${stage}" (stages: ${stages.join(", ")})`);
  return {
    ok: true,
    stages: (stage ? [stage] : stages).map((st) => ({ stage: st, series: seriesByPreference(m, st) })),
  };
}

/**
 * Pick the stage with the highest value of a per-stage measure (the supply-chain bottleneck, as
 * the EU method takes the higher of the extraction and processing SR). Within a stage the primary
 * table is used, or, when it cannot be computed (only a World total, say), the next form with a
 * numeric World total that can.
 * Fails, listing each table's reason, when no stage can be computed.
 */
export function bottleneck<T extends object>(
  m: Mineral,
  stage: string | undefined,
  perSeries: (s: Series) => StageMeasure<T>,
): { best: StageMeasure<T>; all: StageMeasure<T>[] } {
  const ss = stageSeries(m, stage);
  if (!ss.ok) return { best: { ...ss, stage: stage ?? "", form: "", year: 0 }, all: [] };
  const all = ss.stages.map(({ series }) => {
    // fallback forms only when they carry a numeric World total: a form listed for one or two
    // countries without one (boron "ulexite") is not a world table
    const hasWorld = (x: Series) => typeof x.world?.normalized === "number" && x.world.normalized > 0;
    const tried = series.filter((x, i) => i === 0 || hasWorld(x)).map(perSeries);
    const ok = tried.find((x) => x.ok);
    if (ok) return ok;
    return {
      ...fail(
        tried.map((x) => (x.ok ? "" : x.reason)).join("; "),
        tried.flatMap((x) => x.inputs),
      ),
      stage: tried[0].stage,
      form: tried[0].form,
      year: tried[0].year,
    };
  });
  const ok = all.filter((x) => x.ok);
  if (!ok.length) {
    const reason = all.map((x) => (x.ok ? "" : x.reason)).join("; ");
    return {
      best: {
        ...fail(
          reason,
          all.flatMap((x) => x.inputs),
        ),
        stage: stage ?? all[0].stage,
        form: "",
        year: 0,
      },
      all,
    };
  }
  const best = ok.reduce((a, b) => ((b as { value: number }).value > (a as { value: number }).value ? b : a));
  return { best, all };
}

/** HHI of a mineral's production: by stage, and at the bottleneck (most concentrated) stage. */
export function concentration(m: Mineral, stage?: string) {
  return bottleneck(m, stage, concentrationOfSeries);
}
