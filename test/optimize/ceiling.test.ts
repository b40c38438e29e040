/**
 * A budget is a ceiling: a plan never spends a dollar that returns less than a dollar
 * unless asked (--spend-all). Property: on random instances, taking back any small part of any
 * purchase never lowers the plan's net objective (expected loss + cash + holding − resale), so every
 * ton bought pays for itself; and spending only what pays leaves the budget unspent where it does not bind.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createPlanner, type PlanInput } from "../../src/index.js";
import { replayObjective } from "../../src/internal.js";
import { planReport } from "../../src/report/plan.js";
import { handCase, lcg, randomScenario } from "./fixtures.js";

const instance = fc.record({ seed: fc.integer({ min: 0, max: 1e9 }), budget: fc.double({ min: 0, max: 50_000, noNaN: true }) }).map((k): PlanInput => {
  const rnd = lcg(k.seed);
  const ids = ["a", "b", "c"];
  return {
    scenarios: [0, 1].map((si) => randomScenario(rnd, ids, `s${si}`, 0.05 + rnd() * 0.4, 6, 8, 10)),
    economics: ids.map((id) => ({
      id,
      price: 10 + Math.round(rnd() * 500),
      d0: 10,
      r: 1,
      worldProduction: rnd() < 0.5 ? null : 100 + rnd() * 400,
      market: {
        elasticity: -(0.05 + rnd() * 0.2),
        chokeMultiple: 2 + rnd() * 10,
        essentiality: 1,
        resaleHaircut: rnd() * 0.4,
        storageUsdPerTonYear: rnd() * 20,
        storageShareOfValuePerYear: 0.001,
        impact: rnd() * 2,
      },
    })),
    options: { budget: k.budget },
  };
});

describe("a budget is a ceiling", () => {
  it("taking back part of any purchase never lowers the net objective (every ton bought pays for itself)", async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (input) => {
        const planner = await createPlanner(input);
        const r = planner.solve(input.options.budget);
        expect(r.status).toBe("optimal");
        const buy = r.minerals.map((m) => m.buyTons);
        const fund = new Float64Array(0);
        const at = replayObjective(planner.problem, buy, fund);
        expect(Math.abs(at - r.objective)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(at)));
        buy.forEach((q, i) => {
          if (!(q > 1e-6)) return;
          for (const cut of [1e-3, 0.1, 0.5, 1]) {
            const less = buy.slice();
            less[i] = q * (1 - cut);
            expect(replayObjective(planner.problem, less, fund)).toBeGreaterThanOrEqual(at - 1e-6 * Math.max(1, Math.abs(at)));
          }
        });
        // and where money is left, no purchase would have paid: the marginal net return is 0
        if (r.unspent > 1e-6) expect(r.marginalValue).toBe(0);
      }),
      { numRuns: 120, seed: 5 },
    );
  });
});

describe("--spend-all says what its last dollars return, net", () => {
  it("hand case at US$ 1,100: the last 1 % goes to B, which avoids 60 of loss per 50 ton (1.2 per US$) and nets 10 (0.2 per US$)", async () => {
    const input = handCase(1100);
    input.options.spendAll = true;
    const r = (await createPlanner(input)).solve(1100);
    expect(r.spendAll).toBe(true);
    expect(r.marginalValue).toBeCloseTo(1.2, 5); // less the 1e-6 weight spend-all puts on cash
    expect(r.lastDollars).toEqual({ overUsd: expect.closeTo(11, 9), netPerUsd: expect.closeTo(0.2, 9) });
    const text = planReport(r, "table").text;
    expect(text).toMatch(/a target: --spend-all spends it whole/);
    expect(text).toMatch(/the last US\$ avoids 1\.2000 US\$ of\s+expected loss; net of resale and holding/);
  });

  it("a plan without --spend-all carries no lastDollars and calls the budget a ceiling", async () => {
    const r = (await createPlanner(handCase(1100))).solve(1100);
    expect(r.spendAll).toBeUndefined();
    expect(r.lastDollars).toBeUndefined();
  });
});
