/**
 * The risk table and the plan on the shipped analyst assumptions (assumptions/public-estimates.yaml)
 * against public data only (`--assumptions none`): reading and validating the file, the plan from
 * the request (dataset load, the built-in scenarios compiled with the assumptions, fast path), and
 * the assumptions' gap list.
 */
import { assumptionGaps, createPlanner, riskTable } from "../src/index.js";
import { loadAssumptions } from "../src/io/assumptions-file.js";
import { loadDataset } from "../src/io/dataset.js";
import { loadPlanInput } from "../src/io/plan-input.js";
import { type BenchResult, timeMedian } from "./types.js";

export default async function (): Promise<BenchResult[]> {
  const dataset = loadDataset();
  const plan = async (assumptions?: string, runs?: number) => {
    const { input } = loadPlanInput({ assumptions, runs, seed: 1, options: { budget: 12e9 } });
    return (await createPlanner(input)).solve(12e9);
  };
  const shipped = loadAssumptions(undefined, dataset);
  const withA = await plan();
  const without = await plan("none");
  const figures: Record<string, string> = {
    "read + validate the shipped assumptions file (median of 21)": `${(await timeMedian(() => loadAssumptions(undefined, dataset), 21)).toFixed(2)} ms`,
    "risk table, all minerals, with the shipped assumptions (median of 21)": `${(await timeMedian(() => riskTable(dataset, { assumptions: shipped }), 21)).toFixed(1)} ms`,
    "risk table, all minerals, --assumptions none (median of 21)": `${(await timeMedian(() => riskTable(dataset), 21)).toFixed(1)} ms`,
    "assumption gaps (median of 21)": `${(await timeMedian(() => assumptionGaps(dataset, loadAssumptions(undefined, dataset)), 21)).toFixed(1)} ms`,
    "plan from the request, built-in scenarios, with assumptions (median of 5)": `${(await timeMedian(() => plan(), 5)).toFixed(0)} ms`,
    "plan from the request, built-in scenarios, --assumptions none (median of 5)": `${(await timeMedian(() => plan("none"), 5)).toFixed(0)} ms`,
    "plan from the request, 200 draws of each built-in scenario, with assumptions (median of 3)": `${(await timeMedian(() => plan(undefined, 200), 3)).toFixed(0)} ms`,
    "minerals in the plan (every row of --format json, bought or not), with / without assumptions": `${withA.minerals.length} / ${without.minerals.length}`,
    "expected shortfall value after, with / without assumptions, US$ M": `${(withA.valueAfter / 1e6).toFixed(1)} / ${(without.valueAfter / 1e6).toFixed(1)}`,
  };
  return [{ name: "plan and risk on the shipped assumptions (budget US$ 12 bn)", figures }];
}
