import { DAYS_PER_MONTH } from "./defaults.js";
import type { PBlock, Problem } from "./problem.js";
import type { MineralPlan, PlanResult, PlanStatus, ProjectPlan } from "./types.js";

/**
 * Total shortfall of one (mineral, scenario) under the simulator's semantics, month by month:
 * gap_t = max(0, demand_t − supply_t − project supply_t), release_t = min(stock_t, gap_t),
 * shortfall_t = gap_t − release_t, stock_{t+1} = stock_t − release_t. Returns Σ_t shortfall_t.
 */
export function blockShortfall(p: Problem, b: PBlock, buy: number, fund: ArrayLike<number>): number {
  let stock = b.stock1 + buy;
  let short = 0;
  const own = p.projects.map((j, n) => ({ j, x: fund[n] ?? 0 })).filter((q) => q.j.mineral === b.mineral && q.x > 0);
  for (let t = 0; t < b.gap.length; t++) {
    let g = b.gap[t];
    for (const q of own) g -= q.x * q.j.supply[b.scenario][t];
    if (g <= 0) continue;
    const release = Math.min(stock, g);
    stock -= release;
    short += g - release;
  }
  return short;
}

/** Expected shortfall (tons) of each mineral: Σ_s π_s Σ_t shortfall. */
export function expectedShortfall(p: Problem, buy: ArrayLike<number>, fund: ArrayLike<number>): Float64Array {
  return Float64Array.from(p.minerals, (_, m) => p.blocks[m].reduce((a, b) => a + b.weight * blockShortfall(p, b, buy[m], fund), 0));
}

/** The plan's objective recomputed from the decisions, by replaying the second stage. */
export function replayObjective(p: Problem, buy: ArrayLike<number>, fund: ArrayLike<number>): number {
  const short = expectedShortfall(p, buy, fund);
  return (
    p.minerals.reduce((a, m, i) => a + m.weight * short[i] + p.options.spendWeight * m.cost * buy[i], 0) +
    p.projects.reduce((a, j, n) => a + p.options.spendWeight * j.project.capex * fund[n], 0)
  );
}

/** The no-plan shortfall depends only on the scenarios: computed once per problem, not per budget. */
const BEFORE = new WeakMap<object, Float64Array>();

/** Clean solver noise: tiny negatives and values a hair from 0 or 1. */
const clean = (v: number, scale: number) => (Math.abs(v) <= 1e-9 * Math.max(1, scale) ? 0 : v);

export function assemble(
  p: Problem,
  solver: "fast" | "highs",
  status: PlanStatus,
  objective: number,
  buyRaw: ArrayLike<number>,
  fundRaw: ArrayLike<number>,
  marginalValue: number,
  reason?: string,
): PlanResult {
  const ok = status === "optimal";
  const buy = Float64Array.from(p.minerals, (m, i) => (ok ? Math.max(0, clean(buyRaw[i], m.hi === Infinity ? 1 : m.hi)) : 0));
  const fund = Float64Array.from(p.projects, (_, n) => (ok ? Math.min(1, Math.max(0, Math.abs(fundRaw[n] - 1) < 1e-9 ? 1 : clean(fundRaw[n], 1))) : 0));
  const zeroBuy = new Float64Array(p.minerals.length);
  const zeroFund = new Float64Array(p.projects.length);
  let before = BEFORE.get(p.blocks);
  if (!before) {
    before = expectedShortfall(p, zeroBuy, zeroFund);
    BEFORE.set(p.blocks, before);
  }
  const after = ok ? expectedShortfall(p, buy, fund) : before;
  const minerals: MineralPlan[] = p.minerals.map((m, i) => {
    const cover = m.d0 * m.r;
    const meanStock1 = p.blocks[i].reduce((a, b) => a + b.weight * b.stock1, 0);
    return {
      id: m.id,
      price: m.price,
      unitCost: m.cost,
      buyTons: buy[i],
      dollars: buy[i] * m.cost,
      cap: Number.isFinite(m.hi) ? m.hi : null,
      capReason: m.capReason,
      daysOfCover: cover > 0 ? ((meanStock1 + buy[i]) / cover) * DAYS_PER_MONTH : null,
      shortfallBefore: before[i],
      shortfallAfter: after[i],
      valueBefore: before[i] * m.weight,
      valueAfter: after[i] * m.weight,
      ...(m.assumed ? { assumed: m.assumed } : {}),
    };
  });
  const projects: ProjectPlan[] = p.projects.map((j, n) => ({
    id: j.project.id,
    mineral: j.project.mineral,
    kind: j.project.kind,
    fund: fund[n],
    capex: j.project.capex,
  }));
  const spent = minerals.reduce((a, m) => a + m.dollars, 0) + projects.reduce((a, j) => a + j.fund * j.capex, 0);
  return {
    status,
    ...(reason ? { reason } : {}),
    solver,
    budget: p.options.budget,
    objective: ok ? objective : NaN,
    spent,
    valueBefore: minerals.reduce((a, m) => a + m.valueBefore, 0),
    valueAfter: minerals.reduce((a, m) => a + m.valueAfter, 0),
    marginalValue: ok ? marginalValue : 0,
    minerals,
    projects,
    excluded: p.excluded,
    allExcluded: p.minerals.length === 0,
    scenarios: p.scenarioIds.length,
    notes: p.notes,
  };
}

export interface CutRow {
  id: string;
  kind: "mineral" | "project";
  buyTonsFull: number;
  buyTonsCut: number;
  dollarsFull: number;
  dollarsCut: number;
  shortfallFull: number;
  shortfallCut: number;
  /** expected shortfall value the cut adds, USD */
  valueLost: number;
}

/** What a cut from plan `full` to plan `cut` loses, mineral by mineral and project by project. */
export function comparePlans(full: PlanResult, cut: PlanResult): { rows: CutRow[]; valueLost: number; budgetCut: number } {
  const byId = new Map(cut.minerals.map((m) => [m.id, m]));
  const rows: CutRow[] = full.minerals.map((f) => {
    const c = byId.get(f.id)!;
    return {
      id: f.id,
      kind: "mineral",
      buyTonsFull: f.buyTons,
      buyTonsCut: c?.buyTons ?? 0,
      dollarsFull: f.dollars,
      dollarsCut: c?.dollars ?? 0,
      shortfallFull: f.shortfallAfter,
      shortfallCut: c?.shortfallAfter ?? f.shortfallBefore,
      valueLost: (c?.valueAfter ?? f.valueBefore) - f.valueAfter,
    };
  });
  const cutProjects = new Map(cut.projects.map((j) => [j.id, j]));
  for (const j of full.projects) {
    const c = cutProjects.get(j.id);
    if (!j.fund && !c?.fund) continue;
    rows.push({
      id: j.id,
      kind: "project",
      buyTonsFull: j.fund,
      buyTonsCut: c?.fund ?? 0,
      dollarsFull: j.fund * j.capex,
      dollarsCut: (c?.fund ?? 0) * j.capex,
      shortfallFull: 0,
      shortfallCut: 0,
      valueLost: 0,
    });
  }
  rows.sort((a, b) => b.valueLost - a.valueLost || a.id.localeCompare(b.id));
  return { rows, valueLost: cut.valueAfter - full.valueAfter, budgetCut: full.budget - cut.budget };
}
