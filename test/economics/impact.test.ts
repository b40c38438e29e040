import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IMPACT_BREAKPOINTS, impactCost, impactPrice, impactSegments } from "../../src/economics/impact.js";

describe("market impact (hand-worked)", () => {
  it("buying 10 % of a year's supply at λ = 1 ends at 1.1 × P0 and pays 1.05 × P0 on average", () => {
    // W = 1000 t, P0 = 100 US$/t, q = 100 t: P = 100·(1 + 0.1) = 110; C = 100·100·(1 + 100/2000) = 10,500
    expect(impactPrice(100, 1000, 100, 1)).toBeCloseTo(110, 12);
    expect(impactCost(100, 1000, 100, 1)).toBeCloseTo(10500, 9);
  });

  it("λ = 2 doubles the premium: 10 % of supply costs 1.1 × P0 on average", () => {
    expect(impactCost(100, 1000, 100, 2)).toBeCloseTo(11000, 9);
  });

  it("λ = 0 is a flat price", () => {
    expect(impactCost(100, 1000, 100, 0)).toBe(10000);
  });

  it("the segments are exact at the breakpoints, end at the cap, and their prices rise", () => {
    const segs = impactSegments(1000, 100, 1, 120);
    // breakpoints below 120 t: 0, 5, 10, 20, 35, 50, 75, 100, then the cap
    expect(segs.map((s) => s.from)).toEqual([0, 5, 10, 20, 35, 50, 75, 100]);
    expect(segs.at(-1)?.to).toBe(120);
    let cost = 0;
    for (const s of segs) {
      cost += s.price * (s.to - s.from);
      expect(cost).toBeCloseTo(impactCost(s.to, 1000, 100, 1), 6);
    }
    // the first piece, 0 to 5 t: C(5)/5 = 100·(1 + 5/2000) = 100.25
    expect(segs[0].price).toBeCloseTo(100.25, 10);
    for (let i = 1; i < segs.length; i++) expect(segs[i].price).toBeGreaterThan(segs[i - 1].price);
  });

  it("a cap of zero tons gives no segment", () => {
    expect(impactSegments(1000, 100, 1, 0)).toEqual([]);
  });
});

describe("market impact properties", () => {
  it("the cost is convex and increasing in the tons bought", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e7, noNaN: true }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (w, p0, lambda, a, b) => {
          const [x, y] = (a < b ? [a, b] : [b, a]).map((s) => s * w);
          const cx = impactCost(x, w, p0, lambda);
          const cy = impactCost(y, w, p0, lambda);
          expect(cy).toBeGreaterThanOrEqual(cx);
          expect(impactCost((x + y) / 2, w, p0, lambda)).toBeLessThanOrEqual((cx + cy) / 2 + 1e-9 * (1 + cy));
        },
      ),
      { numRuns: 500, seed: 21 },
    );
  });

  it("the segments' total equals the exact cost at the cap", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e7, noNaN: true }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 4, noNaN: true }),
        fc.double({ min: 0.001, max: 0.3, noNaN: true }),
        (w, p0, lambda, capShare) => {
          const capT = capShare * w;
          const segs = impactSegments(w, p0, lambda, capT, IMPACT_BREAKPOINTS);
          const total = segs.reduce((s, g) => s + g.price * (g.to - g.from), 0);
          const exact = impactCost(capT, w, p0, lambda);
          expect(Math.abs(total - exact)).toBeLessThanOrEqual(1e-9 * exact);
        },
      ),
      { numRuns: 300, seed: 22 },
    );
  });
});
