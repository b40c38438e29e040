import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import {
  checkMonteCarlo, combineMonteCarlo, createMonteCarloWorkspace, drawBlock, kernelScenario, LodestoneError, monteCarlo, monteCarloClasses, monteCarloMineral, SCENARIO_DEFAULTS,
  type CompiledScenario, type DrawClasses, type MineralMonteCarlo, type MonteCarloResult, type MonteCarloWorkspace,
} from "../internal.js";
import { ROOT } from "./dataset.js";

export type ToWorker = { type: "job"; compiled: CompiledScenario; runs: number; seed: number } | { type: "mineral"; index: number } | { type: "end" };
export type FromWorker = { type: "ready" } | { type: "result"; part: MineralMonteCarlo } | { type: "error"; message: string };

export interface MonteCarloRunOptions {
  runs: number;
  seed?: number;
  /** called after each mineral with (minerals done, minerals in total) */
  onProgress?: (done: number, total: number) => void;
}

/** The compiled worker: next to this file when running from dist/, else dist/io (running from src/ under tsx or vitest). */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith(".ts") ? join(ROOT, "dist", "io", "montecarlo-worker.js") : join(dirname(here), "montecarlo-worker.js");
  if (!existsSync(file)) throw new LodestoneError("internal", { file, message: "Monte Carlo worker not built", expected: "run `npm run build` first" });
  return file;
}

/** Worker threads by default: one per core besides this thread, which computes minerals too. */
export const defaultWorkers = () => Math.max(0, availableParallelism() - 1);

/** Minerals queued at each worker, so it never waits on this thread (busy with its own mineral) for the next one. */
const QUEUE = 2;

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A pool of Monte Carlo worker threads (default: one per core besides this thread). Work is split
 * by mineral and handed out as the threads free up; this thread takes minerals as well, between
 * handling the workers' messages. Each thread draws every run itself from (seed, run), so the result
 * is identical for any number of workers, including 0 (this thread only).
 *
 * Start the pool before loading the dataset: the workers import the core while this thread reads
 * and checks the dataset and compiles the scenario.
 */
export class MonteCarloPool {
  private readonly workers: Worker[];

  constructor(readonly size = defaultWorkers()) {
    this.workers = size > 0 ? Array.from({ length: size }, () => new Worker(workerFile())) : [];
    for (const w of this.workers) w.unref();
  }

  async run(c: CompiledScenario, opts: MonteCarloRunOptions): Promise<MonteCarloResult> {
    const seed = opts.seed ?? SCENARIO_DEFAULTS.seed;
    checkMonteCarlo(c, opts.runs, seed);
    const total = c.minerals.length;
    if (!this.workers.length || total <= 1) return monteCarlo(c, opts.runs, seed, (d) => opts.onProgress?.(d, total));
    const parts: MineralMonteCarlo[] = [];
    let next = 0;
    let failed = false;
    const done = () => opts.onProgress?.(parts.length, total);
    const active = this.workers.slice(0, Math.min(this.workers.length, total - 1));
    const kernel = kernelScenario(c); // numbers only: the audit trail stays in this thread
    const inWorkers = new Promise<void>((resolve, reject) => {
      let busy = active.length;
      const cleanup = () => active.forEach((w) => (w.removeAllListeners("message"), w.removeAllListeners("error")));
      const fail = (e: Error) => ((failed = true), cleanup(), reject(e));
      for (const w of active) {
        let queued = 0;
        const feed = () => {
          while (queued < QUEUE && next < total) (w.postMessage({ type: "mineral", index: next++ } satisfies ToWorker), queued++);
          if (queued === 0) {
            w.postMessage({ type: "end" } satisfies ToWorker);
            if (--busy === 0) (cleanup(), resolve());
          }
        };
        w.on("message", (m: FromWorker) => {
          if (m.type === "error") return fail(new LodestoneError("internal", `Monte Carlo worker failed: ${m.message}`));
          if (m.type === "result") (parts.push(m.part), queued--, done(), feed());
        });
        w.on("error", fail);
        w.ref();
        w.postMessage({ type: "job", compiled: kernel, runs: opts.runs, seed } satisfies ToWorker);
        feed();
      }
    });
    // this thread: one mineral at a time, yielding in between so the workers' results are taken in
    const inThread = (async () => {
      let local: { draws: Float64Array; w: MonteCarloWorkspace; classes: DrawClasses | undefined } | undefined;
      for (;;) {
        await yieldToEvents();
        if (failed || next >= total) return;
        if (!local) {
          const draws = drawBlock(c, seed, opts.runs);
          local = { draws, w: createMonteCarloWorkspace(c.horizon, opts.runs), classes: monteCarloClasses(c, draws, opts.runs) };
        }
        parts.push(monteCarloMineral(c, next++, local.draws, opts.runs, local.w, local.classes));
        done();
      }
    })();
    try {
      await Promise.all([inWorkers, inThread]);
    } finally {
      this.workers.forEach((w) => w.unref());
    }
    return combineMonteCarlo(c, parts, opts.runs, seed);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** One Monte Carlo with a fresh pool of `workers` threads besides this one (0 = this thread only). */
export async function runMonteCarlo(c: CompiledScenario, opts: MonteCarloRunOptions & { workers?: number }): Promise<MonteCarloResult> {
  const pool = new MonteCarloPool(opts.workers ?? defaultWorkers());
  try {
    return await pool.run(c, opts);
  } finally {
    await pool.close();
  }
}
