import type { ExcludedMineral } from "../scenario/compile.js";
import type { Exposure } from "../scenario/inputs.js";
import type { MonteCarloResult } from "./montecarlo.js";
import type { MineralRun, SimulationResult } from "./simulate.js";

/** Row and column shapes of src/report/format.ts, restated here so simulate/ does not import report/ (report sits above it). */
type Row = Record<string, string | number | boolean | null | undefined>;
interface Column {
  key: string;
  label?: string;
  digits?: number;
}

/*
 * Results → the JSON audit record and the rows of the table/CSV views. The audit record holds
 * every input with its source and every monthly series, so each number can be recomputed.
 */

const arr = (a: Float64Array) => Array.from(a);

export const SEMANTICS = [
  "d0 = latest US apparent consumption / 12 (t/month); r = latest US net import reliance / 100 (E → 0; a bound uses its bound)",
  "disrupted_t = φ_t = min(1, Σ_c e_c · v_c,t), v_c,t the largest severity of the restrictions active on (c, mineral, t)",
  "domestic = d0·(1−r); imports_t = d0·r·(1−φ_t); supply_t = domestic + imports_t + new_supply_t",
  "demand_t = d0 · Σ_k σ_k · F_k,t (F = product of active surge factors of sector k)",
  "gap_t = max(0, demand_t − supply_t); release_t = min(stock_t, gap_t); shortfall_t = gap_t − release_t; stock_t+1 = stock_t − release_t (stock = end of month)",
  "days_of_cover = stock1 / (d0·r) · 30.4375",
];

function exposureJson(e: Exposure) {
  return {
    basis: e.basis, stage: e.stage, form: e.form, year: e.year, period: e.period, shares: e.shares,
    // countries in the series without a figure: share unknown (not 0)
    unknown: e.unknown, ...(e.fallback ? { fallback: e.fallback } : {}),
    source: { countries: e.sources, total: e.total }, note: e.note,
  };
}

function mineralJson(m: MineralRun) {
  const { d0, r, price } = m.inputs;
  return {
    id: m.id,
    name: m.name,
    inputs: {
      d0: { value: m.d0, unit: "t/month", annual: d0.annual, year: d0.year, detail: d0.detail, raw: d0.raw, published_unit: d0.unit, source: d0.source, note: d0.note },
      r: { value: m.r, year: r.year, detail: r.detail, raw: r.raw, source: r.source, note: r.note },
      exposure: m.exposures[0] ? exposureJson(m.exposures[0]) : { shares: {}, note: "no restriction applies to this mineral" },
      ...(m.exposures.length > 1 ? { exposures_by_stage: m.exposures.map(exposureJson) } : {}),
      price: price.value === null ? { value: null, reason: price.reason } : { value: price.value, unit: "USD/t", year: price.year, detail: price.detail, raw: price.raw, published_unit: price.unit, source: price.source },
      stock1: { value: m.stock1, unit: "t", source: m.stockSource },
      sectors: { value: m.sectors.map((s) => ({ name: s.name, share: s.share, priority: s.priority })), source: m.sectorsSource },
    },
    metrics: { ...m.metrics, lowerBound: m.lowerBound ?? null },
    domestic: m.domestic,
    demand: arr(m.demand),
    supply: arr(m.supply),
    imports: arr(m.imports),
    new_supply: arr(m.newSupply),
    disrupted: arr(m.disrupted),
    release: arr(m.release),
    shortfall: arr(m.shortfall),
    stock: arr(m.stock),
    sector_shortfall: m.sectors.map((s) => ({ name: s.name, total: s.totalShortfall, monthly: arr(s.shortfall) })),
    notes: m.notes,
  };
}

/** Excluded minerals for the JSON: those whose shortfall is unknown carry d0, r and `shortfall: null`. */
function excludedJson(x: ExcludedMineral) {
  return x.unknownShortfall ? { id: x.id, name: x.name, reason: x.reason, d0: x.unknownShortfall.d0, r: x.unknownShortfall.r, shortfall: null } : { id: x.id, name: x.name, reason: x.reason };
}

/** The JSON audit record of one run. */
export function simulationAudit(r: SimulationResult) {
  return { scenario: r.scenario, run: r.run, semantics: SEMANTICS, params: r.params, minerals: r.minerals.map(mineralJson), excluded: r.excluded.map(excludedJson), notes: r.notes };
}

/** The note column: why a row's shortfall is unknown or only a lower bound. */
const UNKNOWN_NOTE = "shortfall unknown: no exposure shares (see notes)";
const BOUND_NOTE = "lower bound: a restricted producer's figure is unpublished (see notes)";

/** Table rows for minerals whose shortfall is unknown: inputs shown, every shortfall figure null. */
function unknownRows(excluded: readonly ExcludedMineral[], keys: readonly string[]): Row[] {
  return excluded.flatMap((x) => (x.unknownShortfall ? [{ ...Object.fromEntries(keys.map((k) => [k, null])), mineral: x.id, d0: x.unknownShortfall.d0, r: x.unknownShortfall.r, note: UNKNOWN_NOTE }] : []));
}

const byMineral = (a: Row, b: Row) => String(a.mineral).localeCompare(String(b.mineral));

export const SIMULATION_COLUMNS: Column[] = [
  { key: "mineral" },
  { key: "d0", label: "d0 t/mo" },
  { key: "r", digits: 2 },
  { key: "stock1", label: "stock1 t" },
  { key: "cover", label: "cover days", digits: 0 },
  { key: "shortfall", label: "shortfall t" },
  { key: "value", label: "value USD", digits: 0 },
  { key: "peak", label: "peak % dem", digits: 1 },
  { key: "first", label: "first short" },
  { key: "stockout", label: "stock out" },
  { key: "worst_sector", label: "most short sector" },
  { key: "note" },
];

export function simulationRows(r: SimulationResult): Row[] {
  const rows = r.minerals.map((m): Row => {
    const worst = [...m.sectors].sort((a, b) => b.totalShortfall - a.totalShortfall)[0];
    return {
      mineral: m.id, d0: m.d0, r: m.r, stock1: m.stock1, cover: m.metrics.daysOfCover,
      shortfall: m.metrics.totalShortfall, value: m.metrics.shortfallValue, peak: m.metrics.peakShortfallShare * 100,
      first: m.metrics.firstShortMonth, stockout: m.metrics.stockOutMonth,
      worst_sector: worst && worst.totalShortfall > 0 ? (m.sectors.length > 1 ? `${worst.name} (${worst.totalShortfall.toPrecision(3)} t)` : worst.name) : null,
      note: m.lowerBound ? BOUND_NOTE : null,
    };
  });
  return [...rows, ...unknownRows(r.excluded, SIMULATION_COLUMNS.map((c) => c.key))].sort(byMineral);
}

export const MONTHLY_COLUMNS: Column[] = ["mineral", "month", "demand", "supply", "imports", "new_supply", "release", "shortfall", "stock"].map((key) => ({ key }));

export function simulationMonthlyRows(r: SimulationResult): Row[] {
  return r.minerals.flatMap((m) =>
    Array.from(m.demand, (_, t) => ({ mineral: m.id, month: t + 1, demand: m.demand[t], supply: m.supply[t], imports: m.imports[t], new_supply: m.newSupply[t], release: m.release[t], shortfall: m.shortfall[t], stock: m.stock[t] })),
  );
}

const bandsJson = (b: { p10: Float64Array; p50: Float64Array; p90: Float64Array }) => ({ p10: arr(b.p10), p50: arr(b.p50), p90: arr(b.p90) });

/** The JSON record of a Monte Carlo. */
export function monteCarloAudit(r: MonteCarloResult) {
  return {
    scenario: r.scenario, runs: r.runs, seed: r.seed,
    method: "every distribution and probability drawn per run from (seed, run); quantiles by linear interpolation between order statistics (type 7)",
    minerals: r.minerals.map((m) => ({ id: m.id, name: m.name, inputs: { d0: m.inputs.d0, r: m.inputs.r, price: m.inputs.price, stock1: m.stock1 ?? { value: 0, source: "none given" } }, price: m.price, lower_bound: m.lowerBound ?? null, prob_any_shortfall: m.probAnyShortfall, total_shortfall: m.totalShortfall, shortfall_value: m.shortfallValue, shortfall: bandsJson(m.shortfall), stock: bandsJson(m.stock) })),
    total: { prob_any_shortfall: r.total.probAnyShortfall, shortfall_value: r.total.value, minerals_without_price: r.total.unpriced },
    excluded: r.excluded.map(excludedJson), notes: r.notes,
  };
}

export const MONTE_CARLO_COLUMNS: Column[] = [
  { key: "mineral" },
  { key: "p_short", label: "P(short) %", digits: 1 },
  { key: "p10", label: "short P10 t" },
  { key: "p50", label: "short P50 t" },
  { key: "p90", label: "short P90 t" },
  { key: "v50", label: "value P50 USD", digits: 0 },
  { key: "v90", label: "value P90 USD", digits: 0 },
  { key: "stock_end", label: "end stock P50 t" },
  { key: "note" },
];

export function monteCarloRows(r: MonteCarloResult): Row[] {
  const H = r.scenario.horizon;
  const rows = r.minerals.map((m): Row => ({
    mineral: m.id, p_short: m.probAnyShortfall * 100, p10: m.totalShortfall.p10, p50: m.totalShortfall.p50, p90: m.totalShortfall.p90,
    v50: m.shortfallValue?.p50 ?? null, v90: m.shortfallValue?.p90 ?? null, stock_end: m.stock.p50[H - 1], note: m.lowerBound ? BOUND_NOTE : null,
  }));
  return [...rows, ...unknownRows(r.excluded, MONTE_CARLO_COLUMNS.map((c) => c.key)).map(({ d0: _d0, r: _r, ...row }) => row)].sort(byMineral);
}

export const MONTE_CARLO_MONTHLY_COLUMNS: Column[] = ["mineral", "month", "shortfall_p10", "shortfall_p50", "shortfall_p90", "stock_p10", "stock_p50", "stock_p90"].map((key) => ({ key }));

export function monteCarloMonthlyRows(r: MonteCarloResult): Row[] {
  return r.minerals.flatMap((m) =>
    Array.from(m.shortfall.p50, (_, t) => ({ mineral: m.id, month: t + 1, shortfall_p10: m.shortfall.p10[t], shortfall_p50: m.shortfall.p50[t], shortfall_p90: m.shortfall.p90[t], stock_p10: m.stock.p10[t], stock_p50: m.stock.p50[t], stock_p90: m.stock.p90[t] })),
  );
}
