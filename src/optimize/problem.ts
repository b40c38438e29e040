import { MARKET_DEFAULTS } from "../economics/defaults.js";
import { type CostSegment, impactSegments } from "../economics/impact.js";
import { type LossSegment, lossSegments } from "../economics/loss.js";
import type { MarketParams } from "../economics/types.js";
import { LodestoneError } from "../errors.js";
import { SCENARIO_DEFAULTS } from "../scenario/defaults.js";
import { addRamp } from "../scenario/ramp.js";
import { DAYS_PER_MONTH, PLAN_DEFAULTS } from "./defaults.js";
import type { AssumedMarks, LeftOut, MineralEconomics, PlanOptions, PlanScenario, Project } from "./types.js";
import type { WorldBasis } from "./world.js";

/** A mineral in the plan, with its cost, value and purchase bounds resolved. */
export interface PMineral {
  id: string;
  price: number;
  /** c_m, USD of budget per ton: price·(1+premium) */
  cost: number;
  /** expected holding per ton bought: Σ_s π_s·h·H_s + π_0·h·horizonYears, h = loanRate·c + storage per ton + storage share·price */
  hold: number;
  /** R_m, USD per ton left at the end: price·(1 − haircut) */
  resale: number;
  /**
   * What the objective counts (spendAll changes it): `relR` per ton released (R: its resale is
   * forgone; spendAll 0), `buyCoef` per ton bought (hold − R; spendAll 0) and `cashScale` per dollar
   * of cash and capex (1; spendAll SPEND_ALL_WEIGHT: the plan then minimises the expected loss and
   * spends the budget on whatever reduces it, a tiny weight keeping it from spending for nothing).
   */
  relR: number;
  buyCoef: number;
  cashScale: number;
  /** the net cost per ton at the base price: c + hold − R (the buy column's cost is hold − R; the cash is in the impact pieces) */
  net: number;
  /** holding per ton and year: loanRate·c + storage per ton + storage share·price */
  holdRate: number;
  /** world annual production, tons (null: unknown), and the share of it the plan may buy in a year */
  world: number | null;
  alpha: number;
  /** where `world` comes from: published, assumed, or another mineral's total standing in (src/optimize/world.ts) */
  worldBasis: WorldBasis | null;
  worldStandIn?: string;
  /** the purchase's cash price by piece of tons bought (market impact; one piece at c without it), rising */
  impact: CostSegment[];
  /** USD per ton at slope 1 of the loss curve: price × essentiality × value multiplier */
  lossScale: number;
  /** the loss curve's secant segments over shortfall fractions (non-decreasing slopes) */
  segs: LossSegment[];
  market: MarketParams;
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
  /** demand_t: a month's shortfall is valued as a fraction of it */
  demand: Float64Array;
  /** the scenario's horizon in years (how long stock is held in it) */
  years: number;
}

export interface Problem {
  options: PlanOptions;
  minerals: PMineral[];
  projects: PProject[];
  /** blocks[m][s] */
  blocks: PBlock[][];
  scenarioIds: string[];
  /** π_0 = 1 − Σ π_s: the probability that no scenario happens */
  none: number;
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
  for (const k of ["acquisitionPremium", "loanRate", "valueMultiplier"] as const) if (!Number.isFinite(o[k]) || o[k] < 0) throw bad(k, o[k], "a number ≥ 0");
  if (o.storageUsdPerTonYear !== null && !(Number.isFinite(o.storageUsdPerTonYear) && o.storageUsdPerTonYear >= 0))
    throw bad("storageUsdPerTonYear", o.storageUsdPerTonYear, "a number ≥ 0");
  if (!(Number.isFinite(o.horizonYears) && o.horizonYears > 0 && o.horizonYears <= 50)) throw bad("horizonYears", o.horizonYears, "years in (0, 50]");
  if (!(Number.isInteger(o.years) && o.years >= 1 && o.years <= 20)) throw bad("years", o.years, "whole years in [1, 20]");
  if (o.years > o.horizonYears)
    throw new LodestoneError("invalid", {
      field: "years",
      message: `a ${o.years}-year schedule is longer than the ${o.horizonYears}-year planning horizon`,
      expected: `years ≤ the planning horizon (--horizon-years ${o.horizonYears})`,
    });
  if (o.onset !== "uniform" && o.onset !== "end") {
    const w = o.onset;
    if (!Array.isArray(w) || w.length !== o.years || w.some((x) => !(Number.isFinite(x) && x >= 0)) || !(w.reduce((a, x) => a + x, 0) > 0))
      throw bad("onset", o.onset, `uniform, end, or ${o.years} weight(s) ≥ 0, one per schedule year, not all 0`);
  }
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
  const sumWeights = scenarios.reduce((a, s) => a + s.weight, 0);
  if (!(sumWeights > 0) || scenarios.some((s) => !(s.weight >= 0 && Number.isFinite(s.weight))))
    throw new LodestoneError("invalid", { field: "scenarios.weight", message: "scenario weights must be ≥ 0 and not all 0", expected: "weights π_s ≥ 0" });
  // probabilities sum to at most 1 (the rest is no disruption); above 1 they are rescaled, and said so
  const totalWeight = sumWeights > 1 + 1e-9 ? sumWeights : 1;
  if (sumWeights > 1 + 1e-9) notes.push(`scenario weights summed to ${sumWeights}; normalised to 1 (no probability left for "no disruption")`);
  const none = Math.max(0, 1 - sumWeights / totalWeight);
  const pis = scenarios.map((s) => s.weight / totalWeight);
  const holdYears = (perYear: number) => perYear * (scenarios.reduce((a, s, i) => a + pis[i] * (s.horizon / 12), 0) + none * options.horizonYears);

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
    else minerals.push(resolveMineral(e, e.price, holdYears, options, notes));
  }
  if (!wanted.length) notes.push(basket ? "the basket names no mineral" : "the scenarios cover no mineral");
  const index = new Map(minerals.map((m, i) => [m.id, i]));
  const tol = SCENARIO_DEFAULTS.gapTolerance;

  // each scenario's rows by mineral id once (not a search per mineral and scenario)
  const rowsBy = scenarios.map((s) => new Map(s.minerals.map((x) => [x.id, x])));
  const EMPTY = new Float64Array(0);
  const unknownBy = new Map<string, { files: Set<string>; draws: number; reason: string }>();
  const blocks: PBlock[][] = minerals.map((_, mi) =>
    scenarios.map((s, si) => {
      const row = rowsBy[si].get(minerals[mi].id);
      // planned from the other scenarios, but this one could not simulate it: its shortfall here is
      // unknown, not 0, so the mineral's expected shortfall is a lower bound. Say so.
      const unknown = row ? undefined : s.excluded?.find((x) => x.id === minerals[mi].id && x.kind === "unknown-exposure");
      if (unknown) {
        const u = unknownBy.get(minerals[mi].id) ?? { files: new Set<string>(), draws: 0, reason: unknown.reason };
        u.files.add(s.id.replace(/#\d+$/, ""));
        u.draws++;
        unknownBy.set(minerals[mi].id, u);
      }
      // not in this scenario: no months at all (nothing short, nothing released), and no arrays held
      if (!row) return { mineral: mi, scenario: si, weight: pis[si], stock1: 0, gap: EMPTY, demand: EMPTY, years: s.horizon / 12 };
      const gap = new Float64Array(s.horizon);
      // the simulator's rounding rule: a gap within gapTolerance of demand is no gap
      for (let t = 0; t < s.horizon; t++) {
        const g = row.demand[t] - row.supply[t];
        gap[t] = g > tol * row.demand[t] ? Math.min(g, row.demand[t]) : Math.min(g, 0);
      }
      // the scenario's own demand path (read only): no copy
      return { mineral: mi, scenario: si, weight: pis[si], stock1: row.stock1, gap, demand: row.demand, years: s.horizon / 12 };
    }),
  );

  for (const [id, u] of unknownBy)
    notes.push(
      `${id}: shortfall under ${[...u.files].join(", ")}${u.draws > u.files.size ? ` (${u.draws} draws)` : ""} unknown (${u.reason}) and counted as 0, so its expected shortfall is a lower bound`,
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

  const problem: Problem = { options, minerals, projects: pprojects, blocks, scenarioIds: scenarios.map((s) => s.id), none, excluded, notes };
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

function resolveMineral(e: MineralEconomics, price: number, holdYears: (perYear: number) => number, o: PlanOptions, notes: string[]): PMineral {
  const market = e.market ?? MARKET_DEFAULTS;
  const cost = price * (1 + o.acquisitionPremium);
  const storage = o.storageUsdPerTonYear ?? market.storageUsdPerTonYear;
  const holdRate = o.loanRate * cost + storage + market.storageShareOfValuePerYear * price;
  const hold = holdYears(holdRate);
  const resale = price * (1 - market.resaleHaircut);
  const lossScale = price * market.essentiality * (o.valueMultiplierByMineral[e.id] ?? o.valueMultiplier);
  const segs = lossSegments(market.elasticity, market.chokeMultiple);
  const importMonthly = e.d0 * e.r;
  let hi = Infinity;
  let capReason: string | null = null;
  const alpha = o.marketShareByMineral[e.id] ?? o.marketShare;
  const pct = `${(alpha * 100).toFixed(1)} %`;
  const basis = e.worldProduction !== null && e.worldProduction > 0 ? (e.worldBasis ?? "published") : null;
  if (basis !== null) {
    hi = alpha * e.worldProduction!;
    // the cap says which world figure it is a share of where that figure is not the mineral's own published total
    const wt = tonsText(e.worldProduction!);
    capReason =
      basis === "assumed"
        ? `${pct} of world production (assumed: ${wt} t)`
        : basis === "stand-in"
          ? `${pct} of world production (stand-in: the world total of ${e.worldStandIn?.for ?? "the chapter"}, ${wt} t)`
          : `${pct} of world production`;
    if (basis === "stand-in")
      notes.push(
        `${e.id}: world production: USGS publishes none for ${e.id} (${e.worldStandIn?.why ?? "a chapter total is inherited"}), and no assumption gives it, so the purchase cap (${pct} × world) and the market impact use the world total of ${e.worldStandIn?.for ?? "the chapter"}, ${wt} t, as a stand-in: both are too loose for one element of it (add an entry "quantity: world_production" to the assumptions file)`,
      );
  } else notes.push(`${e.id}: no world production figure, so no market limit`);
  if (o.maxDaysOfCover !== null) {
    const days = (o.maxDaysOfCover / DAYS_PER_MONTH) * importMonthly;
    if (days < hi) {
      hi = days;
      capReason = `${o.maxDaysOfCover} days of import cover`;
    }
  }
  const lo = o.minDaysOfCover !== null ? (o.minDaysOfCover / DAYS_PER_MONTH) * importMonthly : 0;
  // the purchase price rises with the share of a year's world supply bought (convex cost, secant pieces up to the cap)
  const world = e.worldProduction !== null && e.worldProduction > 0 ? e.worldProduction : null;
  const impact: CostSegment[] =
    world !== null && market.impact > 0 && Number.isFinite(hi) && hi > 0
      ? impactSegments(world, cost, market.impact, hi)
      : [{ from: 0, to: Math.max(0, hi), price: cost }];
  return {
    id: e.id,
    price,
    cost,
    hold,
    resale,
    relR: o.spendAll ? 0 : resale,
    buyCoef: o.spendAll ? 0 : hold - resale,
    cashScale: o.spendAll ? SPEND_ALL_WEIGHT : 1,
    net: cost + hold - resale,
    holdRate,
    world,
    alpha,
    worldBasis: world === null ? null : basis,
    ...(basis === "stand-in" && e.worldStandIn ? { worldStandIn: e.worldStandIn.for } : {}),
    impact,
    lossScale,
    segs,
    market,
    lo,
    hi,
    capReason,
    d0: e.d0,
    r: e.r,
    ...(e.assumed ? { assumed: e.assumed } : {}),
  };
}

const tonsText = (t: number) => t.toLocaleString("en-US", { maximumFractionDigits: t < 100 ? 3 : 0 });

/** Set-ups that cannot be met whatever the budget (contradicting caps): say why instead of solving. */
function precheck(p: Problem): string | undefined {
  for (const m of p.minerals)
    if (m.lo > m.hi * (1 + 1e-12))
      return `${m.id}: the floor of ${m.lo.toFixed(1)} t (${p.options.minDaysOfCover} days of cover) exceeds the cap of ${m.hi.toFixed(1)} t (${m.capReason})`;
  return undefined;
}

/** The cash paid for `tons` of a mineral: its impact pieces filled in order (Infinity beyond a finite last piece is not reached: tons ≤ cap). */
export function cashOf(m: PMineral, tons: number): number {
  let c = 0;
  for (const k of m.impact) {
    if (tons <= k.from) break;
    c += (Math.min(tons, k.to) - k.from) * k.price;
  }
  return c;
}

/** The most any plan can spend: every purchase at its cap and every project (Infinity when a cap is unbounded). */
export function maxSpend(p: Problem): number {
  return p.minerals.reduce((a, m) => a + (Number.isFinite(m.hi) ? cashOf(m, m.hi) : Infinity), 0) + p.projects.reduce((a, j) => a + j.project.capex, 0);
}

/**
 * Pieces of the loss of one block with projects `fund` funded: for each loss segment k, the tons of
 * shortfall Σ_t that fall in it (month t's shortfall g_t covers [0, g_t] of the fractions [a_k, b_k]·D_t).
 * The cost of a ton in piece k is lossScale·slope_k; stock covers the dearest pieces first.
 */
export function blockPieces(p: Problem, b: PBlock, fund?: ArrayLike<number>): Float64Array {
  const m = p.minerals[b.mineral];
  const out = new Float64Array(m.segs.length);
  const own = fund ? p.projects.map((j, n) => ({ j, x: fund[n] ?? 0 })).filter((q) => q.j.mineral === b.mineral && q.x > 0) : [];
  for (let t = 0; t < b.gap.length; t++) {
    let g = b.gap[t];
    for (const q of own) g -= q.x * q.j.supply[b.scenario][t];
    if (!(g > 0)) continue;
    const d = b.demand[t];
    for (let k = 0; k < m.segs.length; k++) {
      const lo = m.segs[k].from * d;
      if (g <= lo) break;
      out[k] += Math.min(g, m.segs[k].to * d) - lo;
    }
  }
  return out;
}

/**
 * One block's second-stage cost with stock S: the loss of the pieces the stock does not cover (it
 * covers the dearest first) plus the resale forgone on what it releases: loss + R·release, USD (R as
 * the objective counts it: m.relR).
 */
export function blockCost(m: PMineral, pieces: Float64Array, stock: number): { cost: number; short: number; loss: number; released: number } {
  let left = Math.max(0, stock);
  let loss = 0;
  let short = 0;
  let released = 0;
  for (let k = pieces.length - 1; k >= 0; k--) {
    const take = Math.min(left, pieces[k]);
    left -= take;
    released += take;
    const rest = pieces[k] - take;
    short += rest;
    loss += rest * m.lossScale * m.segs[k].slope;
  }
  return { cost: loss + m.relR * released, short, loss, released };
}

/** spendAll's objective weight per dollar spent: small enough never to outweigh a ton of loss avoided, large enough (above the solver's 1e-7 dual tolerance for typical prices) that money is not spent for nothing. */
export const SPEND_ALL_WEIGHT = 1e-6;

/** USD that any plan must spend: purchase floors and required projects. */
export function forcedSpend(p: Problem): number {
  return p.minerals.reduce((a, m) => a + cashOf(m, m.lo), 0) + p.projects.reduce((a, j) => a + (j.project.required ? j.project.capex : 0), 0);
}
