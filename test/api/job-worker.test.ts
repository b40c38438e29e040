import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp, defaultDeps } from "../../src/api/app.js";
import { JobWorker } from "../../src/api/job-thread.js";
import { JobRunner } from "../../src/api/jobs.js";
import { type App, call, fixedClock, type Json, settle, testApp } from "./helpers.js";

/**
 * The jobs run in a worker thread (npm run build first: the worker is dist/api/job-worker.js).
 * No timing here: the tests watch what the HTTP thread can observe while the worker computes.
 */

/** Poll GET /jobs/{id} until `until` holds or the job has ended; the job as last seen. */
async function watch(app: App, id: string, until: (job: Json) => boolean): Promise<Json> {
  for (;;) {
    const job = (await call(app, "GET", `/jobs/${id}`)).json;
    if (until(job) || (job.status !== "queued" && job.status !== "running")) return job;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const READING = "reading inputs and drawing the scenarios";
/** A frontier whose scenario draws take long (every built-in scenario, 600 runs each), then 20 solves; the tests cancel it. */
const heavy = { to: 2e10, steps: 20, runs: 600 };
const small = { budget: 1e9, minerals: ["gallium"], runs: 10 };

const workers: JobWorker[] = [];
/** A runner on its own job worker (closed after the tests), and an app on it. */
function workerApp() {
  const worker = new JobWorker();
  workers.push(worker);
  const clock = fixedClock();
  return { worker, ...testApp({ clock, jobs: new JobRunner({ clock, worker }) }) };
}
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
});

describe("jobs in the worker thread", () => {
  it("the server's default runner computes off the HTTP thread: GET /minerals answers while a plan draws its scenarios", async () => {
    const deps = defaultDeps({ clock: fixedClock() });
    const app = createApp(deps);
    try {
      await call(app, "GET", "/minerals"); // the catalogue built once, before the job
      const r = await call(app, "POST", "/frontier", heavy);
      expect(r.status).toBe(202);
      // in this thread the scenario draws were one synchronous step: no GET could see the job inside it
      const reading = await watch(app, r.json.id, (j) => j.progress.phase === READING);
      expect(reading).toMatchObject({ status: "running", progress: { done: 0, phase: READING } });
      const minerals = await call(app, "GET", "/minerals");
      expect(minerals.status).toBe(200);
      expect(minerals.json.length).toBeGreaterThan(50);
      // answered while the job is still computing
      expect((await call(app, "GET", `/jobs/${r.json.id}`)).json.status).toBe("running");
      expect((await call(app, "DELETE", `/jobs/${r.json.id}`)).json.status).toBe("cancelled");
    } finally {
      await deps.jobs.close();
    }
  });

  it("DELETE stops a running job inside its synchronous step: the thread is replaced and the next job runs at once", async () => {
    const { app, worker } = workerApp();
    const big = await call(app, "POST", "/frontier", heavy);
    const next = await call(app, "POST", "/plans", small);
    expect(next.json.status).toBe("queued");
    await watch(app, big.json.id, (j) => j.progress.phase === READING);
    expect(worker.started).toBe(1);
    const del = await call(app, "DELETE", `/jobs/${big.json.id}`);
    expect(del.json).toMatchObject({ status: "cancelled", progress: { done: 0, phase: READING } });
    // one job at a time: the next one starts only when the cancelled one has let go of the worker
    const done = await settle(app, next.json.id);
    expect(done).toMatchObject({ status: "done", result: { status: "optimal", budgetUsd: 1e9 } });
    expect(worker.started).toBe(2);
    const cancelled = (await call(app, "GET", `/jobs/${big.json.id}`)).json;
    expect(cancelled).toMatchObject({ status: "cancelled", progress: { done: 0, phase: READING } });
    expect(cancelled.result).toBeUndefined();
    expect(cancelled.error).toBeUndefined();
  });

  it("progress comes back from the worker, and the same request again is a cache hit with the same result", async () => {
    const { app, worker } = workerApp();
    const r = await call(app, "POST", "/frontier", { to: 2e9, steps: 3, minerals: ["gallium", "germanium"], runs: 10 });
    const job = await settle(app, r.json.id);
    expect(job).toMatchObject({ status: "done", progress: { done: 4, total: 4, phase: "done" } });
    expect(job.result.points).toHaveLength(3);
    const again = await call(app, "POST", "/frontier", { runs: 10, minerals: ["gallium", "germanium"], steps: 3, to: 2e9 });
    expect(again.json).toMatchObject({ id: r.json.id, cached: true, status: "done" });
    expect(again.json.result).toEqual(job.result);
    expect(worker.started).toBe(1);
  });

  it("a Monte Carlo simulation's result is the same from the worker as from this thread", async () => {
    const { app } = workerApp();
    const inThread = testApp({ jobs: new JobRunner({ worker: "thread" }) }).app;
    const body = { scenario: "gallium-germanium-2023", runs: 30, seed: 5, market: "none" };
    const [a, b] = [await call(app, "POST", "/simulations", body), await call(inThread, "POST", "/simulations", body)];
    const [ja, jb] = [await settle(app, a.json.id), await settle(inThread, b.json.id)];
    expect(ja.status).toBe("done");
    expect(ja.result).toEqual(jb.result);
    expect(ja.progress.total).toBe(ja.result.minerals.length);
  });
});

describe("a job that fails in the worker", () => {
  // both refused inside the job (the route checks names only): a solver that cannot do the plan, and a scenario given twice
  const failing: [string, string, unknown, Json][] = [
    [
      "a solver that cannot do the plan",
      "/plans",
      { budget: 1e9, minerals: ["gallium"], runs: 0, years: 3, projects: "us-candidates", solver: "fast" },
      { status: 422, code: "invalid", issues: [{ field: "solver" }] },
    ],
    [
      "a scenario given twice",
      "/plans",
      { budget: 1e9, scenarios: [{ name: "antimony-2024" }, { name: "antimony-2024" }], runs: 10 },
      { status: 400, code: "bad-input", issues: [{ field: "--scenarios", message: expect.stringMatching(/given twice/) }] },
    ],
  ];

  it.each(failing)("%s: the same error body as in this thread, and failed for good (a resubmit is the cached failure)", async (_what, path, body, error) => {
    const { app } = workerApp();
    const inThread = testApp({ jobs: new JobRunner({ worker: "thread" }) }).app;
    const r = await call(app, "POST", path, body);
    expect(r.status).toBe(202);
    const job = await settle(app, r.json.id);
    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject(error);
    expect(job.result).toBeUndefined();
    const here = await settle(inThread, (await call(inThread, "POST", path, body)).json.id);
    expect(job.error).toEqual(here.error);
    expect((await call(app, "POST", path, body)).json).toMatchObject({ cached: true, status: "failed" });
  });

  it("a worker thread that dies fails its job as internal (no stack), and the same request runs again on a new thread", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lodestone-jobs-"));
    const file = join(dir, "dies.mjs");
    writeFileSync(file, 'import { parentPort } from "node:worker_threads";\nparentPort.on("message", () => process.exit(7));\n');
    const worker = new JobWorker(file);
    workers.push(worker);
    const clock = fixedClock();
    const { app } = testApp({ clock, jobs: new JobRunner({ clock, worker }) });
    const r = await call(app, "POST", "/plans", small);
    const job = await settle(app, r.json.id);
    expect(job).toMatchObject({ status: "failed", error: { status: 500, code: "internal" } });
    expect(job.error?.message).toMatch(/stopped with code 7/);
    expect(job.error?.message).not.toMatch(/\n\s+at /);
    const again = await call(app, "POST", "/plans", small);
    expect(again.json.cached).toBe(false);
    expect((await settle(app, again.json.id)).status).toBe("failed");
    expect(worker.started).toBe(2);
  });
});
