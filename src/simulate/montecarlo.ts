import { type Curve, type CurveParams, curveAt, curveOf, shortFraction } from "../economics/path.js";
import { type MarketSet, marketParamsOf } from "../economics/types.js";
import { LodestoneError } from "../errors.js";
import type { CompiledScenario } from "../scenario/compile.js";
import { SCENARIO_DEFAULTS } from "../scenario/defaults.js";
import { checkSeed, drawBlock } from "../scenario/draw.js";
import { type DrawClasses, drawClasses } from "./classes.js";
import { balance, createWorkspace, mineralPaths, type Workspace } from "./kernel.js";
import { bucketQuantiles, createQuantileScratch, type QuantileScratch, type Summary, summarize } from "./quantile.js";

export interface Bands {
  p10: Float64Array;
  p50: Float64Array;
  p90: Float64Array;
}

/** One mineral's Monte Carlo over all runs: monthly bands and per-run totals. Plain data (posted by workers). */
export interface MineralMonteCarlo {
  index: number;
  id: string;
  shortfall: Bands;
  stock: Bands;
  /** share of runs with any shortfall */
  probAnyShortfall: number;
  /** total shortfall (t) of each run, in run order */
  totals: Float64Array;
  /** with a demand curve (monteCarloMineral's `curve`): the price path and the loss of each run */
  cost?: MineralCost;
}

/** One mineral's shortfall in money over all runs (economics/path.ts), in units of its pre-crisis price P0. */
export interface MineralCost {
  /** P_t / P0 each month: P10/P50/P90 over runs */
  multiple: Bands;
  /** max_t P_t / P0 of each run, in run order */
  peak: Float64Array;
  /** Σ_t essentiality · demand_t · l(x_t) of each run (units of P0: tons at the pre-crisis price), in run order */
  loss: Float64Array;
}

/** A mineral's Monte Carlo price path and loss, summarised (USD figures null without a price). */
export interface MonteCarloCost {
  /** ε, the cap and the essentiality the price and loss were read with */
  params: CurveParams;
  /** P_t / P0 each month */
  multiple: Bands;
  /** P_t in USD/t: P0 × multiple */
  price: Bands | null;
  /** max_t P_t / P0 over runs */
  peakMultiple: Summary;
  /** the loss of the shortfall in USD: P0 × Σ_t essentiality · demand_t · l(x_t) over runs */
  lossUsd: Summary | null;
}

export interface MonteCarloResult {
  scenario: { name: string; file: string; horizon: number; exposure: "world" | "imports" };
  runs: number;
  seed: number;
  minerals: Array<{
    id: string;
    name: string;
    price: number | null;
    /** d0, r and price with their sources (as in the deterministic audit record) */
    inputs: CompiledScenario["minerals"][number]["inputs"];
    stock1: { unit: "tons" | "days"; field: string } | null;
    /** set when the shortfall is a lower bound (a restricted country's share is unpublished): why */
    lowerBound?: string;
    probAnyShortfall: number;
    shortfall: Bands;
    stock: Bands;
    totalShortfall: Summary;
    shortfallValue: Summary | null;
    /** set when the run was given a market: the price path and the loss */
    cost?: MonteCarloCost;
  }>;
  /** over all minerals with a price: the total shortfall value (USD) per run, and with a market its loss (USD) per run */
  total: { probAnyShortfall: number; value: Summary; lossUsd?: Summary; unpriced: string[] };
  /** the market parameters the price paths and losses were read from (absent: none computed) */
  market?: MarketSet;
  excluded: CompiledScenario["excluded"];
  notes: string[];
}

/** Refuse runs that would not fit (error `too-large`) or make no sense. */
export function checkMonteCarlo(c: Pick<CompiledScenario, "horizon">, runs: number, seed: number): void {
  checkSeed(seed);
  if (!Number.isInteger(runs) || runs < 1)
    throw new LodestoneError("invalid", { field: "runs", message: `${runs} is not a number of runs`, expected: "an integer ≥ 1" });
  const { maxRuns, maxRunMonths } = SCENARIO_DEFAULTS;
  if (runs > maxRuns) throw new LodestoneError("too-large", { field: "runs", message: `${runs} runs is too many`, expected: `at most ${maxRuns}` });
  if (runs * c.horizon > maxRunMonths)
    throw new LodestoneError("too-large", {
      field: "runs",
      message: `${runs} runs × ${c.horizon} months is too large`,
      expected: `runs × horizon ≤ ${maxRunMonths}`,
    });
}

/** Scratch of one Monte Carlo worker: a horizon workspace and month-major run columns. */
export interface MonteCarloWorkspace {
  ws: Workspace;
  demand: Float64Array;
  supply: Float64Array;
  /** [t·runs + run] */
  shortfall: Float64Array;
  stock: Float64Array;
  /** BLOCK runs × horizon, run-major, before the transpose */
  blockShort: Float64Array;
  blockStock: Float64Array;
  quantiles: QuantileScratch;
  /** P_t/P0 − 1 columns and block, allocated on the first mineral with a demand curve */
  price?: Float64Array;
  blockPrice?: Float64Array;
}

/** Runs computed run-major before being transposed into the month columns (cache-friendly writes). */
const BLOCK = 64;

export function createMonteCarloWorkspace(horizon: number, runs: number): MonteCarloWorkspace {
  return {
    ws: createWorkspace(horizon),
    demand: new Float64Array(horizon),
    supply: new Float64Array(horizon),
    shortfall: new Float64Array(horizon * runs),
    stock: new Float64Array(horizon * runs),
    blockShort: new Float64Array(BLOCK * horizon),
    blockStock: new Float64Array(BLOCK * horizon),
    quantiles: createQuantileScratch(runs),
  };
}

const PS = [0.1, 0.5, 0.9] as const;

/** P10/P50/P90 of each month's column of non-negative values (by bucketQuantiles; columns are left as they are). */
function bands(cols: Float64Array, H: number, N: number, q: Float64Array, scratch: QuantileScratch): Bands {
  const b = { p10: new Float64Array(H), p50: new Float64Array(H), p90: new Float64Array(H) };
  // (values are ≥ 0) when every wanted order statistic falls among the zeros, all quantiles are 0
  const kTop = Math.floor((N - 1) * PS[PS.length - 1]) + 1;
  for (let t = 0; t < H; t++) {
    const col = cols.subarray(t * N, (t + 1) * N);
    let lo = col[0],
      hi = col[0],
      nLo = 0,
      nHi = 0;
    for (let i = 0; i < N; i++) {
      const x = col[i];
      if (x < lo) {
        lo = x;
        nLo = 1;
      } else if (x === lo) nLo++;
      if (x > hi) {
        hi = x;
        nHi = 1;
      } else if (x === hi) nHi++;
    }
    if (lo === hi) q.fill(lo);
    else if (lo === 0 && kTop < nLo) q.fill(0);
    else bucketQuantiles(col, lo, hi, PS, q, scratch, nLo, nHi);
    b.p10[t] = q[0];
    b.p50[t] = q[1];
    b.p90[t] = q[2];
  }
  return b;
}

/** Does mineral i's run depend on the draw? Not when no event touches it and its stock is fixed. */
function varies(c: CompiledScenario, i: number): boolean {
  const m = c.minerals[i];
  return m.countries.length > 0 || m.surges.length > 0 || m.supplies.length > 0 || (m.stock !== null && c.params[m.stock.param].dist.kind !== "fixed");
}

/**
 * The per-run kernel over all runs for mineral `i`: for each run, its paths from the run's draw
 * (`draws`, run-major) and the monthly balance of kernel.ts, written month-major so each month's
 * runs are one contiguous column for the quantiles. With a demand curve (`curve`: the mineral's
 * market parameters), also each run's price path and loss (economics/path.ts). Depends only on
 * (compiled, draws, i, curve): any worker gives the same answer.
 */
export function monteCarloMineral(
  c: CompiledScenario,
  i: number,
  draws: Float64Array,
  runs: number,
  w: MonteCarloWorkspace,
  classes?: DrawClasses,
  curve?: CurveParams,
): MineralMonteCarlo {
  const H = c.horizon;
  const P = c.params.length;
  const { demand, supply, shortfall, stock, blockShort, blockStock } = w;
  const totals = new Float64Array(runs);
  const cv = curve ? curveOf(curve) : undefined;
  let any = 0;
  if (!varies(c, i)) {
    // every run is the same: compute one, no quantiles needed
    const s1 = mineralPaths(c, i, draws, demand, supply, w.ws, undefined, 0);
    const sf = new Float64Array(H),
      st = new Float64Array(H);
    const total = balance(demand, supply, s1, w.ws.vmax, sf, st);
    totals.fill(total);
    const same = (a: Float64Array) => ({ p10: Float64Array.from(a), p50: Float64Array.from(a), p90: Float64Array.from(a) });
    let cost: MineralCost | undefined;
    if (curve) {
      const ex = new Float64Array(H);
      const loss = costPath(demand, sf, 0, H, cv!, ex);
      cost = {
        multiple: same(ex.map((x) => 1 + x)),
        peak: new Float64Array(runs).fill(1 + ex.reduce((a, x) => Math.max(a, x), 0)),
        loss: new Float64Array(runs).fill(loss),
      };
    }
    return { index: i, id: c.minerals[i].id, shortfall: same(sf), stock: same(st), probAnyShortfall: total > 0 ? 1 : 0, totals, ...(cost ? { cost } : {}) };
  }
  const hasStock = c.minerals[i].stock !== null; // without one, every stock path is 0
  const q = new Float64Array(3);
  const zero = () => ({ p10: new Float64Array(H), p50: new Float64Array(H), p90: new Float64Array(H) });
  if (curve) {
    w.price ??= new Float64Array(H * runs);
    w.blockPrice ??= new Float64Array(BLOCK * H);
  }
  const price = w.price!,
    blockPrice = w.blockPrice!;
  const loss = curve ? new Float64Array(runs) : undefined;
  const peak = curve ? new Float64Array(runs) : undefined;
  if (classes) {
    // one path per class of identical draws (class-major K × H in the column buffers), then each
    // run's total from its class and the bands from (value, runs) pairs: the same numbers as below
    const K = classes.count.length;
    const classTotal = new Float64Array(K);
    const classLoss = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      classTotal[k] = runPath(c, i, draws, classes.representative[k] * P, w, shortfall, stock, k * H, hasStock);
      if (curve) classLoss[k] = costPath(demand, shortfall, k * H, H, cv!, price);
    }
    for (let r = 0; r < runs; r++) {
      const k = classes.classOf[r];
      const total = classTotal[k];
      totals[r] = total;
      if (total > 0) any++;
      if (loss && peak) {
        loss[r] = classLoss[k];
        peak[r] = peakOf(price, k * H, H);
      }
    }
    const vals = new Float64Array(K),
      idx = new Int32Array(K);
    return {
      index: i,
      id: c.minerals[i].id,
      shortfall: classBands(shortfall, H, classes.count, runs, q, vals, idx),
      stock: hasStock ? classBands(stock, H, classes.count, runs, q, vals, idx) : zero(),
      probAnyShortfall: any / runs,
      totals,
      ...(curve && loss && peak ? { cost: { multiple: plusOne(classBands(price, H, classes.count, runs, q, vals, idx)), peak, loss } } : {}),
    };
  }
  for (let r0 = 0; r0 < runs; r0 += BLOCK) {
    const nb = Math.min(BLOCK, runs - r0);
    // runs r0 … r0+nb−1, each written run-major into the block buffers
    for (let j = 0; j < nb; j++) {
      const r = r0 + j;
      const total = runPath(c, i, draws, r * P, w, blockShort, blockStock, j * H, hasStock);
      totals[r] = total;
      if (total > 0) any++;
      if (curve && loss && peak) {
        loss[r] = costPath(demand, blockShort, j * H, H, cv!, blockPrice);
        peak[r] = peakOf(blockPrice, j * H, H);
      }
    }
    // transpose the block into month-major columns (contiguous runs of nb values per month)
    transpose(blockShort, shortfall, H, nb, runs, r0);
    if (hasStock) transpose(blockStock, stock, H, nb, runs, r0);
    if (curve) transpose(blockPrice, price, H, nb, runs, r0);
  }
  return {
    index: i,
    id: c.minerals[i].id,
    shortfall: bands(shortfall, H, runs, q, w.quantiles),
    stock: hasStock ? bands(stock, H, runs, q, w.quantiles) : zero(),
    probAnyShortfall: any / runs,
    totals,
    ...(curve && loss && peak ? { cost: { multiple: plusOne(bands(price, H, runs, q, w.quantiles)), peak, loss } } : {}),
  };
}

/**
 * One run's price and loss from its demand (this run's, as mineralPaths left it) and its shortfall at
 * short[o … o+H−1]: P_t/P0 − 1 (≥ 0, 0 when nothing is short, so the quantiles' all-zero shortcut
 * applies) written to outExcess[o …]; returns Σ_t essentiality · demand_t · l(x_t), in units of P0.
 */
function costPath(demand: Float64Array, short: Float64Array, o: number, H: number, cv: Curve, outExcess: Float64Array): number {
  let loss = 0;
  const m = MULTIPLE;
  for (let t = 0; t < H; t++) {
    const x = shortFraction(short[o + t], demand[t]);
    if (x > 0) {
      loss += demand[t] * curveAt(cv, x, m);
      outExcess[o + t] = m[0] - 1;
    } else outExcess[o + t] = 0;
  }
  return cv.essentiality * loss;
}
const MULTIPLE = new Float64Array(1);

/** 1 + the largest excess at a[o … o+H−1]: a run's peak price multiple. */
function peakOf(a: Float64Array, o: number, H: number): number {
  let m = 0;
  for (let t = o; t < o + H; t++) if (a[t] > m) m = a[t];
  return 1 + m;
}

/** Bands of P/P0 − 1 → bands of P/P0. */
function plusOne(b: Bands): Bands {
  for (const a of [b.p10, b.p50, b.p90]) for (let t = 0; t < a.length; t++) a[t] += 1;
  return b;
}

/**
 * One run of mineral i from the draw at `vo`: its monthly shortfall and (with a stock) end-of-month
 * stock written to outShort/outStock[o … o+H−1]; returns the total shortfall.
 */
function runPath(
  c: CompiledScenario,
  i: number,
  draws: Float64Array,
  vo: number,
  w: MonteCarloWorkspace,
  outShort: Float64Array,
  outStock: Float64Array,
  o: number,
  hasStock: boolean,
): number {
  const H = c.horizon;
  const tol = SCENARIO_DEFAULTS.gapTolerance;
  const { demand, supply } = w;
  let s = mineralPaths(c, i, draws, demand, supply, w.ws, undefined, vo);
  let total = 0;
  if (s === 0) {
    // no stock in this run: release 0, shortfall = gap (same values as the general loop, fewer dependencies)
    for (let t = 0; t < H; t++) {
      let gap = demand[t] - supply[t];
      if (!(gap > tol * demand[t])) gap = 0;
      outShort[o + t] = gap;
      total += gap;
    }
    if (hasStock) outStock.fill(0, o, o + H);
  } else {
    for (let t = 0; t < H; t++) {
      let gap = demand[t] - supply[t];
      if (!(gap > tol * demand[t])) gap = 0;
      const rel = Math.min(gap, s);
      s -= rel;
      const short = gap - rel;
      outShort[o + t] = short;
      outStock[o + t] = s;
      total += short;
    }
  }
  return total;
}

/**
 * bands() for runs grouped in classes: `paths` holds one path per class (class k, month t at
 * [k·H + t]) and class k stands for count[k] of the N runs. Same branches and the same
 * interpolation as bands/bucketQuantiles, with each order statistic found by a weighted
 * selection over the K values, so the numbers are those of the full columns.
 */
function classBands(paths: Float64Array, H: number, count: Int32Array, N: number, q: Float64Array, vals: Float64Array, idx: Int32Array): Bands {
  const K = count.length;
  const b = { p10: new Float64Array(H), p50: new Float64Array(H), p90: new Float64Array(H) };
  const kTop = Math.floor((N - 1) * PS[PS.length - 1]) + 1;
  for (let t = 0; t < H; t++) {
    let lo = paths[t],
      hi = lo,
      nLo = 0;
    for (let k = 0; k < K; k++) {
      const x = paths[k * H + t];
      vals[k] = x;
      if (x < lo) {
        lo = x;
        nLo = count[k];
      } else if (x === lo) nLo += count[k];
      if (x > hi) hi = x;
    }
    if (lo === hi) q.fill(lo);
    else if (lo === 0 && kTop < nLo) q.fill(0);
    else {
      for (let j = 0; j < PS.length; j++) {
        const h = (N - 1) * PS[j];
        const k = Math.floor(h);
        const x0 = weightedSelect(vals, count, idx, k);
        q[j] = h > k ? x0 + (h - k) * (weightedSelect(vals, count, idx, Math.min(N - 1, k + 1)) - x0) : x0;
      }
    }
    b.p10[t] = q[0];
    b.p50[t] = q[1];
    b.p90[t] = q[2];
  }
  return b;
}

/**
 * The k-th smallest (0-based) of the multiset in which vals[j] occurs count[j] times: quickselect
 * with a three-way partition of the indices in `idx`, weighing each part by its counts. O(K) expected.
 */
function weightedSelect(vals: Float64Array, count: Int32Array, idx: Int32Array, k: number): number {
  const K = vals.length;
  for (let j = 0; j < K; j++) idx[j] = j;
  let lo = 0,
    hi = K;
  for (;;) {
    const pivot = vals[idx[(lo + hi) >>> 1]];
    let lt = lo,
      i = lo,
      gt = hi,
      wLess = 0,
      wEq = 0;
    while (i < gt) {
      const j = idx[i];
      const x = vals[j];
      if (x < pivot) {
        idx[i++] = idx[lt];
        idx[lt++] = j;
        wLess += count[j];
      } else if (x > pivot) {
        idx[i] = idx[--gt];
        idx[gt] = j;
      } else {
        i++;
        wEq += count[j];
      }
    }
    if (k < wLess) hi = lt;
    else if (k < wLess + wEq) return pivot;
    else {
      k -= wLess + wEq;
      lo = gt;
    }
  }
}

/** Block (nb runs × H months, run-major) → columns [t·runs + r0 + j]. */
function transpose(block: Float64Array, cols: Float64Array, H: number, nb: number, runs: number, r0: number): void {
  for (let t = 0; t < H; t++) {
    const dst = t * runs + r0;
    for (let j = 0, src = t; j < nb; j++, src += H) cols[dst + j] = block[src];
  }
}

/**
 * Combine per-mineral results (any order, any worker) into the Monte Carlo result, in mineral order.
 * `market`: the set the parts' costs were computed from (monteCarloCurves); with it, each mineral's
 * price path and loss are summarised, in USD where the mineral has a price.
 */
export function combineMonteCarlo(c: CompiledScenario, parts: MineralMonteCarlo[], runs: number, seed: number, market?: MarketSet): MonteCarloResult {
  const byIndex = [...parts].sort((a, b) => a.index - b.index);
  const value = new Float64Array(runs);
  const lossUsd = market ? new Float64Array(runs) : undefined;
  const anyShort = new Uint8Array(runs);
  const scratch = createQuantileScratch(runs);
  const curves = market ? monteCarloCurves(c, market) : undefined;
  const minerals = byIndex.map((p) => {
    const m = c.minerals[p.index];
    const price = m.price;
    for (let r = 0; r < runs; r++) {
      if (p.totals[r] > 0) anyShort[r] = 1;
      if (price !== null) value[r] += p.totals[r] * price;
      if (lossUsd && p.cost && price !== null) lossUsd[r] += p.cost.loss[r] * price;
    }
    const cost: MonteCarloCost | undefined =
      curves && p.cost
        ? {
            params: curves[p.index],
            multiple: p.cost.multiple,
            price: price === null ? null : scaleBands(p.cost.multiple, price),
            peakMultiple: summarize(p.cost.peak, scratch),
            lossUsd:
              price === null
                ? null
                : summarize(
                    p.cost.loss.map((x) => x * price),
                    scratch,
                  ),
          }
        : undefined;
    const shortfallValue =
      price === null
        ? null
        : summarize(
            p.totals.map((x) => x * price),
            scratch,
          );
    const stock1 = m.stock ? { unit: m.stock.unit, field: c.params[m.stock.param].field } : null;
    return {
      id: m.id,
      name: m.name,
      price,
      inputs: m.inputs,
      stock1,
      ...(m.lowerBound ? { lowerBound: m.lowerBound } : {}),
      probAnyShortfall: p.probAnyShortfall,
      shortfall: p.shortfall,
      stock: p.stock,
      totalShortfall: summarize(p.totals, scratch),
      shortfallValue,
      ...(cost ? { cost } : {}),
    };
  });
  const probAny = anyShort.reduce((a, x) => a + x, 0) / runs;
  return {
    scenario: { name: c.name, file: c.file, horizon: c.horizon, exposure: c.exposure },
    runs,
    seed,
    minerals,
    total: {
      probAnyShortfall: probAny,
      value: summarize(value, scratch),
      ...(lossUsd ? { lossUsd: summarize(lossUsd, scratch) } : {}),
      unpriced: c.minerals.filter((m) => m.price === null).map((m) => m.id),
    },
    ...(market ? { market } : {}),
    excluded: c.excluded,
    notes: c.notes,
  };
}

const scaleBands = (b: Bands, k: number): Bands => ({ p10: b.p10.map((x) => x * k), p50: b.p50.map((x) => x * k), p90: b.p90.map((x) => x * k) });

/** Each mineral's demand curve (in c.minerals order) from a market set: what monteCarloMineral's `curve` takes. */
export function monteCarloCurves(c: Pick<CompiledScenario, "minerals">, market: MarketSet): CurveParams[] {
  return c.minerals.map((m) => {
    const p = marketParamsOf(market, m.id);
    return { elasticity: p.elasticity, chokeMultiple: p.chokeMultiple, essentiality: p.essentiality };
  });
}

/**
 * The compiled scenario with only what the Monte Carlo kernel reads (drawBlock, monteCarloMineral):
 * the audit-only fields (dataset inputs with their sources, exposures, notes, events, excluded) are
 * emptied, so posting it to a worker thread copies numbers, not the audit trail.
 */
export function kernelScenario(c: CompiledScenario): CompiledScenario {
  return {
    ...c,
    cites: [],
    events: [],
    excluded: [],
    notes: [],
    minerals: c.minerals.map((m) => ({
      ...m,
      inputs: undefined as unknown as CompiledScenario["minerals"][number]["inputs"],
      exposures: [],
      notes: [],
      sectorsSource: "",
    })),
  };
}

/**
 * Runs compute by class of identical draws only when there are at most runs / 8 classes. The class
 * path costs K paths plus, per month, six weighted selections over K values; the full path costs
 * `runs` paths plus two linear passes over `runs` values. At K = runs/8 the class path still does
 * under half the work, while draws that differ in (almost) every run (continuous severities,
 * ramps) keep the full path untouched. The choice never changes a number, only the time.
 */
const MAX_CLASS_SHARE = 1 / 8;

/**
 * Classes of identical draws for monteCarloMineral, or undefined when they would not pay
 * (more than runs/8 classes). Build once per draw block and pass to every mineral.
 */
export function monteCarloClasses(c: Pick<CompiledScenario, "params">, draws: Float64Array, runs: number): DrawClasses | undefined {
  const cls = drawClasses(draws, runs, c.params.length);
  return cls.count.length <= runs * MAX_CLASS_SHARE ? cls : undefined;
}

export interface MonteCarloOptions {
  /** group runs with identical draws (default true); false forces one path per run. Same result either way. */
  dedup?: boolean;
  /** market parameters: with them, each mineral's monthly price path and the loss of its shortfall */
  market?: MarketSet;
}

/** The Monte Carlo in this thread (the worker pool in src/io/montecarlo-pool.ts splits the same work by mineral). */
export function monteCarlo(
  c: CompiledScenario,
  runs: number,
  seed: number = SCENARIO_DEFAULTS.seed,
  onMineral?: (done: number) => void,
  opts: MonteCarloOptions = {},
): MonteCarloResult {
  checkMonteCarlo(c, runs, seed);
  const draws = drawBlock(c, seed, runs);
  const w = createMonteCarloWorkspace(c.horizon, runs);
  const classes = opts.dedup === false ? undefined : monteCarloClasses(c, draws, runs);
  const curves = opts.market ? monteCarloCurves(c, opts.market) : undefined;
  const parts = c.minerals.map((_, i) => {
    const p = monteCarloMineral(c, i, draws, runs, w, classes, curves?.[i]);
    onMineral?.(i + 1);
    return p;
  });
  return combineMonteCarlo(c, parts, runs, seed, opts.market);
}
