import type { CompiledScenario } from "../scenario/compile.js";
import { SCENARIO_DEFAULTS } from "../scenario/defaults.js";
import { addRamp } from "../scenario/ramp.js";

/** Scratch arrays of one horizon, reused across minerals and runs (no per-month or per-run allocation). */
export interface Workspace {
  horizon: number;
  phi: Float64Array;
  vmax: Float64Array;
  factor: Float64Array;
}

export function createWorkspace(horizon: number): Workspace {
  return { horizon, phi: new Float64Array(horizon), vmax: new Float64Array(horizon), factor: new Float64Array(horizon) };
}

/** Optional outputs of `mineralPaths` for the audit record. */
export interface PathParts {
  /** φ_t, the disrupted fraction of imports (after min(1, ·)) */
  phi?: Float64Array;
  imports?: Float64Array;
  newSupply?: Float64Array;
  /** K × H, sector k's demand in month t at [k·H + t] */
  sectorDemand?: Float64Array;
}

/** Active months of an event, 0-based [a, b): months start … start+duration−1, clipped to 1..H. */
const from = (start: number) => (start < 1 ? 0 : start - 1);
const until = (start: number, duration: number, H: number) => Math.min(H, start - 1 + duration);

/**
 * Demand and supply of mineral `i` for one run with param values `v` (the model in README "Scenarios and simulation"):
 *   φ_t = min(1, Σ_c max_{restrictions on c active at t} e_c·severity)
 *   supply_t = d0·(1−r) + d0·r·(1−φ_t) + new_t,  new_t = Σ addRamp(tons/yr, online, ramp) × probability (or its 0/1 draw)
 *   demand_t = d0 · Σ_k σ_k · Π_{surges on k active at t} factor
 * (The max over restrictions on one country is taken on e_c·severity, which is e_c·max severity
 * whenever those restrictions share a stage: the README's φ_t = min(1, Σ_c e_c·v_c,t), v_c the largest active
 * severity on c.)
 * Returns stock_1 in tons (days of import cover × d0·r / 30.4375 when given in days).
 */
export function mineralPaths(
  c: CompiledScenario,
  i: number,
  v: Float64Array,
  demand: Float64Array,
  supply: Float64Array,
  ws: Workspace,
  parts?: PathParts,
  vo = 0,
): number {
  const m = c.minerals[i];
  const H = c.horizon;
  const { phi, vmax, factor } = ws;
  const d0 = m.d0;

  // disrupted fraction φ
  phi.fill(0);
  for (let ci = 0; ci < m.countries.length; ci++) {
    const terms = m.countries[ci].terms;
    if (terms.length === 1) {
      // one restriction on this country: its max is itself, added over its active months only
      const ev = c.restrictions[terms[0].event];
      const start = v[vo + ev.start];
      const x = terms[0].weight * v[vo + ev.severity];
      const b = until(start, v[vo + ev.duration], H);
      for (let t = from(start); t < b; t++) phi[t] += x;
      continue;
    }
    vmax.fill(0);
    for (let k = 0; k < terms.length; k++) {
      const ev = c.restrictions[terms[k].event];
      const start = v[vo + ev.start];
      const x = terms[k].weight * v[vo + ev.severity];
      const b = until(start, v[vo + ev.duration], H);
      for (let t = from(start); t < b; t++) if (vmax[t] < x) vmax[t] = x;
    }
    for (let t = 0; t < H; t++) phi[t] += vmax[t];
  }

  // supply: domestic + imports (+ new supply below)
  const dom = d0 * (1 - m.r);
  const base = d0 * m.r;
  for (let t = 0; t < H; t++) {
    const p = Math.min(phi[t], 1);
    phi[t] = p;
    supply[t] = dom + base * (1 - p);
  }
  if (parts?.phi) parts.phi.set(phi);
  if (parts?.imports) for (let t = 0; t < H; t++) parts.imports[t] = base * (1 - phi[t]);
  if (parts?.newSupply) parts.newSupply.fill(0);
  for (let k = 0; k < m.supplies.length; k++) {
    const s = c.supplies[m.supplies[k]];
    const args = [v[vo + s.tonsPerYear], v[vo + s.online], v[vo + s.ramp], v[vo + s.probability]] as const;
    addRamp(supply, ...args);
    if (parts?.newSupply) addRamp(parts.newSupply, ...args);
  }

  // demand by sector
  const K = m.sectors.length;
  if (K === 1 && m.surges.length === 0 && !parts?.sectorDemand) {
    demand.fill(d0 * m.sectors[0].share); // the common case: one sector, no surge
    return stock1(c, i, v, vo, base);
  }
  demand.fill(0);
  for (let k = 0; k < K; k++) {
    const dk = d0 * m.sectors[k].share;
    factor.fill(1);
    for (let j = 0; j < m.surges.length; j++) {
      const sg = m.surges[j];
      if (sg.sector !== -1 && sg.sector !== k) continue;
      const ev = c.surges[sg.event];
      const start = v[vo + ev.start];
      const f = v[vo + ev.factor];
      const b = until(start, v[vo + ev.duration], H);
      for (let t = from(start); t < b; t++) factor[t] *= f;
    }
    const sd = parts?.sectorDemand;
    for (let t = 0; t < H; t++) {
      const x = dk * factor[t];
      demand[t] += x;
      if (sd) sd[k * H + t] = x;
    }
  }

  return stock1(c, i, v, vo, base);
}

/** stock_1 in tons: as given, or days of import cover × d0·r / 30.4375; 0 when the scenario sets none. */
function stock1(c: CompiledScenario, i: number, v: Float64Array, vo: number, imports: number): number {
  const { stock: st, held = 0 } = c.minerals[i];
  if (!st) return held;
  const s1 = v[vo + st.param];
  return held + (st.unit === "tons" ? s1 : (s1 / SCENARIO_DEFAULTS.daysPerMonth) * imports);
}

/**
 * The monthly balance (README "Scenarios and simulation"):
 *   gap_t = max(0, demand_t − supply_t)   (a gap under gapTolerance·demand_t is rounding: 0)
 *   release_t = min(stock_t, gap_t);  shortfall_t = gap_t − release_t;  stock_{t+1} = stock_t − release_t
 * Surplus never refills the stock. `stock` receives end-of-month stock. Returns total shortfall.
 */
export function balance(
  demand: Float64Array,
  supply: Float64Array,
  stock1: number,
  release: Float64Array,
  shortfall: Float64Array,
  stock: Float64Array,
): number {
  const tol = SCENARIO_DEFAULTS.gapTolerance;
  let s = stock1;
  let total = 0;
  for (let t = 0; t < demand.length; t++) {
    let gap = demand[t] - supply[t];
    if (!(gap > tol * demand[t])) gap = 0;
    const rel = Math.min(gap, s);
    const short = gap - rel;
    s -= rel;
    release[t] = rel;
    shortfall[t] = short;
    stock[t] = s;
    total += short;
  }
  return total;
}

/**
 * Split each month's shortfall over sectors by priority: served in priority order (equal priority pro
 * rata to demand), so the shortfall falls on the last-served group first. Σ_k sectorShortfall = shortfall.
 */
export function sectorShortfall(sectorDemand: Float64Array, priorities: readonly number[], shortfall: Float64Array, out: Float64Array): void {
  const H = shortfall.length;
  const K = priorities.length;
  out.fill(0);
  for (let t = 0; t < H; t++) {
    let left = shortfall[t];
    for (let g1 = K; g1 > 0 && left > 0; ) {
      let g0 = g1 - 1;
      while (g0 > 0 && priorities[g0 - 1] === priorities[g1 - 1]) g0--;
      let D = 0;
      for (let k = g0; k < g1; k++) D += sectorDemand[k * H + t];
      const x = Math.min(left, D);
      if (D > 0) for (let k = g0; k < g1; k++) out[k * H + t] = (x * sectorDemand[k * H + t]) / D;
      left -= x;
      g1 = g0;
    }
  }
}
