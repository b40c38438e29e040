import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compileScenario,
  createPlanner,
  loadHighsSolver,
  type MineralEconomics,
  type PlanInput,
  type PlanScenario,
  type Project,
  planScenarios,
} from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { readProjects } from "../../src/io/projects-file.js";
import { listScenarioFiles, loadScenario } from "../../src/io/scenario-file.js";
import { lcg } from "./fixtures.js";

/**
 * A random small plan: 1–3 minerals, 1–4 scenarios (probabilities summing to at most 1, sometimes
 * less), 1–6 months, 0–3 all-or-nothing projects, random demand curves (ε, choke), haircuts, storage
 * and market impact, and sometimes --spend-all.
 */
const instance = fc
  .record({
    minerals: fc.integer({ min: 1, max: 3 }),
    scenarios: fc.integer({ min: 1, max: 4 }),
    horizon: fc.integer({ min: 1, max: 6 }),
    seed: fc.integer({ min: 0, max: 1e9 }),
    projects: fc.integer({ min: 0, max: 3 }),
    budgetShare: fc.double({ min: 0, max: 1.2, noNaN: true }),
    floors: fc.boolean(),
    spendAll: fc.boolean(),
    certain: fc.boolean(),
  })
  .map((k): PlanInput => {
    const rnd = lcg(k.seed);
    const ids = Array.from({ length: k.minerals }, (_, i) => `m-${i}`);
    const economics: MineralEconomics[] = ids.map((id) => ({
      id,
      price: Math.round(10 + rnd() * 1000),
      d0: 10,
      r: 0.2 + rnd() * 0.8,
      worldProduction: rnd() < 0.5 ? null : 50 + rnd() * 500,
      market: {
        elasticity: -(0.05 + rnd() * 0.3),
        chokeMultiple: 1.5 + rnd() * 20,
        essentiality: 1 + Math.floor(rnd() * 3),
        resaleHaircut: rnd() * 0.5,
        storageUsdPerTonYear: rnd() * 50,
        storageShareOfValuePerYear: rnd() * 0.01,
        impact: rnd() < 0.3 ? 0 : rnd() * 3,
      },
    }));
    const scenarios: PlanScenario[] = Array.from({ length: k.scenarios }, (_, si) => ({
      id: `s${si}`,
      // with "certain" the weights are rescaled to 1; else they are probabilities summing to at most 1
      weight: k.certain ? 0.1 + rnd() : (0.1 + rnd() * 0.9) / k.scenarios,
      horizon: k.horizon,
      minerals: ids.map((id) => ({
        id,
        stock1: rnd() < 0.5 ? 0 : Math.round(rnd() * 40),
        demand: Float64Array.from({ length: k.horizon }, () => 10),
        supply: Float64Array.from({ length: k.horizon }, () => (rnd() < 0.3 ? 10 + rnd() * 3 : 10 - rnd() * 10)),
      })),
      ...(rnd() < 0.5 ? {} : { projectScale: { "p-0": rnd() < 0.5 ? 1 : 0 } }),
    }));
    const projects: Project[] = Array.from({ length: k.projects }, (_, j) => ({
      id: `p-${j}`,
      name: `p${j}`,
      mineral: ids[Math.floor(rnd() * ids.length)],
      kind: "refinery",
      tonsPerYear: Math.round(rnd() * 100),
      onlineMonth: 1 + Math.floor(rnd() * k.horizon),
      rampMonths: Math.floor(rnd() * 4),
      probability: Math.round(rnd() * 10) / 10,
      capex: Math.round(rnd() * 20000),
      assumption: true,
      why: "random",
    }));
    const fullCost = economics.reduce((a, e) => a + e.price! * 60, 0) + projects.reduce((a, p) => a + p.capex, 0);
    return {
      scenarios,
      economics,
      projects,
      options: { budget: Math.round(k.budgetShare * fullCost), ...(k.floors ? { minDaysOfCover: 5 } : {}), ...(k.spendAll ? { spendAll: true } : {}) },
    };
  });

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
