import { budgetSteps, compileScenario, createPlanner, loadHighsSolver, planScenarios } from "../src/index.js";
import { loadDataset } from "../src/io/dataset.js";
import { readProjects } from "../src/io/projects-file.js";
import { loadScenario } from "../src/io/scenario-file.js";
import { type BenchResult, timeMedian } from "./types.js";

/**
 * The reserve plan on the coalition scenario (all minerals, 60 months) with the project library:
 * 1,000 Monte Carlo draws through the exact fast path (target < 2 s), a 25-point frontier
 * (target < 10 s), and the HiGHS model with 100 draws (time and size).
 */
export default async function (): Promise<BenchResult[]> {
  const dataset = loadDataset();
  const projects = readProjects(new URL("../projects/us-candidates.yaml", import.meta.url).pathname, dataset);
  const compiled = compileScenario(loadScenario("coalition-chn-rus-irn", dataset), dataset);
  const scenarios = (runs: number) => planScenarios([{ compiled }], dataset, { runs, seed: 1, projects });

  const set = scenarios(1000);
  const minerals = set.economics.length;
  const months = compiled.horizon;
  const input = { scenarios: set.scenarios, economics: set.economics, projects, options: { budget: 12e9 } };

  const drawMs = await timeMedian(() => scenarios(1000), 3);
  const planMs = await timeMedian(async () => (await createPlanner(input)).solve(12e9), 5);
  const plan = (await createPlanner(input)).solve(12e9);
  const budgets = budgetSteps(0, 24e9, 25);
  const frontierMs = await timeMedian(async () => {
    const planner = await createPlanner(input);
    for (const b of budgets) planner.solve(b);
  }, 3);

  const set100 = scenarios(100);
  const highs = await loadHighsSolver();
  const input100 = { scenarios: set100.scenarios, economics: set100.economics, projects, options: { budget: 12e9, solver: "highs" as const } };
  const planner100 = await createPlanner(input100, highs);
  const t0 = performance.now();
  const { model } = planner100.model();
  const buildMs = performance.now() - t0;
  const t1 = performance.now();
  const exact = planner100.solve(12e9);
  const solveMs = performance.now() - t1;
  const fast100 = (await createPlanner({ ...input100, options: { budget: 12e9, solver: "fast" as const } })).solve(12e9);

  return [
    {
      name: "plan: all minerals × 1,000 Monte Carlo scenarios × 60 months (fast path)",
      note: `Coalition scenario (${minerals} minerals priced and simulated, ${months} months), ${projects.length} candidate projects, budget US$ 12 bn. Target: plan under 2 s. Drawing the 1,000 scenarios through the simulator's scenarioPaths() is timed separately.`,
      figures: {
        "plan (prepare curves + enumerate project subsets + knapsack), ms": planMs.toFixed(0),
        "draw 1,000 scenarios (simulator paths), ms": drawMs.toFixed(0),
        "plan + draws, ms": (planMs + drawMs).toFixed(0),
        "mineral-scenario-months": (minerals * 1000 * months).toLocaleString("en-US"),
        status: plan.status,
        "expected shortfall value before → after, US$ M": `${(plan.valueBefore / 1e6).toFixed(0)} → ${(plan.valueAfter / 1e6).toFixed(0)}`,
        "marginal value of budget, US$/US$": plan.marginalValue.toFixed(4),
      },
    },
    {
      name: "frontier: 25 budgets from 0 to 24 bn, 1,000 scenarios",
      note: "One planner (curves prepared once), 25 solves. Target under 10 s.",
      figures: { "frontier, ms": frontierMs.toFixed(0), "per budget, ms": (frontierMs / 25).toFixed(1) },
    },
    {
      name: "HiGHS: the same plan with 100 scenarios",
      note: "Two-stage MIP (projects binary) on HiGHS 1.15 (WebAssembly, single thread), months without a gap masked out; then the LP with the binaries fixed, for the budget dual.",
      figures: {
        rows: model.numRows.toLocaleString("en-US"),
        columns: model.numCols.toLocaleString("en-US"),
        nonzeros: model.numNonzeros.toLocaleString("en-US"),
        "build, ms": buildMs.toFixed(0),
        "solve (MIP + fixed LP), ms": solveMs.toFixed(0),
        status: exact.status,
        "objective, HiGHS vs fast path (relative difference)": `${exact.objective.toExponential(6)} vs ${fast100.objective.toExponential(6)} (${Math.abs(exact.objective / fast100.objective - 1).toExponential(1)})`,
      },
    },
  ];
}
