import { type AssumedMark, type AssumptionSet, citeOf, findAssumption, markOf } from "../assumptions/types.js";
import { nirRange } from "../data/nir.js";
import { latestSalient, salientFor } from "../data/select.js";
import type { FigureStatus, Mineral, SourceRef } from "../data/types.js";
import type { RiskOptions } from "./defaults.js";
import { fail, type Input, type Measure, r4, type Step } from "./types.js";

/** One year's published US net import reliance. */
export interface NirPoint {
  year: number;
  /** percent; for a bound (">95") the bound; null when not numeric (E, W, NA) */
  value: number | null;
  status: FigureStatus;
  bound?: ">" | "<";
  raw: string;
  source?: SourceRef;
  detail?: string;
}

export interface NirTrend {
  /** least-squares slope over the numeric years, percentage points per year */
  slope: number;
  direction: "rising" | "falling" | "flat";
  years: number[];
  /** years whose value is only a bound (">95"), used at the bound */
  boundYears: number[];
}

export interface ImportReliance {
  year: number;
  /** the cell as published: "100", ">95", "E" */
  raw: string;
  netExporter: boolean;
  bound?: ">" | "<";
  /**
   * What the cell allows, in percent: [v, v] for a number, [0, 0] for "E", and for a bound the
   * interval it states (">95" → [95, 100], "<50" → [0, 50]). A bound is not a point.
   */
  range: [number, number];
  /** IR = clip(NIR / 100, 0, 1): the EU method's import-reliance fraction (0 for a net exporter); for a bound the interval's midpoint */
  ir: number;
  /** IR at both ends of `range` */
  irRange: [number, number];
  points: NirPoint[];
  trend?: NirTrend;
  /** why there is no trend, when there is none */
  trendReason?: string;
  /** set when USGS publishes no usable NIR and the analyst assumptions supply one: the value and range are the assumption's */
  assumed?: AssumedMark;
}

const fmt = (p: NirPoint) => (p.status === "net-exporter" ? "E" : p.bound ? `${p.bound}${p.value}` : String(p.value));

/**
 * US net import reliance (USGS Mineral Commodity Summaries): NIR = (imports − exports ± stock
 * changes) / apparent consumption, in percent; USGS prints "E" (net exporter) when it is negative.
 * `points` are all years; the latest usable one is the value. For ranking a net exporter counts
 * as 0 % (NIR ≤ 0 clipped), shown as "E". A bound is an interval, not a point: ">95" is [95, 100] %,
 * "<50" is [0, 50] %; `range` carries it so every measure that uses IR can compute both ends, and
 * the value used for ranking is the interval's midpoint (97.5, 25), the one point that favours
 * neither end. The trend is the least-squares slope over the years with a number (E years are left out).
 */
export function importReliance(points: readonly NirPoint[], opts: Pick<RiskOptions, "flatSlope"> = { flatSlope: 1 }): Measure<ImportReliance> {
  const sorted = [...points].sort((a, b) => a.year - b.year);
  const inputs: Input[] = sorted.map((p) => ({
    name: `NIR ${p.year}`,
    // a bound is shown as the interval it allows ("<50" → "0–50"), not as the number in the cell
    value: p.status === "net-exporter" ? "E" : p.bound ? nirRange(p).join("–") : p.value,
    unit: "%",
    raw: p.raw,
    source: p.source,
    note: p.detail,
  }));
  const usable = sorted.filter((p) => p.value !== null || p.status === "net-exporter");
  if (!usable.length)
    return fail(
      sorted.length
        ? `no usable net import reliance (published as ${sorted.map((p) => `${p.year}: ${JSON.stringify(p.raw)}`).join(", ")})`
        : "no net import reliance in the data",
      inputs,
    );
  const latest = usable[usable.length - 1];
  const netExporter = latest.status === "net-exporter";
  const range = nirRange(latest);
  const pct = (range[0] + range[1]) / 2;
  const clip = (x: number) => Math.min(1, Math.max(0, x / 100));
  const ir = clip(pct);
  const irRange: [number, number] = [clip(range[0]), clip(range[1])];
  const steps: Step[] = [
    { label: "latest NIR", formula: `${latest.year}: ${JSON.stringify(latest.raw)}`, value: fmt(latest) },
    ...(latest.bound ? [{ label: "NIR interval", formula: `${latest.raw} → [${range[0]}, ${range[1]}] %, midpoint`, value: r4(pct) }] : []),
    { label: "IR", formula: netExporter ? "net exporter (E) → 0" : `clip(${r4(pct)} / 100, 0, 1)`, value: r4(ir) },
  ];
  const caveats: string[] = [];
  if (latest.bound)
    caveats.push(
      `the latest NIR is a bound (${latest.raw}): IR lies in [${r4(irRange[0])}, ${r4(irRange[1])}]; ranked at the midpoint ${r4(pct)} %, both ends carried`,
    );
  const skipped = sorted.filter((p) => p.year > latest.year);
  if (skipped.length) caveats.push(`later years not usable: ${skipped.map((p) => `${p.year} ${JSON.stringify(p.raw)}`).join(", ")}`);
  const numeric = sorted.filter((p) => p.value !== null);
  let trend: NirTrend | undefined;
  let trendReason: string | undefined;
  if (numeric.length >= 2) {
    const n = numeric.length;
    const mx = numeric.reduce((a, p) => a + p.year, 0) / n;
    const my = numeric.reduce((a, p) => a + (p.value as number), 0) / n;
    const sxx = numeric.reduce((a, p) => a + (p.year - mx) ** 2, 0);
    const sxy = numeric.reduce((a, p) => a + (p.year - mx) * ((p.value as number) - my), 0);
    const slope = sxy / sxx;
    trend = {
      slope,
      direction: Math.abs(slope) < opts.flatSlope ? "flat" : slope > 0 ? "rising" : "falling",
      years: numeric.map((p) => p.year),
      boundYears: numeric.filter((p) => p.bound).map((p) => p.year),
    };
    steps.push({
      label: "trend slope",
      formula: `least squares over ${numeric.map((p) => `${p.year}: ${fmt(p)}`).join(", ")}`,
      value: `${r4(slope)} pp/yr (${trend.direction})`,
    });
    if (trend.boundYears.length) caveats.push(`trend uses bounds at their value for ${trend.boundYears.join(", ")}`);
  } else trendReason = `fewer than two years with a numeric NIR (${numeric.length})`;
  return {
    ok: true,
    value: pct,
    year: latest.year,
    raw: latest.raw,
    netExporter,
    bound: latest.bound,
    range,
    ir,
    irRange,
    points: sorted,
    trend,
    trendReason,
    inputs,
    steps,
    defaulted: [],
    caveats,
  };
}

/** The interval a NIR cell allows, in percent: defined in data/nir.ts (the simulator's inputs use it too). */
export { nirRange };

/** Every year's headline NIR row of a mineral (salientFor), as points. */
export function nirPoints(m: Mineral): NirPoint[] {
  const years = [...new Set(m.salient.filter((f) => f.measure === "net-import-reliance").map((f) => f.year))].sort((a, b) => a - b);
  return years.flatMap((y) => {
    const f = salientFor(m, "net-import-reliance", y);
    return f ? [{ year: y, value: f.value, status: f.status, bound: f.bound, raw: f.raw, source: f.source, detail: f.detail }] : [];
  });
}

/**
 * NIR of a mineral from the dataset. latestSalient picks the same latest usable year. Where USGS
 * publishes no usable NIR and the assumption set has one for the mineral, the assumed figure is used
 * (its central value, its range as the interval both ends are computed at), marked `assumed`; a
 * published figure is never overridden.
 */
export function importRelianceOf(m: Mineral, opts?: Pick<RiskOptions, "flatSlope">, assumptions?: AssumptionSet): Measure<ImportReliance> {
  const r = importReliance(nirPoints(m), opts);
  const check = latestSalient(m, "net-import-reliance").figure;
  if (r.ok && check && check.year !== r.year) r.caveats.push(`latestSalient chose ${check.year}`);
  if (r.ok) return r;
  const a = findAssumption(assumptions, m.id, "net_import_reliance");
  if (!a) return r;
  const clip = (x: number) => Math.min(1, Math.max(0, x / 100));
  const range: [number, number] = [a.range[0], a.range[1]];
  const ir = clip(a.value);
  const irRange: [number, number] = [clip(range[0]), clip(range[1])];
  const at = `${a.at.file}:${a.at.row}`;
  return {
    ok: true,
    value: a.value,
    year: a.year,
    // no published cell: the figure as the assumption gives it
    raw: `assumed ${a.value} (${range[0]}–${range[1]})`,
    netExporter: false,
    range,
    ir,
    irRange,
    points: nirPoints(m),
    trendReason: "no published NIR series: the figure is an analyst assumption",
    assumed: markOf(a),
    inputs: [
      ...r.inputs,
      {
        name: `NIR ${a.year} (assumed)`,
        value: a.value,
        unit: "%",
        source: a.at,
        note: `assumed, range ${range[0]}–${range[1]} %${a.basis ? ` (${a.basis})` : ""}: ${a.method} ${citeOf(a)}`,
      },
    ],
    steps: [
      { label: "assumed NIR", formula: `${at}: ${a.value} % (${a.year}), range [${range[0]}, ${range[1]}] %`, value: a.value },
      { label: "IR", formula: `clip(${r4(a.value)} / 100, 0, 1), range [${r4(irRange[0])}, ${r4(irRange[1])}]`, value: r4(ir) },
    ],
    defaulted: [],
    caveats: [
      `assumed: USGS publishes no usable US NIR (${r.reason}), so the analyst assumption at ${at} is used: ${a.value} %, range ${range[0]}–${range[1]} % (${citeOf(a)}); both ends of the range are carried`,
    ],
  };
}
