import { describe, expect, it } from "vitest";
import { loadHighsSolver, PLAN_DEFAULTS, planReserve } from "../../src/index.js";
import { B_PROJECT, handCase } from "./fixtures.js";

const eps = PLAN_DEFAULTS.spendWeight;

describe("the two-mineral, two-scenario case solved by hand", () => {
  for (const solver of ["fast", "highs"] as const) {
    it(`${solver}: 1,100 USD buys all 10 t of A (1,000 USD) and 2 t of B, leaving 60 USD of expected shortfall`, async () => {
      const input = handCase(1100);
      input.options.solver = solver;
      const r = await planReserve(input, await loadHighsSolver());
      expect(r.status).toBe("optimal");
      expect(r.solver).toBe(solver);
      const [a, b] = r.minerals;
      expect(a.buyTons).toBeCloseTo(10, 6);
      expect(b.buyTons).toBeCloseTo(2, 6);
      // before: A 0.5·8 + 0.5·10 = 9 t × 100; B 0.5·5 = 2.5 t × 40
      expect(r.valueBefore).toBeCloseTo(1000, 6);
      // after: A 0; B 0.5·(5 − 2) = 1.5 t × 40
      expect(a.shortfallAfter).toBeCloseTo(0, 6);
      expect(b.shortfallAfter).toBeCloseTo(1.5, 6);
      expect(r.valueAfter).toBeCloseTo(60, 6);
      expect(r.objective).toBeCloseTo(60 + eps * 1100, 6);
      expect(r.spent).toBeCloseTo(1100, 6);
      // the marginal dollar goes to B at 0.4 USD of shortfall value per USD
      expect(r.marginalValue).toBeCloseTo(0.4, 6);
    });

    it(`${solver}: a 30 USD project adding 2 t/month of B is funded first (1.33 USD/USD), then A, then B`, async () => {
      const input = handCase(1100, [B_PROJECT]);
      input.options.solver = solver;
      const r = await planReserve(input, await loadHighsSolver());
      expect(r.status).toBe("optimal");
      expect(r.projects[0].fund).toBe(1);
      const [a, b] = r.minerals;
      expect(a.buyTons).toBeCloseTo(10, 6);
      // 1,100 − 30 − 1,000 = 70 USD of B = 1.4 t; s1's gap falls to 3 t, leaving 0.5·1.6 t × 40
      expect(b.buyTons).toBeCloseTo(1.4, 6);
      expect(r.valueAfter).toBeCloseTo(32, 6);
      expect(r.objective).toBeCloseTo(32 + eps * 1100, 6);
    });
  }

  it("a budget that does not bind leaves the marginal value at 0 and buys only what reduces shortfall", async () => {
    const r = await planReserve(handCase(1e6), await loadHighsSolver());
    expect(r.minerals.map((m) => m.buyTons)).toEqual([expect.closeTo(10, 6), expect.closeTo(5, 6)]);
    expect(r.valueAfter).toBeCloseTo(0, 6);
    expect(r.marginalValue).toBe(0);
  });

  it("a zero budget changes nothing", async () => {
    const r = await planReserve(handCase(0));
    expect(r.status).toBe("optimal");
    expect(r.valueAfter).toBeCloseTo(r.valueBefore, 9);
    expect(r.marginalValue).toBeCloseTo(1, 6);
  });
});
