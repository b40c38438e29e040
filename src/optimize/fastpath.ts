import type { Problem } from "./problem.js";

/**
 * The exact fast path. Under the simulator's semantics (release_t = min(stock_t, gap_t), surplus
 * never refills the stock) a mineral's total shortfall in scenario s with stock S at month 1 is
 *   Σ_t shortfall_t(S) = (G_s − S)^+,   G_s = Σ_t gap_t,
 * since every ton of stock is released as soon as some month is short. The expected shortfall
 * value w_m·Σ_s π_s (G_s − stock1_s − buy)^+ is convex piecewise linear in buy with breakpoints
 * at G_s − stock1_s, so the budget split is a concave knapsack: buy where the value per dollar
 * w_m·P(G_s − stock1_s > buy)/c_m is highest. Projects change G_s; each mineral's project subsets
 * are enumerated (all combinations across minerals, pruned by budget) and the knapsack solved
 * for each. Valid when projects are all-or-nothing and the weights do not change over time.
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
  /** gross USD of shortfall value avoided per extra USD at the optimum (0 when the budget is slack) */
  marginalValue: number;
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

/** Total gap G_s per scenario of mineral m with the given projects funded (x_j = 1). */
function totalGaps(p: Problem, m: number, projects: number[]): Float64Array {
  const row = p.blocks[m];
  const out = new Float64Array(row.length);
  for (let s = 0; s < row.length; s++) {
    const gap = row[s].gap;
    let g = 0;
    for (let t = 0; t < gap.length; t++) {
      let v = gap[t];
      for (const j of projects) v -= p.projects[j].supply[s][t];
      if (v > 0) g += v;
    }
    out[s] = g;
  }
  return out;
}

/** The mineral's segments from its floor to its cap, and the expected shortfall value at the floor. */
function mineralCurve(p: Problem, m: number, projects: number[]): { segs: Seg[]; base: number } {
  const mm = p.minerals[m];
  const eps = p.options.spendWeight;
  const G = totalGaps(p, m, projects);
  const row = p.blocks[m];
  const pts: { d: number; w: number }[] = [];
  let base = 0;
  for (let s = 0; s < row.length; s++) {
    const d = G[s] - row[s].stock1 - mm.lo;
    if (d > 0 && row[s].weight > 0) {
      pts.push({ d, w: row[s].weight });
      base += row[s].weight * d;
    }
  }
  base *= mm.weight;
  pts.sort((a, b) => a.d - b.d);
  let tail = pts.reduce((a, x) => a + x.w, 0);
  const room = mm.hi - mm.lo;
  const segs: Seg[] = [];
  let prev = 0;
  for (let i = 0; i < pts.length && prev < room; ) {
    const d = Math.min(pts[i].d, room);
    const ratio = (mm.weight * tail) / mm.cost - eps;
    if (ratio <= 0) break;
    if (d > prev) segs.push({ ratio, tons: d - prev, dollars: (d - prev) * mm.cost, mineral: m });
    prev = d;
    const at = pts[i].d;
    while (i < pts.length && pts[i].d === at) tail -= pts[i++].w;
  }
  return { segs, base };
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
  const floorSpend = p.minerals.reduce((a, m) => a + m.lo * m.cost, 0);
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
  const eps = p.options.spendWeight;
  const free = budget - fm.floorSpend;
  let best: { objective: number; picks: number[]; fill: Fill; capex: number } | undefined;
  const picks: number[] = new Array(fm.choices.length).fill(0);

  const visit = (level: number, capex: number, base: number) => {
    if (capex > free * (1 + 1e-12)) return; // options are sorted by capex: callers stop early
    if (level === fm.choices.length) {
      const curves = [fm.fixed, ...fm.choices.map((c, i) => c.options[picks[i]].curve)];
      const f = fill(curves, Math.max(0, free - capex));
      // ε on purchases is inside the net ratios; ε on the floors and the capex is added here
      const obj = fm.fixedBase + base - f.gain + eps * (fm.floorSpend + capex);
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
  if (!best || free < -1e-9 * Math.max(1, budget)) return { feasible: false, objective: NaN, buy, fund, marginalValue: 0 };
  p.minerals.forEach((m, i) => (buy[i] = m.lo));
  const curves = [fm.fixed, ...fm.choices.map((c, i) => c.options[best!.picks[i]].curve)];
  curves.forEach((c, i) => {
    for (let k = 0; k < best!.fill.whole[i]; k++) buy[c.mineral[k]] += c.tons[k];
  });
  for (const q of best.fill.partial) {
    const c = curves[q.curve];
    buy[c.mineral[q.seg]] += q.dollars / p.minerals[c.mineral[q.seg]].cost;
  }
  fm.choices.forEach((c, i) => {
    for (const j of c.options[best!.picks[i]].projects) fund[j] = 1;
  });
  const marginalValue = best.fill.lambda > 0 ? best.fill.lambda + eps : 0;
  return { feasible: true, objective: best.objective, buy, fund, marginalValue };
}
