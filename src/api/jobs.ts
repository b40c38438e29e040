import { createHash } from "node:crypto";
import { type Issue, isLodestoneError } from "../index.js";
import { errorBody, JobQueueFull, STATUS } from "./errors.js";
import { type JobSpec, runJob } from "./job-tasks.js";
import { JobWorker } from "./job-thread.js";

export type JobStatus = "queued" | "running" | "done" | "failed" | "cancelled";

export interface JobProgress {
  done: number;
  total: number;
  /** what the job is doing: "queued", "reading inputs", "solving", "minerals" … */
  phase: string;
}

/** A job as GET /jobs/{id} shows it: `result` once done, `error` (the API's error body) once failed. */
export interface JobView {
  id: string;
  kind: string;
  status: JobStatus;
  progress: JobProgress;
  /** ISO times from the app's clock */
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  result?: unknown;
  error?: ReturnType<typeof errorBody>["error"];
}

/** What a task sees: a progress callback that also stops a cancelled job, and the signal. */
export interface JobContext {
  /** record progress (never throws: safe in any callback) */
  progress(done: number, total: number, phase?: string): void;
  /** throw JobCancelled if the job was cancelled: call it between steps, where stopping is safe */
  check(): void;
  readonly signal: AbortSignal;
}

export type Task = (cx: JobContext) => Promise<unknown> | unknown;

/** Thrown inside a task by `check` after a cancel: the result is dropped, never reported as a failure. */
export class JobCancelled extends Error {}

interface Job extends JobView {
  controller: AbortController;
  task: Task;
}

export interface JobRunnerOptions {
  /** milliseconds since the epoch (default Date.now) */
  clock?: () => number;
  /** how the next queued job is started (default setImmediate, so a POST answers 202 before the work begins); tests pass their own */
  schedule?: (run: () => void) => void;
  /** finished jobs kept (their results are the cache); the oldest finished is dropped beyond this */
  keep?: number;
  /** jobs that may wait behind the running one (default 16); one more new job is refused (JobQueueFull), so a flood of distinct requests cannot grow the queue */
  maxQueued?: number;
  /**
   * Where a job's computation (a JobSpec) runs: a JobWorker thread (default: a new one, started
   * with the first job), or "thread": in this thread, yielding to the event loop only between its
   * phases (tests that step the jobs with their own `schedule` and watch each phase).
   */
  worker?: JobWorker | "thread";
}

/** Canonical JSON: object keys sorted at every depth, so the same request hashes the same whatever the key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

/** A job's id: the hash of its kind and inputs, so the same request is the same job (and, once done, the cached result). */
export const jobId = (kind: string, input: unknown) =>
  createHash("sha256")
    .update(`${kind}\n${canonical(input)}`)
    .digest("hex")
    .slice(0, 24);

/**
 * Long computations (Monte Carlo runs, plans, frontiers) as jobs: submit returns at once with the
 * job's id; GET shows progress and, when done, the result; cancel stops a queued job at once and a
 * running one at once in the worker (its thread is terminated) or at its next progress step in this
 * thread. A job's id is the hash of its inputs: submitting the same request again returns the same
 * job, running, done (a cache hit) or failed with a LodestoneError (the same inputs fail the same
 * way); a cancelled job, or one that failed for another reason, runs again.
 *
 * The jobs run one at a time, in submission order, in one worker thread (`task(spec)`), not a pool:
 * this machine has 2 cores, one of them the HTTP thread's, and a large Monte Carlo starts its own
 * pool thread (montecarlo-pool.ts) on top, so two jobs at once would only share the same core
 * (each finishing later than one after the other) and hold two jobs' scenario draws in memory.
 */
export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private running = false;
  private readonly clock: () => number;
  private readonly schedule: (run: () => void) => void;
  private readonly keep: number;
  private readonly maxQueued: number;
  private readonly worker: JobWorker | "thread";

  constructor(opts: JobRunnerOptions = {}) {
    this.clock = opts.clock ?? Date.now;
    this.schedule = opts.schedule ?? ((run) => setImmediate(run));
    this.keep = opts.keep ?? 256;
    this.maxQueued = opts.maxQueued ?? 16;
    this.worker = opts.worker ?? new JobWorker();
  }

  /** The task that runs `spec` where this runner runs its jobs (the worker thread, or this thread). */
  task(spec: JobSpec): Task {
    const worker = this.worker;
    return worker === "thread" ? (cx) => runJob(spec, cx) : (cx) => worker.run(spec, cx);
  }

  /** Stop the worker thread: a job running in it fails as internal; a later job starts a new thread. */
  async close(): Promise<void> {
    if (this.worker !== "thread") await this.worker.close();
  }

  /** Queue `task` under the hash of (kind, input), or return the job already there; `cached` says which. */
  submit(kind: string, input: unknown, task: Task): { job: JobView; cached: boolean } {
    const id = jobId(kind, input);
    const old = this.jobs.get(id);
    if (old && old.status !== "cancelled" && !(old.status === "failed" && old.error?.code === "internal")) return { job: view(old), cached: true };
    // waiting: queued behind the running one (a job cancelled while queued no longer counts)
    const waiting = this.queue.filter((j) => j.status === "queued").length;
    if (waiting >= this.maxQueued) throw new JobQueueFull(`${waiting} jobs are waiting`);
    const job: Job = {
      id,
      kind,
      status: "queued",
      progress: { done: 0, total: 0, phase: "queued" },
      createdAt: this.now(),
      startedAt: null,
      finishedAt: null,
      controller: new AbortController(),
      task,
    };
    this.jobs.delete(id);
    this.jobs.set(id, job);
    this.queue.push(job);
    this.kick();
    return { job: view(job), cached: false };
  }

  get(id: string): JobView | undefined {
    const job = this.jobs.get(id);
    return job && view(job);
  }

  /**
   * Cancel a queued or running job (it stays listed as cancelled; submitting it again runs it
   * anew); a finished job is forgotten instead, so its cached result is dropped. Undefined: no such job.
   */
  cancel(id: string): JobView | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    if (job.status === "queued" || job.status === "running") {
      job.controller.abort();
      this.finish(job, "cancelled");
    } else this.jobs.delete(id);
    return view(job);
  }

  private now = () => new Date(this.clock()).toISOString();

  private kick(): void {
    if (this.running) return;
    const next = this.queue.shift();
    if (!next) return;
    if (next.status !== "queued") {
      this.kick(); // cancelled while queued: skip it
      return;
    }
    this.running = true;
    this.schedule(() => {
      void this.run(next).finally(() => {
        this.running = false;
        this.kick();
      });
    });
  }

  private async run(job: Job) {
    if (job.status !== "queued") return;
    job.status = "running";
    job.startedAt = this.now();
    job.progress = { done: 0, total: 0, phase: "started" };
    const cx: JobContext = {
      signal: job.controller.signal,
      progress: (done, total, phase) => {
        if (job.status === "running") job.progress = { done, total, phase: phase ?? job.progress.phase };
      },
      check: () => {
        if (job.controller.signal.aborted) throw new JobCancelled("cancelled");
      },
    };
    try {
      const result = await job.task(cx);
      if (job.status !== "running") return; // cancelled while its last step ran: the result is dropped
      job.result = result;
      job.progress = { ...job.progress, done: job.progress.total, phase: "done" };
      this.finish(job, "done");
    } catch (e) {
      if (job.status !== "running" || e instanceof JobCancelled) return;
      job.error = failure(e);
      this.finish(job, "failed");
    }
  }

  private finish(job: Job, status: JobStatus) {
    job.status = status;
    job.finishedAt = this.now();
    const finished = [...this.jobs.values()].filter((j) => j.finishedAt !== null);
    for (const old of finished.slice(0, Math.max(0, finished.length - this.keep))) this.jobs.delete(old.id);
  }
}

/** A failed job's error: a LodestoneError by its code and status, anything else internal (no stack). */
function failure(e: unknown) {
  if (isLodestoneError(e)) return errorBody(STATUS[e.code], e.code, e.issues).error;
  const what = e instanceof Error ? `${e.name}: ${e.message.split("\n")[0]}` : String(e);
  const issues: Issue[] = [{ message: `internal error (${what}); please report it with the request` }];
  return errorBody(500, "internal", issues).error;
}

function view(job: Job): JobView {
  const { controller: _c, task: _t, ...v } = job;
  return { ...v, progress: { ...v.progress } };
}
