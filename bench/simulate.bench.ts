/**
 * Simulator benchmarks: the deterministic run of every built-in scenario, and the Monte Carlo of
 * 10,000 runs × all minerals × 60 months (the coalition scenario: every mineral with a US
 * consumption figure, 60 months, an uncertain duration) with 0, 1 and 2 worker threads.
 * Target (issue 5): under 1 s on 2 cores, i.e. ≥ 3·10^7 mineral-months/s; aim 10^8.
 */
import { availableParallelism } from "node:os";
import { basename } from "node:path";
import { compileScenario, simulate } from "../src/index.js";
import { loadDataset } from "../src/io/dataset.js";
import { MonteCarloPool } from "../src/io/montecarlo-pool.js";
import { listScenarioFiles, loadScenario } from "../src/io/scenario-file.js";
import { timeMedian, type BenchResult } from "./types.js";

const rate = (mm: number, ms: number) => `${((mm / ms) * 1000).toExponential(2)} mineral-months/s`;

export default async function (): Promise<BenchResult[]> {
  const dataset = loadDataset();
  const det: Record<string, string> = {};
  for (const f of listScenarioFiles()) {
    const c = compileScenario(loadScenario(f, dataset), dataset);
    const ms = await timeMedian(() => simulate(c), 20);
    det[basename(f, ".yaml")] = `${ms.toFixed(2)} ms (${c.minerals.length} minerals × ${c.horizon} months; ${rate(c.minerals.length * c.horizon, ms)})`;
  }
  const parseMs = await timeMedian(() => listScenarioFiles().map((f) => compileScenario(loadScenario(f, dataset), dataset)), 10);
  det["parse + compile all built-in scenarios"] = `${parseMs.toFixed(1)} ms`;

  const c = compileScenario(loadScenario("coalition-chn-rus-irn", dataset), dataset);
  const runs = 10_000;
  const mm = runs * c.minerals.length * c.horizon;
  const mc: Record<string, string> = { workload: `${runs} runs × ${c.minerals.length} minerals × ${c.horizon} months = ${mm.toExponential(2)} mineral-months (coalition-chn-rus-irn)`, cores: String(availableParallelism()) };
  for (const workers of [0, 1, 2]) {
    const t0 = performance.now();
    const pool = new MonteCarloPool(workers);
    await pool.run(c, { runs, seed: 1 });
    const cold = performance.now() - t0;
    const warm = await timeMedian(() => pool.run(c, { runs, seed: 1 }), 5);
    await pool.close();
    const label = workers === 0 ? "in-thread (0 workers)" : `${workers} worker${workers > 1 ? "s" : ""}`;
    mc[`${label}, warm pool`] = `${warm.toFixed(0)} ms, ${rate(mm, warm)}`;
    mc[`${label}, cold (incl. worker start)`] = `${cold.toFixed(0)} ms, ${rate(mm, cold)}`;
  }
  return [
    { name: "deterministic run of every built-in scenario", note: "Median of 20 runs of simulate() on the compiled scenario (audit series included).", figures: det },
    { name: "Monte Carlo, 10,000 runs × all minerals × 60 months", note: "Median of 5 runs on a warm pool; cold = first run including worker start-up. Quantiles (P10/P50/P90 per mineral-month) included.", figures: mc },
  ];
}
