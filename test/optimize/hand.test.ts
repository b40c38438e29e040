import { describe, expect, it } from "vitest";
import { loadHighsSolver, type MarketParams, type PlanInput, planReserve } from "../../src/index.js";
import { B_PROJECT, handCase } from "./fixtures.js";

describe("the two-mineral, two-scenario case solved by hand (linear loss, no resale)", () => {
  for (const solver of ["fast", "highs"] as const) {
    it(`${solver}: 1,100 USD buys all 10 t of A (1,000 USD) and 2 t of B, leaving 180 USD of expected loss`, async () => {
      const input = handCase(1100);
      input.options.solver = solver;
      const r = await planReserve(input, await loadHighsSolver());
      expect(r.status).toBe("optimal");
      expect(r.solver).toBe(solver);
      const [a, b] = r.minerals;
      expect(a.buyTons).toBeCloseTo(10, 6);
      expect(b.buyTons).toBeCloseTo(2, 6);
      // before: A 0.5·8 + 0.5·10 = 9 t × 300; B 0.5·5 = 2.5 t × 120
      expect(r.valueBefore).toBeCloseTo(3000, 6);
      // after: A 0; B 0.5·(5 − 2) = 1.5 t × 120
      expect(a.shortfallAfter).toBeCloseTo(0, 6);
      expect(b.shortfallAfter).toBeCloseTo(1.5, 6);
      expect(r.valueAfter).toBeCloseTo(180, 6);
      // objective: 1,100 USD of purchases (nothing sold back) + 180 of loss
      expect(r.objective).toBeCloseTo(1280, 6);
      expect(r.spent).toBeCloseTo(1100, 6);
      expect(r.unspent).toBeCloseTo(0, 6);
      // the marginal dollar goes to B, saving 0.5·120 = 60 USD per 50 USD ton: a net 0.2 per dollar
      expect(r.marginalValue).toBeCloseTo(0.2, 6);
    });

    it(`${solver}: a 30 USD project adding 2 t/month of B is funded first (net 90 USD), then A, then B`, async () => {
      const input = handCase(1100, [B_PROJECT]);
      input.options.solver = solver;
      const r = await planReserve(input, await loadHighsSolver());
      expect(r.status).toBe("optimal");
      expect(r.projects[0].fund).toBe(1);
      const [a, b] = r.minerals;
      expect(a.buyTons).toBeCloseTo(10, 6);
      // 1,100 − 30 − 1,000 = 70 USD of B = 1.4 t; s1's gap falls to 3 t, leaving 0.5·1.6 t × 120
      expect(b.buyTons).toBeCloseTo(1.4, 6);
      expect(r.valueAfter).toBeCloseTo(96, 6);
      expect(r.objective).toBeCloseTo(30 + 1000 + 70 + 96, 6);
    });
  }

  it("a budget that does not bind is a ceiling: it buys what pays for itself, leaves the rest and a marginal value of 0", async () => {
    const r = await planReserve(handCase(1e6), await loadHighsSolver());
    expect(r.minerals.map((m) => m.buyTons)).toEqual([expect.closeTo(10, 6), expect.closeTo(5, 6)]);
    expect(r.valueAfter).toBeCloseTo(0, 6);
    expect(r.spent).toBeCloseTo(1250, 6);
    expect(r.unspent).toBeCloseTo(1e6 - 1250, 6);
    expect(r.marginalValue).toBe(0);
  });

  it("a zero budget changes nothing; the first dollar would return A's net 2.0", async () => {
    const r = await planReserve(handCase(0));
    expect(r.status).toBe("optimal");
    expect(r.valueAfter).toBeCloseTo(r.valueBefore, 9);
    expect(r.marginalValue).toBeCloseTo(2, 6);
  });
});

/**
 * One mineral at US$ 100/t, demand 10 t a month, one scenario (probability π) in which month 1 is
 * 2 t short (20 % of demand), ε = −0.1, choke ×10, resale haircut 10 % (R = 90), no premium, loan
 * or storage. l(x) = (1 − (1 − x)^−9)/−9 on the curve's part below the cap (u ≥ 10^−0.1 ≈ 0.794):
 *   l(0.02) = (0.98^−9 − 1)/9, l(0.15) = (0.85^−9 − 1)/9, l(0.2) = (0.8^−9 − 1)/9.
 * The pieces of the 2 t shortfall are [0, .02], [.02, .05], [.05, .1], [.1, .15], [.15, .2] of 10 t.
 */
const l = (x: number) => ((1 - x) ** -9 - 1) / 9;
const CONVEX: MarketParams = {
  elasticity: -0.1,
  chokeMultiple: 10,
  essentiality: 1,
  resaleHaircut: 0.1,
  storageUsdPerTonYear: 0,
  storageShareOfValuePerYear: 0,
  impact: 0,
};
const oneMineral = (pi: number, budget: number, extra: Partial<PlanInput["options"]> = {}): PlanInput => ({
  scenarios: [
    {
      id: "s",
      weight: pi,
      horizon: 12,
      minerals: [{ id: "m", stock1: 0, demand: new Float64Array(12).fill(10), supply: Float64Array.from([8, ...new Array(11).fill(10)]) }],
    },
  ],
  economics: [{ id: "m", price: 100, d0: 10, r: 1, worldProduction: null, market: CONVEX }],
  options: { budget, acquisitionPremium: 0, storageUsdPerTonYear: 0, loanRate: 0, ...extra },
});

describe("the convex loss, resale and probabilities, by hand", () => {
  for (const solver of ["fast", "highs"] as const) {
    it(`${solver}: π = 0.5 — every piece pays (the cheapest saves 0.5·(100·l(0.02)/0.02 − 90) > the net cost 10), 200 of 1,000 spent`, async () => {
      const r = await planReserve({ ...oneMineral(0.5, 1000), options: { ...oneMineral(0.5, 1000).options, solver } }, await loadHighsSolver());
      const m = r.minerals[0];
      expect(0.5 * ((100 * l(0.02)) / 0.02 - 90)).toBeGreaterThan(10);
      expect(m.buyTons).toBeCloseTo(2, 9);
      expect(r.spent).toBeCloseTo(200, 6);
      expect(r.unspent).toBeCloseTo(800, 6);
      // loss before: 0.5 · 100 · 10 · l(0.2) ≈ 358.36; after: 0
      expect(r.valueBefore).toBeCloseTo(0.5 * 1000 * l(0.2), 6);
      expect(r.valueAfter).toBeCloseTo(0, 9);
      // objective: net cost (100 − 90) · 2 + π·R·release = 20 + 0.5 · 90 · 2 = 110
      expect(r.objective).toBeCloseTo(110, 6);
      expect(r.disruptionProbability).toBeCloseTo(0.5, 12);
      // nothing bought is left for resale when the scenario happens; half the time it is all sold back
      expect(m.resalePerTon).toBeCloseTo(90, 9);
      expect(r.marginalValue).toBe(0);
    });

    it(`${solver}: π = 0.25 — the cheapest piece (0.2 t) no longer pays: 0.25·(100·l(0.02)/0.02 − 90) < 10, so 1.8 t`, async () => {
      const r = await planReserve({ ...oneMineral(0.25, 1000), options: { ...oneMineral(0.25, 1000).options, solver } }, await loadHighsSolver());
      expect(0.25 * ((100 * l(0.02)) / 0.02 - 90)).toBeLessThan(10);
      expect(r.minerals[0].buyTons).toBeCloseTo(1.8, 9);
      // what is left short is the cheapest piece: 0.25 · 1000 · l(0.02)
      expect(r.valueAfter).toBeCloseTo(0.25 * 1000 * l(0.02), 6);
    });

    it(`${solver}: --spend-all buys what lowers the loss even where it does not pay: at π = 0.25 and 190 USD, 1.9 t`, async () => {
      const base = oneMineral(0.25, 190, { spendAll: true });
      const r = await planReserve({ ...base, options: { ...base.options, solver } }, await loadHighsSolver());
      expect(r.minerals[0].buyTons).toBeCloseTo(1.9, 6);
      expect(r.spent).toBeCloseTo(190, 6);
      // the last dollar covers the cheapest piece: 0.25 · 100 · l(0.02)/0.02 of loss per 100 USD ton, less the tiny spend weight
      expect(r.marginalValue).toBeCloseTo((0.25 * l(0.02)) / 0.02 - 1e-6, 6);
    });
  }

  it("holding runs over each scenario's own horizon, and over the planning horizon with no disruption", async () => {
    // loan 5 %: 0.05 · 100 per year, over 0.5 · 1 year (the scenario) + 0.5 · 5 years (none) = 15 USD a ton
    const r = await planReserve(oneMineral(0.5, 1000, { loanRate: 0.05, horizonYears: 5 }));
    expect(r.minerals[0].holdingPerTon).toBeCloseTo(15, 9);
  });
});
