import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createPlanner, loadHighsSolver, type PlanInput } from "../../src/index.js";
import { projectLine, projectWorthUsd } from "../../src/report/plan.js";
import { B_PROJECT, handCase, randomPlan } from "./fixtures.js";

const solveWith = async (input: PlanInput, solver: "fast" | "highs") =>
  (await createPlanner({ ...input, options: { ...input.options, solver } }, solver === "highs" ? await loadHighsSolver() : undefined)).solve(
    input.options.budget,
  );

describe("what deciding a project the other way costs", () => {
  it("hand case: B's mine (capex 30) is funded at a budget that does not bind, and dropping it costs what the hand arithmetic says", async () => {
    // The mine yields 2 t/month from month 1: s1's gap of 5 t in month 1 falls to 3 t. Without it, the 5 t are
    // bought at 50 each (saving 0.5·120 − 50 = 10/t, net 50); with it, 3 t are bought (net 30) and the mine's
    // 2 t save 0.5 · 2 · 120 = 120 of loss for 30 of capex (net 90): funding it gains 30 + 90 − 50 = 70.
    const withMine = await solveWith(handCase(1e6, [B_PROJECT]), "fast");
    const without = await solveWith(handCase(1e6), "fast");
    expect(withMine.projects[0].fund).toBe(1);
    expect(withMine.projects[0].flipCostUsd).toBeCloseTo(without.objective - withMine.objective, 9);
    expect(withMine.projects[0].flipCostUsd).toBeCloseTo(70, 9);
    // its worth is the capex plus what dropping it costs
    expect(projectWorthUsd(withMine.projects[0])).toBeCloseTo(30 + withMine.projects[0].flipCostUsd!, 9);
    expect(projectLine(withMine.projects[0])).toMatch(
      /b-mine \(b, 24 t\/yr from month 1 \(ramp 0\), delivers with p 1\.00, capex US\$ 0 M\): funded; dropping it lowers/,
    );
  });

  it("a project too dear for the budget says it does not fit, and HiGHS plans say the cost is not computed", async () => {
    const dear = { ...B_PROJECT, capex: 5000 };
    const r = await solveWith(handCase(1000, [dear]), "fast");
    expect(r.projects[0].fund).toBe(0);
    expect(r.projects[0].flipCostUsd).toBeNull();
    expect(r.projects[0].flipWhy).toMatch(/does not fit the budget/);
    const h = await solveWith(handCase(1000, [B_PROJECT]), "highs");
    expect(h.projects[0].flipCostUsd).toBeNull();
    expect(h.projects[0].flipWhy).toMatch(/fast path only/);
    expect(h.projects[0]).toMatchObject({ tonsPerYear: 24, onlineMonth: 1, rampMonths: 0, probability: 1, name: "B mine" });
  });

  it("on random instances: the cost equals HiGHS's optimum with the decision forced the other way, less the optimum", async () => {
    const highs = await loadHighsSolver();
    await fc.assert(
      fc.asyncProperty(randomPlan, async (input) => {
        if (input.options.spendAll || !input.projects?.length) return;
        const fast = await solveWith(input, "fast");
        if (fast.status !== "optimal") return;
        for (const [n, j] of fast.projects.entries()) {
          // funded: drop it from the candidates; not funded: require it
          const others = input.projects!.filter((_, k) => k !== n);
          const flipped: PlanInput = { ...input, projects: j.fund > 0 ? others : [...others, { ...input.projects![n], required: true }] };
          const forced = (await createPlanner({ ...flipped, options: { ...flipped.options, solver: "highs" } }, highs)).solve(input.options.budget);
          if (forced.status === "infeasible") {
            expect(j.flipCostUsd, `project ${j.id}`).toBeNull();
            continue;
          }
          expect(j.flipCostUsd).not.toBeNull();
          const want = forced.objective - fast.objective;
          expect(Math.abs(j.flipCostUsd! - want), `project ${j.id}: ${j.flipCostUsd} vs ${want}`).toBeLessThanOrEqual(
            1e-6 * Math.max(1, Math.abs(fast.objective), Math.abs(want)),
          );
        }
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
