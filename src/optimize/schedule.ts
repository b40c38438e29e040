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

export function buildSchedule(p: Problem, years: number): ScheduleModel {
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
  const model = new LpModel();
  const o = p.options;
  const q: ScheduleModel["q"] = [];
  const cashCols: { col: number; year: number; price: number }[] = [];
  let constant = 0;
  p.minerals.forEach((m, mi) => {
    const { runs, second } = savingCurve(p, mi, [], 0);
    constant += second;
    const u = runs.map((r, j) => {
      const col = model.addCol(`save.${m.id}.j${j + 1}`, 0, r.tons);
      model.colCost[col] = -r.saving;
      return col;
    });
    const perYear = m.world !== null ? m.alpha * m.world : Infinity;
    const lambda = m.market.impact;
    const own: ScheduleModel["q"][number] = [];
    for (let y = 1; y <= years; y++) {
      const pieces =
        m.world !== null && lambda > 0 && Number.isFinite(perYear)
          ? impactSegments(m.world, m.cost, lambda, perYear)
          : [{ from: 0, to: perYear, price: m.cost }];
      pieces.forEach((k, n) => {
        const col = model.addCol(`buy.${m.id}.y${y}.k${n + 1}`, 0, k.to - k.from);
        // cash with the market impact, plus holding (the scenarios' own, plus N − y years: a year's purchases count from the
        // end of that year, and the disruption window opens at the end of year N), less resale
        model.colCost[col] = m.cashScale * k.price + (o.spendAll ? 0 : m.hold + m.holdRate * (years - y) - m.resale);
        own.push({ year: y, col, price: k.price });
        cashCols.push({ col, year: y, price: k.price });
      });
    }
    q.push(own);
    model.addRow(`stock.${m.id}`, -Infinity, 0, [...u, ...own.map((x) => x.col)], [...u.map(() => 1), ...own.map(() => -1)]);
    const cover = m.d0 * m.r;
    const lo = o.minDaysOfCover !== null ? (o.minDaysOfCover / DAYS_PER_MONTH) * cover : 0;
    const hi = o.maxDaysOfCover !== null ? (o.maxDaysOfCover / DAYS_PER_MONTH) * cover : Infinity;
    if (lo > 0 || hi < Infinity)
      model.addRow(
        `days.${m.id}`,
        lo,
        hi,
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

/** Solve a schedule with HiGHS and report it as a plan: total tons per mineral, and what is bought in which year at what price. */
export function solveSchedule(p: Problem, years: number, highs: Solver): PlanResult {
  const s = buildSchedule(p, years);
  const out = highs.solve(s.model);
  if (out.status !== "optimal") return assemble(p, "highs", out.status, NaN, [], [], 0, `HiGHS: ${out.detail}`);
  const buy = s.q.map((own) => own.reduce((a, x) => a + out.x[x.col], 0));
  const dual = out.rowDual ? s.budgetRows.reduce((a, r) => a + out.rowDual![r], 0) / MONEY_UNIT : 0;
  const r = assemble(p, "highs", "optimal", out.objective + s.constant, buy, [], Math.abs(dual) > 1e-12 ? -dual : 0);
  r.minerals.forEach((m, mi) => {
    const rows: YearPurchase[] = [];
    for (let y = 1; y <= years; y++) {
      const cols = s.q[mi].filter((x) => x.year === y);
      const tons = cols.reduce((a, x) => a + Math.max(0, out.x[x.col]), 0);
      const cash = cols.reduce((a, x) => a + Math.max(0, out.x[x.col]) * x.price, 0);
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
