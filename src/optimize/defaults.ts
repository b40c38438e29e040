import type { PlanOptions } from "./types.js";

/**
 * Defaults of a reserve plan. Each is a judgement call, not a published figure; the comment gives
 * the value and why. CLI flags (and any other shell's parameters) build a Partial<PlanOptions> over these.
 */
export const PLAN_DEFAULTS: Readonly<Omit<PlanOptions, "budget">> = Object.freeze({
  /** 10 %: buying a reserve quantity in a thin market moves the price and needs qualified
   *  material (assay, form, packaging); 10 % over the published US price is a round middle figure. */
  acquisitionPremium: 0.1,
  /** null: each mineral's storage from the market parameters (src/economics, assumptions/market.yaml);
   *  a number (--storage) sets US$ per ton and year for every mineral. */
  storageUsdPerTonYear: null,
  /** 4.5 %/yr: the cost of money tied up in stock, close to the 10-year US Treasury yield in
   *  2024–25; a judgement call for a public programme's borrowing rate. */
  loanRate: 0.045,
  /** 10 % of world annual production: more than that could not be bought without moving the
   *  market (the default α, README "Reserve plan"). */
  marketShare: 0.1,
  marketShareByMineral: Object.freeze({}),
  /** no cap on purchases in days of import cover unless asked */
  maxDaysOfCover: null,
  minDaysOfCover: null,
  /** 1: the loss of a ton short is what the demand curve and the mineral's essentiality say */
  valueMultiplier: 1,
  valueMultiplierByMineral: Object.freeze({}),
  /** 5 years: the planning horizon the scenario probabilities are stated over; with no disruption the
   *  stock is held this long and then sold back (judgement: a budget programme's span; the 2026 US
   *  reserve's loan runs 15 years, its scenarios 1–10). */
  horizonYears: 5,
  /** false: the budget is a ceiling; buy only what pays for itself in expectation */
  spendAll: false,
  /** 1: buy at once (no schedule) */
  years: 1,
  /** uniform (judgement call): with a schedule, a disruption is as likely to begin at the end of any year
   *  of the planning horizon (onsets after the schedule's last year count as that year). The scenarios'
   *  probabilities say how likely a disruption is over the horizon, not when, so a flat prior is the
   *  no-information choice; a ton bought in year y protects only against onsets from the end of year y.
   *  `end` keeps the earlier simplification (the disruption begins once the schedule is complete). */
  onset: "uniform",
  divisible: false,
  solver: "auto",
  /** 4096 project combinations (12 independent projects): beyond that, the exact fast path's
   *  enumeration is slower than HiGHS' branch and bound. */
  maxProjectCombinations: 4096,
});

/** Money unit of the budget row in the LP: millions of USD, so its coefficients are O(1). */
export const MONEY_UNIT = 1e6;

/** Days per month used for days of cover (365.25 / 12), as the simulator uses it. */
export const DAYS_PER_MONTH = 30.4375;
