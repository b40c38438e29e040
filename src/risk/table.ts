import { stagesOf } from "../data/select.js";
import type { Dataset, Mineral } from "../data/types.js";
import { LodestoneError } from "../errors.js";
import { type Concentration, concentration, type StageMeasure } from "./concentration.js";
import { type Components, type Composite, composite, type Importance, importanceOf, type MatrixCell, matrixCell } from "./criticality.js";
import { type RiskOptions, resolveRiskOptions } from "./defaults.js";
import { type EuSrInput, euSupplyRiskOf } from "./eu-supply-risk.js";
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
  /** HHI at the bottleneck stage (or the requested stage) */
  hhi: StageMeasure<Concentration>;
  /** HHI of every stage with data */
  hhiByStage: StageMeasure<Concentration>[];
  hhiWgi: StageMeasure<{ hhi: number }>;
  euSr: Measure<EuSrInput & { stage: string }>;
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
}

const component = (m: Measure, scale = 1): { value: number } | { reason: string } => (m.ok ? { value: m.value / scale } : { reason: m.reason });

/** All measures of one mineral. Pure: the same inputs give the same result. */
export function assessMineral(
  m: Mineral,
  countries: ReturnType<typeof countryIndex>,
  opts: RiskOptions,
  stage?: string,
  params?: { eolRir?: number; siSr?: number },
): MineralRisk {
  const c = concentration(m, stage);
  const hhiWgi = hhiWgiGlobal(m, countries, opts, stage).best;
  const nir = importRelianceOf(m, opts);
  const geopolrisk = geoPolRiskOf(m, countries, opts, stage, { hhi: c.best });
  const euSr = euSupplyRiskOf(m, countries, opts, stage, params, { hhiWgi, nir });
  const components: Components = {
    hhi: component(c.best),
    hhiWgi: component(hhiWgi, 10),
    nir: nir.ok ? { value: nir.ir } : { reason: nir.reason },
    geopolrisk: component(geopolrisk),
  };
  const comp = composite(components, opts.weights, opts.minCoverage);
  const imp = importanceOf(m);
  const matrix = comp.ok && imp.ok ? matrixCell(comp.value, imp.value, opts) : undefined;
  return { id: m.id, name: m.name, hhi: c.best, hhiByStage: c.all, hhiWgi, euSr, nir, geopolrisk, composite: comp, importance: imp, matrix };
}

/** Every stage that has production data for some mineral. */
export function allStages(d: Pick<Dataset, "minerals">): string[] {
  return [...new Set(d.minerals.flatMap(stagesOf))].sort();
}

/** The full risk table: every measure for every mineral. Throws bad-input for an unknown stage. */
export function riskTable(d: Dataset, options: RiskTableOptions = {}): { options: RiskOptions; stage?: string; minerals: MineralRisk[] } {
  const { stage, params, ...rest } = options;
  const opts = resolveRiskOptions(rest);
  if (stage !== undefined) {
    const stages = allStages(d);
    if (!stages.includes(stage))
      throw new LodestoneError("bad-input", { field: "--stage", message: `unknown stage ${JSON.stringify(stage)}`, expected: stages.join(" | ") });
  }
  const countries = countryIndex(d);
  return { options: opts, stage, minerals: d.minerals.map((m) => assessMineral(m, countries, opts, stage, params?.[m.id])) };
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

/** One flat row per mineral for table and CSV output (nulls print as "—", never 0). */
export function riskRow(r: MineralRisk, method: Method, rankNo: number | null): Record<string, string | number | null> {
  const m = measureOf(r, method);
  const nir = r.nir.ok ? (r.nir.netExporter ? "E" : r.nir.bound ? `${r.nir.bound}${r.nir.value}` : r.nir.value) : null;
  return {
    rank: rankNo,
    id: r.id,
    value: val(m),
    stage: r.hhi.ok ? r.hhi.stage : null,
    hhi: r.hhi.ok ? Math.round(r.hhi.hhi10000) : null,
    band: r.hhi.ok ? r.hhi.band : null,
    top1: r.hhi.ok ? `${r.hhi.top1Id} ${Math.round(r.hhi.top1 * 100)}%` : null,
    top3: r.hhi.ok ? Math.round(r.hhi.top3 * 1000) / 10 : null,
    hhiWgi: val(r.hhiWgi, 3),
    euSr: val(r.euSr, 3),
    nir,
    nirTrend: r.nir.ok && r.nir.trend ? `${r.nir.trend.direction} ${Math.round(r.nir.trend.slope * 10) / 10}` : null,
    geopolrisk: val(r.geopolrisk, 4),
    composite: val(r.composite, 3),
    importanceUsd: r.importance.ok ? Math.round(r.importance.value) : null,
    matrix: r.matrix?.cell ?? null,
    note: m.ok ? (m.defaulted.length ? `defaulted: ${m.defaulted.length}` : "") : m.reason,
  };
}

export const RISK_COLUMNS: readonly { key: string; label?: string; align?: "left" | "right" }[] = [
  { key: "rank" },
  { key: "id", align: "left" },
  { key: "value" },
  { key: "stage", align: "left" },
  { key: "hhi", label: "HHI" },
  { key: "band", align: "left" },
  { key: "top1", align: "left" },
  { key: "top3", label: "top3%" },
  { key: "hhiWgi", label: "HHI_WGI" },
  { key: "euSr", label: "EU_SR" },
  { key: "nir", label: "NIR%", align: "right" },
  { key: "nirTrend", label: "NIR trend", align: "left" },
  { key: "geopolrisk", label: "GeoPolRisk" },
  { key: "composite" },
  { key: "matrix", align: "left" },
  { key: "note", align: "left" },
];
