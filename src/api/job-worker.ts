/**
 * The API's job worker thread: it loads the core and the embedded dataset once, when it starts,
 * then runs the jobs it is sent (a JobSpec: plain data) one at a time, posting progress and then the
 * result's JSON, or a LodestoneError's code and issues (the HTTP thread turns them into the same
 * error body as if the job had run there). A cancel terminates the thread (job-thread.ts), so nothing
 * here checks for it.
 */
import { parentPort } from "node:worker_threads";
import { isLodestoneError } from "../index.js";
import { loadDataset } from "../io/dataset.js";
import { runJob } from "./job-tasks.js";
import type { FromJobWorker, ToJobWorker } from "./job-thread.js";
import type { JobContext } from "./jobs.js";

const port = parentPort!;
const send = (m: FromJobWorker) => port.postMessage(m);

// warm: the dataset is read now, while the thread waits for its first job
loadDataset();

const never = new AbortController().signal;
const cx: JobContext = {
  progress: (done, total, phase) => send({ type: "progress", done, total, phase }),
  check: () => {},
  signal: never,
};

port.on("message", async (msg: ToJobWorker) => {
  if (msg.type !== "run") return;
  try {
    send({ type: "done", result: await runJob(msg.spec, cx) });
  } catch (e) {
    if (isLodestoneError(e)) send({ type: "failed", code: e.code, issues: e.issues });
    else send({ type: "crashed", name: e instanceof Error ? e.name : "Error", message: e instanceof Error ? e.message : String(e) });
  }
});
send({ type: "ready" });
