import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import {
  type CompiledScenario,
  checkMonteCarlo,
  combineMonteCarlo,
  createMonteCarloWorkspace,
  drawBlock,
  kernelScenario,
  LodestoneError,
  type MarketParams,
  type MarketSet,
  type MineralMonteCarlo,
  type MonteCarloResult,
  marketParamsOf,
  monteCarloClasses,
  monteCarloMineral,
  SCENARIO_DEFAULTS,
} from "../internal.js";
import { ROOT } from "./dataset.js";

export type ToWorker =
  | { type: "job"; compiled: CompiledScenario; runs: number; seed: number; curves?: MarketParams[] }
  | { type: "mineral"; index: number }
  | { type: "end" };
export type FromWorker = { type: "ready" } | { type: "result"; part: MineralMonteCarlo } | { type: "error"; message: string };

export interface MonteCarloRunOptions {
  runs: number;
  seed?: number;
  /** below this many runs × minerals × months, compute in this thread only (default POOL_MIN_WORK; 0 = always use the workers) */
  minWork?: number;
  /** called after each mineral with (minerals done, minerals in total) */
  onProgress?: (done: number, total: number) => void;
  /** market parameters: with them, each mineral's monthly price path and the loss of its shortfall */
  market?: MarketSet;
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

/**
 * Below this many paths × minerals × months a Monte Carlo runs in this thread only, even with
 * workers started: a worker must import the core and draw every run again before its first mineral,
 * and that costs more than splitting the minerals saves. Paths are the runs, or the classes of
 * identical draws when runs are grouped (the coalition's 10,000 runs are 49 paths), since that is
 * the work each mineral does.
 *
 * Measured on this 2-core machine, cold CLI end to end (`simulate bench/fixtures/coalition-continuous.yaml
 * --runs R --format json`, every run a path, 67 minerals × 60 months), --workers 0 against 1:
 *   quiet machine (BENCHMARKS.md): 4.0e7 → 1354 ms vs 1471 ms (warm pool: 630 vs 449 ms);
 *   shared machine, best of 3: 1.2e7 → 1102 vs 1990 ms; 4.0e7 → 2384 vs 3336 ms;
 *   1.2e8 → 4393 vs 6773 ms; 4.0e8 → 10054 vs 6329 ms; in-process, dataset loaded, pool started
 *   150 ms before the run, best of 3: 6.0e7 → 1746 vs 2982 ms; 1.2e8 → 3660 vs 4605 ms; 4.0e8 → 9485 vs 7863 ms.
 * One worker saves at most ~30 % of the compute (warm: 630 → 449 ms) and costs ~300 ms to start
 * cold, so it pays from about 1 s of work in this thread (6e7 paths × minerals × months at
 * 6.4e7/s) on a quiet machine, later on a busy one: 1e8 is the threshold. Threads started and left
 * idle cost ~40 ms cold (simulate coalition --runs 100: 400 vs 363 ms), hence the CLI's check before
 * it starts them.
 */
export const POOL_MIN_WORK = 1e8;

/**
 * The worker threads to start for a Monte Carlo of `runs` over `c`: `asked` (default: one per core
 * besides this thread) when runs × minerals × months reaches POOL_MIN_WORK, else none, so a small
 * run never pays for threads it leaves idle (~40 ms cold). The CLI and the HTTP API both ask here.
 */
export const workersFor = (c: Pick<CompiledScenario, "minerals" | "horizon">, runs: number, asked = defaultWorkers()): number =>
  runs * c.minerals.length * c.horizon >= POOL_MIN_WORK ? asked : 0;

/** Minerals queued at each worker, so it never waits on this thread (busy with its own mineral) for the next one. */
const QUEUE = 2;

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A pool of Monte Carlo worker threads (default: one per core besides this thread). Work is split
 * by mineral and handed out as the threads free up; this thread takes minerals as well, between
 * handling the workers' messages. Each thread draws every run itself from (seed, run), so the result
 * is identical for any number of workers, including 0 (this thread only).
 *
 * The workers start importing the core as soon as the pool is made. The CLI makes it after compiling
 * the scenario, with workers only when runs × minerals × months reaches POOL_MIN_WORK: the ~150 ms
 * of import it could overlap with the dataset load matter little in a job that long, and a small
 * job then starts no threads at all.
 */
export class MonteCarloPool {
  private readonly workers: Worker[];
  /** workers that stopped (exit code), or failed to start (error), before or during a run */
  private readonly dead = new Map<Worker, string>();

  /** `workerFile`: the worker script (tests inject one that fails); default the compiled montecarlo-worker.js. */
  constructor(
    readonly size = defaultWorkers(),
    opts: { workerFile?: string } = {},
  ) {
    const file = size > 0 ? (opts.workerFile ?? workerFile()) : "";
    this.workers = size > 0 ? Array.from({ length: size }, () => new Worker(file)) : [];
    for (const w of this.workers) {
      w.unref();
      // recorded here so a worker that dies while the pool waits for its run is not missed
      w.on("error", (e) => this.dead.set(w, `failed: ${e.message.split("\n")[0]}`));
      w.on("exit", (code) => this.dead.has(w) || this.dead.set(w, `exited with code ${code}`));
    }
  }

  /** Workers still running (not exited or failed). */
  get running(): number {
    return this.workers.filter((w) => !this.dead.has(w)).length;
  }

  async run(c: CompiledScenario, opts: MonteCarloRunOptions): Promise<MonteCarloResult> {
    const seed = opts.seed ?? SCENARIO_DEFAULTS.seed;
    checkMonteCarlo(c, opts.runs, seed);
    const total = c.minerals.length;
    // this thread's draws, classes and workspace serve both ways below; the classes also tell the work
    const draws = drawBlock(c, seed, opts.runs);
    const local = { draws, w: createMonteCarloWorkspace(c.horizon, opts.runs), classes: monteCarloClasses(c, draws, opts.runs) };
    const paths = local.classes ? local.classes.count.length : opts.runs;
    const market = opts.market;
    const curves = market ? c.minerals.map((m) => marketParamsOf(market, m.id)) : undefined;
    const parts: MineralMonteCarlo[] = [];
    if (!this.workers.length || total <= 1 || paths * total * c.horizon < (opts.minWork ?? POOL_MIN_WORK)) {
      for (let i = 0; i < total; i++) {
        parts.push(monteCarloMineral(c, i, local.draws, opts.runs, local.w, local.classes, curves?.[i]));
        opts.onProgress?.(i + 1, total);
      }
      return combineMonteCarlo(c, parts, opts.runs, seed, market);
    }
    let next = 0;
    let failed = false;
    const done = () => opts.onProgress?.(parts.length, total);
    const active = this.workers.slice(0, Math.min(this.workers.length, total - 1));
    const kernel = kernelScenario(c); // numbers only: the audit trail stays in this thread
    const inWorkers = new Promise<void>((resolve, reject) => {
      let busy = active.length;
      const cleanup = () => {
        for (const w of active) {
          w.removeAllListeners("message");
          w.off("error", onDeath);
          w.off("exit", onDeath);
        }
      };
      // one line for the user; the other workers are stopped, since the run cannot complete
      const fail = (why: string) => {
        if (failed) return;
        failed = true;
        cleanup();
        for (const w of this.workers) void w.terminate();
        reject(
          new LodestoneError(
            "internal",
            `a Monte Carlo worker ${why} before finishing its minerals (out of memory?); the run was stopped: try again with --workers 0 (this thread only) or fewer --runs`,
          ),
        );
      };
      // the constructor's listeners ran first and recorded why
      const onDeath = () => fail([...this.dead.values()][0] ?? "stopped");
      for (const w of active) {
        let queued = 0;
        const feed = () => {
          while (queued < QUEUE && next < total) {
            w.postMessage({ type: "mineral", index: next++ } satisfies ToWorker);
            queued++;
          }
          if (queued === 0) {
            w.postMessage({ type: "end" } satisfies ToWorker);
            if (--busy === 0) {
              cleanup();
              resolve();
            }
          }
        };
        w.on("message", (m: FromWorker) => {
          if (m.type === "error") return fail(`failed: ${m.message.split("\n")[0]}`);
          if (m.type === "result") {
            parts.push(m.part);
            queued--;
            done();
            feed();
          }
        });
        w.on("error", onDeath);
        w.on("exit", onDeath);
        w.ref();
        w.postMessage({ type: "job", compiled: kernel, runs: opts.runs, seed, ...(curves ? { curves } : {}) } satisfies ToWorker);
        feed();
      }
      // a worker that died before this run would never answer: its messages go nowhere
      if (active.some((w) => this.dead.has(w))) onDeath();
    });
    // this thread: one mineral at a time, yielding in between so the workers' results are taken in
    const inThread = (async () => {
      for (;;) {
        await yieldToEvents();
        if (failed || next >= total) return;
        const i = next++;
        parts.push(monteCarloMineral(c, i, local.draws, opts.runs, local.w, local.classes, curves?.[i]));
        done();
      }
    })();
    try {
      await Promise.all([inWorkers, inThread]);
    } finally {
      for (const w of this.workers) w.unref();
    }
    return combineMonteCarlo(c, parts, opts.runs, seed, market);
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
