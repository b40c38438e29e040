import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { budgetSteps, compileScenario, createPlanner, loadHighsSolver, planScenarios } from "../src/index.js";
import { loadDataset } from "../src/io/dataset.js";
import { loadPlanInput } from "../src/io/plan-input.js";
import { readProjects } from "../src/io/projects-file.js";
import { loadScenario } from "../src/io/scenario-file.js";
import { type BenchResult, timeMedian } from "./types.js";

const BIN = new URL("../dist/cli/bin.js", import.meta.url).pathname;

/** The default plan (the built-in library, the USGS 2025 basket) end to end as a process: wall seconds and peak RSS. */
function endToEnd(args: string[]): { seconds: number; mib: number; scenarios: number; spentMusd: number } {
  const hasTime = existsSync("/usr/bin/time");
  const cmd = hasTime ? "/usr/bin/time" : process.execPath;
  const argv = hasTime ? ["-f", "%e %M", process.execPath, BIN, ...args] : [BIN, ...args];
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { encoding: "utf8", maxBuffer: 1 << 28 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`plan failed: ${r.stderr}`);
  const [sec, kb] = hasTime ? r.stderr.trim().split("\n").at(-1)!.split(" ").map(Number) : [wall, Number.NaN];
  const j = JSON.parse(r.stdout);
  return { seconds: sec, mib: kb / 1024, scenarios: j.scenarios, spentMusd: j.spentUsd / 1e6 };
}

/**
 * The reserve plan: the default plan over the whole built-in library (13 files, each with
 * its probability) at 1,000 and 10,000 Monte Carlo scenarios end to end (targets: under 2 s; under
 * 5 s and 500 MB), a 25-point frontier, a 5-year schedule, and the HiGHS model of the coalition file
 * with the project library at 100 draws, against the fast path.
 */
export default async function (): Promise<BenchResult[]> {
  const runs1k = Math.round(1000 / 13);
  const runs10k = Math.round(10000 / 13);
  const one = endToEnd(["plan", "--budget", "12e9", "--runs", String(runs1k), "--format", "json"]);
  const ten = endToEnd(["plan", "--budget", "12e9", "--runs", String(runs10k), "--format", "json"]);

  // in process: the default input (100 draws of each file), then a 25-point frontier and a 5-year schedule
  const base = loadPlanInput({ options: { budget: 12e9 } });
  const budgets = budgetSteps(0, 12e9, 25);
  const frontierMs = await timeMedian(async () => {
    const planner = await createPlanner(base.input);
    for (const b of budgets) planner.solve(b);
  }, 3);
  const highs = await loadHighsSolver();
  const schedInput = { ...base.input, options: { ...base.input.options, years: 5 } };
  const schedMs = await timeMedian(async () => (await createPlanner(schedInput, highs)).solve(12e9), 3);
  const sched = (await createPlanner(schedInput, highs)).solve(12e9);

  // HiGHS against the fast path on the coalition file with the project library (100 draws)
  const dataset = loadDataset();
  const projects = readProjects(new URL("../projects/us-candidates.yaml", import.meta.url).pathname, dataset);
  const compiled = compileScenario(loadScenario("coalition-chn-rus-irn", dataset), dataset);
  const set100 = planScenarios([{ compiled }], dataset, { runs: 100, seed: 1, projects });
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
      name: "plan: the default US$ 12 bn plan at 1,000 and 10,000 Monte Carlo scenarios, end to end",
      note: `\`lodestone plan --budget 12e9 --runs N --format json\` as a process (/usr/bin/time: wall seconds, peak RSS), N draws of each of the 13 built-in files; the USGS 2025 basket, the convex loss, resale, market impact. Targets: 1,000 scenarios under 2 s; 10,000 under 5 s and 500 MB.`,
      figures: {
        "1,000: scenarios": one.scenarios.toLocaleString("en-US"),
        "1,000: wall, s": one.seconds.toFixed(2),
        "1,000: peak RSS, MiB": one.mib.toFixed(0),
        "10,000: scenarios": ten.scenarios.toLocaleString("en-US"),
        "10,000: wall, s": ten.seconds.toFixed(2),
        "10,000: peak RSS, MiB": ten.mib.toFixed(0),
        "spent of US$ 12 bn (1,000 / 10,000), US$ M": `${one.spentMusd.toFixed(0)} / ${ten.spentMusd.toFixed(0)}`,
      },
    },
    {
      name: "frontier: 25 budgets from 0 to 12 bn, default input (100 draws of each file)",
      note: "One planner (curves prepared once), 25 solves, in process after the draws.",
      figures: {
        "frontier, ms": frontierMs.toFixed(0),
        "per budget, ms": (frontierMs / 25).toFixed(1),
        scenarios: base.input.scenarios.length.toLocaleString("en-US"),
      },
    },
    {
      name: "schedule: 5 annual tranches with market impact, default input",
      note: "The schedule LP (saving runs per mineral, impact pieces per year, cumulative tranche rows) on HiGHS.",
      figures: {
        "solve, ms": schedMs.toFixed(0),
        status: sched.status,
        "spent, US$ M": (sched.spent / 1e6).toFixed(0),
        "minerals bought": sched.minerals.filter((m) => m.buyTons > 0).length,
      },
    },
    {
      name: "HiGHS: the coalition file with the project library, 100 draws",
      note: "Two-stage MIP (projects binary) on HiGHS (WebAssembly, single thread): release and loss pieces per active month; then the LP with the binaries fixed, for the budget dual.",
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
