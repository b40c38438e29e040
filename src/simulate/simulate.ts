import type { CompiledScenario, CompiledSector } from "../scenario/compile.js";
import { SCENARIO_DEFAULTS } from "../scenario/defaults.js";
import { type Draw, deterministicDraw } from "../scenario/draw.js";
import type { Exposure, MineralInputs } from "../scenario/inputs.js";
import { balance, createWorkspace, mineralPaths, sectorShortfall } from "./kernel.js";

/** The optimiser's view of one run: demand and supply paths (supply = everything except stock release). */
export interface ScenarioPaths {
  horizon: number;
  minerals: Array<{ id: string; price: number | null; d0: number; r: number; stock1: number; demand: Float64Array; supply: Float64Array }>;
}

/** Demand and supply of every mineral for one run: the deterministic one (draw undefined) or a Monte Carlo draw. */
export function scenarioPaths(c: CompiledScenario, draw?: Draw): ScenarioPaths {
  const H = c.horizon;
  const v = (draw ?? deterministicDraw(c)).values;
  const ws = createWorkspace(H);
  const D = new Float64Array(c.minerals.length * H);
  const S = new Float64Array(c.minerals.length * H);
  const minerals = c.minerals.map((m, i) => {
    const demand = D.subarray(i * H, (i + 1) * H);
    const supply = S.subarray(i * H, (i + 1) * H);
    const stock1 = mineralPaths(c, i, v, demand, supply, ws);
    return { id: m.id, price: m.price, d0: m.d0, r: m.r, stock1, demand, supply };
  });
  return { horizon: H, minerals };
}

export interface MineralMetrics {
  /** Σ_t shortfall_t, tons */
  totalShortfall: number;
  /** total shortfall × price, USD; null without a price */
  shortfallValue: number | null;
  /** max_t shortfall_t / demand_t */
  peakShortfallShare: number;
  /** first month with a shortfall, or null */
  firstShortMonth: number | null;
  /** month in which the stock reaches 0 (stock_1 > 0), or null if it lasts */
  stockOutMonth: number | null;
  /** stock_1 / (d0·r) × 30.4375; null when imports are 0 */
  daysOfCover: number | null;
  /**
   * Set when r is published as a bound (">50"): the deterministic run repeated for this mineral
   * alone at each end of the interval the bound allows; the point metrics above use the bound.
   */
  rangeIfR?: { r: [number, number]; totalShortfall: [number, number]; shortfallValue: [number | null, number | null] };
}

export interface SectorRun extends CompiledSector {
  shortfall: Float64Array;
  totalShortfall: number;
}

export interface MineralRun {
  id: string;
  name: string;
  price: number | null;
  d0: number;
  r: number;
  stock1: number;
  inputs: MineralInputs;
  exposures: Exposure[];
  stockSource: string;
  sectors: SectorRun[];
  sectorsSource: string;
  /** set when the shortfall is a lower bound (a restricted country's share is unpublished): why */
  lowerBound?: string;
  notes: string[];
  domestic: number;
  imports: Float64Array;
  newSupply: Float64Array;
  disrupted: Float64Array;
  demand: Float64Array;
  supply: Float64Array;
  release: Float64Array;
  shortfall: Float64Array;
  stock: Float64Array;
  metrics: MineralMetrics;
}

export interface SimulationResult {
  scenario: { name: string; file: string; description?: string; cites: string[]; horizon: number; exposure: "world" | "imports" };
  run: { kind: "deterministic" } | { kind: "draw"; seed?: number; run: number };
  /** the value each scenario param took in this run */
  params: { field: string; line?: number; value: number }[];
  minerals: MineralRun[];
  excluded: CompiledScenario["excluded"];
  notes: string[];
}

function metrics(r: Pick<MineralRun, "demand" | "shortfall" | "stock" | "stock1" | "price" | "d0" | "r">, total: number): MineralMetrics {
  let peak = 0;
  let first: number | null = null;
  let out: number | null = null;
  for (let t = 0; t < r.demand.length; t++) {
    if (r.shortfall[t] > 0) {
      first ??= t + 1;
      if (r.demand[t] > 0) peak = Math.max(peak, r.shortfall[t] / r.demand[t]);
    }
    if (out === null && r.stock1 > 0 && r.stock[t] <= 0) out = t + 1;
  }
  const imports = r.d0 * r.r;
  return {
    totalShortfall: total,
    shortfallValue: r.price === null ? null : total * r.price,
    peakShortfallShare: peak,
    firstShortMonth: first,
    stockOutMonth: out,
    daysOfCover: imports > 0 ? (r.stock1 / imports) * SCENARIO_DEFAULTS.daysPerMonth : null,
  };
}

/** Mineral i's total shortfall with its r set to each end of `range`, the rest of the scenario unchanged. */
function rangeIfR(
  c: CompiledScenario,
  i: number,
  values: Float64Array,
  range: [number, number],
  price: number | null,
): NonNullable<MineralMetrics["rangeIfR"]> {
  const H = c.horizon;
  const ws = createWorkspace(H);
  const total = range.map((r) => {
    const cr = { ...c, minerals: c.minerals.map((m, j) => (j === i ? { ...m, r } : m)) };
    const [demand, supply, release, shortfall, stock] = [0, 0, 0, 0, 0].map(() => new Float64Array(H));
    const stock1 = mineralPaths(cr, i, values, demand, supply, ws);
    return balance(demand, supply, stock1, release, shortfall, stock);
  }) as [number, number];
  return { r: range, totalShortfall: total, shortfallValue: total.map((t) => (price === null ? null : t * price)) as [number | null, number | null] };
}

/**
 * One run of the simulator (the monthly model in README "Scenarios and simulation"; equations in kernel.ts), with every intermediate series kept for
 * the audit record. Series live in Float64Array blocks laid out mineral × month; each mineral's
 * arrays are views into them.
 */
export function simulate(c: CompiledScenario, draw?: Draw): SimulationResult {
  const d = draw ?? deterministicDraw(c);
  const H = c.horizon;
  const M = c.minerals.length;
  const ws = createWorkspace(H);
  const block = () => new Float64Array(M * H);
  const [D, S, I, N, P, R, F, K] = [block(), block(), block(), block(), block(), block(), block(), block()];
  const view = (b: Float64Array, i: number) => b.subarray(i * H, (i + 1) * H);
  const minerals = c.minerals.map((m, i): MineralRun => {
    const sectorDemand = new Float64Array(m.sectors.length * H);
    const run = {
      demand: view(D, i),
      supply: view(S, i),
      imports: view(I, i),
      newSupply: view(N, i),
      disrupted: view(P, i),
      release: view(R, i),
      shortfall: view(F, i),
      stock: view(K, i),
    };
    const stock1 = mineralPaths(c, i, d.values, run.demand, run.supply, ws, {
      phi: run.disrupted,
      imports: run.imports,
      newSupply: run.newSupply,
      sectorDemand,
    });
    const total = balance(run.demand, run.supply, stock1, run.release, run.shortfall, run.stock);
    const perSector = new Float64Array(m.sectors.length * H);
    sectorShortfall(
      sectorDemand,
      m.sectors.map((s) => s.priority),
      run.shortfall,
      perSector,
    );
    const sectors = m.sectors.map((s, k) => {
      const shortfall = perSector.subarray(k * H, (k + 1) * H);
      return { ...s, shortfall, totalShortfall: shortfall.reduce((a, x) => a + x, 0) };
    });
    const given = m.stock
      ? `scenario: ${c.file}:${m.stock.line ?? "?"} (stock.${m.stock.from}, ${m.stock.unit === "days" ? "days of import cover × d0·r / 30.4375" : "tons"})`
      : "none given: 0";
    const stockSource = m.held ? `${given}, plus ${m.held} t held (see notes)` : given;
    const base = {
      id: m.id,
      name: m.name,
      price: m.price,
      d0: m.d0,
      r: m.r,
      stock1,
      inputs: m.inputs,
      exposures: m.exposures,
      stockSource,
      sectors,
      sectorsSource: m.sectorsSource,
      ...(m.lowerBound ? { lowerBound: m.lowerBound } : {}),
      notes: m.notes,
      domestic: m.d0 * (1 - m.r),
      ...run,
    };
    const range = !draw && m.inputs.r.range ? rangeIfR(c, i, d.values, m.inputs.r.range, m.price) : undefined;
    return { ...base, metrics: { ...metrics(base, total), ...(range ? { rangeIfR: range } : {}) } };
  });
  return {
    scenario: { name: c.name, file: c.file, description: c.description, cites: c.cites, horizon: H, exposure: c.exposure },
    run: draw ? { kind: "draw", seed: draw.seed, run: draw.run } : { kind: "deterministic" },
    params: c.params.map((p, i) => ({ field: p.field, ...(p.line ? { line: p.line } : {}), value: d.values[i] })),
    minerals,
    excluded: c.excluded,
    notes: c.notes,
  };
}
