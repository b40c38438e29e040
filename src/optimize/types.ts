import type { AssumedMark } from "../assumptions/types.js";
/**
 * The reserve plan's data model. The optimiser's input is exactly what the simulator produces per
 * scenario (demand, supply without stock release, stock at month 1) plus each mineral's economics
 * and the candidate capacity projects; nothing here reads files.
 */

/** One scenario (a file's deterministic run, or one Monte Carlo draw) with its probability weight π_s. */
export interface PlanScenario {
  id: string;
  weight: number;
  horizon: number;
  minerals: ReadonlyArray<{
    id: string;
    /** stock at month 1 before any purchase, tons */
    stock1: number;
    /** monthly demand, tons (length = horizon) */
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
  /** world annual production, tons (market limit α · world); null when unknown (no limit, said so) */
  worldProduction: number | null;
  /** the inputs an analyst assumption filled (src/assumptions), each marked as simulate marks it */
  assumed?: AssumedMarks;
}

/** Which of a mineral's inputs (d0, price, r) an assumption filled, with its mark. */
export interface AssumedMarks {
  d0?: AssumedMark;
  price?: AssumedMark;
  r?: AssumedMark;
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

/** Options of a plan; every field has a default in PLAN_DEFAULTS. */
export interface PlanOptions {
  /** USD */
  budget: number;
  /** share added to the market price when buying for the reserve */
  acquisitionPremium: number;
  /** USD per ton and year of storage */
  storageUsdPerTonYear: number;
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
  /** w_m = price_m × multiplier */
  valueMultiplier: number;
  valueMultiplierByMineral: Readonly<Record<string, number>>;
  /** objective weight per dollar spent, so that money is not spent for nothing */
  spendWeight: number;
  /** relax x_j ∈ {0,1} to [0,1] */
  divisible: boolean;
  solver: SolverChoice;
  /** the fast path enumerates at most this many project combinations */
  maxProjectCombinations: number;
}

export type PlanStatus = "optimal" | "infeasible" | "unbounded" | "limit" | "error" | "unknown";

export interface MineralPlan {
  id: string;
  price: number;
  /** USD per ton, all in: price·(1+premium) + holding cost over the horizon */
  unitCost: number;
  buyTons: number;
  dollars: number;
  /** upper limit on the purchase (market share or days cap), tons; null when none */
  cap: number | null;
  capReason: string | null;
  /** mean over scenarios of (stock1 + buy) / (d0·r) · 30.4375; null when d0·r = 0 */
  daysOfCover: number | null;
  shortfallBefore: number;
  shortfallAfter: number;
  valueBefore: number;
  valueAfter: number;
  /** the inputs an analyst assumption filled, copied from the economics */
  assumed?: AssumedMarks;
}

export interface ProjectPlan {
  id: string;
  mineral: string;
  kind: ProjectKind;
  /** 1 funded, 0 not, in between with --divisible */
  fund: number;
  capex: number;
}

export interface PlanResult {
  status: PlanStatus;
  /** why it is not optimal, or which path produced it */
  reason?: string;
  solver: "fast" | "highs";
  budget: number;
  /** objective: Σ_s π_s Σ_{m,t} w_m·shortfall + spendWeight·spend, USD */
  objective: number;
  spent: number;
  valueBefore: number;
  valueAfter: number;
  /** USD of expected shortfall value avoided per extra USD of budget (dual of the budget row); 0 when the budget is not binding */
  marginalValue: number;
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
}
