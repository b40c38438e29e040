/**
 * A Monte Carlo worker thread. It receives a job (compiled scenario, runs, seed), draws every run
 * from (seed, run) itself, then computes minerals one at a time as the pool hands them out. The
 * per-mineral kernel is the core's monteCarloMineral, so a mineral's result does not depend on which
 * worker computed it. The classes of identical draws are built once per job, like the draws.
 */
import { parentPort } from "node:worker_threads";
import {
  type CompiledScenario,
  createMonteCarloWorkspace,
  type DrawClasses,
  drawBlock,
  type MarketParams,
  type MonteCarloWorkspace,
  monteCarloClasses,
  monteCarloMineral,
} from "../internal.js";
import type { FromWorker, ToWorker } from "./montecarlo-pool.js";

let job:
  | { c: CompiledScenario; runs: number; draws: Float64Array; w: MonteCarloWorkspace; classes: DrawClasses | undefined; curves?: MarketParams[] }
  | undefined;
const port = parentPort!;
const send = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

port.on("message", (msg: ToWorker) => {
  try {
    if (msg.type === "job") {
      const draws = drawBlock(msg.compiled, msg.seed, msg.runs);
      job = {
        c: msg.compiled,
        runs: msg.runs,
        draws,
        w: createMonteCarloWorkspace(msg.compiled.horizon, msg.runs),
        classes: monteCarloClasses(msg.compiled, draws, msg.runs),
        curves: msg.curves,
      };
      send({ type: "ready" });
    } else if (msg.type === "mineral") {
      if (!job) throw new Error("mineral before job");
      const p = monteCarloMineral(job.c, msg.index, job.draws, job.runs, job.w, job.classes, job.curves?.[msg.index]);
      const cost = p.cost ? [p.cost.multiple.p10, p.cost.multiple.p50, p.cost.multiple.p90, p.cost.peak, p.cost.loss] : [];
      const bufs = [p.shortfall.p10, p.shortfall.p50, p.shortfall.p90, p.stock.p10, p.stock.p50, p.stock.p90, p.totals, ...cost].map(
        (a) => a.buffer as ArrayBuffer,
      );
      send({ type: "result", part: p }, bufs);
    } else if (msg.type === "end") {
      job = undefined;
    }
  } catch (e) {
    send({ type: "error", message: (e as Error).stack ?? String(e) });
  }
});
