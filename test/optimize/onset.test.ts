import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createPlanner, loadHighsSolver, type PlanOptions, planReserve } from "../../src/index.js";
import { buildSchedule, expectedSaving, onsetWeights, scheduleMinerals, scheduleObjective } from "../../src/internal.js";
import { cli } from "../helpers.js";
import { oneScheduleMineral, randomSchedule } from "./fixtures.js";

/**
 * When the disruption begins within a schedule. One mineral at US$ 100/t (no premium), world supply
 * 100 t a year (a year's purchase capped at 20 %, λ = 1: q tons in a year cost 100·q·(1 + q/200), in
 * secant pieces between 0, 0.5, 1, 2, 3.5, 5, 7.5, 10, 15 and 20 t: 10 t cost 1,050, 20 t 2,200), a
 * certain scenario (one year) 20 t short in all, a linear loss of 300 USD a ton,
 * no resale. Onset uniform over a 5-year horizon: a disruption at the end of year s with weight 1/5
 * for s < N, the rest (after year N) on year N.
 */
const oneMineral = oneScheduleMineral;
const tons = (r: Awaited<ReturnType<typeof planReserve>>) => r.minerals[0].schedule!.map((y) => y.tons);

describe("onset weights", () => {
  it("uniform spreads the horizon's years and folds those after the schedule into its last; end puts all on the last; a list is normalised; one year is [1]", () => {
    expect(onsetWeights({ onset: "uniform", horizonYears: 5 }, 5).weights).toEqual([0.2, 0.2, 0.2, 0.2, 0.2].map((x) => expect.closeTo(x, 12)));
    expect(onsetWeights({ onset: "uniform", horizonYears: 5 }, 2).weights).toEqual([expect.closeTo(0.2, 12), expect.closeTo(0.8, 12)]);
    expect(onsetWeights({ onset: "end", horizonYears: 5 }, 3).weights).toEqual([0, 0, 1]);
    expect(onsetWeights({ onset: [1, 3], horizonYears: 5 }, 2)).toEqual({ setting: "weights", weights: [0.25, 0.75] });
    expect(onsetWeights({ onset: "uniform", horizonYears: 5 }, 1).weights).toEqual([1]);
  });
});

describe("a schedule whose disruption may begin before it is complete, by hand", () => {
  it("uniform: all 20 t in year 1 at an average 110 USD (a year-1 ton protects 0.2 · 300 = 60 USD more than a year-2 ton; spreading saves at most 117.5 − 100.25 USD of impact), where onset end splits 10 t a year", async () => {
    const highs = await loadHighsSolver();
    const uniform = await planReserve(oneMineral(1e6, 2, "uniform"), highs);
    expect(uniform.status).toBe("optimal");
    expect(uniform.solver).toBe("highs");
    expect(tons(uniform)).toEqual([expect.closeTo(20, 6), expect.closeTo(0, 6)]);
    expect(uniform.spent).toBeCloseTo(2200, 6);
    // expected loss after: none, since all 20 t are held from the end of year 1, before any onset
    expect(uniform.valueAfter).toBeCloseTo(0, 6);
    expect(uniform.objective).toBeCloseTo(2200, 6);
    expect(uniform.onset).toEqual({ setting: "uniform", weights: [expect.closeTo(0.2, 12), expect.closeTo(0.8, 12)] });
    expect(uniform.notes.some((n) => /^schedule: onset uniform: .*judgement call/.test(n))).toBe(true);
    const end = await planReserve(oneMineral(1e6, 2, "end"), highs);
    expect(tons(end)).toEqual([expect.closeTo(10, 6), expect.closeTo(10, 6)]);
    expect(end.spent).toBeCloseTo(2100, 6);
  });

  it("a binding budget with holding (10 USD a ton-year): onset end buys nothing in year 1; uniform spends each year's tranche, year 1 first", async () => {
    const highs = await loadHighsSolver();
    // 600 USD over 3 years: by the end of year y at most 200·y. A ton saves 300 in each onset it protects.
    const end = await planReserve(oneMineral(600, 3, "end", 0.1), highs);
    expect(end.minerals[0].schedule![0].tons).toBe(0);
    expect(end.spent).toBeCloseTo(600, 6);
    // uniform (0.2, 0.2, 0.6): a year-1 ton saves 300 and is held 0.2·1 + 0.6·2 = 1.4 years more (14 USD), a year-2
    // ton 240 (6 USD more held), a year-3 ton 180: dollars go as early as the tranches allow, 200 USD a year.
    // 200 USD buys q = 1 + (200 − C(1)) / 101.5 t, C(1) = 100.5, on the piece [1, 2] t at (C(2) − C(1)) / 1 = 101.5 USD a ton
    const q = 1 + (200 - 100.5) / 101.5;
    const uniform = await planReserve(oneMineral(600, 3, "uniform", 0.1), highs);
    expect(tons(uniform)).toEqual([q, q, q].map((x) => expect.closeTo(x, 6)));
    expect(uniform.minerals[0].schedule![0].cash).toBeCloseTo(200, 6);
    // holding: the one-year plan's 10 USD a ton, plus 14 and 6 USD for the tons of years 1 and 2
    expect(uniform.minerals[0].holdingCost).toBeCloseTo(q * (10 + 14) + q * (10 + 6) + q * 10, 6);
    // loss after: onset 1 finds q t (weight 0.2), onset 2 2q t (0.2), onset 3 3q t (0.6), each ton 300 USD
    expect(uniform.valueAfter).toBeCloseTo(300 * (20 - 0.2 * q - 0.2 * 2 * q - 0.6 * 3 * q), 6);
    // the report's money adds up to the objective: with no resale, objective = loss with no plan − (loss avoided − spent − holding)
    const m = uniform.minerals[0];
    expect(uniform.objective).toBeCloseTo(uniform.valueBefore - (uniform.valueBefore - uniform.valueAfter - uniform.spent - m.holdingCost), 6);
    // one more dollar of budget adds 1/3 to each year's tranche; a dollar in year y nets (saving − price − holding) / 101.5:
    // (300 − 101.5 − 24, 240 − 101.5 − 16, 180 − 101.5 − 10) → (174.5 + 122.5 + 68.5) / (3 · 101.5), which the budget step confirms
    expect(uniform.marginalValue).toBeCloseTo(365.5 / (3 * 101.5), 6);
    const planner = await createPlanner(oneMineral(600, 3, "uniform", 0.1), highs);
    expect((planner.solve(600).objective - planner.solve(603).objective) / 3).toBeCloseTo(365.5 / (3 * 101.5), 6);
  });

  it("weights all on the last year are onset end; weights 1,4 over 2 years are uniform over 5", async () => {
    const highs = await loadHighsSolver();
    const end = await planReserve(oneMineral(600, 3, "end", 0.1), highs);
    const last = await planReserve(oneMineral(600, 3, [0, 0, 5], 0.1), highs);
    expect(last.solver).toBe("fast");
    expect(tons(last)).toEqual(tons(end).map((x) => expect.closeTo(x, 9)));
    expect(last.onset).toEqual({ setting: "weights", weights: [0, 0, 1] });
    const uniform = await planReserve(oneMineral(1e6, 2, "uniform", 0.1), highs);
    const listed = await planReserve(oneMineral(1e6, 2, [1, 4], 0.1), highs);
    expect(listed.objective).toBeCloseTo(uniform.objective, 6);
  });

  it("one year: every onset setting is the one-year plan", async () => {
    const highs = await loadHighsSolver();
    const plan = await planReserve(oneMineral(1500, 1, "end"), highs);
    for (const onset of ["uniform", [3]] as const) {
      const r = await planReserve(oneMineral(1500, 1, onset as PlanOptions["onset"]), highs);
      expect(r.objective).toBeCloseTo(plan.objective, 9);
      expect(r.minerals[0].buyTons).toBeCloseTo(plan.minerals[0].buyTons, 9);
    }
  });
});

/** Random schedules: 2–5 years, two minerals with impact, holding and resale, binding or slack budgets, sometimes --spend-all; onset uniform or random weights. */
const schedules = fc
  .record({
    seed: fc.integer({ min: 0, max: 1e9 }),
    years: fc.integer({ min: 2, max: 5 }),
    budget: fc.double({ min: 0, max: 40_000, noNaN: true }),
    loan: fc.double({ min: 0, max: 0.1, noNaN: true }),
    onset: fc.constantFrom("uniform", "weights"),
    spendAll: fc.boolean(),
  })
  .map((k) =>
    randomSchedule(k, (rnd) =>
      k.onset === "uniform"
        ? "uniform"
        : Array.from({ length: k.years }, () => Math.round(rnd() * 4)).map((x, i, a) => (a.every((v) => v === 0) && i === 0 ? 1 : x)),
    ),
  );

describe("the schedule's LP with an onset before the end", () => {
  it("on random schedules: its objective is Σ_s w_s·S(stock bought by year s) recomputed from its purchases, and no worse than the onset-end plan's purchases", async () => {
    const highs = await loadHighsSolver();
    await fc.assert(
      fc.asyncProperty(schedules, async (input) => {
        const planner = await createPlanner(input, highs);
        expect(planner.path).toBe("highs");
        const p = planner.problem;
        const years = p.options.years;
        const w = onsetWeights(p.options, years).weights;
        const s = buildSchedule(p, years);
        const out = highs.solve(s.model, { presolve: false });
        expect(out.status).toBe("optimal");
        const q = s.q.map((own) => own.map((x) => out.x[x.col]));
        const lp = out.objective + s.constant;
        expect(Math.abs(scheduleObjective(s.minerals, w, q) - lp)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(lp)) + 1e-3);
        // the plan reports the same objective, and keeps the tranches
        // (1e-3 USD absolute: the budget rows are in US$ M, feasible to HiGHS' 1e-9)
        const r = planner.solve(p.options.budget);
        expect(Math.abs(r.objective - lp)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(lp)) + 1e-3);
        for (let y = 1; y <= years; y++) {
          const upto = r.minerals.reduce((a, m) => a + m.schedule!.filter((x) => x.year <= y).reduce((b, x) => b + x.cash, 0), 0);
          expect(upto).toBeLessThanOrEqual((p.options.budget * y) / years + 1e-6 * Math.max(1, p.options.budget) + 1e-3);
        }
        // the onset-end optimum is feasible here too (same tranches and caps): valued with these onsets, it is no better
        const endPlanner = await createPlanner({ ...input, options: { ...input.options, onset: "end" } }, highs);
        const e = buildSchedule(endPlanner.problem, years);
        const eo = highs.solve(e.model, { presolve: false });
        const qe = e.q.map((own) => own.map((x) => eo.x[x.col]));
        expect(scheduleObjective(s.minerals, w, qe)).toBeGreaterThanOrEqual(lp - 1e-6 * Math.max(1, Math.abs(lp)) - 1e-3);
      }),
      { numRuns: 40, seed: 31 },
    );
  });

  it("for any purchases, the expected saving never exceeds the onset-end case (stock bought by year s ≤ N is at most the total)", async () => {
    const highs = await loadHighsSolver();
    const cases = fc.record({
      input: schedules,
      q: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 64, maxLength: 64 }),
    });
    await fc.assert(
      fc.asyncProperty(cases, async ({ input, q }) => {
        const p = (await createPlanner(input, highs)).problem;
        const years = p.options.years;
        const w = onsetWeights(p.options, years).weights;
        const end = onsetWeights({ ...p.options, onset: "end" }, years).weights;
        for (const sm of scheduleMinerals(p, years)) {
          const tons = Float64Array.from(sm.pieces, (pc, i) => q[i % q.length] * Math.min(pc.len, 50));
          const saving = expectedSaving(sm, w, tons);
          const atEnd = expectedSaving(sm, end, tons);
          expect(saving).toBeLessThanOrEqual(atEnd + 1e-9 * Math.max(1, atEnd));
          expect(saving).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 60, seed: 32 },
    );
  });
});

describe("plan --years with --onset", () => {
  const PLAN = ["plan", "--budget", "1e9", "--years", "5", "--runs", "0", "--format", "json"];
  type Json = {
    solver: string;
    onset: { setting: string; weights: number[] };
    minerals: { id: string; schedule?: { year: number; tons: number }[] }[];
    notes: string[];
  };
  const yearTons = (j: Json, year: number) => j.minerals.reduce((a, m) => a + (m.schedule?.find((y) => y.year === year)?.tons ?? 0), 0);

  it("by default (uniform) buys in year 1 and says so; --onset end reproduces the back-loaded schedule with nothing in years 1–2", async () => {
    const uniform = await cli(PLAN);
    expect(uniform.code, uniform.stderr).toBe(0);
    const u = JSON.parse(uniform.stdout) as Json;
    expect(u.onset).toEqual({ setting: "uniform", weights: [0.2, 0.2, 0.2, 0.2, 0.2].map((x) => expect.closeTo(x, 12)) });
    expect(u.solver).toBe("highs");
    expect(yearTons(u, 1)).toBeGreaterThan(0);
    expect(u.notes.some((n) => n.startsWith("schedule: onset uniform"))).toBe(true);
    const ended = await cli([...PLAN, "--onset", "end"]);
    expect(ended.code, ended.stderr).toBe(0);
    const e = JSON.parse(ended.stdout) as Json;
    expect(e.onset.setting).toBe("end");
    expect(e.solver).toBe("fast");
    expect(yearTons(e, 1) + yearTons(e, 2)).toBe(0);
  });

  it("a bad --onset: exit 2 naming the field and the valid values", async () => {
    const word = await cli([...PLAN, "--onset", "soon"]);
    expect(word.code).toBe(2);
    expect(word.stderr).toMatch(/--onset: "soon" is not an onset, expected uniform, end, or one weight ≥ 0 per schedule year/);
    const count = await cli([...PLAN, "--onset", "1,1"]);
    expect(count.code).toBe(2);
    expect(count.stderr).toMatch(
      /--onset: 2 weight\(s\) for a 5-year schedule \(--years 5\), expected uniform, end, or 5 weight\(s\) ≥ 0, one per schedule year, not all 0/,
    );
    const zero = await cli([...PLAN, "--onset", "0,0,0,0,0"]);
    expect(zero.code).toBe(2);
    const negative = await cli([...PLAN, "--onset", "1,-1,0,0,0"]);
    expect(negative.code).toBe(2);
    expect(negative.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
