import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileScenario, createPlanner, loadHighsSolver, type PlanInput, planScenarios } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { readProjects } from "../../src/io/projects-file.js";
import { listScenarioFiles, loadScenario } from "../../src/io/scenario-file.js";
import { randomPlan as instance } from "./fixtures.js";

async function both(input: PlanInput) {
  const highs = await loadHighsSolver();
  const fast = (await createPlanner({ ...input, options: { ...input.options, solver: "fast" } })).solve(input.options.budget);
  const exact = (await createPlanner({ ...input, options: { ...input.options, solver: "highs" } }, highs)).solve(input.options.budget);
  return { fast, exact };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

describe("the exact fast path equals the HiGHS model", () => {
  it("on random instances: same status, objective within 1e-6 relative", async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (input) => {
        const { fast, exact } = await both(input);
        expect(fast.status).toBe(exact.status);
        if (fast.status === "optimal") expect(close(fast.objective, exact.objective), `fast ${fast.objective} highs ${exact.objective}`).toBe(true);
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it("on every built-in scenario, with the project library, at 4 and 12 billion", async () => {
    const dataset = loadDataset();
    const projects = readProjects(new URL("../../projects/us-candidates.yaml", import.meta.url).pathname, dataset);
    const files = listScenarioFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const set = planScenarios([{ compiled: compileScenario(loadScenario(f, dataset), dataset) }], dataset, { projects });
      for (const budget of [4e9, 12e9]) {
        const { fast, exact } = await both({ scenarios: set.scenarios, economics: set.economics, projects, options: { budget } });
        expect(exact.status, f).toBe("optimal");
        expect(close(fast.objective, exact.objective), `${f} @ ${budget}: fast ${fast.objective} highs ${exact.objective}`).toBe(true);
      }
    }
  });
});
