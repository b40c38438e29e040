import { LodestoneError } from "../errors.js";
import { SCENARIO_DEFAULTS } from "../scenario/defaults.js";
import { addRamp } from "../scenario/ramp.js";
import { DAYS_PER_MONTH, PLAN_DEFAULTS } from "./defaults.js";
import type { AssumedMarks, LeftOut, MineralEconomics, PlanOptions, PlanScenario, Project } from "./types.js";

/** A mineral in the plan, with its cost, value and purchase bounds resolved. */
export interface PMineral {
  id: string;
  price: number;
  /** c_m, USD/t: price·(1+premium) + (storage + loanRate·price·(1+premium)) · horizon years */
  cost: number;
  /** w_m, USD per ton short: price × value multiplier */
  weight: number;
  /** purchase floor and cap, tons (cap Infinity when none) */
  lo: number;
  hi: number;
  capReason: string | null;
  d0: number;
  r: number;
  assumed?: AssumedMarks;
}

export interface PProject {
  project: Project;
  mineral: number;
  /** per scenario: monthly tons at x_j = 1 (ramp × probability, or × drawn success) */
  supply: Float64Array[];
}

/** The second stage of one mineral in one scenario. */
export interface PBlock {
  mineral: number;
  scenario: number;
  weight: number;
  stock1: number;
  /** demand_t − supply_t (may be negative: surplus, which never refills the stock) */
  gap: Float64Array;
}

export interface Problem {
  options: PlanOptions;
  minerals: PMineral[];
  projects: PProject[];
  /** blocks[m][s] */
  blocks: PBlock[][];
  scenarioIds: string[];
  excluded: LeftOut[];
  notes: string[];
  /** Infeasible before solving: the reason, else undefined */
  infeasible?: string;
}

/** Resolve partial options over PLAN_DEFAULTS, rejecting nonsense (exit 2 in the CLI). */
export function resolvePlanOptions(partial: Partial<PlanOptions> & { budget: number }): PlanOptions {
  const o: PlanOptions = { ...PLAN_DEFAULTS, ...partial } as PlanOptions;
  const bad = (field: string, value: unknown, expected: string) =>
    new LodestoneError("invalid", { field, message: `invalid value ${JSON.stringify(value)}`, expected });
  if (!Number.isFinite(o.budget) || o.budget < 0) throw bad("budget", o.budget, "a budget ≥ 0 in USD, such as 12e9");
  for (const k of ["acquisitionPremium", "storageUsdPerTonYear", "loanRate", "valueMultiplier", "spendWeight"] as const)
    if (!Number.isFinite(o[k]) || o[k] < 0) throw bad(k, o[k], "a number ≥ 0");
  if (!(o.marketShare >= 0)) throw bad("marketShare", o.marketShare, "a share ≥ 0");
  for (const [m, a] of Object.entries(o.marketShareByMineral)) if (!(a >= 0)) throw bad(`marketShare.${m}`, a, "a share ≥ 0");
  for (const k of ["maxDaysOfCover", "minDaysOfCover"] as const) if (o[k] !== null && !(o[k]! >= 0)) throw bad(k, o[k], "days ≥ 0");
  if (!["auto", "highs", "fast"].includes(o.solver)) throw bad("solver", o.solver, "auto | highs | fast");
  return o;
}

/**
 * Bring scenarios, economics and projects into one indexed problem that both the exact fast path
 * and the LP builder read. Weights are normalised to sum to 1.
 */
export function prepareProblem(
  scenarios: readonly PlanScenario[],
  economics: readonly MineralEconomics[],
  projects: readonly Project[],
  options: PlanOptions,
  basket?: readonly string[],
  within?: readonly string[],
): Problem {
  const notes: string[] = [];
  const excluded: LeftOut[] = [];
  if (!scenarios.length) throw new LodestoneError("invalid", { field: "scenarios", message: "no scenarios", expected: "at least one scenario" });
  const totalWeight = scenarios.reduce((a, s) => a + s.weight, 0);
  if (!(totalWeight > 0) || scenarios.some((s) => !(s.weight >= 0)))
    throw new LodestoneError("invalid", { field: "scenarios.weight", message: "scenario weights must be ≥ 0 and not all 0", expected: "weights π_s ≥ 0" });
  if (Math.abs(totalWeight - 1) > 1e-9) notes.push(`scenario weights summed to ${totalWeight}; normalised to 1`);
  const horizonYears = Math.max(...scenarios.map((s) => s.horizon)) / 12;

  const covered = new Set(scenarios.flatMap((s) => s.minerals.map((m) => m.id)));
  const econ = new Map(economics.map((e) => [e.id, e]));
  const wanted = basket ?? within ?? [...covered].sort();
  const minerals: PMineral[] = [];
  for (const id of wanted) {
    const e = econ.get(id);
    if (within && !within.includes(id)) excluded.push({ id, kind: "not-in-basket", reason: "not in the basket's minerals" });
    else if (!covered.has(id)) excluded.push(uncovered(id, scenarios));
    else if (!e) excluded.push({ id, kind: "no-economics", reason: "no economics (price, d0, r)" });
    else if (e.price === null || !(e.price > 0)) excluded.push({ id, kind: "no-price", reason: "no US price in the dataset, so purchases cannot be costed" });
    else minerals.push(resolveMineral(e, e.price, horizonYears, options, notes));
  }
  if (!wanted.length) notes.push(basket ? "the basket names no mineral" : "the scenarios cover no mineral");
  const index = new Map(minerals.map((m, i) => [m.id, i]));
  const tol = SCENARIO_DEFAULTS.gapTolerance;

  const blocks: PBlock[][] = minerals.map((_, mi) =>
    scenarios.map((s, si) => {
      const row = s.minerals.find((x) => x.id === minerals[mi].id);
      // planned from the other scenarios, but this one could not simulate it: its shortfall here is
      // unknown, not 0, so the mineral's expected shortfall is a lower bound. Say so.
      const unknown = row ? undefined : s.excluded?.find((x) => x.id === minerals[mi].id && x.kind === "unknown-exposure");
      if (unknown)
        notes.push(`${minerals[mi].id}: shortfall under ${s.id} unknown (${unknown.reason}) and counted as 0, so its expected shortfall is a lower bound`);
      const gap = new Float64Array(s.horizon);
      // the simulator's rounding rule: a gap within gapTolerance of demand is no gap
      if (row)
        for (let t = 0; t < s.horizon; t++) {
          const g = row.demand[t] - row.supply[t];
          gap[t] = g > tol * row.demand[t] ? g : Math.min(g, 0);
        }
      return { mineral: mi, scenario: si, weight: s.weight / totalWeight, stock1: row?.stock1 ?? 0, gap };
    }),
  );

  const pprojects: PProject[] = [];
  const seen = new Set<string>();
  for (const p of projects) {
    if (seen.has(p.id)) throw new LodestoneError("invalid", { field: `projects.${p.id}`, message: "duplicate project id", expected: "unique ids" });
    seen.add(p.id);
    const mi = index.get(p.mineral);
    if (mi === undefined) {
      notes.push(`project ${p.id} left out: its mineral ${p.mineral} is not in the plan`);
      continue;
    }
    const supply = scenarios.map((s) =>
      addRamp(new Float64Array(s.horizon), p.tonsPerYear, p.onlineMonth, p.rampMonths, s.projectScale?.[p.id] ?? p.probability),
    );
    pprojects.push({ project: p, mineral: mi, supply });
  }

  const problem: Problem = { options, minerals, projects: pprojects, blocks, scenarioIds: scenarios.map((s) => s.id), excluded, notes };
  problem.infeasible = precheck(problem);
  return problem;
}

/**
 * Why a mineral no scenario simulates is missing. A missing US figure is a property of the dataset,
 * so it is the reason whichever scenario met it; otherwise the scenarios that restrict it without
 * known exposure shares (each named); otherwise no scenario touches it at all.
 */
function uncovered(id: string, scenarios: readonly PlanScenario[]): LeftOut {
  const seen = scenarios.flatMap((s) => s.excluded?.filter((x) => x.id === id) ?? []);
  const data = seen.find((x) => x.kind === "no-us-figure");
  if (data) return { id, kind: data.kind, reason: data.reason };
  if (seen.length) return { id, kind: "unknown-exposure", reason: [...new Set(seen.map((x) => x.reason))].join("; ") };
  return { id, kind: "no-scenario", reason: "not touched by any scenario (no event, stock or sector setting names it)" };
}

function resolveMineral(e: MineralEconomics, price: number, years: number, o: PlanOptions, notes: string[]): PMineral {
  const paid = price * (1 + o.acquisitionPremium);
  const cost = paid + (o.storageUsdPerTonYear + o.loanRate * paid) * years;
  const weight = price * (o.valueMultiplierByMineral[e.id] ?? o.valueMultiplier);
  const importMonthly = e.d0 * e.r;
  let hi = Infinity;
  let capReason: string | null = null;
  const alpha = o.marketShareByMineral[e.id] ?? o.marketShare;
  if (e.worldProduction !== null && e.worldProduction > 0) {
    hi = alpha * e.worldProduction;
    capReason = `${(alpha * 100).toFixed(1)} % of world production`;
  } else notes.push(`${e.id}: no world production figure, so no market limit`);
  if (o.maxDaysOfCover !== null) {
    const days = (o.maxDaysOfCover / DAYS_PER_MONTH) * importMonthly;
    if (days < hi) {
      hi = days;
      capReason = `${o.maxDaysOfCover} days of import cover`;
    }
  }
  const lo = o.minDaysOfCover !== null ? (o.minDaysOfCover / DAYS_PER_MONTH) * importMonthly : 0;
  return { id: e.id, price, cost, weight, lo, hi, capReason, d0: e.d0, r: e.r, ...(e.assumed ? { assumed: e.assumed } : {}) };
}

/** Set-ups that cannot be met whatever the budget (contradicting caps): say why instead of solving. */
function precheck(p: Problem): string | undefined {
  for (const m of p.minerals)
    if (m.lo > m.hi * (1 + 1e-12))
      return `${m.id}: the floor of ${m.lo.toFixed(1)} t (${p.options.minDaysOfCover} days of cover) exceeds the cap of ${m.hi.toFixed(1)} t (${m.capReason})`;
  return undefined;
}

/** USD that any plan must spend: purchase floors and required projects. */
export function forcedSpend(p: Problem): number {
  return p.minerals.reduce((a, m) => a + m.lo * m.cost, 0) + p.projects.reduce((a, j) => a + (j.project.required ? j.project.capex : 0), 0);
}
