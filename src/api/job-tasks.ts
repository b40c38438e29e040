import {
  type AssumptionSet,
  budgetFrontier,
  compareReport,
  compileScenario,
  createPlanner,
  frontierReport,
  type MarketSet,
  parseScenario,
  planJson,
  planReserve,
} from "../index.js";
import { loadAssumptions } from "../io/assumptions-file.js";
import { makeBriefing } from "../io/briefing.js";
import { loadDataset } from "../io/dataset.js";
import { loadMarket } from "../io/market-file.js";
import { loadPlanInput, type PlanRequest } from "../io/plan-input.js";
import { loadScenario } from "../io/scenario-file.js";
import { simulationRun } from "../io/simulation.js";
import { memo } from "./cache.js";
import type { JobContext } from "./jobs.js";
import { baselineField } from "./plan-request.js";

/**
 * A job as plain data: its kind and its request, already checked by the route (names resolved to
 * the built-in files' paths, numbers in range), so it can be posted to a worker thread and run there
 * as in this thread. The dataset is the embedded one, read where the job runs.
 */
export type JobSpec =
  | {
      kind: "simulation";
      /** a built-in scenario's path, or an uploaded scenario's text */
      scenario: { path: string } | { yaml: string; file: string };
      /** an assumptions file's path, "none", or undefined (the shipped file) */
      assumptions?: string;
      /** a market file's path, "none", or undefined (the shipped file) */
      market?: string;
      baseline?: string;
      runs: number;
      seed: number;
    }
  | { kind: "plan"; request: PlanRequest }
  | { kind: "compare"; request: PlanRequest; budget: number; compare: number }
  | { kind: "frontier"; request: PlanRequest; budgets: number[] }
  | { kind: "briefing"; budget: number; date: string };

/** One turn of the event loop: the work below is synchronous, so in this thread, requests waiting (GET /jobs) are answered between the phases. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

// the shipped assumptions and market files, read once where the jobs run (they do not change while it runs)
const assumptionSets = memo<AssumptionSet | undefined>();
const marketSets = memo<MarketSet>();

/** The plan input (the scenarios' Monte Carlo draws are most of a plan's time). */
async function input(req: PlanRequest, cx: JobContext, steps: number) {
  cx.progress(0, steps, "reading inputs and drawing the scenarios");
  const r = loadPlanInput(req);
  cx.progress(1, steps, "solving");
  await tick();
  cx.check();
  return r;
}

/** Run a job: its result as the CLI's JSON; a bad input is a LodestoneError. The same code runs in the job worker and, for tests, in this thread. */
export async function runJob(spec: JobSpec, cx: JobContext): Promise<unknown> {
  switch (spec.kind) {
    case "simulation": {
      const d = loadDataset();
      const s = "path" in spec.scenario ? loadScenario(spec.scenario.path, d) : parseScenario(spec.scenario.yaml, spec.scenario.file, d);
      const assumptions = assumptionSets(spec.assumptions ?? "", () => loadAssumptions(spec.assumptions, d));
      const market = marketSets(spec.market ?? "", () => loadMarket(spec.market, d));
      const compiled = compileScenario(s, d, { baseline: baselineField(spec.baseline), assumptions });
      const { runs, seed } = spec;
      const report = await simulationRun(compiled, { format: "json", market, mc: { runs, seed }, onProgress: (k, n) => cx.progress(k, n, "minerals") });
      // nothing affected: the note alone
      return report.text ? JSON.parse(report.text) : { notes: [report.warning] };
    }
    case "plan": {
      const { input: i, notes } = await input(spec.request, cx, 2);
      return planJson(await planReserve(i), notes);
    }
    case "compare": {
      const { input: i } = await input(spec.request, cx, 3);
      const planner = await createPlanner(i);
      const base = planner.solve(spec.budget);
      cx.progress(2, 3, "solving the compared budget");
      await tick();
      cx.check();
      return JSON.parse(compareReport(base, planner.solve(spec.compare), "json").text);
    }
    case "frontier": {
      const { budgets } = spec;
      const { input: i, notes } = await input(spec.request, cx, budgets.length + 1);
      const result = await budgetFrontier(i, budgets, (done) => {
        cx.check();
        cx.progress(1 + done, budgets.length + 1, "budgets");
      });
      return JSON.parse(frontierReport(result, "json", notes).text);
    }
    case "briefing": {
      const { budget, date } = spec;
      const html = await makeBriefing({
        budget,
        date,
        onPhase: async (done, total, phase) => {
          cx.progress(done, total, phase);
          await tick();
          cx.check();
        },
      });
      return { budgetUsd: budget, cutUsd: budget / 3, date, html };
    }
  }
}
