import { LodestoneError } from "../errors.js";
import { type BuiltModel, buildModel } from "./build.js";
import { MONEY_UNIT } from "./defaults.js";
import { type FastModel, fastPathBlocker, prepareFast, solveFast } from "./fastpath.js";
import { LpModel } from "./model.js";
import { forcedSpend, type Problem, prepareProblem, resolvePlanOptions } from "./problem.js";
import { assemble, planMoney } from "./results.js";
import { buildSchedule, onsetAtEnd, onsetWeights, type ScheduleModel, scheduleByFastPath, solveSchedule } from "./schedule.js";
import { loadHighsSolver } from "./solver/highs.js";
import type { Solver } from "./solver/types.js";
import type { MineralEconomics, PlanOptions, PlanResult, PlanScenario, Project } from "./types.js";

export interface PlanInput {
  scenarios: readonly PlanScenario[];
  economics: readonly MineralEconomics[];
  projects?: readonly Project[];
  /** the basket: mineral ids to plan for (default: every mineral the scenarios cover) */
  minerals?: readonly string[];
  /**
   * A basket file's minerals when `minerals` also names some: the plan covers the minerals both
   * name, and one named only in `minerals` is left out as not in the basket.
   */
  within?: readonly string[];
  options: Partial<PlanOptions> & { budget: number };
}

/** A prepared plan: the problem plus whichever solver state it needs, reusable across budgets. */
export interface Planner {
  problem: Problem;
  /** "fast" or "highs", and why the fast path was not used */
  path: "fast" | "highs";
  why?: string;
  /** The plan at this budget; the planner and every model it returned are left as they were. */
  solve(budget: number): PlanResult;
  /**
   * The LP/MIP at this budget (default: the budget of the input's options): a fresh copy with the
   * budget row set, which the caller may change freely. The planner keeps its own, never mutated.
   */
  model(budget?: number): BuiltModel;
}

/** Choose the path (auto: fast when exact), prepare it once, and return a budget → plan function. */
export async function createPlanner(input: PlanInput, solver?: Solver): Promise<Planner> {
  const options = resolvePlanOptions(input.options);
  const problem = prepareProblem(input.scenarios, input.economics, input.projects ?? [], options, input.minerals, input.within);
  // a schedule's fast path is exact only when the disruption begins once the schedule is complete (onset end)
  const blocker =
    options.years > 1
      ? problem.projects.length || options.minDaysOfCover !== null
        ? `a ${options.years}-year schedule with ${problem.projects.length ? "projects" : "a days-of-cover floor"} is solved by HiGHS`
        : onsetAtEnd(onsetWeights(options, options.years).weights)
          ? undefined
          : `a ${options.years}-year schedule whose disruption may begin before it is complete (onset ${typeof options.onset === "string" ? options.onset : "weights"}) is solved by HiGHS`
      : fastPathBlocker(problem);
  if (options.solver === "fast" && blocker)
    throw new LodestoneError("invalid", { field: "solver", message: `the fast path does not apply: ${blocker}`, expected: "--solver auto or highs" });
  const path = options.solver === "highs" || (options.solver === "auto" && blocker) ? "highs" : "fast";
  // built once, on first use, and never changed: model() and solve() each work on a copy
  let template: BuiltModel | undefined;
  const model = (budget = options.budget): BuiltModel => {
    if (options.years > 1) {
      const s = buildSchedule(withBudget(budget), options.years);
      return { model: s.model, cols: { buy: [], cash: [], fund: [], blocks: [] }, budgetRow: s.budgetRows[s.budgetRows.length - 1] };
    }
    template ??= buildModel(problem);
    const copy = new LpModel(template.model);
    copy.rowUpper[template.budgetRow] = budget / MONEY_UNIT;
    return { ...template, model: copy };
  };
  const withBudget = (budget: number): Problem => ({ ...problem, options: { ...options, budget } });

  if (path === "fast") {
    let fm: FastModel | undefined;
    // a schedule whose tranches bind after all falls back to HiGHS (loaded up front: solve is synchronous)
    const fallback = options.years > 1 ? (solver ?? (await loadHighsSolver())) : undefined;
    return {
      problem,
      path,
      model,
      solve(budget) {
        const p = withBudget(budget);
        const pre = precheckAt(p, budget);
        if (pre) return assemble(p, "fast", "infeasible", NaN, [], [], 0, pre);
        if (options.years > 1) return scheduleByFastPath(p, options.years) ?? solveSchedule(p, options.years, fallback!);
        fm ??= prepareFast(problem);
        const s = solveFast(fm, budget);
        if (!s.feasible) return assemble(p, "fast", "infeasible", NaN, [], [], 0, "no combination of required projects and purchase floors fits the budget");
        const r = assemble(p, "fast", "optimal", s.objective, s.buy, s.fund, s.marginalValue, undefined, s.flipCost);
        if (options.spendAll) r.lastDollars = lastDollars(r, (b) => assembleAt(fm!, withBudget(b), b));
        return r;
      },
    };
  }
  const highs = solver ?? (await loadHighsSolver());
  // a schedule's LP, built once on first use: each budget solves a copy with its tranche rows set
  let schedule: ScheduleModel | undefined;
  return {
    problem,
    path,
    why: blocker ?? (options.solver === "highs" ? "asked for HiGHS" : undefined),
    model,
    solve(budget) {
      const p = withBudget(budget);
      const pre = precheckAt(p, budget);
      if (pre) return assemble(p, "highs", "infeasible", NaN, [], [], 0, pre);
      if (options.years > 1) {
        schedule ??= buildSchedule(p, options.years);
        return solveSchedule(p, options.years, highs, schedule);
      }
      const b = model(budget);
      const out = highs.solve(b.model);
      if (out.status !== "optimal") return assemble(p, "highs", out.status, NaN, [], [], 0, `HiGHS: ${out.detail}`);
      const buy = b.cols.buy.map((j) => out.x[j]);
      const fund = b.cols.fund.map((j) => out.x[j]);
      // the budget row's dual is ∂objective/∂B per million USD: per USD, the net return of the last dollar
      const dual = out.rowDual ? out.rowDual[b.budgetRow] / MONEY_UNIT : 0;
      const marginal = Math.abs(dual) > 1e-12 ? -dual : 0;
      const r = assemble(p, "highs", "optimal", out.objective, buy, fund, marginal);
      if (options.spendAll) r.lastDollars = { why: "computed on the exact fast path only (this plan was solved by HiGHS)" };
      return r;
    },
  };
}

function assembleAt(fm: FastModel, p: Problem, budget: number): PlanResult | undefined {
  const s = solveFast(fm, budget);
  return s.feasible ? assemble(p, "fast", "optimal", s.objective, s.buy, s.fund, s.marginalValue) : undefined;
}

/**
 * --spend-all: what the last dollars return net of resale and holding, from the plan at a budget 1 %
 * smaller (at most the spend): Δ net benefit / Δ spend.
 */
function lastDollars(r: PlanResult, at: (budget: number) => PlanResult | undefined): NonNullable<PlanResult["lastDollars"]> {
  const step = Math.min(r.spent, 0.01 * r.budget);
  const smaller = step > 0 ? at(r.budget - step) : undefined;
  if (!smaller || r.spent - smaller.spent <= 0) return { why: "the plan spends nothing, or a smaller budget is infeasible" };
  const over = r.spent - smaller.spent;
  return { overUsd: over, netPerUsd: (planMoney(r).net - planMoney(smaller).net) / over };
}

/** Money as the plan's tables show it (US$ M), or whole dollars below a million. */
const money = (usd: number) =>
  Math.abs(usd) >= 1e6
    ? `US$ ${(usd / 1e6).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} M`
    : `US$ ${usd.toLocaleString("en-US", { maximumFractionDigits: 0 })}`;

/** Infeasible set-ups at a given budget: contradicting caps, or forced spend above the budget. */
function precheckAt(p: Problem, budget: number): string | undefined {
  if (p.infeasible) return p.infeasible;
  const forced = forcedSpend(p);
  if (forced > budget * (1 + 1e-12))
    return `the forced minimum spend of ${money(forced)} (purchase floors and required projects) exceeds the budget of ${money(budget)}`;
  return undefined;
}

/** The budget-optimal reserve plan. */
export async function planReserve(input: PlanInput, solver?: Solver): Promise<PlanResult> {
  const planner = await createPlanner(input, solver);
  const r = planner.solve(planner.problem.options.budget);
  if (planner.why) r.notes = [...r.notes, `solved with HiGHS: ${planner.why}`];
  return r;
}

export interface FrontierPoint {
  budget: number;
  status: PlanResult["status"];
  /** why the solve failed, when status is not optimal */
  reason?: string;
  valueAfter: number;
  /** the plan's objective (net expected cost), USD */
  objective: number;
  spent: number;
  marginalValue: number;
  /** expected loss avoided per USD of budget between this budget and the previous one (the sweep's step, gross of cost) */
  stepValue: number | null;
  /** objective decrease per USD of budget over the step (net of cost, holding and resale): bracketed by the duals at its ends */
  stepNet: number | null;
}

/** Expected shortfall value against budget, with the marginal value (dual) at each step. */
export async function budgetFrontier(
  input: PlanInput,
  budgets: readonly number[],
  onStep?: (done: number, total: number) => void,
  solver?: Solver,
): Promise<{ points: FrontierPoint[]; plans: PlanResult[]; path: string }> {
  for (const b of budgets)
    if (!Number.isFinite(b) || b < 0) throw new LodestoneError("invalid", { field: "budget", message: `invalid budget ${b}`, expected: "budgets ≥ 0 in USD" });
  const planner = await createPlanner({ ...input, options: { ...input.options, budget: budgets[0] ?? 0 } }, solver);
  const plans: PlanResult[] = [];
  const points: FrontierPoint[] = [];
  budgets.forEach((budget, i) => {
    const r = planner.solve(budget);
    plans.push(r);
    const prev = points[i - 1];
    const stepping = prev && prev.status === "optimal" && r.status === "optimal" && budget !== prev.budget;
    const stepValue = stepping ? (prev.valueAfter - r.valueAfter) / (budget - prev.budget) : null;
    const stepNet = stepping ? (prev.objective - r.objective) / (budget - prev.budget) : null;
    points.push({
      budget,
      status: r.status,
      ...(r.status !== "optimal" ? { reason: r.reason ?? "the solver found no plan" } : {}),
      valueAfter: r.valueAfter,
      objective: r.objective,
      spent: r.spent,
      marginalValue: r.marginalValue,
      stepValue,
      stepNet,
    });
    onStep?.(i + 1, budgets.length);
  });
  return { points, plans, path: planner.path };
}

/** n evenly spaced budgets from `from` to `to` inclusive. */
export function budgetSteps(from: number, to: number, steps: number): number[] {
  if (!(steps >= 1) || !Number.isInteger(steps))
    throw new LodestoneError("invalid", { field: "steps", message: `invalid step count ${steps}`, expected: "an integer ≥ 1" });
  if (!(to >= from)) throw new LodestoneError("invalid", { field: "to", message: `--to ${to} is below --from ${from}`, expected: "to ≥ from" });
  if (steps === 1) return [from];
  return Array.from({ length: steps }, (_, i) => from + ((to - from) * i) / (steps - 1));
}
