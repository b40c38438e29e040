import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createPlanner, loadHighsSolver, type PlanInput, type PlanOptions, planReserve } from "../../src/index.js";
import { solveSchedule } from "../../src/internal.js";
import { cli } from "../helpers.js";
import { LINEAR, lcg, oneScheduleMineral, randomScenario, randomSchedule } from "./fixtures.js";

/**
 * One mineral at US$ 100/t, world supply 100 t a year (a year's purchase capped at 20 %, λ = 1), a
 * certain scenario 20 t short in all (2 t a month for 10 months of 10), a linear loss of 300 USD a ton
 * (choke 1, essentiality 3), no holding cost and no resale: every ton pays, and the timing is about
 * the market impact only. A year's q tons cost 100·q·(1 + q/200): 10 t cost 1,050 (average 105),
 * 20 t cost 2,200 (average 110); both are breakpoints of the piecewise cost (10 % and 20 % of W).
 */
const oneMineral = (budget: number, years: number, onset: PlanOptions["onset"] = "end") => oneScheduleMineral(budget, years, onset);

describe("a purchase schedule with onset end (the disruption begins once it is complete), by hand", () => {
  it("two years: 10 t a year at an average 105 USD (2,100), not 20 t at once at 110 (2,200)", async () => {
    const two = await planReserve(oneMineral(1e6, 2), await loadHighsSolver());
    const m = two.minerals[0];
    expect(m.buyTons).toBeCloseTo(20, 6);
    expect(m.schedule!.map((y) => y.tons)).toEqual([expect.closeTo(10, 6), expect.closeTo(10, 6)]);
    expect(m.schedule!.map((y) => y.price)).toEqual([expect.closeTo(105, 6), expect.closeTo(105, 6)]);
    expect(two.spent).toBeCloseTo(2100, 6);
    const one = await planReserve(oneMineral(1e6, 1), await loadHighsSolver());
    expect(one.minerals[0].buyTons).toBeCloseTo(20, 6);
    expect(one.spent).toBeCloseTo(2200, 6);
    expect(one.minerals[0].unitCost).toBeCloseTo(110, 6);
  });

  it("annual tranches: 1,000 USD over two years spends at most 500 in year 1, and buys as much in each year", async () => {
    const r = await planReserve(oneMineral(1000, 2), await loadHighsSolver());
    const [y1, y2] = r.minerals[0].schedule!;
    expect(y1.cash).toBeLessThanOrEqual(500 + 1e-6);
    expect(y1.cash + y2.cash).toBeCloseTo(1000, 6);
    expect(y1.tons).toBeCloseTo(y2.tons, 6);
    // 500 USD in a year: C(3.5) = 356.125, then 104.25 USD a ton up to 5 t → 3.5 + 143.875 / 104.25 t
    expect(y1.tons).toBeCloseTo(3.5 + 143.875 / 104.25, 6);
  });
});

/** Random one-year plans without projects: the schedule's LP at N = 1 is the one-year plan. */
const instance = fc.record({ seed: fc.integer({ min: 0, max: 1e9 }), budgetShare: fc.double({ min: 0, max: 1.2, noNaN: true }) }).map((k): PlanInput => {
  const rnd = lcg(k.seed);
  const ids = ["a", "b"];
  return {
    scenarios: [0, 1, 2].map((si) => randomScenario(rnd, ids, `s${si}`, 0.1 + rnd() * 0.2, 6, 8, 20)),
    economics: ids.map((id) => ({
      id,
      price: 10 + Math.round(rnd() * 500),
      d0: 10,
      r: 1,
      worldProduction: 100 + rnd() * 400,
      market: { ...LINEAR, chokeMultiple: 2 + rnd() * 10, essentiality: 1, resaleHaircut: rnd() * 0.3, impact: rnd() * 2 },
    })),
    options: { budget: Math.round(k.budgetShare * 20000), years: 1 },
  };
});

describe("the schedule's LP at one year is the one-year plan", () => {
  it("on random instances: one tranche gives the fast path's objective (1e-6 relative); two never do worse", async () => {
    const highs = await loadHighsSolver();
    await fc.assert(
      fc.asyncProperty(instance, async (input) => {
        const planner = await createPlanner({ ...input, options: { ...input.options, solver: "fast" } });
        const plan = planner.solve(input.options.budget);
        const one = solveSchedule(planner.problem, 1, highs);
        expect(one.status).toBe("optimal");
        expect(Math.abs(one.objective - plan.objective)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(plan.objective)));
        // onset end, a two-year schedule whose second tranche is empty: the same money, all in year 1 (loan 0, so holding does not move it)
        const sched = (
          await createPlanner({ ...input, options: { ...input.options, years: 2, loanRate: 0, storageUsdPerTonYear: 0, onset: "end" } }, highs)
        ).solve(input.options.budget);
        const flat = (await createPlanner({ ...input, options: { ...input.options, loanRate: 0, storageUsdPerTonYear: 0, solver: "fast" } })).solve(
          input.options.budget,
        );
        expect(plan.status).toBe("optimal");
        expect(sched.status).toBe("optimal");
        // with the disruption after the schedule, two tranches can only do better than one (more room), never worse
        expect(sched.objective).toBeLessThanOrEqual(flat.objective + 1e-6 * Math.max(1, Math.abs(flat.objective)));
      }),
      { numRuns: 40, seed: 11 },
    );
  });
});

describe("bad schedules are refused", () => {
  it("--years outside 1..20, longer than the horizon, or with projects: exit 2 naming the field", async () => {
    expect((await cli(["plan", "--budget", "1e9", "--years", "0"])).stderr).toMatch(/--years: 0 is out of range, expected a whole number in \[1, 20\]/);
    expect((await cli(["plan", "--budget", "1e9", "--years", "21"])).code).toBe(2);
    const long = await cli(["plan", "--budget", "1e9", "--years", "6", "--horizon-years", "5"]);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/years: a 6-year schedule is longer than the 5-year planning horizon/);
    const proj = await cli(["plan", "--budget", "1e9", "--years", "2", "--projects", "projects/us-candidates.yaml", "--scenarios", "antimony-2024"]);
    expect(proj.code).toBe(2);
    expect(proj.stderr).toMatch(/--years: a purchase schedule does not fund capacity projects yet/);
  });
});

describe("the schedule's fast path equals HiGHS with onset end", () => {
  /** Random schedules: 2–5 years, two minerals with impact and market caps, binding or slack budgets, sometimes --spend-all; onset end (as `end` or as weights). */
  const schedules = fc
    .record({
      seed: fc.integer({ min: 0, max: 1e9 }),
      years: fc.integer({ min: 2, max: 5 }),
      budget: fc.double({ min: 0, max: 40_000, noNaN: true }),
      // the fast path is exact when the disruption begins once the schedule is complete: end, or weights all on the last year
      atEnd: fc.boolean(),
      spendAll: fc.boolean(),
      loan: fc.double({ min: 0, max: 0.1, noNaN: true }),
    })
    .map((k) => randomSchedule(k, () => (k.atEnd ? "end" : Array.from({ length: k.years }, (_, i) => (i === k.years - 1 ? 2 : 0)))));

  it("on random schedules: the same objective (1e-6 relative), the tranches kept", async () => {
    const highs = await loadHighsSolver();
    await fc.assert(
      fc.asyncProperty(schedules, async (input) => {
        const fast = (await createPlanner({ ...input, options: { ...input.options, solver: "fast" } }, highs)).solve(input.options.budget);
        const exact = (await createPlanner({ ...input, options: { ...input.options, solver: "highs" } }, highs)).solve(input.options.budget);
        expect(fast.status).toBe("optimal");
        // the fast path itself answered (the tranches never bind in a back-loaded schedule, so no fallback)
        expect(fast.solver).toBe("fast");
        expect(exact.status).toBe("optimal");
        expect(Math.abs(fast.objective - exact.objective), `fast ${fast.objective} highs ${exact.objective}`).toBeLessThanOrEqual(
          1e-6 * Math.max(1, Math.abs(exact.objective)),
        );
        const years = input.options.years!;
        for (let y = 1; y < years; y++) {
          const upto = fast.minerals.reduce((a, m) => a + m.schedule!.filter((x) => x.year <= y).reduce((b, x) => b + x.cash, 0), 0);
          expect(upto).toBeLessThanOrEqual((input.options.budget * y) / years + 1e-6 * Math.max(1, input.options.budget));
        }
      }),
      { numRuns: 80, seed: 21 },
    );
  });
});
