import { impactSegments } from "../economics/impact.js";
import { LodestoneError } from "../errors.js";
import { DAYS_PER_MONTH, MONEY_UNIT } from "./defaults.js";
import { savingCurve } from "./fastpath.js";
import { LpModel } from "./model.js";
import { blockCost, blockPieces, type Problem } from "./problem.js";
import { assemble } from "./results.js";
import type { Solver } from "./solver/types.js";
import type { OnsetUsed, PlanOptions, PlanResult, YearPurchase } from "./types.js";

/** The longest purchase schedule: beyond 20 annual tranches the scenarios (1–10 years) say nothing about timing. */
export const MAX_SCHEDULE_YEARS = 20;

/**
 * A purchase schedule over `years` annual tranches (docs/economics.md, The purchase schedule). The budget is the programme's total,
 * released in equal annual tranches: by the end of year y at most y/N of it is spent (money not spent
 * in a year carries over). The price of a year's purchase rises with the share of that year's world
 * supply bought (src/economics/impact.ts: P0·(1 + λ·q/W), its cost convex and piecewise linear in the
 * LP), so large purchases are spread over the years.
 *
 * When the disruption begins (options.onset, onsetWeights): at the end of schedule year s with weight
 * w_s (Σ_s w_s = 1), and a year's purchases count from the end of that year, so a ton bought in year y
 * protects against an onset at the end of year s only if y ≤ s. The default, uniform, is a judgement
 * call (PLAN_DEFAULTS.onset): the scenarios' probabilities say how likely a disruption is over the
 * planning horizon, not when. With S_m the mineral's expected saving from Q tons of stock (the fast
 * path's savingCurve: runs of non-increasing saving per ton, each already weighted by the scenarios'
 * probabilities), the expected saving of a schedule q is Σ_s w_s·S_m(Σ_{y≤s} q_y). Buying early
 * protects against more onsets; buying late holds for less and spreads the market impact.
 *
 * Holding (kept simple, stated): a ton bought in year y is held, if the disruption (scenario i) begins
 * at the end of year s, for max(0, s − y) years before it and the scenario's own horizon H_i after
 * (a ton bought after the onset protects nothing and is held H_i from its purchase, then sold with the
 * rest); with no disruption, to the end of the schedule and then the planning horizon T, N − y + T
 * years. Per ton: hold + holdRate·((1 − π_0)·Σ_s w_s·max(0, s − y) + π_0·(N − y)), where hold is the
 * one-year plan's (Σ_i π_i·H_i + π_0·T years at holdRate). Every ton not released is sold back at R
 * at the end (the saving runs already count R forgone on a ton released). Onset `end` (w_N = 1) gives
 * N − y more years held for every ton: the earlier model, reproduced exactly; a one-year schedule is
 * the one-year plan. Interest on the impact's extra price is not counted; nothing is discounted.
 *
 * LP: per mineral, q_{y,k} ∈ [0, len_k] (cost: the impact piece's price + holding − resale) and, per
 * onset year s with w_s > 0, u_{s,j} ∈ [0, tons_j] (cost −w_s·saving_j) with
 * Σ_j u_{s,j} ≤ Σ_{y≤s} Σ_k q_{y,k} (a saving needs a ton bought by then); Σ_k q_{y,k} ≤ α·W a year;
 * the days floor and cap on Σ q; Σ_{y' ≤ y} cash ≤ (y/N)·B. Runs with no saving, or beyond what can be
 * bought by year s, are left out (never used).
 */
export interface ScheduleModel {
  model: LpModel;
  /** per mineral: columns of each year's pieces, with their cash price per ton */
  q: { year: number; col: number; price: number }[][];
  budgetRows: number[];
  /** Σ_m second-stage cost at zero purchase: the objective's constant */
  constant: number;
  /** the data it was built from */
  minerals: ScheduleMineral[];
}

/** One year's impact piece of a mineral's purchase: its tons, its cash price and its objective cost per ton. */
export interface SchedulePiece {
  year: number;
  len: number;
  price: number;
  /** expected holding per ton, USD: the one-year plan's plus the years before the onset (or to the end of the schedule) */
  hold: number;
  /** cash weighted as the plan weighs it, plus holding, less resale (spendAll: the cash weight only) */
  cost: number;
}

/** A mineral's schedule data: its saving runs (from zero bought), second-stage cost at zero, pieces by year, and the days floor and cap on its total. */
export interface ScheduleMineral {
  runs: { tons: number; saving: number }[];
  second: number;
  pieces: SchedulePiece[];
  lo: number;
  hi: number;
}

/**
 * The weight of a disruption beginning at the end of each schedule year 1..N (summing to 1).
 * uniform: 1/T for each year of the planning horizon T (horizonYears ≥ N), the onsets after year N
 * folded into year N (everything bought protects against them): w_s = 1/T for s < N, w_N = (T − N + 1)/T;
 * with T = N, 1/N each. end: w_N = 1. A list: normalised. One year: [1] whatever the setting.
 */
export function onsetWeights(o: Pick<PlanOptions, "onset" | "horizonYears">, years: number): OnsetUsed {
  const setting = o.onset === "uniform" || o.onset === "end" ? o.onset : "weights";
  if (years <= 1) return { setting, weights: [1] };
  if (o.onset === "end") return { setting, weights: Array.from({ length: years }, (_, i) => (i === years - 1 ? 1 : 0)) };
  if (o.onset === "uniform") {
    const T = Math.max(years, o.horizonYears);
    return { setting, weights: Array.from({ length: years }, (_, i) => (i < years - 1 ? 1 / T : (T - years + 1) / T)) };
  }
  const total = o.onset.reduce((a, x) => a + x, 0);
  return { setting, weights: o.onset.map((x) => x / total) };
}

/** Every weight on the last year: the disruption begins once the schedule is complete (where the Lagrangian fast path is exact). */
export const onsetAtEnd = (w: readonly number[]): boolean => w.every((x, i) => i === w.length - 1 || x === 0);

function checkSchedule(p: Problem, years: number): void {
  if (!(Number.isInteger(years) && years >= 1 && years <= MAX_SCHEDULE_YEARS))
    throw new LodestoneError("invalid", {
      field: "years",
      message: `${years} is not a schedule length`,
      expected: `whole years in [1, ${MAX_SCHEDULE_YEARS}]`,
    });
  if (p.projects.length)
    throw new LodestoneError("bad-input", {
      field: "--years",
      message: "a purchase schedule does not fund capacity projects yet",
      expected: "--years without --projects (plan projects with a one-year plan)",
    });
}

/** What the LP and the fast path both read: per mineral, the saving runs and the pieces of each year's purchase. */
export function scheduleMinerals(p: Problem, years: number): ScheduleMineral[] {
  checkSchedule(p, years);
  const o = p.options;
  const w = onsetWeights(o, years).weights;
  // years held before the onset (or, with no disruption, to the end of the schedule) by a ton bought in year y
  const before = (y: number) => (1 - p.none) * w.reduce((a, ws, i) => a + ws * Math.max(0, i + 1 - y), 0) + p.none * (years - y);
  return p.minerals.map((m, mi) => {
    const { runs, second } = savingCurve(p, mi, [], 0);
    const perYear = m.world !== null ? m.alpha * m.world : Infinity;
    const lambda = m.market.impact;
    const pieces: SchedulePiece[] = [];
    for (let y = 1; y <= years; y++) {
      const hold = m.hold + m.holdRate * before(y);
      const ks =
        m.world !== null && lambda > 0 && Number.isFinite(perYear)
          ? impactSegments(m.world, m.cost, lambda, perYear)
          : [{ from: 0, to: perYear, price: m.cost }];
      for (const k of ks)
        pieces.push({
          year: y,
          len: k.to - k.from,
          price: k.price,
          hold,
          cost: m.cashScale * k.price + (o.spendAll ? 0 : hold - m.resale),
        });
    }
    const cover = m.d0 * m.r;
    const lo = o.minDaysOfCover !== null ? (o.minDaysOfCover / DAYS_PER_MONTH) * cover : 0;
    const hi = o.maxDaysOfCover !== null ? (o.maxDaysOfCover / DAYS_PER_MONTH) * cover : Infinity;
    return { runs, second, pieces, lo, hi };
  });
}

export function buildSchedule(p: Problem, years: number): ScheduleModel {
  const ms = scheduleMinerals(p, years);
  const w = onsetWeights(p.options, years).weights;
  const model = new LpModel();
  const o = p.options;
  const q: ScheduleModel["q"] = [];
  const cashCols: { col: number; year: number; price: number }[] = [];
  let constant = 0;
  p.minerals.forEach((m, mi) => {
    const sm = ms[mi];
    constant += sm.second;
    const own: ScheduleModel["q"][number] = [];
    sm.pieces.forEach((k, n) => {
      const col = model.addCol(`buy.${m.id}.y${k.year}.k${n + 1}`, 0, k.len);
      model.colCost[col] = k.cost;
      own.push({ year: k.year, col, price: k.price });
      cashCols.push({ col, year: k.year, price: k.price });
    });
    q.push(own);
    // per onset year s: the saving of the stock bought by the end of year s, Σ_j u_{s,j} ≤ Σ_{y≤s} q_y
    for (let s = 1; s <= years; s++) {
      if (!(w[s - 1] > 0)) continue;
      const by = own.filter((x) => x.year <= s);
      const most = Math.min(
        sm.hi,
        sm.pieces.reduce((a, k) => a + (k.year <= s ? k.len : 0), 0),
      );
      const u: number[] = [];
      let start = 0;
      for (const [j, r] of sm.runs.entries()) {
        // runs are non-increasing: past the first without saving, or past what can be bought by year s, none is used
        if (!(r.saving > 0) || !(start < most)) break;
        const col = model.addCol(`save.${m.id}.s${s}.j${j + 1}`, 0, r.tons);
        model.colCost[col] = -w[s - 1] * r.saving;
        u.push(col);
        start += r.tons;
      }
      if (u.length) model.addRow(`stock.${m.id}.s${s}`, -Infinity, 0, [...u, ...by.map((x) => x.col)], [...u.map(() => 1), ...by.map(() => -1)]);
    }
    if (sm.lo > 0 || sm.hi < Infinity)
      model.addRow(
        `days.${m.id}`,
        sm.lo,
        sm.hi,
        own.map((x) => x.col),
        own.map(() => 1),
      );
  });
  const budgetRows: number[] = [];
  for (let y = 1; y <= years; y++) {
    const upto = cashCols.filter((c) => c.year <= y);
    budgetRows.push(
      model.addRow(
        `budget.y${y}`,
        -Infinity,
        (o.budget * y) / years / MONEY_UNIT,
        upto.map((c) => c.col),
        upto.map((c) => c.price / MONEY_UNIT),
      ),
    );
  }
  return { model, q, budgetRows, constant, minerals: ms };
}

/**
 * Each mineral's best purchase for a price λ on the budget's dollars (the Lagrangian of the total
 * budget): pieces in order of cost + λ·price (later years first among equals), saving runs in
 * descending order, matched while a run's saving exceeds the piece's cost + λ·price, up to the
 * days cap. Returns the tons of each piece.
 */
function lagrangian(ms: readonly ScheduleMineral[], lambda: number): Float64Array[] {
  return ms.map((sm) => {
    const q = new Float64Array(sm.pieces.length);
    const order = sm.pieces
      .map((_, i) => i)
      .sort(
        (a, b) =>
          sm.pieces[a].cost + lambda * sm.pieces[a].price - (sm.pieces[b].cost + lambda * sm.pieces[b].price) || sm.pieces[b].year - sm.pieces[a].year || a - b,
      );
    let r = 0;
    let runLeft = sm.runs[0]?.tons ?? 0;
    let total = 0;
    for (const i of order) {
      const pc = sm.pieces[i];
      let left = pc.len;
      while (left > 0 && r < sm.runs.length && total < sm.hi) {
        if (!(sm.runs[r].saving > pc.cost + lambda * pc.price)) return q;
        const take = Math.min(left, runLeft, sm.hi - total);
        q[i] += take;
        left -= take;
        runLeft -= take;
        total += take;
        if (runLeft <= 0) runLeft = sm.runs[++r]?.tons ?? 0;
      }
      if (r >= sm.runs.length || total >= sm.hi) break;
    }
    return q;
  });
}

const spendOf = (ms: readonly ScheduleMineral[], q: readonly Float64Array[]) =>
  ms.reduce((a, sm, m) => a + sm.pieces.reduce((b, pc, i) => b + pc.price * q[m][i], 0), 0);

/**
 * A mineral's expected saving from piece tons q with onset weights w: Σ_s w_s·S(Σ_{y≤s} q_y), where
 * S(Q) fills the saving runs from the top with Q tons, the runs without saving left empty (as the LP
 * leaves them). Stock bought by year s ≤ N is at most the total, so this never exceeds onset `end`'s S(Σ q).
 */
export function expectedSaving(sm: ScheduleMineral, w: readonly number[], q: ArrayLike<number>): number {
  let v = 0;
  w.forEach((ws, i) => {
    if (!(ws > 0)) return;
    let tons = 0;
    sm.pieces.forEach((pc, n) => {
      if (pc.year <= i + 1) tons += Math.max(0, q[n]);
    });
    for (const r of sm.runs) {
      if (!(tons > 0 && r.saving > 0)) break;
      const take = Math.min(tons, r.tons);
      v += ws * take * r.saving;
      tons -= take;
    }
  });
  return v;
}

/** The schedule's objective for piece tons q with onset weights w (each mineral's pieces' cost less its expected saving), with the constant. */
export function scheduleObjective(ms: readonly ScheduleMineral[], w: readonly number[], q: readonly ArrayLike<number>[]): number {
  return ms.reduce((v, sm, m) => v + sm.second + sm.pieces.reduce((a, pc, i) => a + pc.cost * q[m][i], 0) - expectedSaving(sm, w, q[m]), 0);
}

/**
 * The exact fast path for a schedule without projects or days floors, when the disruption begins once
 * the schedule is complete (onset `end`; otherwise undefined, and HiGHS solves it: an earlier onset
 * makes early tons worth more, the tranches bind, and the one-multiplier Lagrangian is no longer exact). Holding falls year by year and
 * every year's impact pieces are alike, so an optimal schedule is back-loaded and the cumulative
 * tranche caps (y/N of the budget by year y) hold whenever the total does: the problem is the total
 * budget's Lagrangian, solved by bisection on λ; at the budget's λ* the plan is the mix of the two
 * neighbouring solutions that spends exactly the budget (both optimal at λ*). If the tranches were
 * to bind after all, undefined (the caller solves it with HiGHS).
 */
export function solveScheduleFast(p: Problem, years: number): { q: Float64Array[]; objective: number; marginal: number } | undefined {
  if (p.options.minDaysOfCover !== null) return undefined;
  const w = onsetWeights(p.options, years).weights;
  if (!onsetAtEnd(w)) return undefined;
  const ms = scheduleMinerals(p, years);
  const B = p.options.budget;
  let q = lagrangian(ms, 0);
  let marginal = 0;
  if (spendOf(ms, q) > B * (1 + 1e-12)) {
    let lo = 0;
    let hi = 1;
    while (spendOf(ms, lagrangian(ms, hi)) > B) hi *= 2;
    for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
      const mid = (lo + hi) / 2;
      if (spendOf(ms, lagrangian(ms, mid)) > B) lo = mid;
      else hi = mid;
    }
    const qLo = lagrangian(ms, lo);
    const qHi = lagrangian(ms, hi);
    const sLo = spendOf(ms, qLo);
    const sHi = spendOf(ms, qHi);
    const theta = sLo > sHi ? (B - sHi) / (sLo - sHi) : 0;
    q = qLo.map((a, m) => a.map((x, i) => theta * x + (1 - theta) * qHi[m][i]));
    marginal = hi;
  }
  // the tranches: cumulative spend by year y within y/N of the budget
  for (let y = 1; y < years; y++) {
    const upto = ms.reduce((a, sm, m) => a + sm.pieces.reduce((b, pc, i) => b + (pc.year <= y ? pc.price * q[m][i] : 0), 0), 0);
    if (upto > ((B * y) / years) * (1 + 1e-9) + 1e-6) return undefined;
  }
  return { q, objective: scheduleObjective(ms, w, q), marginal };
}

/**
 * The schedule as a plan: total tons per mineral and what is bought in which year at what price. With
 * an onset before the end, a mineral's expected shortfall, loss and resale are the onset-weighted mix of
 * those with the stock bought by each onset year (Σ_s w_s·outcome(Σ_{y≤s} q_y)); its holding is each
 * year's tons at that year's holding per ton.
 */
function scheduleResult(
  p: Problem,
  years: number,
  solver: "fast" | "highs",
  ms: readonly ScheduleMineral[],
  q: readonly Float64Array[],
  objective: number,
  marginal: number,
): PlanResult {
  const onset = onsetWeights(p.options, years);
  const w = onset.weights;
  const buy = q.map((x) => x.reduce((a, v) => a + Math.max(0, v), 0));
  const r = assemble(p, solver, "optimal", objective, buy, [], marginal);
  // onset before the end: a bought mineral's outcome with the stock bought by each onset year (assemble's is with everything bought)
  const mix = onsetAtEnd(w) ? undefined : r.minerals.map((m, mi) => (m.buyTons > 0 ? onsetOutcome(p, mi, ms[mi], w, q[mi]) : undefined));
  r.minerals.forEach((m, mi) => {
    const rows: YearPurchase[] = [];
    let holding = 0;
    for (let y = 1; y <= years; y++) {
      let tons = 0;
      let cash = 0;
      ms[mi].pieces.forEach((pc, i) => {
        if (pc.year !== y) return;
        tons += Math.max(0, q[mi][i]);
        cash += Math.max(0, q[mi][i]) * pc.price;
        holding += Math.max(0, q[mi][i]) * pc.hold;
      });
      rows.push({ year: y, tons, cash, price: tons > 0 ? cash / tons : null });
    }
    m.schedule = rows;
    m.dollars = rows.reduce((a, x) => a + x.cash, 0);
    if (m.buyTons > 0) {
      m.unitCost = m.dollars / m.buyTons;
      m.holdingCost = holding;
      m.holdingPerTon = holding / m.buyTons;
    }
    const o = mix?.[mi];
    if (o) {
      m.shortfallAfter = o.short;
      m.valueAfter = o.loss;
      m.resaleValue = Math.max(0, m.buyTons - o.fromBuy) * m.resalePerTon;
    }
  });
  r.spent = r.minerals.reduce((a, m) => a + m.dollars, 0);
  r.unspent = Math.max(0, p.options.budget - r.spent);
  r.valueAfter = r.minerals.reduce((a, m) => a + m.valueAfter, 0);
  r.years = years;
  r.onset = onset;
  // tranches that bind before the last year: money released earlier would buy earlier protection
  const B = p.options.budget;
  const binding: number[] = [];
  let cum = 0;
  for (let y = 1; y < years; y++) {
    cum += r.minerals.reduce((a, m) => a + (m.schedule?.[y - 1]?.cash ?? 0), 0);
    if (B > 0 && cum >= ((B * y) / years) * (1 - 1e-6)) binding.push(y);
  }
  r.notes = [
    ...r.notes,
    onsetNote(onset, p.options.horizonYears),
    ...(binding.length
      ? [
          `schedule: the budget tranche binds by the end of year ${binding.join(", ")} (spend to date at y/${years} of the budget): money released earlier would buy earlier protection`,
        ]
      : []),
  ];
  return r;
}

/**
 * One mineral's expected tons short, loss and release of purchased stock, mixed over the onsets:
 * Σ_s w_s·outcome(stock1 + Σ_{y≤s} q_y) in each scenario (the loss pieces of a block do not depend on the stock: computed once).
 */
function onsetOutcome(p: Problem, mi: number, sm: ScheduleMineral, w: readonly number[], q: Float64Array): { short: number; loss: number; fromBuy: number } {
  const m = p.minerals[mi];
  const out = { short: 0, loss: 0, fromBuy: 0 };
  const bought = w.map((_, i) => sm.pieces.reduce((a, pc, n) => a + (pc.year <= i + 1 ? Math.max(0, q[n]) : 0), 0));
  for (const b of p.blocks[mi]) {
    if (!(b.weight > 0) || !b.gap.length) continue;
    const pieces = blockPieces(p, b);
    const none = blockCost(m, pieces, b.stock1).released;
    w.forEach((ws, i) => {
      if (!(ws > 0)) return;
      const c = blockCost(m, pieces, b.stock1 + bought[i]);
      out.short += ws * b.weight * c.short;
      out.loss += ws * b.weight * c.loss;
      out.fromBuy += ws * b.weight * Math.max(0, c.released - none);
    });
  }
  return out;
}

/** The plan's note on when a disruption is taken to begin (the default is a judgement call, and says so). */
function onsetNote(onset: OnsetUsed, horizon: number): string {
  const n = onset.weights.length;
  const pct = onset.weights.map((x) => `${(x * 100).toFixed(1)} %`).join(", ");
  if (onset.setting === "end")
    return `schedule: onset end: a disruption is taken to begin once the ${n}-year schedule is complete, so every ton protects alike and the timing is about cost (--onset uniform: it may begin sooner)`;
  const why =
    onset.setting === "uniform"
      ? `judgement call: equally likely at the end of any year of the ${horizon}-year planning horizon (the scenarios' probabilities say how likely a disruption is, not when)${horizon > n ? `; after year ${n} folded into year ${n}` : ""}`
      : "the weights given";
  return `schedule: onset ${onset.setting}: a disruption may begin at the end of year 1..${n} with weights ${pct} (${why}); a ton bought in year y protects only against a disruption from the end of year y, so early tons protect against more and cost more to hold (--onset end: the disruption begins once the schedule is complete)`;
}

/** A schedule by the fast path (when it applies), else undefined. */
export function scheduleByFastPath(p: Problem, years: number): PlanResult | undefined {
  const f = solveScheduleFast(p, years);
  return f && scheduleResult(p, years, "fast", scheduleMinerals(p, years), f.q, f.objective, f.marginal);
}

/**
 * Solve a schedule with HiGHS and report it as a plan: total tons per mineral, and what is bought in which year at what price.
 * `built`: the schedule's LP built once for this problem at any budget (only the tranche rows depend on it): a copy is solved with
 * the rows set to p's budget, so a planner solving many budgets builds it once.
 */
export function solveSchedule(p: Problem, years: number, highs: Solver, built?: ScheduleModel): PlanResult {
  const s = built ? atBudget(built, p.options.budget, years) : buildSchedule(p, years);
  // without presolve: on this LP (many bounded saving columns on a few rows) HiGHS' presolve takes some 40× the simplex (5 years, default input: 15 s against 0.3 s)
  const out = highs.solve(s.model, { presolve: false });
  if (out.status !== "optimal") return assemble(p, "highs", out.status, NaN, [], [], 0, `HiGHS: ${out.detail}`);
  // one more dollar of budget raises tranche y's cap by y/N dollars: ∂objective/∂B = Σ_y (y/N)·dual_y
  const dual = out.rowDual ? s.budgetRows.reduce((a, r, i) => a + ((i + 1) / years) * out.rowDual![r], 0) / MONEY_UNIT : 0;
  const q = s.q.map((own) => Float64Array.from(own, (x) => out.x[x.col]));
  return scheduleResult(p, years, "highs", s.minerals, q, out.objective + s.constant, Math.abs(dual) > 1e-12 ? -dual : 0);
}

/** A copy of a built schedule with its tranche rows at `budget` (the built one is left as it was). */
function atBudget(s: ScheduleModel, budget: number, years: number): ScheduleModel {
  const model = new LpModel(s.model);
  s.budgetRows.forEach((r, i) => {
    model.rowUpper[r] = (budget * (i + 1)) / years / MONEY_UNIT;
  });
  return { ...s, model };
}
