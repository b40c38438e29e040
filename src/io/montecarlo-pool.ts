import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { checkMonteCarlo, combineMonteCarlo, LodestoneError, monteCarlo, SCENARIO_DEFAULTS, type CompiledScenario, type MineralMonteCarlo, type MonteCarloResult } from "../index.js";
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

/**
 * A pool of Monte Carlo worker threads (default: one per core). Work is split by mineral and handed
 * out one mineral at a time; each worker draws every run itself from (seed, run), so the result is
 * identical for any number of workers, including 0 (in this thread).
 */
export class MonteCarloPool {
  private readonly workers: Worker[];

  constructor(readonly size = availableParallelism()) {
    this.workers = size > 0 ? Array.from({ length: size }, () => new Worker(workerFile())) : [];
    for (const w of this.workers) w.unref();
  }

  async run(c: CompiledScenario, opts: MonteCarloRunOptions): Promise<MonteCarloResult> {
    const seed = opts.seed ?? SCENARIO_DEFAULTS.seed;
    checkMonteCarlo(c, opts.runs, seed);
    const total = c.minerals.length;
    if (!this.workers.length) return monteCarlo(c, opts.runs, seed, (d) => opts.onProgress?.(d, total));
    const parts: MineralMonteCarlo[] = [];
    let next = 0;
    await new Promise<void>((resolve, reject) => {
      const active = this.workers.slice(0, Math.max(1, Math.min(this.workers.length, total)));
      let busy = active.length;
      const cleanup = () => active.forEach((w) => (w.removeAllListeners("message"), w.removeAllListeners("error")));
      const feed = (w: Worker) => {
        if (next < total) w.postMessage({ type: "mineral", index: next++ } satisfies ToWorker);
        else {
          w.postMessage({ type: "end" } satisfies ToWorker);
          if (--busy === 0) (cleanup(), resolve());
        }
      };
      for (const w of active) {
        w.on("message", (m: FromWorker) => {
          if (m.type === "error") return cleanup(), reject(new LodestoneError("internal", `Monte Carlo worker failed: ${m.message}`));
          if (m.type === "result") {
            parts.push(m.part);
            opts.onProgress?.(parts.length, total);
          }
          feed(w);
        });
        w.on("error", (e) => (cleanup(), reject(e)));
        w.ref();
        w.postMessage({ type: "job", compiled: c, runs: opts.runs, seed } satisfies ToWorker);
      }
    }).finally(() => this.workers.forEach((w) => w.unref()));
    return combineMonteCarlo(c, parts, opts.runs, seed);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** One Monte Carlo with a fresh pool of `workers` threads (0 = in this thread). */
export async function runMonteCarlo(c: CompiledScenario, opts: MonteCarloRunOptions & { workers?: number }): Promise<MonteCarloResult> {
  const pool = new MonteCarloPool(opts.workers ?? availableParallelism());
  try {
    return await pool.run(c, opts);
  } finally {
    await pool.close();
  }
}
