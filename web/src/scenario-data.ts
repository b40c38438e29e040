/** The Scenario page's data: the JSON of a run (POST /simulations), the rows the page shows and the series its charts and tables read. */
import type { AssumedMark } from "./assumed.js";

/** One scenario of GET /scenarios. */
export interface ScenarioListing {
  id: string;
  name: string;
  horizon: number;
}
/** A Monte Carlo series: the 10th, 50th and 90th percentiles, month by month. */
export interface Quantiles {
  p10: number[];
  p50: number[];
  p90: number[];
}
/** A deterministic run's price: USD/t where P0 is known (else null, with the reason), always the multiple of P0. */
export interface DetPrice {
  unit: string;
  monthly: number[] | null;
  multiple: number[];
  reason?: string;
}
/** A Monte Carlo run's price: as DetPrice, each series as quantiles. */
export interface McPrice {
  unit: string;
  monthly: Quantiles | null;
  multiple: Quantiles;
  reason?: string;
}
/** One mineral of a deterministic run. */
export interface DetMineral {
  id: string;
  name: string;
  /** d0, r and price carry `assumed` where an analyst assumed the input */
  inputs: {
    stock1?: { value?: number };
    price?: { value: number | null; assumed?: AssumedMark };
    d0?: { assumed?: AssumedMark };
    r?: { assumed?: AssumedMark };
  };
  shortfall: number[];
  stock: number[];
  price?: DetPrice;
  sectorShortfall: { name: string; total: number; monthly: number[] }[];
  notes?: string[];
  metrics: {
    totalShortfall: number;
    daysOfCover: number | null;
    lossUsd: number | null;
    peakShortfallShare: number | null;
    peakPriceMultiple?: number | null;
  };
}
/** One mineral of a Monte Carlo run. */
export interface McMineral {
  id: string;
  name: string;
  inputs?: { price?: { assumed?: AssumedMark }; d0?: { assumed?: AssumedMark }; r?: { assumed?: AssumedMark } };
  priceUsdPerTon?: number | null;
  shortfall: Quantiles;
  stock: Quantiles;
  price?: McPrice;
  peakPriceMultiple?: { p50: number } | null;
  totalShortfall: { mean: number; p10: number; p50: number; p90: number };
  lossUsd?: { p50: number } | null;
  probAnyShortfall: number;
}
/** A run's report: the scenario, its minerals, the ones left out and the notes. */
export interface SimJson<M> {
  scenario: { name: string; description?: string; cites?: string[] };
  runs?: number;
  minerals?: M[];
  excluded?: { id: string; name: string; reason: string }[];
  notes?: string[];
}
/** A deterministic run's report. */
export type DetJson = SimJson<DetMineral>;
/** A Monte Carlo run's report. */
export type McJson = SimJson<McMineral>;

/** What the page shows: one deterministic run, or a Monte Carlo run with the deterministic run of the same scenario (or why it failed). */
export type Shown = { kind: "det"; det: DetJson } | { kind: "mc"; mc: McJson; det?: DetJson; detError?: Error };

/** A mineral's row of the union of both kinds of run, for the charts and tables. */
export interface Row {
  id: string;
  name: string;
  /** what sorts the minerals, worst first: the total shortfall (P50 for a Monte Carlo), t */
  worst: number;
  shortfall: number[] | Quantiles;
  stock: number[] | Quantiles;
  price?: DetPrice | McPrice;
  /** the pre-crisis price P0, USD/t (null: unknown) */
  p0: number | null;
}

/** The rows of the run shown, worst first (then by id). */
export const rowsOf = (s: Shown): Row[] =>
  (s.kind === "mc"
    ? (s.mc.minerals ?? []).map((m) => ({
        id: m.id,
        name: m.name,
        worst: m.totalShortfall.p50,
        shortfall: m.shortfall,
        stock: m.stock,
        price: m.price,
        p0: m.priceUsdPerTon ?? null,
      }))
    : (s.det.minerals ?? []).map((m) => ({
        id: m.id,
        name: m.name,
        worst: m.metrics.totalShortfall,
        shortfall: m.shortfall,
        stock: m.stock,
        price: m.price,
        p0: m.inputs.price?.value ?? null,
      }))
  ).sort((a, b) => b.worst - a.worst || a.id.localeCompare(b.id));

/** One month of one mineral's series: the P10–P90 band and the median for a Monte Carlo, the single path (p50) otherwise. */
export type Point = { mineral: string; month: number; p10?: number; p50: number; p90?: number; x?: number };

/** A series (a path or quantiles) as one point a month, months counted from 1. */
export const points = (id: string, s: number[] | Quantiles): Point[] =>
  Array.isArray(s)
    ? s.map((v, i) => ({ mineral: id, month: i + 1, p50: v }))
    : s.p50.map((p50, i) => ({ mineral: id, month: i + 1, p10: s.p10[i], p50, p90: s.p90[i] }));

/** A multiple of P0 as "×1.23" (one decimal from ×10), "—" when missing. */
export const fmtMultiple = (v: number | undefined) => (v == null || !Number.isFinite(v) ? "—" : `×${v.toFixed(v < 10 ? 2 : 1)}`);
