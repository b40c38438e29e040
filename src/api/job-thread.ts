import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type ErrorCode, type Issue, LodestoneError } from "../index.js";
import { ROOT } from "../io/dataset.js";
import type { JobSpec } from "./job-tasks.js";
import { JobCancelled, type JobContext } from "./jobs.js";

export type ToJobWorker = { type: "run"; spec: JobSpec };
export type FromJobWorker =
  | { type: "ready" }
  | { type: "progress"; done: number; total: number; phase?: string }
  | { type: "done"; result: unknown }
  | { type: "failed"; code: ErrorCode; issues: Issue[] }
  | { type: "crashed"; name: string; message: string };

/** The compiled job worker: next to this file when running from dist/, else dist/api (running from src/ under tsx or vitest). */
export function jobWorkerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith(".ts") ? join(ROOT, "dist", "api", "job-worker.js") : join(dirname(here), "job-worker.js");
  if (!existsSync(file)) throw new LodestoneError("internal", { file, message: "job worker not built", expected: "run `npm run build` first" });
  return file;
}

/**
 * The thread the API's jobs run in, so the HTTP thread stays free for GET /jobs/{id}, the catalogue
 * and the dashboard while a plan or a frontier computes. One thread, kept warm (the core and the
 * dataset loaded once), running one job at a time: the JobRunner hands it one job at a time.
 *
 * A cancel terminates the thread at once (a plan's scenario draws and its solve are synchronous, so
 * a message would wait until they end) and a fresh one is started for the next job, warm by then.
 * A thread that dies (out of memory, a bug) fails its job as internal, and the next job gets a new one.
 * The thread is unref'd while idle, so it never keeps the process alive on its own.
 */
export class JobWorker {
  private worker: Worker | undefined;
  /** threads started so far (a cancel, or a thread that died, starts another) */
  started = 0;

  /** `file`: the worker script (tests may inject another); default the compiled job-worker.js, looked up when the first thread starts. */
  constructor(private readonly file?: string) {}

  /** Start the thread now (it loads the core and the dataset), so the first job does not wait for it. */
  warm(): void {
    this.thread();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.file ?? jobWorkerFile());
    this.started++;
    w.unref();
    // a thread that fails or exits between jobs is dropped; the job it was running (if any) is failed by run's own listeners
    const drop = () => {
      if (this.worker === w) this.worker = undefined;
    };
    w.on("error", drop);
    w.on("exit", drop);
    this.worker = w;
    return w;
  }

  /** Run `spec` in the thread: progress reaches `cx`; an abort of `cx.signal` terminates the thread and rejects with JobCancelled. */
  run(spec: JobSpec, cx: JobContext): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (cx.signal.aborted) return reject(new JobCancelled("cancelled"));
      let w: Worker;
      try {
        w = this.thread();
      } catch (e) {
        return reject(e);
      }
      const end = () => {
        w.off("message", onMessage);
        w.off("error", onError);
        w.off("exit", onExit);
        cx.signal.removeEventListener("abort", onAbort);
        w.unref();
      };
      const onMessage = (m: FromJobWorker) => {
        if (m.type === "progress") return cx.progress(m.done, m.total, m.phase);
        if (m.type === "ready") return;
        end();
        if (m.type === "done") resolve(m.result);
        else if (m.type === "failed") reject(new LodestoneError(m.code, m.issues));
        else reject(Object.assign(new Error(m.message), { name: m.name }));
      };
      const onError = (e: Error) => {
        end();
        reject(new Error(`the job worker failed: ${e.message.split("\n")[0]}`));
      };
      const onExit = (code: number) => {
        end();
        reject(new Error(`the job worker stopped with code ${code} (out of memory?)`));
      };
      const onAbort = () => {
        end();
        if (this.worker === w) this.worker = undefined;
        void w.terminate();
        reject(new JobCancelled("cancelled"));
        // the next job should not wait for a thread to start: begin loading one now
        try {
          this.thread();
        } catch {
          // not built: the next job fails with that
        }
      };
      w.on("message", onMessage);
      w.on("error", onError);
      w.on("exit", onExit);
      cx.signal.addEventListener("abort", onAbort, { once: true });
      w.ref();
      w.postMessage({ type: "run", spec } satisfies ToJobWorker);
    });
  }

  /** Stop the thread (a running job's promise rejects as if the thread had died). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }
}
