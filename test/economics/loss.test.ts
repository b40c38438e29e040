import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LOSS_BREAKPOINTS, lossFraction, lossSegments, priceMultiple, pwlLoss } from "../../src/economics/loss.js";

/** Elasticities in (-1.5, -0.02] (both sides of ε = -1, where the integral turns logarithmic) and caps in (1, 50]. */
const eps = fc.double({ min: -1.5, max: -0.02, noNaN: true });
const cap = fc.double({ min: 1.05, max: 50, noNaN: true });
const share = fc.double({ min: 0, max: 1, noNaN: true });

describe("the loss of a shortfall (hand-worked, ε = -0.1, cap ×10)", () => {
  it("a 10 % shortfall raises the price to 0.9^-10 ≈ 2.868 times P0", () => {
    expect(priceMultiple(0.1, -0.1, 10)).toBeCloseTo(2.86797, 4);
  });

  it("a 10 % shortfall loses (0.9^-9 − 1)/9 ≈ 0.17567 of P0·Q0, above the 0.1 its tons cost at P0", () => {
    // ∫_0.9^1 u^-10 du = [u^-9 / -9]_0.9^1 = (0.9^-9 − 1)/9; 0.9^-9 = 2.58117479
    expect(lossFraction(0.1, -0.1, 10)).toBeCloseTo(0.175686, 5);
  });

  it("the curve meets the cap at u_c = 10^-0.1 (shortfall ≈ 20.57 %) and the loss rises at slope 10 beyond it", () => {
    const xc = 1 - 10 ** -0.1; // 0.205672
    expect(priceMultiple(xc, -0.1, 10)).toBeCloseTo(10, 9);
    expect(priceMultiple(0.5, -0.1, 10)).toBe(10);
    expect(priceMultiple(1, -0.1, 10)).toBe(10);
    // area to the cap: (u_c^-9 − 1)/9 = (10^0.9 − 1)/9 = (7.943282 − 1)/9
    const toCap = (10 ** 0.9 - 1) / 9;
    expect(lossFraction(xc, -0.1, 10)).toBeCloseTo(toCap, 9);
    expect(lossFraction(0.5, -0.1, 10)).toBeCloseTo(toCap + 10 * (0.5 - xc), 9);
    expect(lossFraction(0.6, -0.1, 10) - lossFraction(0.5, -0.1, 10)).toBeCloseTo(1, 9);
    // a total loss of supply: 0.771476 + 10 × 0.794328
    expect(lossFraction(1, -0.1, 10)).toBeCloseTo(toCap + 10 * 10 ** -0.1, 9);
  });

  it("no shortfall costs nothing and leaves the price at P0", () => {
    expect(lossFraction(0, -0.1, 10)).toBe(0);
    expect(priceMultiple(0, -0.1, 10)).toBe(1);
  });

  it("at ε = -1 the area is logarithmic: l(x) = −ln(1 − x) below the cap", () => {
    // u^-1 meets the cap 10 at u = 0.1, so x = 0.5 is below it
    expect(lossFraction(0.5, -1, 10)).toBeCloseTo(Math.log(2), 9);
  });
});

describe("the loss segments", () => {
  it("are exact at every breakpoint and their slopes never fall", () => {
    for (const [e, c] of [
      [-0.1, 10],
      [-0.07, 10],
      [-0.15, 5],
      [-0.05, 30],
    ] as const) {
      const segs = lossSegments(e, c);
      expect(segs.map((s) => s.from)).toEqual(LOSS_BREAKPOINTS.slice(0, -1));
      for (const b of LOSS_BREAKPOINTS) expect(pwlLoss(b, segs)).toBeCloseTo(lossFraction(b, e, c), 12);
      for (let i = 1; i < segs.length; i++) expect(segs[i].slope).toBeGreaterThanOrEqual(segs[i - 1].slope - 1e-12);
    }
  });

  it("hand-worked: the first segment (0 to 2 %) at ε = -0.1 has slope (0.98^-9 − 1)/9/0.02 ≈ 1.1078", () => {
    // 0.98^-9 = e^(9 × 0.0202027) = 1.199396; (0.199396/9)/0.02 = 1.10776
    expect(lossSegments(-0.1, 10)[0].slope).toBeCloseTo(1.10776, 4);
  });

  it("beyond the cap the segments' slope is the cap", () => {
    const segs = lossSegments(-0.1, 10);
    for (const s of segs.filter((s) => s.from >= 1 - 10 ** -0.1)) expect(s.slope).toBeCloseTo(10, 9);
  });
});

describe("loss properties", () => {
  it("l(0) = 0, l is increasing with l' ≥ 1 (no ton is worth less than P0), and convex", () => {
    fc.assert(
      fc.property(eps, cap, share, share, (e, c, a, b) => {
        const [x, y] = a < b ? [a, b] : [b, a];
        expect(lossFraction(0, e, c)).toBe(0);
        const lx = lossFraction(x, e, c);
        const ly = lossFraction(y, e, c);
        expect(ly - lx).toBeGreaterThanOrEqual((y - x) * (1 - 1e-9) - 1e-12);
        // convexity: the midpoint lies on or below the chord
        const m = lossFraction((x + y) / 2, e, c);
        expect(m).toBeLessThanOrEqual((lx + ly) / 2 + 1e-9 * (1 + ly));
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it("the price multiple is between 1 and the cap and rises with the shortfall", () => {
    fc.assert(
      fc.property(eps, cap, share, share, (e, c, a, b) => {
        const [x, y] = a < b ? [a, b] : [b, a];
        const px = priceMultiple(x, e, c);
        expect(px).toBeGreaterThanOrEqual(1);
        expect(px).toBeLessThanOrEqual(c);
        expect(priceMultiple(y, e, c)).toBeGreaterThanOrEqual(px);
      }),
      { numRuns: 500, seed: 12 },
    );
  });

  it("the piecewise-linear loss is at or above l between breakpoints and equal at them", () => {
    fc.assert(
      fc.property(eps, cap, share, (e, c, x) => {
        const segs = lossSegments(e, c);
        const exact = lossFraction(x, e, c);
        expect(pwlLoss(x, segs)).toBeGreaterThanOrEqual(exact - 1e-9 * (1 + exact));
      }),
      { numRuns: 500, seed: 13 },
    );
  });
});
