import { describe, expect, it } from "vitest";
import { type Holdings, loadHighsSolver, planReserve, withHoldings } from "../../src/index.js";
import { handCase } from "./fixtures.js";

const held = (tons: Record<string, number>): Holdings => ({
  file: "h.yaml",
  asOf: "2025-09-30",
  holdings: Object.entries(tons).map(([mineral, t]) => ({ mineral, name: mineral, tons: t, judgement: "test" })),
});

describe("withHoldings", () => {
  it("adds the tons to stock1 in every scenario that simulates the mineral, leaving the input as it was", () => {
    const input = handCase(1e6);
    const { scenarios, notes } = withHoldings(input.scenarios, held({ a: 3, zz: 4 }));
    expect(scenarios.map((s) => s.minerals.map((m) => [m.id, m.stock1]))).toEqual([
      [
        ["a", 5],
        ["b", 0],
      ],
      [
        ["a", 3],
        ["b", 0],
      ],
    ]);
    // the input is not written into: the scenario file's own stock stays 2 and 0
    expect(input.scenarios.map((s) => s.minerals[0].stock1)).toEqual([2, 0]);
    // demand and supply paths are shared, not copied
    expect(scenarios[0].minerals[0].demand).toBe(input.scenarios[0].minerals[0].demand);
    expect(notes).toEqual([
      "a: 3 t held as of 2025-09-30 (h.yaml; judgement: test), added to month-1 stock in every scenario that simulates it, on top of the scenario's own stock",
      expect.stringMatching(/^zz: 4 t held .*: the plan's scenarios do not simulate it .*, so the holding changes nothing$/),
    ]);
  });
});

describe("a plan starting from holdings (the hand case: A's gaps 10 t in each scenario, 2 t of stock in s1; budget slack)", () => {
  for (const solver of ["fast", "highs"] as const) {
    it(`${solver}: 3 t of A held lowers A's purchase from 10 t to 7 t, and the shortfall before the plan already counts them`, async () => {
      const base = handCase(1e6);
      base.options.solver = solver;
      const input = { ...base, scenarios: withHoldings(base.scenarios, held({ a: 3 })).scenarios };
      const [r0, r] = [await planReserve(base, await loadHighsSolver()), await planReserve(input, await loadHighsSolver())];
      expect(r.status).toBe("optimal");
      expect(r0.minerals[0].buyTons).toBeCloseTo(10, 6);
      expect(r.minerals[0].buyTons).toBeCloseTo(7, 6);
      // B is untouched
      expect(r.minerals[1].buyTons).toBeCloseTo(r0.minerals[1].buyTons, 9);
      // before: s1 10 − (2 + 3) = 5 t, s2 10 − 3 = 7 t, each π 0.5 → 6 t (9 t without the holding)
      expect(r0.minerals[0].shortfallBefore).toBeCloseTo(9, 9);
      expect(r.minerals[0].shortfallBefore).toBeCloseTo(6, 9);
      expect(r.minerals[0].shortfallAfter).toBeCloseTo(0, 9);
      // 3 t fewer bought at 100 USD: 300 USD less spent
      expect(r0.spent - r.spent).toBeCloseTo(300, 6);
    });

    it(`${solver}: holding more than the largest gap buys nothing of A`, async () => {
      const base = handCase(1e6);
      base.options.solver = solver;
      const r = await planReserve({ ...base, scenarios: withHoldings(base.scenarios, held({ a: 12 })).scenarios }, await loadHighsSolver());
      expect(r.minerals[0].buyTons).toBeCloseTo(0, 9);
      expect(r.minerals[0].shortfallBefore).toBeCloseTo(0, 9);
    });
  }
});
