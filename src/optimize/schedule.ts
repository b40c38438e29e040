import { impactSegments } from "../economics/impact.js";
import { LodestoneError } from "../errors.js";
import { DAYS_PER_MONTH, MONEY_UNIT } from "./defaults.js";
import { savingCurve } from "./fastpath.js";
import { LpModel } from "./model.js";
import type { Problem } from "./problem.js";
import { assemble } from "./results.js";
import type { Solver } from "./solver/types.js";
import type { PlanResult, YearPurchase } from "./types.js";

/** The longest purchase schedule: beyond 20 annual tranches the scenarios (1–10 years) say nothing about timing. */
export const MAX_SCHEDULE_YEARS = 20;

/**
 * A purchase schedule over `years` annual tranches (issue 11). The budget is the programme's total,
 * released in equal annual tranches: by the end of year y at most y/N of it is spent (money not spent
 * in a year carries over). The price of a year's purchase rises with the share of that year's world
 * supply bought (src/economics/impact.ts: P0·(1 + λ·q/W), its cost convex and piecewise linear in the
 * LP), so large purchases are spread over the years. Stated simplification: a disruption, if one comes,
 * begins once the schedule is complete, so every ton bought protects equally and the timing is about
 * cost: a year's purchases count from the end of that year, the window opens at the end of year N, so a
 * ton bought in year y is held N − y more years (at the holding rate) before the scenarios' own horizons
 * (a one-year schedule is the one-year plan). Interest on the impact's extra price is not counted. Each mineral's expected saving from stock is the fast path's curve (savingCurve):
 * runs of constant saving per ton, non-increasing, so the LP fills them in order.
 *
 * LP: per mineral, u_j ∈ [0, tons_j] (cost −saving_j) and q_{y,k} ∈ [0, len_k] (cost: the impact
 * piece's price + holding − resale); Σ_j u_j ≤ Σ_{y,k} q_{y,k} (a saving needs a ton bought);
 * Σ_k q_{y,k} ≤ α·W a year; the days floor and cap on Σ q; Σ_{y' ≤ y} cash ≤ (y/N)·B.
 */
export interface ScheduleModel {
  model: LpModel;
  /** per mineral: columns of each year's pieces, with their cash price per ton */
  q: { year: number; col: number; price: number }[][];
  budgetRows: number[];
  /** Σ_m second-stage cost at zero purchase: the objective's constant */
  constant: number;
}

/** One year's impact piece of a mineral's purchase: its tons, its cash price and its objective cost per ton. */
export interface SchedulePiece {
  year: number;
  len: number;
  price: number;
  /** cash weighted as the plan weighs it, plus holding (its scenarios' own and the years to the end of the schedule), less resale */
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
  return p.minerals.map((m, mi) => {
    const { runs, second } = savingCurve(p, mi, [], 0);
    const perYear = m.world !== null ? m.alpha * m.world : Infinity;
    const lambda = m.market.impact;
    const pieces: SchedulePiece[] = [];
    for (let y = 1; y <= years; y++) {
      const ks =
        m.world !== null && lambda > 0 && Number.isFinite(perYear)
          ? impactSegments(m.world, m.cost, lambda, perYear)
          : [{ from: 0, to: perYear, price: m.cost }];
      for (const k of ks)
        pieces.push({
          year: y,
          len: k.to - k.from,
          price: k.price,
          // a year's purchases count from the end of that year and the window opens at the end of year N: N − y more years held
          cost: m.cashScale * k.price + (o.spendAll ? 0 : m.hold + m.holdRate * (years - y) - m.resale),
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
  const model = new LpModel();
  const o = p.options;
  const q: ScheduleModel["q"] = [];
  const cashCols: { col: number; year: number; price: number }[] = [];
  let constant = 0;
  p.minerals.forEach((m, mi) => {
    const sm = ms[mi];
    constant += sm.second;
    const u = sm.runs.map((r, j) => {
      const col = model.addCol(`save.${m.id}.j${j + 1}`, 0, r.tons);
      model.colCost[col] = -r.saving;
      return col;
    });
    const own: ScheduleModel["q"][number] = [];
    sm.pieces.forEach((k, n) => {
      const col = model.addCol(`buy.${m.id}.y${k.year}.k${n + 1}`, 0, k.len);
      model.colCost[col] = k.cost;
      own.push({ year: k.year, col, price: k.price });
      cashCols.push({ col, year: k.year, price: k.price });
    });
    q.push(own);
    model.addRow(`stock.${m.id}`, -Infinity, 0, [...u, ...own.map((x) => x.col)], [...u.map(() => 1), ...own.map(() => -1)]);
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
  return { model, q, budgetRows, constant };
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

/** The schedule's objective for piece tons q (the saving runs filled from the top by the tons bought), with the constant. */
function objectiveOf(ms: readonly ScheduleMineral[], q: readonly Float64Array[]): number {
  let v = 0;
  ms.forEach((sm, m) => {
    let tons = 0;
    sm.pieces.forEach((pc, i) => {
      v += pc.cost * q[m][i];
      tons += q[m][i];
    });
    v += sm.second;
    for (const r of sm.runs) {
      const take = Math.min(tons, r.tons);
      v -= take * r.saving;
      tons -= take;
      if (tons <= 0) break;
    }
  });
  return v;
}

/**
 * The exact fast path for a schedule without projects or days floors. Holding falls year by year and
 * every year's impact pieces are alike, so an optimal schedule is back-loaded and the cumulative
 * tranche caps (y/N of the budget by year y) hold whenever the total does: the problem is the total
 * budget's Lagrangian, solved by bisection on λ; at the budget's λ* the plan is the mix of the two
 * neighbouring solutions that spends exactly the budget (both optimal at λ*). If the tranches were
 * to bind after all, undefined (the caller solves it with HiGHS).
 */
export function solveScheduleFast(p: Problem, years: number): { q: Float64Array[]; objective: number; marginal: number } | undefined {
  if (p.options.minDaysOfCover !== null) return undefined;
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
  return { q, objective: objectiveOf(ms, q), marginal };
}

/** The schedule as a plan: total tons per mineral and what is bought in which year at what price. */
function scheduleResult(
  p: Problem,
  years: number,
  solver: "fast" | "highs",
  ms: readonly ScheduleMineral[],
  q: readonly Float64Array[],
  objective: number,
  marginal: number,
): PlanResult {
  const buy = q.map((x) => x.reduce((a, v) => a + Math.max(0, v), 0));
  const r = assemble(p, solver, "optimal", objective, buy, [], marginal);
  r.minerals.forEach((m, mi) => {
    const rows: YearPurchase[] = [];
    for (let y = 1; y <= years; y++) {
      let tons = 0;
      let cash = 0;
      ms[mi].pieces.forEach((pc, i) => {
        if (pc.year !== y) return;
        tons += Math.max(0, q[mi][i]);
        cash += Math.max(0, q[mi][i]) * pc.price;
      });
      rows.push({ year: y, tons, cash, price: tons > 0 ? cash / tons : null });
    }
    m.schedule = rows;
    m.dollars = rows.reduce((a, x) => a + x.cash, 0);
    if (m.buyTons > 0) m.unitCost = m.dollars / m.buyTons;
  });
  r.spent = r.minerals.reduce((a, m) => a + m.dollars, 0);
  r.unspent = Math.max(0, p.options.budget - r.spent);
  r.years = years;
  return r;
}

/** A schedule by the fast path (when it applies), else undefined. */
export function scheduleByFastPath(p: Problem, years: number): PlanResult | undefined {
  const f = solveScheduleFast(p, years);
  return f && scheduleResult(p, years, "fast", scheduleMinerals(p, years), f.q, f.objective, f.marginal);
}

/** Solve a schedule with HiGHS and report it as a plan: total tons per mineral, and what is bought in which year at what price. */
export function solveSchedule(p: Problem, years: number, highs: Solver): PlanResult {
  const s = buildSchedule(p, years);
  const out = highs.solve(s.model);
  if (out.status !== "optimal") return assemble(p, "highs", out.status, NaN, [], [], 0, `HiGHS: ${out.detail}`);
  const dual = out.rowDual ? s.budgetRows.reduce((a, r) => a + out.rowDual![r], 0) / MONEY_UNIT : 0;
  const q = s.q.map((own) => Float64Array.from(own, (x) => out.x[x.col]));
  return scheduleResult(p, years, "highs", scheduleMinerals(p, years), q, out.objective + s.constant, Math.abs(dual) > 1e-12 ? -dual : 0);
}
