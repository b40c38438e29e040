import { lossFraction, priceMultiple } from "./loss.js";
import type { MarketParams } from "./types.js";

/**
 * A run's shortfall in money (docs/economics.md): each month, the shortfall as a fraction of that month's
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

/**
 * The curve's constants for fast evaluation over many months and runs (the Monte Carlo kernel): with
 * a = 1 − x, a^k = a · a^(1/ε), so the price and the loss of a month take one power between them.
 */
export interface Curve {
  /** 1/ε */
  inv: number;
  /** k = 1 + 1/ε */
  k: number;
  choke: number;
  /** u_c = c^ε: where the curve meets the cap (a ≤ u_c: capped) */
  uc: number;
  /** ∫_{u_c}^1 u^(1/ε) du */
  areaAtCap: number;
  essentiality: number;
}

export function curveOf(p: CurveParams): Curve {
  const inv = 1 / p.elasticity;
  const k = 1 + inv;
  const uc = p.chokeMultiple ** p.elasticity;
  return { inv, k, choke: p.chokeMultiple, uc, areaAtCap: lossFraction(1 - uc, p.elasticity, p.chokeMultiple), essentiality: p.essentiality };
}

/**
 * Price multiple and loss fraction of a shortfall x ∈ (0, 1] on a prepared curve: returns l(x) and
 * writes min(c, (1 − x)^(1/ε)) to out[0]. The same numbers as priceMultiple and lossFraction up to rounding.
 */
export function curveAt(cv: Curve, x: number, out: Float64Array): number {
  const a = 1 - x;
  if (a <= cv.uc) {
    out[0] = cv.choke;
    return cv.areaAtCap + cv.choke * (cv.uc - a);
  }
  const m = a ** cv.inv;
  out[0] = m;
  return Math.abs(cv.k) < 1e-12 ? -Math.log(a) : (1 - a * m) / cv.k;
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
