import { lossFraction, priceMultiple } from "./loss.js";
import type { MarketParams } from "./types.js";

/**
 * A run's shortfall in money (issue 11): each month, the shortfall as a fraction of that month's
 * demand, x_t = shortfall_t / demand_t (after stock release), sets the price on the short-run demand
 * curve and the loss of the missing tons (loss.ts):
 *
 *   P_t / P0 = min(c, (1 − x_t)^(1/ε))
 *   loss_t  = essentiality · demand_t · l(x_t)   in units of P0 (tons at the pre-crisis price)
 *
 * l is the exact curve (lossFraction), not the plan's piecewise-linear one. Multiply by P0 for
 * US$/t and US$. A month with nothing short has price P0 and no loss.
 */

/** The curve parameters the price and loss read: ε, the cap and the essentiality multiplier. */
export type CurveParams = Pick<MarketParams, "elasticity" | "chokeMultiple" | "essentiality">;

/** x_t: the month's shortfall as a fraction of its demand (0 without demand or shortfall, at most 1). */
export function shortFraction(shortfall: number, demand: number): number {
  return shortfall > 0 && demand > 0 ? Math.min(1, shortfall / demand) : 0;
}

export interface ShortfallCost {
  /** P_t / P0 each month */
  multiple: Float64Array;
  /** essentiality · demand_t · l(x_t) each month, in units of P0 */
  loss: Float64Array;
  /** max_t P_t / P0 (1 when nothing is short) */
  peakMultiple: number;
  /** Σ_t loss_t, in units of P0 */
  totalLoss: number;
}

/** The price path (as multiples of P0) and the loss (in units of P0) of one run's monthly demand and shortfall. */
export function shortfallCost(demand: ArrayLike<number>, shortfall: ArrayLike<number>, p: CurveParams): ShortfallCost {
  const H = demand.length;
  const multiple = new Float64Array(H);
  const loss = new Float64Array(H);
  let peak = 1;
  let total = 0;
  for (let t = 0; t < H; t++) {
    const x = shortFraction(shortfall[t], demand[t]);
    multiple[t] = priceMultiple(x, p.elasticity, p.chokeMultiple);
    loss[t] = x > 0 ? p.essentiality * demand[t] * lossFraction(x, p.elasticity, p.chokeMultiple) : 0;
    if (multiple[t] > peak) peak = multiple[t];
    total += loss[t];
  }
  return { multiple, loss, peakMultiple: peak, totalLoss: total };
}
