import { DAYS_PER_MONTH } from "./defaults.js";
import { blockCost, blockPieces, cashOf, type PBlock, type Problem, SPEND_ALL_WEIGHT } from "./problem.js";
import type { MineralPlan, PlanResult, PlanStatus, ProjectPlan } from "./types.js";

/**
 * Total shortfall of one (mineral, scenario) under the simulator's semantics, month by month:
 * gap_t = max(0, demand_t − supply_t − project supply_t), release_t = min(stock_t, gap_t),
 * shortfall_t = gap_t − release_t, stock_{t+1} = stock_t − release_t. Returns Σ_t shortfall_t.
 * (The plan rations the same stock to the dearest months: the same tons short, a smaller loss.)
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

/** Per mineral, the π-weighted second stage: tons short, loss, stock released (and the cost: loss + R·release). */
export interface Expected {
  short: Float64Array;
  loss: Float64Array;
  released: Float64Array;
  cost: Float64Array;
}

/** Expected tons short, loss and release of each mineral with purchases `buy` and projects `fund`, stock rationed to the dearest pieces. */
export function expectedOutcome(p: Problem, buy: ArrayLike<number>, fund: ArrayLike<number>): Expected {
  const n = p.minerals.length;
  const out: Expected = { short: new Float64Array(n), loss: new Float64Array(n), released: new Float64Array(n), cost: new Float64Array(n) };
  p.minerals.forEach((m, i) => {
    for (const b of p.blocks[i]) {
      if (!(b.weight > 0)) continue;
      const c = blockCost(m, blockPieces(p, b, fund), b.stock1 + buy[i]);
      out.short[i] += b.weight * c.short;
      out.loss[i] += b.weight * c.loss;
      out.released[i] += b.weight * c.released;
      out.cost[i] += b.weight * c.cost;
    }
  });
  return out;
}

/** Expected shortfall (tons) of each mineral: Σ_s π_s Σ_t shortfall. */
export function expectedShortfall(p: Problem, buy: ArrayLike<number>, fund: ArrayLike<number>): Float64Array {
  return expectedOutcome(p, buy, fund).short;
}

/** The plan's objective recomputed from the decisions, by replaying the second stage (the LP's objective, without constants). */
export function replayObjective(p: Problem, buy: ArrayLike<number>, fund: ArrayLike<number>): number {
  const e = expectedOutcome(p, buy, fund);
  return (
    p.minerals.reduce((a, m, i) => a + m.cashScale * cashOf(m, buy[i]) + m.buyCoef * buy[i] + e.cost[i], 0) +
    p.projects.reduce((a, j, n) => a + (p.options.spendAll ? SPEND_ALL_WEIGHT : 1) * j.project.capex * fund[n], 0)
  );
}

/** The no-plan shortfall depends only on the scenarios: computed once per problem, not per budget. */
const BEFORE = new WeakMap<object, Expected>();

/** What deciding a project the other way costs, or why that is not given. */
function flipOf(p: Problem, ok: boolean, fund: number, cost: number | undefined): Pick<ProjectPlan, "flipCostUsd" | "flipWhy"> {
  if (!ok) return { flipCostUsd: null, flipWhy: "no optimal plan" };
  if (p.options.spendAll) return { flipCostUsd: null, flipWhy: "not computed with --spend-all (the objective then prices no money)" };
  if (cost === undefined) return { flipCostUsd: null, flipWhy: "computed on the exact fast path only (this plan was solved by HiGHS)" };
  if (!Number.isFinite(cost))
    return {
      flipCostUsd: null,
      flipWhy: fund ? "the plan cannot do without it (required)" : "it does not fit the budget beside the purchase floors and required projects",
    };
  return { flipCostUsd: cost };
}

/** A plan's money in one place: expected loss avoided, resale of what is left, holding, and the net. */
export function planMoney(r: PlanResult) {
  const resale = r.minerals.reduce((a, m) => a + m.resaleValue, 0);
  const holding = r.minerals.reduce((a, m) => a + m.holdingCost, 0);
  const avoided = r.valueBefore - r.valueAfter;
  return { avoided, resale, holding, net: avoided + resale - r.spent - holding };
}

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
  flipCost?: ArrayLike<number>,
): PlanResult {
  const ok = status === "optimal";
  const buy = Float64Array.from(p.minerals, (m, i) => (ok ? Math.max(0, clean(buyRaw[i], m.hi === Infinity ? 1 : m.hi)) : 0));
  const fund = Float64Array.from(p.projects, (_, n) => (ok ? Math.min(1, Math.max(0, Math.abs(fundRaw[n] - 1) < 1e-9 ? 1 : clean(fundRaw[n], 1))) : 0));
  const zeroBuy = new Float64Array(p.minerals.length);
  const zeroFund = new Float64Array(p.projects.length);
  let before = BEFORE.get(p.blocks);
  if (!before) {
    before = expectedOutcome(p, zeroBuy, zeroFund);
    BEFORE.set(p.blocks, before);
  }
  const after = ok ? expectedOutcome(p, buy, fund) : before;
  const minerals: MineralPlan[] = p.minerals.map((m, i) => {
    const cover = m.d0 * m.r;
    // the stock at month 1 as the scenarios have it, averaged over them (their weights sum to the disruption probability, not 1)
    const w = p.blocks[i].reduce((a, b) => a + b.weight, 0);
    const meanStock1 = w > 0 ? p.blocks[i].reduce((a, b) => a + b.weight * b.stock1, 0) / w : 0;
    // the purchase's share of what is released: stock already held is released first
    const releasedFromBuy = Math.max(0, after.released[i] - before.released[i]);
    const cash = cashOf(m, buy[i]);
    return {
      id: m.id,
      price: m.price,
      // the average price paid, with the market impact (the base price × (1 + premium) when nothing is bought)
      unitCost: buy[i] > 0 ? cash / buy[i] : m.cost,
      baseCost: m.cost,
      holdingPerTon: m.hold,
      resalePerTon: m.resale,
      buyTons: buy[i],
      dollars: cash,
      cap: Number.isFinite(m.hi) ? m.hi : null,
      capReason: m.capReason,
      world:
        m.world === null
          ? { tons: null, basis: null, reason: "no world production in the dataset and no world_production assumption: no market limit and no market impact" }
          : { tons: m.world, basis: m.worldBasis, ...(m.worldStandIn ? { standInFor: m.worldStandIn } : {}) },
      daysOfCover: cover > 0 ? ((meanStock1 + buy[i]) / cover) * DAYS_PER_MONTH : null,
      shortfallBefore: before.short[i],
      shortfallAfter: after.short[i],
      valueBefore: before.loss[i],
      valueAfter: after.loss[i],
      resaleValue: Math.max(0, buy[i] - releasedFromBuy) * m.resale,
      holdingCost: buy[i] * m.hold,
      ...(m.assumed ? { assumed: m.assumed } : {}),
    };
  });
  const projects: ProjectPlan[] = p.projects.map((j, n) => {
    const { id, name, mineral, kind, capex, tonsPerYear, onlineMonth, rampMonths, probability } = j.project;
    const flip = flipOf(p, ok, fund[n], flipCost?.[n]);
    return { id, name, mineral, kind, fund: fund[n], capex, tonsPerYear, onlineMonth, rampMonths, probability, ...flip };
  });
  const spent = minerals.reduce((a, m) => a + m.dollars, 0) + projects.reduce((a, j) => a + j.fund * j.capex, 0);
  return {
    status,
    ...(reason ? { reason } : {}),
    solver,
    ...(p.options.spendAll ? { spendAll: true } : {}),
    budget: p.options.budget,
    objective: ok ? objective : NaN,
    spent,
    unspent: ok ? Math.max(0, p.options.budget - spent) : 0,
    disruptionProbability: 1 - p.none,
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
