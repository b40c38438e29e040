import type { AssumptionSet } from "../assumptions/types.js";
import { baselineLabel, checkBaseline, describeBaseline } from "../data/baseline.js";
import { stagesOf } from "../data/select.js";
import type { Dataset, Mineral } from "../data/types.js";
import { LodestoneError } from "../errors.js";
import { type Concentration, concentration, type StageMeasure } from "./concentration.js";
import { type Components, type Composite, composite, type Importance, importanceOf, type MatrixCell, matrixCell } from "./criticality.js";
import { type RiskOptions, resolveRiskOptions } from "./defaults.js";
import { type EuSr, euSupplyRiskOf } from "./eu-supply-risk.js";
import { type GeoPolRisk, geoPolRiskOf } from "./geopolrisk.js";
import { countryIndex } from "./governance.js";
import { hhiWgiGlobal } from "./hhi-wgi.js";
import { type ImportReliance, importRelianceOf } from "./import-reliance.js";
import type { Measure } from "./types.js";

export type Method = "hhi" | "hhi-wgi" | "eu-sr" | "nir" | "geopolrisk" | "composite";
export const METHODS: readonly Method[] = ["hhi", "hhi-wgi", "eu-sr", "nir", "geopolrisk", "composite"];

/** Every measure of one mineral, each a value with its steps and sources, or the reason it is missing. */
export interface MineralRisk {
  id: string;
  name: string;
  /** tables USGS gives only for the group, inherited as stand-ins (catalog SPLITS `inherit`): what each stands in for */
  standIns: string[];
  /** HHI at the bottleneck stage (or the requested stage) */
  hhi: StageMeasure<Concentration>;
  /** HHI of every stage with data */
  hhiByStage: StageMeasure<Concentration>[];
  hhiWgi: StageMeasure<{ hhi: number }>;
  euSr: Measure<EuSr>;
  nir: Measure<ImportReliance>;
  geopolrisk: Measure<GeoPolRisk & { stage: string }>;
  composite: Measure<Composite>;
  importance: Measure<Importance>;
  /** the 2-D matrix cell, when both the composite and the importance exist */
  matrix?: MatrixCell;
}

export interface RiskTableOptions extends Partial<Omit<RiskOptions, "weights">> {
  weights?: Partial<RiskOptions["weights"]>;
  /** restrict stage-dependent measures to one stage */
  stage?: string;
  /** per-mineral EU SR parameters, e.g. { gallium: { eolRir: 0 } } */
  params?: Record<string, { eolRir?: number; siSr?: number }>;
  /**
   * analyst assumptions (assumptions/public-estimates.yaml, loaded by the CLI): a `net_import_reliance`
   * entry fills the NIR of a mineral USGS publishes none for, a `consumption` or `price` entry the
   * importance's, each marked assumed; undefined: public data only
   */
  assumptions?: AssumptionSet;
}

const component = (m: Measure, scale = 1): { value: number } | { reason: string } => (m.ok ? { value: m.value / scale } : { reason: m.reason });

/** All measures of one mineral. Pure: the same inputs give the same result. */
export function assessMineral(
  m: Mineral,
  countries: ReturnType<typeof countryIndex>,
  opts: RiskOptions,
  stage?: string,
  params?: { eolRir?: number; siSr?: number },
  assumptions?: AssumptionSet,
  dataset?: Dataset,
): MineralRisk {
  const c = concentration(m, stage);
  const hw = hhiWgiGlobal(m, countries, opts, stage);
  const hhiWgi = hw.best;
  const nir = importRelianceOf(m, opts, assumptions);
  const geopolrisk = geoPolRiskOf(m, countries, opts, stage, { hhi: c.best });
  const euSr = euSupplyRiskOf(m, countries, opts, stage, params, { hhiWgi: hw, nir });
  const components: Components = {
    hhi: component(c.best),
    hhiWgi: component(hhiWgi, 10),
    nir: nir.ok ? { value: nir.ir, range: nir.irRange } : { reason: nir.reason },
    geopolrisk: component(geopolrisk),
  };
  const comp = composite(components, opts.weights, opts.minCoverage);
  if (nir.ok && nir.assumed) {
    const at = `${nir.assumed.at.file}:${nir.assumed.at.row}`;
    const x = comp.inputs.find((i) => i.name === "x_nir");
    if (x) x.note = `${x.note}; assumed NIR (${at})`;
    if (comp.ok) comp.caveats.push(`x_nir is an assumed NIR, ${nir.value} % (range ${nir.range[0]}–${nir.range[1]} %, ${at}): USGS publishes none`);
  }
  if (euSr.ok && nir.ok && nir.assumed)
    euSr.caveats.push(`IR is an assumed NIR, ${nir.value} % (${nir.assumed.at.file}:${nir.assumed.at.row}): USGS publishes none`);
  const imp = importanceOf(m, { baseline: opts.baseline, assumptions, dataset });
  const matrix = comp.ok && imp.ok ? matrixCell(comp.value, imp.value, opts) : undefined;
  const standIns = [
    ...new Set(
      [...m.production, ...m.importSources, ...m.salient.filter((f) => f.measure === "net-import-reliance")].flatMap((f) => {
        const x = /inherited from .*?\(([a-z0-9-]+)\):/.exec(f.note ?? "");
        const what = m.production.includes(f as never) ? "production shares" : m.importSources.includes(f as never) ? "import shares" : "NIR";
        return x ? [`${what} of ${x[1]}`] : [];
      }),
    ),
  ];
  return { id: m.id, name: m.name, standIns, hhi: c.best, hhiByStage: c.all, hhiWgi, euSr, nir, geopolrisk, composite: comp, importance: imp, matrix };
}

/** Every stage that has production data for some mineral. */
export function allStages(d: Pick<Dataset, "minerals">): string[] {
  return [...new Set(d.minerals.flatMap(stagesOf))].sort();
}

/** The full risk table: every measure for every mineral. Throws bad-input for an unknown stage. */
export function riskTable(
  d: Dataset,
  options: RiskTableOptions = {},
  only?: string,
): { options: RiskOptions; stage?: string; baseline: { rule: string; description: string }; minerals: MineralRisk[] } {
  const { stage, params, assumptions, ...rest } = options;
  const opts = resolveRiskOptions(rest);
  checkBaseline(d, opts.baseline, { field: "--baseline" });
  if (stage !== undefined) {
    const stages = allStages(d);
    if (!stages.includes(stage))
      throw new LodestoneError("bad-input", { field: "--stage", message: `unknown stage ${JSON.stringify(stage)}`, expected: stages.join(" | ") });
  }
  const countries = countryIndex(d);
  // `only`: one mineral, still assessed against the whole dataset (rare earths' importance takes out the parts modelled on their own)
  const minerals = only === undefined ? d.minerals : d.minerals.filter((m) => m.id === only);
  return {
    options: opts,
    stage,
    baseline: { rule: baselineLabel(opts.baseline), description: describeBaseline(opts.baseline) },
    minerals: minerals.map((m) => assessMineral(m, countries, opts, stage, params?.[m.id], assumptions, d)),
  };
}

/** The measure a method ranks by. */
export function measureOf(r: MineralRisk, method: Method): Measure {
  switch (method) {
    case "hhi":
      return r.hhi;
    case "hhi-wgi":
      return r.hhiWgi;
    case "eu-sr":
      return r.euSr;
    case "nir":
      return r.nir;
    case "geopolrisk":
      return r.geopolrisk;
    case "composite":
      return r.composite;
  }
}

/** Minerals ranked by a method, highest first; those that cannot be computed last, by id. */
export function rank(minerals: readonly MineralRisk[], method: Method): MineralRisk[] {
  const v = (r: MineralRisk) => {
    const m = measureOf(r, method);
    return m.ok ? m.value : -Infinity;
  };
  return [...minerals].sort((a, b) => v(b) - v(a) || a.id.localeCompare(b.id));
}

const val = (m: Measure, digits = 4) => (m.ok ? Math.round(m.value * 10 ** digits) / 10 ** digits : null);
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The interval a measure may lie in when an input is a bound (a NIR such as ">95" or "<50"):
 * NIR in percent, EU SR and the composite at both ends. Undefined where the measure is a point.
 */
export function rangeOf(r: MineralRisk, method: Method): [number, number] | undefined {
  const m = measureOf(r, method);
  if (!m.ok) return undefined;
  const range = method === "nir" ? (m as Extract<MineralRisk["nir"], { ok: true }>).range : "range" in m ? (m.range as [number, number]) : undefined;
  return range && range[1] > range[0] ? range : undefined;
}

/** "30–50" for an interval, the rounded point otherwise; null when not computed. */
function shown(r: MineralRisk, method: Method, digits: number): string | number | null {
  const m = measureOf(r, method);
  if (!m.ok) return null;
  const range = rangeOf(r, method);
  return range ? `${range[0].toFixed(digits)}–${range[1].toFixed(digits)}` : round(m.value, digits);
}

/** Where the EU SR's EOL_RIR and SI_SR came from: "EU 2023", "default" or "user", one word when both agree. */
function euParams(r: MineralRisk): string | null {
  if (!r.euSr.ok) return null;
  const { eolRir, siSr } = r.euSr.params;
  return eolRir === siSr ? eolRir : `EOL_RIR ${eolRir}, SI_SR ${siSr}`;
}

/** The composite's coverage (percent of the weight) and, when partial, the note that says what is missing. */
function partial(r: MineralRisk): string {
  if (!r.composite.ok || r.composite.coverage >= 1) return "";
  return `composite from ${round(r.composite.coverage * 100, 1)} % of the weight: no ${r.composite.missing.map((x) => x.component).join(", ")}`;
}

/** One flat row per mineral for table and CSV output (nulls print as "—", never 0). */
export function riskRow(r: MineralRisk, method: Method, rankNo: number | null): Record<string, string | number | null> {
  const m = measureOf(r, method);
  const nir = r.nir.ok ? (r.nir.netExporter ? "E" : r.nir.value) : null;
  const range = rangeOf(r, method);
  const ends = (method: Method, digits: number) => {
    const mm = measureOf(r, method);
    const rr = rangeOf(r, method);
    return mm.ok ? (rr ?? [mm.value, mm.value]).map((x) => round(x, digits)) : [null, null];
  };
  const [nirLow, nirHigh] = ends("nir", 2);
  const [euSrLow, euSrHigh] = ends("eu-sr", 3);
  const [compositeLow, compositeHigh] = ends("composite", 3);
  // ranked by EU SR, the note says where EOL_RIR and SI_SR came from (EU 2023 or default), then other defaults
  const p = method === "eu-sr" && r.euSr.ok ? r.euSr.params : undefined;
  const params = p ? (p.eolRir === p.siSr ? `EOL_RIR and SI_SR: ${p.eolRir}` : `EOL_RIR: ${p.eolRir}, SI_SR: ${p.siSr}`) : "";
  const others = m.ok ? m.defaulted.filter((x) => !params || !/^(EOL_RIR|SI_SR) =/.test(x)).length : 0;
  const why = m.ok ? [params, others ? `defaulted: ${others}` : ""].filter(Boolean).join("; ") : m.reason;
  return {
    rank: rankNo,
    id: r.id,
    value: val(m),
    valueLow: m.ok ? round(range?.[0] ?? m.value, 4) : null,
    valueHigh: m.ok ? round(range?.[1] ?? m.value, 4) : null,
    stage: r.hhi.ok ? r.hhi.stage : null,
    hhi: r.hhi.ok ? Math.round(r.hhi.hhi10000) : null,
    band: r.hhi.ok ? r.hhi.band : null,
    top1: r.hhi.ok ? `${r.hhi.top1Id} ${Math.round(r.hhi.top1 * 100)}%` : null,
    top3: r.hhi.ok ? Math.round(r.hhi.top3 * 1000) / 10 : null,
    hhiWgi: val(r.hhiWgi, 3),
    euSr: shown(r, "eu-sr", r.euSr.ok && r.euSr.range[1] > r.euSr.range[0] ? 2 : 3),
    euSrLow,
    euSrHigh,
    euSrStage: r.euSr.ok ? r.euSr.stage : null,
    euParams: euParams(r),
    nir: r.nir.ok && r.nir.bound ? `${nirLow}–${nirHigh}` : nir,
    nirPublished: r.nir.ok && !r.nir.assumed ? r.nir.raw : null,
    nirLow,
    nirHigh,
    nirTrend: r.nir.ok && r.nir.trend ? `${r.nir.trend.direction} ${Math.round(r.nir.trend.slope * 10) / 10}` : null,
    geopolrisk: val(r.geopolrisk, 4),
    composite: shown(r, "composite", r.composite.ok && r.composite.range[1] > r.composite.range[0] ? 2 : 3),
    compositeLow,
    compositeHigh,
    coverage: r.composite.ok ? round(r.composite.coverage * 100, 1) : null,
    importanceUsd: r.importance.ok ? Math.round(r.importance.value) : null,
    importanceBaseline: r.importance.ok ? `${r.importance.baseline.rule}: ${r.importance.baseline.label}` : null,
    matrix: r.matrix?.cell ?? null,
    note: [why, method !== "composite" || !m.ok ? "" : partial(r), r.standIns.length ? `stand-in: ${r.standIns.join(", ")} (USGS gives none of its own)` : ""]
      .filter(Boolean)
      .join("; "),
  };
}

export const RISK_COLUMNS: readonly { key: string; label?: string; align?: "left" | "right" }[] = [
  { key: "rank" },
  { key: "id", align: "left" },
  { key: "value" },
  { key: "valueLow", label: "value_low" },
  { key: "valueHigh", label: "value_high" },
  { key: "stage", align: "left" },
  { key: "hhi", label: "HHI" },
  { key: "band", align: "left" },
  { key: "top1", align: "left" },
  { key: "top3", label: "top3%" },
  { key: "hhiWgi", label: "HHI_WGI" },
  { key: "euSr", label: "EU_SR", align: "right" },
  { key: "euSrLow", label: "EU_SR_low" },
  { key: "euSrHigh", label: "EU_SR_high" },
  { key: "euSrStage", label: "EU_SR stage", align: "left" },
  { key: "euParams", label: "EU params", align: "left" },
  { key: "nir", label: "NIR%", align: "right" },
  { key: "nirPublished", label: "NIR published", align: "right" },
  { key: "nirLow", label: "NIR_low" },
  { key: "nirHigh", label: "NIR_high" },
  { key: "nirTrend", label: "NIR trend", align: "left" },
  { key: "geopolrisk", label: "GeoPolRisk" },
  { key: "composite", align: "right" },
  { key: "compositeLow", label: "composite_low" },
  { key: "compositeHigh", label: "composite_high" },
  { key: "coverage", label: "cov%" },
  { key: "importanceUsd", label: "importance USD/yr" },
  { key: "importanceBaseline", label: "importance baseline", align: "left" },
  { key: "matrix", align: "left" },
  { key: "note", align: "left" },
];
