/**
 * The value of a ton short (docs/economics.md, The loss of a shortfall). A shortfall of a fraction x of baseline demand Q0 moves the
 * price along the short-run constant-elasticity demand curve P(Q) = P0·(Q/Q0)^(1/ε), ε < 0, capped
 * at the choke price c·P0. The loss is the area under the inverse demand curve over the missing tons
 * (the value users put on the consumption they lose), in units of P0·Q0:
 *
 *   l(x) = ∫_{1−x}^{1} min(c, u^(1/ε)) du.
 *
 * l(0) = 0, l'(x) = min(c, (1−x)^(1/ε)) ≥ 1: increasing and convex, equal to the pre-crisis price for
 * the first ton and rising to the cap. With k = 1 + 1/ε (< 0 for |ε| < 1) and u_c = c^ε, the point
 * where the curve meets the cap:
 *   ∫_a^1 u^(1/ε) du = (1 − a^k)/k            for a ≥ u_c
 *   ∫_a^{u_c} c du = c·(u_c − a)              for a < u_c.
 */

/** The price as a multiple of P0 when a fraction x ∈ [0, 1] of demand is short: min(c, (1−x)^(1/ε)). */
export function priceMultiple(x: number, elasticity: number, choke: number): number {
  if (!(x > 0)) return 1;
  if (x >= 1) return choke;
  return Math.min(choke, (1 - x) ** (1 / elasticity));
}

/** ∫_a^1 min(c, u^(1/ε)) du for a ∈ [0, 1]. */
function areaFrom(a: number, elasticity: number, choke: number): number {
  const uc = choke ** elasticity;
  const k = 1 + 1 / elasticity;
  const curve = (lo: number) => (Math.abs(k) < 1e-12 ? -Math.log(lo) : (1 - lo ** k) / k);
  if (a >= uc) return curve(a);
  return curve(uc) + choke * (uc - a);
}

/** l(x): the loss of a shortfall of a fraction x of demand, in units of P0·Q0. */
export function lossFraction(x: number, elasticity: number, choke: number): number {
  if (!(x > 0)) return 0;
  return areaFrom(1 - Math.min(1, x), elasticity, choke);
}

/**
 * Breakpoints (shortfall fractions) of the piecewise-linear loss the plan optimises: dense where the
 * curve bends (small shortfalls), sparse near a total loss of supply.
 */
export const LOSS_BREAKPOINTS: readonly number[] = Object.freeze([0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.65, 0.8, 1]);

/** One linear piece of the loss over shortfall fractions [from, to]: slope in units of P0 per ton. */
export interface LossSegment {
  from: number;
  to: number;
  slope: number;
}

/**
 * The secant segments of l over the breakpoints: exact at every breakpoint, above l between them
 * (l is convex), with non-decreasing slopes, so an LP minimising Σ slope·piece fills the pieces in
 * order and the piecewise-linear loss is exact in the LP.
 */
export function lossSegments(elasticity: number, choke: number, breakpoints: readonly number[] = LOSS_BREAKPOINTS): LossSegment[] {
  const out: LossSegment[] = [];
  for (let i = 0; i + 1 < breakpoints.length; i++) {
    const from = breakpoints[i];
    const to = breakpoints[i + 1];
    out.push({ from, to, slope: (lossFraction(to, elasticity, choke) - lossFraction(from, elasticity, choke)) / (to - from) });
  }
  return out;
}

/** The piecewise-linear loss of a fraction x, in units of P0·Q0 (what the LP and the fast path value). */
export function pwlLoss(x: number, segments: readonly LossSegment[]): number {
  let v = 0;
  for (const s of segments) {
    if (x <= s.from) break;
    v += s.slope * (Math.min(x, s.to) - s.from);
  }
  return v;
}
