import type { PlanOptions } from "./types.js";

/**
 * Defaults of a reserve plan. Each is a judgement call, not a published figure; the comment gives
 * the value and why. CLI flags (and any other shell's parameters) build a Partial<PlanOptions> over these.
 */
export const PLAN_DEFAULTS: Readonly<Omit<PlanOptions, "budget">> = Object.freeze({
  /** 10 %: buying a reserve quantity in a thin market moves the price and needs qualified
   *  material (assay, form, packaging); 10 % over the published US price is a round middle figure. */
  acquisitionPremium: 0.1,
  /** 25 USD/t·yr: bonded-warehouse storage, insurance and periodic re-assay of drummed or
   *  palletised metal; an order-of-magnitude assumption, small next to the cost of money for
   *  anything but bulk minerals. */
  storageUsdPerTonYear: 25,
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
  /** 1: w_m = price, so the objective is expected unmet demand in dollars */
  valueMultiplier: 1,
  valueMultiplierByMineral: Object.freeze({}),
  /** 1e-6 USD of objective per USD spent: small enough never to outweigh a ton of shortfall
   *  avoided, large enough (above the solver's 1e-7 dual tolerance for typical prices) that money
   *  is not spent for nothing. */
  spendWeight: 1e-6,
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
