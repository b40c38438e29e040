import type { AssumedMark } from "../assumptions/types.js";
import type { MarketParams } from "../economics/types.js";
import type { WorldBasis } from "./world.js";
/**
 * The reserve plan's data model. The optimiser's input is exactly what the simulator produces per
 * scenario (demand, supply without stock release, stock at month 1) plus each mineral's economics
 * and the candidate capacity projects; nothing here reads files.
 */

/**
 * One scenario (a file's deterministic run, or one Monte Carlo draw) with its probability π_s over
 * the planning horizon. The weights sum to at most 1; the rest, π_0 = 1 − Σ π_s, is "no disruption".
 */
export interface PlanScenario {
  id: string;
  weight: number;
  horizon: number;
  minerals: ReadonlyArray<{
    id: string;
    /** stock at month 1 before any purchase, tons */
    stock1: number;
    /** monthly demand, tons (length = horizon): the base a shortfall's fraction is taken of */
    demand: Float64Array;
    /** monthly supply from everything but stock release, tons (length = horizon) */
    supply: Float64Array;
  }>;
  /**
   * Success of each project in this scenario (Monte Carlo draw: 0 or 1). Projects absent here use
   * their probability as a scale, as in a deterministic run.
   */
  projectScale?: Readonly<Record<string, number>>;
  /**
   * Minerals this scenario has in scope but cannot simulate, with the simulator's reason: no US
   * consumption or import-reliance figure, or a restriction on them with no known exposure shares.
   */
  excluded?: ReadonlyArray<LeftOut>;
}

/**
 * Why a mineral is left out of a plan:
 * - `no-us-figure`: no usable US apparent consumption or net import reliance in the dataset, so no
 *   scenario can simulate it (the simulator's reason says which);
 * - `unknown-exposure`: a scenario restricts it but no exposure shares are known, so its shortfall
 *   is unknown, not 0;
 * - `no-scenario`: no scenario touches it (no event, stock or sector setting names it);
 * - `not-in-basket`: asked for, but not in the basket the plan is narrowed to;
 * - `no-economics`: a scenario covers it but the economics (price, d0, r) lack it;
 * - `no-price`: no US price, so purchases cannot be costed.
 */
export type LeftOutKind = "no-us-figure" | "unknown-exposure" | "no-scenario" | "not-in-basket" | "no-economics" | "no-price";

export interface LeftOut {
  id: string;
  kind: LeftOutKind;
  reason: string;
}

/** Per-mineral economics, resolved from the dataset and the options. */
export interface MineralEconomics {
  id: string;
  /** USD per ton; a mineral without a price cannot be costed and is left out */
  price: number | null;
  /** baseline monthly demand d0, tons (days of cover) */
  d0: number;
  /** net import reliance, fraction (days of cover is stock / (d0·r) · 30.4375) */
  r: number;
  /** world annual production, tons (market limit α · world, and the market impact); null when unknown (no limit, said so) */
  worldProduction: number | null;
  /** where worldProduction comes from (src/optimize/world.ts): published, assumed (marked in `assumed.world`) or a chapter total standing in */
  worldBasis?: WorldBasis;
  /** for a stand-in: the mineral whose world total stands in, and why USGS gives none of the mineral's own */
  worldStandIn?: { for: string; why: string };
  /** the demand curve, resale, storage and market impact (src/economics); MARKET_DEFAULTS where absent */
  market?: MarketParams;
  /** the inputs an analyst assumption filled (src/assumptions), each marked as simulate marks it */
  assumed?: AssumedMarks;
}

/** Which of a mineral's inputs (d0, price, r) an assumption filled, with its mark. */
export interface AssumedMarks {
  d0?: AssumedMark;
  price?: AssumedMark;
  r?: AssumedMark;
  /** world annual production (`world_production`): the purchase cap and the market impact use it */
  world?: AssumedMark;
}

export type ProjectKind = "domestic-mine" | "refinery" | "allied-offtake" | "recycling";

export interface Project {
  id: string;
  name: string;
  mineral: string;
  kind: ProjectKind;
  tonsPerYear: number;
  /** first month of output, 1-based within the scenario horizon */
  onlineMonth: number;
  rampMonths: number;
  /** probability that the project delivers, 0..1 */
  probability: number;
  /** capital cost, USD */
  capex: number;
  /** forced into the plan (x_j = 1) */
  required?: boolean;
  source?: string;
  assumption?: boolean;
  why?: string;
}

export type SolverChoice = "auto" | "highs" | "fast";

/**
 * When a disruption may begin, relative to a purchase schedule (src/optimize/schedule.ts): at the end
 * of schedule year s, and a ton bought in year y protects against it only if y ≤ s.
 * - `uniform` (default): every year of the planning horizon alike (the scenarios' probabilities say
 *   how likely a disruption is over the horizon, not when); onsets after the schedule's last year count
 *   as its last year (everything bought protects);
 * - `end`: after the schedule is complete (every ton protects; timing is about cost only);
 * - weights: one per schedule year, ≥ 0, normalised to sum to 1.
 */
export type ScheduleOnset = "uniform" | "end" | readonly number[];

/** The onset a schedule used, as the plan reports it: the setting and the weight of each schedule year (summing to 1). */
export interface OnsetUsed {
  setting: "uniform" | "end" | "weights";
  weights: number[];
}

/** Options of a plan; every field has a default in PLAN_DEFAULTS. */
export interface PlanOptions {
  /** USD */
  budget: number;
  /** share added to the market price when buying for the reserve */
  acquisitionPremium: number;
  /** USD per ton and year of storage for every mineral; null: each mineral's market parameter */
  storageUsdPerTonYear: number | null;
  /** annual cost of money on the purchase price (the loan rate) */
  loanRate: number;
  /** market limit: buy_m ≤ α · world annual production */
  marketShare: number;
  /** per-mineral override of α */
  marketShareByMineral: Readonly<Record<string, number>>;
  /** cap on purchases in days of import cover (d0·r); null = none */
  maxDaysOfCover: number | null;
  /** floor on purchases in days of import cover; null = none */
  minDaysOfCover: number | null;
  /** a multiplier on the loss of a ton short, over each mineral's essentiality (market parameter) */
  valueMultiplier: number;
  valueMultiplierByMineral: Readonly<Record<string, number>>;
  /** years the stock is held when no scenario happens (then sold at resale value) */
  horizonYears: number;
  /**
   * false (default): the budget is a ceiling, and the plan buys only where a dollar avoids at least a
   * dollar of expected loss net of holding and resale; true: it spends the whole budget (where caps
   * allow), buying the least-bad tons once nothing pays for itself, and says what the last dollars return
   */
  spendAll: boolean;
  /** annual tranches of a purchase schedule (1: buy at once); above 1 the plan says what to buy in which year (src/optimize/schedule.ts) */
  years: number;
  /** when a disruption may begin within a schedule (years > 1): see ScheduleOnset */
  onset: ScheduleOnset;
  /** relax x_j ∈ {0,1} to [0,1] */
  divisible: boolean;
  solver: SolverChoice;
  /** the fast path enumerates at most this many project combinations */
  maxProjectCombinations: number;
}

export type PlanStatus = "optimal" | "infeasible" | "unbounded" | "limit" | "error" | "unknown";

/** One year of a purchase schedule (--years): tons bought, the cash paid (with the market impact) and the average price. */
export interface YearPurchase {
  year: number;
  tons: number;
  cash: number;
  /** cash / tons, USD per ton; null when nothing is bought that year */
  price: number | null;
}

export interface MineralPlan {
  id: string;
  price: number;
  /** USD of budget per ton bought: the average price paid, with the market impact (baseCost when nothing is bought) */
  unitCost: number;
  /** price·(1 + premium): the price of the first ton, before the reserve's buying moves it */
  baseCost: number;
  /** expected holding cost per ton bought (carrying at the loan rate plus storage, over each scenario's horizon), USD */
  holdingPerTon: number;
  /** what a ton still held at the end is sold back for: price·(1 − haircut), USD */
  resalePerTon: number;
  buyTons: number;
  dollars: number;
  /** upper limit on the purchase (market share or days cap), tons; null when none */
  cap: number | null;
  capReason: string | null;
  /** the world annual output the cap and the market impact use, and where it comes from (null basis: none known); always set by the planner */
  world?: { tons: number | null; basis: WorldBasis | null; standInFor?: string; reason?: string };
  /** mean over scenarios of (stock1 + buy) / (d0·r) · 30.4375; null when d0·r = 0 */
  daysOfCover: number | null;
  /** expected tons short, Σ_s π_s Σ_t shortfall, before and after the plan */
  shortfallBefore: number;
  shortfallAfter: number;
  /** expected loss of the shortfall (area under the demand curve over the missing tons), USD, before and after */
  valueBefore: number;
  valueAfter: number;
  /** expected value of the purchase's stock sold back at the end (π-weighted tons left × resale), USD */
  resaleValue: number;
  /** expected holding cost of the purchase, USD */
  holdingCost: number;
  /** the inputs an analyst assumption filled, copied from the economics */
  assumed?: AssumedMarks;
  /** a multi-year plan (--years): what is bought in which year, at what average price */
  schedule?: YearPurchase[];
}

export interface ProjectPlan {
  id: string;
  name: string;
  mineral: string;
  kind: ProjectKind;
  /** 1 funded, 0 not, in between with --divisible */
  fund: number;
  capex: number;
  /** the project's stated output, schedule and chance of delivering, as the plan used them */
  tonsPerYear: number;
  onlineMonth: number;
  rampMonths: number;
  probability: number;
  /**
   * What the opposite decision costs, USD of net expected benefit (≥ 0): funding a project the plan
   * leaves out, or dropping one it funds, with every purchase re-optimised. null with `flipWhy`
   * where it is not computed (HiGHS path, --spend-all) or the opposite does not fit the budget.
   */
  flipCostUsd: number | null;
  flipWhy?: string;
}

export interface PlanResult {
  status: PlanStatus;
  /** why it is not optimal, or which path produced it */
  reason?: string;
  solver: "fast" | "highs";
  budget: number;
  /**
   * objective, USD: purchases and capex + expected holding − expected resale of what is bought
   * + Σ_s π_s (loss of the shortfall + resale forgone on stock released); without constants
   */
  objective: number;
  spent: number;
  /** the budget left unspent (a ceiling, not a target) */
  unspent: number;
  /** Σ_s π_s over the scenarios; the rest is no disruption */
  disruptionProbability: number;
  valueBefore: number;
  valueAfter: number;
  /** net USD of objective (expected loss avoided less cost, holding and resale) per extra USD of budget (dual of the budget row); 0 when the budget is not binding */
  marginalValue: number;
  /**
   * With --spend-all (the plan then minimises expected loss with all the budget spent, and
   * marginalValue is expected loss avoided per extra USD): what the last dollars return net of
   * resale and holding, from the plan at a budget `overUsd` smaller (exact fast path only).
   */
  lastDollars?: { overUsd: number; netPerUsd: number } | { why: string };
  /** --spend-all: the whole budget is spent (a target, not a ceiling) */
  spendAll?: boolean;
  minerals: MineralPlan[];
  projects: ProjectPlan[];
  /** minerals left out, with the reason */
  excluded: LeftOut[];
  /**
   * No mineral is left to plan: every mineral asked for (without a basket, every mineral the
   * scenarios cover) is left out, and `excluded` says why. The report's headline, not a table of zeros.
   */
  allExcluded: boolean;
  scenarios: number;
  notes: string[];
  /** a multi-year plan: the number of annual tranches */
  years?: number;
  /** a multi-year plan: when a disruption was taken to begin (the weight of an onset at the end of each schedule year) */
  onset?: OnsetUsed;
}
