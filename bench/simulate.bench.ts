/**
 * Simulator benchmarks: the deterministic run of every built-in scenario, and the Monte Carlo of
 * 10,000 runs × all minerals × 60 months, twice: the coalition scenario (every mineral with a US
 * consumption figure, 60 months, an uncertain duration in whole months: few distinct draws, runs
 * grouped by class) and a bench-only variant with a continuous severity (every run differs, one
 * path per run), each with 0, 1 and 2 worker threads besides
 * the calling thread (which computes too): on a warm pool, and cold end to end as a user sees it
 * (spawning the CLI: process start, imports, dataset load, worker start, Monte Carlo, JSON out).
 * Target: under 1 s on 2 cores, i.e. ≥ 3·10^7 mineral-months/s; aim 10^8.
 */
import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { basename, join } from "node:path";
import { compileScenario, drawBlock, drawClasses, monteCarlo, monteCarloClasses, simulate } from "../src/internal.js";
import { loadDataset, ROOT } from "../src/io/dataset.js";
import { defaultWorkers, MonteCarloPool } from "../src/io/montecarlo-pool.js";
import { listScenarioFiles, loadScenario } from "../src/io/scenario-file.js";
import { type BenchResult, timeMedian } from "./types.js";

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

  const runs = 10_000;
  const main = join(ROOT, "dist", "cli", "bin.js");
  const monteCarloFigures = async (ref: string, label: string): Promise<Record<string, string>> => {
    const c = compileScenario(loadScenario(ref, dataset), dataset);
    const mm = runs * c.minerals.length * c.horizon;
    const K = drawClasses(drawBlock(c, 1, runs), runs, c.params.length).count.length;
    const mc: Record<string, string> = {
      workload: `${runs} runs × ${c.minerals.length} minerals × ${c.horizon} months = ${mm.toExponential(2)} mineral-months (${label})`,
      "distinct draws K": `${K} of ${runs} runs (${monteCarloClasses(c, drawBlock(c, 1, runs), runs) ? "paths by class" : "one path per run"})`,
      cores: String(availableParallelism()),
    };
    for (const workers of [0, 1, 2]) {
      const pool = new MonteCarloPool(workers);
      const warm = await timeMedian(() => pool.run(c, { runs, seed: 1, minWork: 0 }), 5); // minWork 0: the workers compute even below POOL_MIN_WORK
      await pool.close();
      const name = workers === 0 ? "this thread only (--workers 0)" : `this thread + ${workers} worker${workers > 1 ? "s" : ""} (--workers ${workers})`;
      mc[`warm pool, ${name}`] = `${warm.toFixed(0)} ms, ${rate(mm, warm)}`;
    }
    if (K <= runs / 8) {
      const full = await timeMedian(() => monteCarlo(c, runs, 1, undefined, { dedup: false }), 5);
      mc["warm, this thread only, dedup off (one path per run)"] = `${full.toFixed(0)} ms, ${rate(mm, full)}`;
    }
    // cold, end to end: the CLI as a user runs it (median of 5 spawns, stdout discarded)
    for (const workers of [undefined, 0, 2]) {
      const args = [main, "simulate", ref, "--runs", String(runs), "--format", "json", ...(workers === undefined ? [] : ["--workers", String(workers)])];
      const ms = await timeMedian(() => {
        const r = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
        if (r.status !== 0) throw new Error(`simulate failed: ${r.stderr}`);
      }, 5);
      const name = workers === undefined ? `default (--workers ${defaultWorkers()})` : `--workers ${workers}`;
      mc[`cold CLI end to end, ${name}`] = `${ms.toFixed(0)} ms, ${rate(mm, ms)}`;
    }
    return mc;
  };
  const few = await monteCarloFigures("coalition-chn-rus-irn", "coalition-chn-rus-irn: only the duration varies, in whole months");
  const every = await monteCarloFigures(
    join(ROOT, "bench", "fixtures", "coalition-continuous.yaml"),
    "bench/fixtures/coalition-continuous.yaml: continuous severity, every run differs",
  );
  return [
    {
      name: "deterministic run of every built-in scenario",
      note: "Median of 20 runs of simulate() on the compiled scenario (audit series included).",
      figures: det,
    },
    {
      name: "Monte Carlo, 10,000 runs × all minerals × 60 months, few distinct draws (coalition)",
      note: `${MC_NOTE} Runs that drew the same parameter vector (same Float64 bits) share one path: the coalition's ${few["distinct draws K"]}, so each mineral computes K paths and takes the P10/P50/P90 from the K (value, runs) pairs, with the same numbers as one path per run (tested). The speed-up applies only when draws repeat; the dedup-off line is the same work one path per run. Mineral-months/s counts the runs' mineral-months answered (runs × minerals × months), not the K paths computed.`,
      figures: few,
    },
    {
      name: "Monte Carlo, 10,000 runs × all minerals × 60 months, every run different",
      note: `${MC_NOTE} The coalition with a continuous severity ({triangular: [0.5, 0.8, 1]}): no two runs draw the same values, so there is nothing to group and every run computes its own path (the full method). This is the figure for scenarios with continuous uncertain inputs.`,
      figures: every,
    },
  ];
}

const MC_NOTE =
  "Warm pool: median of 5 runs after a warm-up run; the calling thread computes minerals too. Cold: median of 5 spawns of `node dist/cli/bin.js simulate <scenario> --runs 10000 --format json`, i.e. process start, imports, dataset load and check, parse, compile, worker start, Monte Carlo and JSON output. Quantiles (P10/P50/P90 per mineral-month) included.";
