/**
 * Market impact of the reserve's own buying (docs/economics.md): buying q tons in a year whose world supply is W
 * raises the price linearly in the share bought, P(q) = P0·(1 + λ·q/W), so the cost of q tons is
 *   C(q) = ∫_0^q P0·(1 + λ·s/W) ds = P0·q·(1 + λ·q/(2W)),
 * convex in q, and the average price paid is P0·(1 + λ·q/(2W)).
 */

/** The price after buying q tons of a year's world supply W: P0·(1 + λ·q/W). */
export function impactPrice(q: number, world: number, p0: number, lambda: number): number {
  return p0 * (1 + (lambda * q) / world);
}

/** The cost of buying q tons in one year: P0·q·(1 + λ·q/(2W)). */
export function impactCost(q: number, world: number, p0: number, lambda: number): number {
  return p0 * q * (1 + (lambda * q) / (2 * world));
}

/** Shares of a year's world supply at which the plan's piecewise-linear purchase cost bends. */
export const IMPACT_BREAKPOINTS: readonly number[] = Object.freeze([0, 0.005, 0.01, 0.02, 0.035, 0.05, 0.075, 0.1, 0.15, 0.2]);

/** One linear piece of the purchase cost: tons [from, to] at a marginal price in US$/t (secant of C). */
export interface CostSegment {
  from: number;
  to: number;
  price: number;
}

/**
 * Secant pieces of C over the breakpoints (as shares of W) up to `cap` tons: exact at the breakpoints,
 * with rising prices, so a minimising LP buys the cheap pieces first.
 */
export function impactSegments(world: number, p0: number, lambda: number, cap: number, breakpoints: readonly number[] = IMPACT_BREAKPOINTS): CostSegment[] {
  const tons = [...new Set([...breakpoints.map((b) => b * world).filter((t) => t < cap), cap])].sort((a, b) => a - b);
  const out: CostSegment[] = [];
  for (let i = 0; i + 1 < tons.length; i++) {
    const from = tons[i];
    const to = tons[i + 1];
    if (!(to > from)) continue;
    out.push({ from, to, price: (impactCost(to, world, p0, lambda) - impactCost(from, world, p0, lambda)) / (to - from) });
  }
  return out;
}
