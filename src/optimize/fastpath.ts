import { blockCost, blockPieces, cashOf, type Problem, SPEND_ALL_WEIGHT } from "./problem.js";

/**
 * The exact fast path. In scenario s a mineral's shortfall falls into the pieces of its loss curve
 * (src/economics/loss.ts): month t's shortfall g_t covers the fractions [a_k, b_k]·demand_t of
 * segment k up to g_t, and a ton in piece k costs lossScale·slope_k. Stock S in store from month 1
 * is released where a ton short costs most, so it covers the dearest pieces first, and releasing a
 * ton forgoes its resale R. The block's cost is convex piecewise linear in S, and so is the expected
 * cost in the purchase b (S_s = stock1_s + b): a ton bought saves Σ_s π_s (cost of the piece it
 * covers in s − R) and costs c + hold − R net. The budget split is then a concave knapsack: buy
 * where the net saving per dollar of cash is highest, while it is positive (a ceiling) or until the
 * budget is spent (spendAll). Projects change the pieces; each mineral's project subsets are
 * enumerated (all combinations across minerals, pruned by budget) and the knapsack solved for each.
 * Valid when projects are all-or-nothing.
 */

/** Segments of value per dollar, in decreasing order, with running totals. */
interface Curve {
  /** net objective decrease per USD (gross value per USD − ε), > 0, non-increasing */
  ratio: Float64Array;
  cumDollars: Float64Array;
  cumGain: Float64Array;
  mineral: Int32Array;
  tons: Float64Array;
}

/** One mineral's option: a subset of its projects, with its capex, curve and value at the floor. */
interface Option {
  projects: number[];
  capex: number;
  curve: Curve;
  /** w_m · Σ_s π_s (G_s − stock1_s − floor)^+ */
  base: number;
}

export interface FastModel {
  problem: Problem;
  /** minerals with no project, merged into one curve */
  fixed: Curve;
  fixedBase: number;
  /** per mineral with projects: its options */
  choices: { mineral: number; options: Option[] }[];
  floorSpend: number;
}

export interface FastSolution {
  feasible: boolean;
  objective: number;
  buy: Float64Array;
  fund: Float64Array;
  /** net USD of objective per extra USD of budget at the optimum (0 when the budget is slack) */
  marginalValue: number;
  /**
   * Per project: the best objective among the combinations that decide it the other way, less the
   * optimum (≥ 0); Infinity where no such combination fits the budget.
   */
  flipCost: Float64Array;
}

/** When the fast path is exact and affordable; otherwise the reason it is not. */
export function fastPathBlocker(p: Problem): string | undefined {
  if (p.options.divisible && p.projects.length) return "divisible projects make the second stage non-separable";
  const counts = new Map<number, number>();
  for (const j of p.projects) counts.set(j.mineral, (counts.get(j.mineral) ?? 0) + 1);
  let combos = 1;
  for (const n of counts.values()) combos *= 2 ** n;
  if (combos > p.options.maxProjectCombinations) return `${combos} project combinations exceed the fast path's limit of ${p.options.maxProjectCombinations}`;
  return undefined;
}

/** A run of purchase tons over which the expected saving per ton is constant. */
export interface SavingRun {
  tons: number;
  /** M = Σ_s π_s (lossScale·slope of the piece covered − R), USD per ton; non-increasing run to run */
  saving: number;
}

/**
 * The expected saving of each extra ton of stock above `from` tons bought (default the floor): runs of
 * constant M, from the dearest pieces down, ending where no scenario has a piece left (beyond that a
 * ton saves nothing); and the expected second-stage cost (loss + resale forgone) at `from`.
 */
export function savingCurve(p: Problem, m: number, projects: readonly number[] = [], from = p.minerals[m].lo): { runs: SavingRun[]; second: number } {
  const mm = p.minerals[m];
  const fund = new Float64Array(p.projects.length);
  for (const j of projects) fund[j] = 1;
  // marginal saving at the floor, and the points where a scenario moves to its next (cheaper) piece
  let M = 0;
  let second = 0;
  const events: { at: number; delta: number }[] = [];
  const K = mm.segs.length;
  for (const b of p.blocks[m]) {
    if (!b.gap.length) continue;
    const pieces = blockPieces(p, b, fund);
    const s0 = b.stock1 + from;
    second += b.weight * blockCost(mm, pieces, s0).cost;
    if (!(b.weight > 0)) continue;
    // piece k (dearest first) holds stock [cum, cum + len): purchases u ∈ [cum − s0, cum + len − s0)
    let cum = 0;
    for (let k = K - 1; k >= 0; k--) {
      if (!(pieces[k] > 0)) continue;
      const v = b.weight * (mm.lossScale * mm.segs[k].slope - mm.relR);
      const start = cum - s0;
      cum += pieces[k];
      // the next piece's start is computed the same way, so the two events meet exactly
      const end = cum - s0;
      if (end <= 0) continue;
      if (start <= 0) M += v;
      else events.push({ at: start, delta: v });
      events.push({ at: end, delta: -v });
    }
  }
  events.sort((a, b) => a.at - b.at);
  const runs: SavingRun[] = [];
  let prev = 0;
  for (let i = 0; i < events.length; ) {
    const at = events[i].at;
    if (at > prev) runs.push({ tons: at - prev, saving: M });
    prev = at;
    while (i < events.length && events[i].at === at) M += events[i++].delta;
  }
  return { runs, second };
}

/**
 * The mineral's segments from its floor to its cap, and the expected cost at the floor. Each segment
 * is a run of purchase tons over which the expected saving per ton M and the cash price c (the market
 * impact piece) are constant; its ratio is the net saving per dollar of cash, (M − (c + hold − R)) / c:
 * non-increasing while positive (M falls, c rises), so a ceiling plan takes them in order.
 */
function mineralCurve(p: Problem, m: number, projects: number[]): { segs: Seg[]; base: number } {
  const mm = p.minerals[m];
  const { runs, second } = savingCurve(p, m, projects);
  const segs: Seg[] = [];
  const w = mm.cashScale;
  const extra = mm.buyCoef;
  // walk the saving runs (from the floor) and the price pieces (from 0) together, in absolute tons bought;
  // only tons with a saving are worth buying (beyond them a ton is held only to be sold back at a loss)
  let q = mm.lo;
  let r = 0;
  let runEnd = mm.lo + (runs[0]?.tons ?? 0);
  let k = mm.impact.findIndex((x) => x.to > q);
  while (k >= 0 && k < mm.impact.length && q < mm.hi && r < runs.length) {
    const piece = mm.impact[k];
    const to = Math.min(piece.to, mm.hi, runEnd);
    // net objective decrease per dollar of cash: (M − (w·c + hold − R)) / c (spendAll: M/c − ε, R and hold not counted)
    const ratio = (runs[r].saving - (w * piece.price + extra)) / piece.price;
    if (ratio <= 0) break;
    if (to > q) segs.push({ ratio, tons: to - q, dollars: (to - q) * piece.price, mineral: m });
    q = to;
    if (q >= runEnd) {
      r++;
      runEnd += runs[r]?.tons ?? 0;
    }
    if (q >= piece.to) k++;
  }
  return { segs, base: w * cashOf(mm, mm.lo) + extra * mm.lo + second };
}

interface Seg {
  ratio: number;
  tons: number;
  dollars: number;
  mineral: number;
}

function toCurve(segs: Seg[]): Curve {
  segs.sort((a, b) => b.ratio - a.ratio || a.mineral - b.mineral);
  const n = segs.length;
  const c: Curve = {
    ratio: new Float64Array(n),
    cumDollars: new Float64Array(n),
    cumGain: new Float64Array(n),
    mineral: new Int32Array(n),
    tons: new Float64Array(n),
  };
  let d = 0;
  let g = 0;
  segs.forEach((s, i) => {
    d += s.dollars;
    g += s.dollars * s.ratio;
    c.ratio[i] = s.ratio;
    c.cumDollars[i] = d;
    c.cumGain[i] = g;
    c.mineral[i] = s.mineral;
    c.tons[i] = s.tons;
  });
  return c;
}

/** Precompute every curve once; solveFast() then answers any budget cheaply (the frontier). */
export function prepareFast(p: Problem): FastModel {
  const withProjects = new Map<number, number[]>();
  p.projects.forEach((j, n) => withProjects.set(j.mineral, [...(withProjects.get(j.mineral) ?? []), n]));
  const fixedSegs: Seg[] = [];
  let fixedBase = 0;
  const choices: FastModel["choices"] = [];
  p.minerals.forEach((_, m) => {
    const own = withProjects.get(m);
    if (!own) {
      const { segs, base } = mineralCurve(p, m, []);
      fixedSegs.push(...segs);
      fixedBase += base;
      return;
    }
    const options: Option[] = [];
    for (let mask = 0; mask < 1 << own.length; mask++) {
      const subset = own.filter((_, k) => mask & (1 << k));
      if (own.some((j) => p.projects[j].project.required && !subset.includes(j))) continue;
      const { segs, base } = mineralCurve(p, m, subset);
      options.push({ projects: subset, capex: subset.reduce((a, j) => a + p.projects[j].project.capex, 0), curve: toCurve(segs), base });
    }
    options.sort((a, b) => a.capex - b.capex);
    choices.push({ mineral: m, options });
  });
  const floorSpend = p.minerals.reduce((a, m) => a + cashOf(m, m.lo), 0);
  return { problem: p, fixed: toCurve(fixedSegs), fixedBase, choices, floorSpend };
}

/** Number of segments with ratio > λ in a non-increasing array. */
function countAbove(r: Float64Array, lambda: number): number {
  let lo = 0;
  let hi = r.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (r[mid] > lambda) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Fill {
  gain: number;
  /** per curve: whole segments taken, then a partial one (index, dollars) */
  whole: number[];
  partial: { curve: number; seg: number; dollars: number }[];
  /** net ratio of the marginal segment, 0 when all segments fit */
  lambda: number;
}

/**
 * The concave knapsack over several curves with R dollars: take every segment above a threshold
 * λ*, found by bisection on λ down to 1e-13 relative, then fill the rest from the few segments
 * between the bisection's bounds in decreasing order (exact; ties are worth the same).
 */
function fill(curves: Curve[], R: number): Fill {
  const last = (c: Curve) => (c.ratio.length ? c.cumDollars[c.ratio.length - 1] : 0);
  const lastGain = (c: Curve) => (c.ratio.length ? c.cumGain[c.ratio.length - 1] : 0);
  if (curves.reduce((a, c) => a + last(c), 0) <= R)
    return { gain: curves.reduce((a, c) => a + lastGain(c), 0), whole: curves.map((c) => c.ratio.length), partial: [], lambda: 0 };
  const spend = (lambda: number) => {
    let s = 0;
    for (const c of curves) {
      const k = countAbove(c.ratio, lambda);
      if (k) s += c.cumDollars[k - 1];
    }
    return s;
  };
  let lo = 0;
  let hi = Math.max(...curves.map((c) => (c.ratio.length ? c.ratio[0] : 0)));
  while (hi - lo > 1e-13 * hi) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break;
    if (spend(mid) <= R) hi = mid;
    else lo = mid;
  }
  const whole = curves.map((c) => countAbove(c.ratio, hi));
  let gain = 0;
  let rem = R;
  curves.forEach((c, i) => {
    if (whole[i]) {
      gain += c.cumGain[whole[i] - 1];
      rem -= c.cumDollars[whole[i] - 1];
    }
  });
  const between: { curve: number; seg: number; ratio: number; dollars: number }[] = [];
  curves.forEach((c, i) => {
    const upto = countAbove(c.ratio, lo);
    for (let k = whole[i]; k < upto; k++) between.push({ curve: i, seg: k, ratio: c.ratio[k], dollars: c.cumDollars[k] - (k ? c.cumDollars[k - 1] : 0) });
  });
  between.sort((a, b) => b.ratio - a.ratio || a.curve - b.curve || a.seg - b.seg);
  const partial: Fill["partial"] = [];
  let lambda = hi;
  for (const b of between) {
    if (rem <= 0) break;
    const take = Math.min(rem, b.dollars);
    partial.push({ curve: b.curve, seg: b.seg, dollars: take });
    gain += take * b.ratio;
    rem -= take;
    lambda = b.ratio;
  }
  return { gain, whole, partial, lambda };
}

/** The optimum for one budget: enumerate project combinations within the budget, fill each. */
export function solveFast(fm: FastModel, budget: number): FastSolution {
  const p = fm.problem;
  const free = budget - fm.floorSpend;
  let best: { objective: number; picks: number[]; fill: Fill; capex: number } | undefined;
  const picks: number[] = new Array(fm.choices.length).fill(0);
  // per project, the best objective with it funded and without it, over every combination visited
  const bestWith = new Float64Array(p.projects.length).fill(Infinity);
  const bestWithout = new Float64Array(p.projects.length).fill(Infinity);
  const inLeaf = new Uint8Array(p.projects.length);

  const visit = (level: number, capex: number, base: number) => {
    if (capex > free * (1 + 1e-12)) return; // options are sorted by capex: callers stop early
    if (level === fm.choices.length) {
      const curves = [fm.fixed, ...fm.choices.map((c, i) => c.options[picks[i]].curve)];
      const f = fill(curves, Math.max(0, free - capex));
      // the floors are in the bases; the capex is money (weighted as the plan weighs cash)
      const obj = fm.fixedBase + base - f.gain + (p.options.spendAll ? SPEND_ALL_WEIGHT : 1) * capex;
      inLeaf.fill(0);
      fm.choices.forEach((c, i) => {
        for (const j of c.options[picks[i]].projects) inLeaf[j] = 1;
      });
      for (let j = 0; j < inLeaf.length; j++) {
        if (inLeaf[j]) bestWith[j] = Math.min(bestWith[j], obj);
        else bestWithout[j] = Math.min(bestWithout[j], obj);
      }
      if (!best || obj < best.objective - 1e-12 * Math.abs(obj)) best = { objective: obj, picks: [...picks], fill: f, capex };
      return;
    }
    const options = fm.choices[level].options;
    for (let k = 0; k < options.length; k++) {
      if (capex + options[k].capex > free * (1 + 1e-12)) break;
      picks[level] = k;
      visit(level + 1, capex + options[k].capex, base + options[k].base);
    }
  };
  visit(0, 0, 0);

  const buy = new Float64Array(p.minerals.length);
  const fund = new Float64Array(p.projects.length);
  const flipCost = new Float64Array(p.projects.length);
  if (!best || free < -1e-9 * Math.max(1, budget)) return { feasible: false, objective: NaN, buy, fund, marginalValue: 0, flipCost };
  p.minerals.forEach((m, i) => (buy[i] = m.lo));
  const curves = [fm.fixed, ...fm.choices.map((c, i) => c.options[best!.picks[i]].curve)];
  curves.forEach((c, i) => {
    for (let k = 0; k < best!.fill.whole[i]; k++) buy[c.mineral[k]] += c.tons[k];
  });
  for (const q of best.fill.partial) {
    const c = curves[q.curve];
    // the segment's own price (its impact piece): tons per dollar of that segment
    const segDollars = c.cumDollars[q.seg] - (q.seg ? c.cumDollars[q.seg - 1] : 0);
    buy[c.mineral[q.seg]] += (c.tons[q.seg] * q.dollars) / segDollars;
  }
  fm.choices.forEach((c, i) => {
    for (const j of c.options[best!.picks[i]].projects) fund[j] = 1;
  });
  const marginalValue = Math.max(best.fill.lambda, 0);
  const optimum = best.objective;
  fund.forEach((f, j) => (flipCost[j] = Math.max(0, (f ? bestWithout[j] : bestWith[j]) - optimum)));
  return { feasible: true, objective: optimum, buy, fund, marginalValue, flipCost };
}
