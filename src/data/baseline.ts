import { LodestoneError } from "../errors.js";
import { latestSalient, partReason, salientFor, splitReason } from "./select.js";
import type { Dataset, Mineral, SalientFigure } from "./types.js";

/**
 * Which year(s) of US apparent consumption stand for baseline demand d0.
 * - latest: the latest usable year, estimated or not (what Lodestone used before the choice existed)
 * - year: that year's figure (or, when it is withheld or not published, the latest usable year before it)
 * - mean: the mean of the last `years` reported years of one series (see consumptionBaseline)
 */
export type Baseline = { kind: "latest" } | { kind: "year"; year: number } | { kind: "mean"; years: number };

/** Most years a mean may span: MCS 2026 reports 2021–2025 and MCS 2025 adds 2020. */
export const MAX_MEAN_YEARS = 10;
export const BASELINE_EXPECTED = `latest, a year such as 2024, or mean:N (the mean of the last N reported years, N 1..${MAX_MEAN_YEARS})`;

/** "latest" | "2024" | "mean:3" → a Baseline; undefined when the text is none of these. */
export function parseBaseline(text: string | number): Baseline | undefined {
  const s = String(text).trim().toLowerCase();
  if (s === "latest") return { kind: "latest" };
  if (/^\d{4}$/.test(s)) return { kind: "year", year: Number(s) };
  const m = /^mean:(\d{1,2})$/.exec(s);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= MAX_MEAN_YEARS) return { kind: "mean", years: Number(m[1]) };
  return undefined;
}

/** The baseline as the flag spells it: latest, 2024, mean:3. */
export function baselineLabel(b: Baseline): string {
  return b.kind === "latest" ? "latest" : b.kind === "year" ? String(b.year) : `mean:${b.years}`;
}

/** The first and last year any mineral has a US consumption figure in tons for (2020–2025 in the embedded data). */
export function consumptionYears(d: Pick<Dataset, "minerals">): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const m of d.minerals)
    for (const f of m.salient)
      if (f.measure === "consumption" && usableTons(f)) {
        lo = Math.min(lo, f.year);
        hi = Math.max(hi, f.year);
      }
  return hi >= lo ? [lo, hi] : undefined;
}

/**
 * Refuse a baseline year outside the years the data has US consumption for: before the first
 * (every mineral would be left out) or after the last (every mineral would silently fall back to
 * its latest year). A year inside the span where one mineral's figure is withheld falls back to
 * that mineral's latest usable year before it, with a note (consumptionBaseline). bad-input naming
 * `field` (and `file` for a scenario's `baseline:`) and the years available.
 */
export function checkBaseline(d: Pick<Dataset, "minerals">, b: Baseline, at: { field: string; file?: string }): void {
  if (b.kind !== "year") return;
  const span = consumptionYears(d);
  if (!span || (b.year >= span[0] && b.year <= span[1])) return;
  const years = span ? `${span[0]}–${span[1]}` : "none";
  throw new LodestoneError("bad-input", {
    ...(at.file ? { file: at.file } : {}),
    field: at.field,
    message: `${b.year} is ${span && b.year > span[1] ? "after the last" : "before the first"} year of US consumption in the data (years available: ${years})`,
    expected: `latest, mean:N, or a year ${years}`,
  });
}

/** The rule in words, for head lines and notes. */
export function describeBaseline(b: Baseline): string {
  if (b.kind === "latest") return "latest year of US apparent consumption (estimate or not)";
  if (b.kind === "year") return `US apparent consumption in ${b.year}`;
  return `mean of the last ${b.years} reported (not estimated) years of US apparent consumption, estimates only where fewer are reported`;
}

/** One year of a baseline: the figure and whether USGS marks it estimated. */
export interface BaselineYear {
  year: number;
  /** metric tons per year */
  tons: number;
  raw: string;
  estimated: boolean;
  figure: SalientFigure;
}

export interface ConsumptionBaseline {
  baseline: Baseline;
  /** metric tons per year */
  annual: number;
  /** the years averaged (one for latest or a year), latest first */
  used: BaselineYear[];
  /** the figure the d0 source points at: the latest year used */
  figure: SalientFigure;
  /** e.g. "mean of 2022–2024", "2025e" */
  label: string;
  /** later years passed over, and why */
  note?: string;
}

const usableTons = (f: SalientFigure | undefined): f is SalientFigure & { normalized: number } =>
  !!f && f.value !== null && typeof f.normalized === "number" && Number.isFinite(f.normalized);
/** USGS marks the figure estimated: a plain number (status estimated) or an estimated bound/range (flag). */
export const isEstimated = (f: { status: string; estimated?: true }): boolean => f.estimated === true || f.status === "estimated";
const yearOf = (f: SalientFigure): BaselineYear => ({
  year: f.year,
  tons: f.normalized as number,
  raw: f.raw,
  estimated: isEstimated(f),
  figure: f,
});
const mark = (y: BaselineYear) => `${y.year}${y.estimated ? "e" : ""}`;

/** Years of a series, latest first, from each year's headline row (salientFor) when it has the same wording as `head`. */
function seriesYears(m: Mineral, head: SalientFigure): BaselineYear[] {
  const years = [...new Set(m.salient.filter((f) => f.measure === "consumption").map((f) => f.year))].sort((a, b) => b - a);
  const out: BaselineYear[] = [];
  for (const y of years) {
    const f = salientFor(m, "consumption", y);
    // one series only: MCS 2025 words its 2020 rows differently ("Consumption: Apparent. Defined as …") and
    // some of them measure something else (lead 2020: 17 thousand t), so they never join a 2021–25 mean
    if (usableTons(f) && f.detail === head.detail) out.push(yearOf(f));
  }
  return out;
}

/**
 * The US consumption baseline of a mineral in metric tons a year, or the reason there is none.
 *
 * mean:N: the N latest years whose figure USGS does not mark estimated ("Estimated." in MCS 2026's
 * Notes column: status `estimated`, or the `estimated` flag on a bound or range), within the series of the latest usable headline row (same
 * statistic as worded). Where the series has fewer than N such years (USGS estimates arsenic, indium,
 * yttrium, niobium and cobalt apparent consumption in every year), the N latest years are taken,
 * estimates included and marked "e". A year published as a bound (<100,000) counts at its bound.
 */
export function consumptionBaseline(m: Mineral, b: Baseline): { result: ConsumptionBaseline; reason?: undefined } | { result?: undefined; reason: string } {
  const latest = latestSalient(m, "consumption");
  const head = latest.figure;
  if (!head)
    return {
      reason:
        splitReason(m.id, "consumption") ?? partReason(m, "consumption") ?? "no US apparent consumption in the dataset (every year withheld or not available)",
    };
  if (typeof head.normalized !== "number") return { reason: `US consumption ${head.year} is in ${head.unit}, not convertible to metric tons` };
  const skipped = latest.skipped.length ? `later year(s) ${latest.skipped.map((s) => `${s.year} (${s.raw})`).join(", ")} not usable` : undefined;
  if (b.kind === "latest") {
    const y = yearOf(head);
    return { result: { baseline: b, annual: y.tons, used: [y], figure: head, label: mark(y), note: skipped } };
  }
  const series = seriesYears(m, head);
  if (b.kind === "year") {
    const exact = salientFor(m, "consumption", b.year);
    if (usableTons(exact)) {
      const y = yearOf(exact);
      return { result: { baseline: b, annual: y.tons, used: [y], figure: exact, label: mark(y) } };
    }
    const before = series.find((y) => y.year < b.year);
    if (!before) return { reason: `no usable US consumption in or before ${b.year} (baseline ${b.year})` };
    const why = exact ? `${b.year} published as ${exact.raw} (${exact.status})` : `no figure for ${b.year}`;
    return { result: { baseline: b, annual: before.tons, used: [before], figure: before.figure, label: mark(before), note: `${why}; ${before.year} used` } };
  }
  const reported = series.filter((y) => !y.estimated);
  const used = (reported.length >= b.years ? reported : series).slice(0, b.years);
  const annual = used.reduce((a, y) => a + y.tons, 0) / used.length;
  const span = used.length > 1 ? `mean of ${[...used].reverse().map(mark).join(", ")}` : `${mark(used[0])}`;
  const notes = [
    used.length < b.years ? `only ${used.length} usable year(s) in the series` : undefined,
    reported.length < b.years && used.some((y) => y.estimated) ? `fewer than ${b.years} reported years: estimates used (marked e)` : undefined,
    used[0].year < head.year ? `latest ${head.year}${isEstimated(head) ? "e" : ""} (${head.raw}) left out as an estimate` : undefined,
    used.some((y) => y.figure.bound) ? "bound(s) counted at the bound" : undefined,
  ].filter(Boolean);
  return { result: { baseline: b, annual, used, figure: used[0].figure, label: span, note: notes.join("; ") || undefined } };
}
