import { describe, expect, it } from "vitest";
import { JobRunner, jobId } from "../../src/api/jobs.js";
import { LodestoneError } from "../../src/index.js";
import { call, fixedClock, settle, testApp } from "./helpers.js";

/** A runner whose jobs start only when the test says so and run in this thread, phase by phase (no timing in the tests). */
function manual() {
  const pending: (() => void)[] = [];
  const runner = new JobRunner({ clock: fixedClock(), schedule: (run) => pending.push(run), worker: "thread" });
  /** start the next job and let it run until it awaits something */
  const step = async () => {
    pending.shift()?.();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { runner, pending, step };
}

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("JobRunner", () => {
  it("a job goes queued → running with progress → done with its result", async () => {
    const { runner, step } = manual();
    const gate = deferred();
    const { job } = runner.submit("test", { a: 1 }, async (cx) => {
      cx.progress(1, 3, "first");
      await gate.promise;
      cx.progress(2, 3, "second");
      return { answer: 42 };
    });
    expect(job).toMatchObject({ status: "queued", progress: { done: 0, total: 0, phase: "queued" }, startedAt: null });
    expect(job.createdAt).toBe("2026-01-01T00:00:01.000Z");
    await step();
    expect(runner.get(job.id)).toMatchObject({ status: "running", progress: { done: 1, total: 3, phase: "first" } });
    expect(runner.get(job.id)?.result).toBeUndefined();
    gate.resolve();
    await step();
    expect(runner.get(job.id)).toMatchObject({ status: "done", progress: { done: 3, total: 3, phase: "done" }, result: { answer: 42 } });
    expect(runner.get(job.id)?.finishedAt).not.toBeNull();
  });

  it("the same inputs in any key order are the same job, and its result is reused without running again", async () => {
    const { runner, step } = manual();
    let runs = 0;
    const task = () => {
      runs++;
      return "r";
    };
    const a = runner.submit("plan", { budget: 1, minerals: ["x"] }, task);
    await step();
    const b = runner.submit("plan", { minerals: ["x"], budget: 1 }, task);
    expect(b.cached).toBe(true);
    expect(b.job.id).toBe(a.job.id);
    expect(b.job).toMatchObject({ status: "done", result: "r" });
    expect(runs).toBe(1);
    // another kind or other inputs: another job
    expect(jobId("plan", { budget: 2 })).not.toBe(jobId("plan", { budget: 1 }));
    expect(jobId("frontier", { budget: 1 })).not.toBe(jobId("plan", { budget: 1 }));
  });

  it("cancelling a queued job means it never runs; submitting it again runs it", async () => {
    const { runner, step } = manual();
    let runs = 0;
    const { job } = runner.submit("t", 1, () => ++runs);
    expect(runner.cancel(job.id)?.status).toBe("cancelled");
    await step();
    expect(runs).toBe(0);
    expect(runner.get(job.id)?.status).toBe("cancelled");
    const again = runner.submit("t", 1, () => ++runs);
    expect(again.cached).toBe(false);
    await step();
    expect(runner.get(job.id)).toMatchObject({ status: "done", result: 1 });
  });

  it("cancelling a running job stops it at its next check, and a result it still returns is dropped", async () => {
    const { runner, step } = manual();
    const gate = deferred();
    let after = false;
    const { job } = runner.submit("t", "checks", async (cx) => {
      await gate.promise;
      cx.check();
      after = true;
    });
    const gate2 = deferred();
    const other = runner.submit("t", "ignores", async () => {
      await gate2.promise;
      return "late";
    }).job;
    await step();
    expect(runner.cancel(job.id)?.status).toBe("cancelled");
    gate.resolve();
    await step(); // the cancelled job ends at its check
    expect(after).toBe(false);
    expect(runner.get(job.id)).toMatchObject({ status: "cancelled" });
    expect(runner.get(other.id)?.status).toBe("queued");
    await step(); // the next one starts only then: one job at a time
    expect(runner.get(other.id)?.status).toBe("running");
    runner.cancel(other.id);
    gate2.resolve();
    await step();
    expect(runner.get(other.id)?.status).toBe("cancelled");
    expect(runner.get(other.id)?.result).toBeUndefined();
  });

  it("a LodestoneError fails the job for good (same inputs, same failure); a bug is run again on resubmit", async () => {
    const { runner, step } = manual();
    const bad = runner.submit("t", "bad", () => {
      throw new LodestoneError("invalid", { field: "x", message: "no", expected: "yes" });
    }).job;
    await step();
    expect(runner.get(bad.id)).toMatchObject({ status: "failed", error: { status: 422, code: "invalid", message: "x: no, expected yes" } });
    expect(runner.submit("t", "bad", () => 1).cached).toBe(true);
    const bug = runner.submit("t", "bug", () => {
      throw new TypeError("boom");
    }).job;
    await step();
    expect(runner.get(bug.id)?.error).toMatchObject({ status: 500, code: "internal" });
    expect(runner.get(bug.id)?.error?.message).not.toMatch(/\n\s+at /);
    expect(runner.submit("t", "bug", () => 2).cached).toBe(false);
  });

  it("keeps the newest finished jobs and forgets the oldest beyond its limit; DELETE of a finished job forgets it", async () => {
    const pending: (() => void)[] = [];
    const runner = new JobRunner({ schedule: (run) => pending.push(run), keep: 2 });
    const ids = [1, 2, 3].map((n) => runner.submit("t", n, () => n).job.id);
    for (let i = 0; i < 3; i++) {
      pending.shift()?.();
      for (let k = 0; k < 5; k++) await Promise.resolve();
    }
    expect(ids.map((id) => runner.get(id)?.status)).toEqual([undefined, "done", "done"]);
    expect(runner.cancel(ids[2])?.status).toBe("done");
    expect(runner.get(ids[2])).toBeUndefined();
  });
});

describe("jobs over HTTP", () => {
  const body = { budget: 1e9, minerals: ["gallium"], runs: 10 };

  it("202 → queued → done with the result; the same request again is a cache hit with the result", async () => {
    const { runner, step } = manual();
    const { app } = testApp({ jobs: runner });
    const r = await call(app, "POST", "/plans", body);
    expect(r.status).toBe(202);
    expect(r.json).toMatchObject({ kind: "plan", status: "queued", cached: false, progress: { phase: "queued" } });
    expect((await call(app, "GET", `/jobs/${r.json.id}`)).json.status).toBe("queued");
    await step();
    // the inputs are read (synchronously); the job yields to the event loop before it solves
    expect((await call(app, "GET", `/jobs/${r.json.id}`)).json).toMatchObject({ status: "running", progress: { done: 1, total: 2, phase: "solving" } });
    await settle(app, r.json.id);
    const done = await call(app, "GET", `/jobs/${r.json.id}`);
    expect(done.json).toMatchObject({ status: "done", progress: { done: 2, total: 2, phase: "done" }, result: { status: "optimal", budgetUsd: 1e9 } });
    const again = await call(app, "POST", "/plans", { runs: 10, minerals: ["gallium"], budget: 1e9 });
    expect(again.status).toBe(202);
    expect(again.json).toMatchObject({ id: r.json.id, cached: true, status: "done" });
    expect(again.json.result).toEqual(done.json.result);
  });

  it("DELETE cancels a queued job; it never runs, and the same request afterwards runs anew", async () => {
    const { runner, step, pending } = manual();
    const { app } = testApp({ jobs: runner });
    const r = await call(app, "POST", "/frontier", { to: 1e9, steps: 2, minerals: ["gallium"], runs: 10 });
    const del = await call(app, "DELETE", `/jobs/${r.json.id}`);
    expect(del.status).toBe(200);
    expect(del.json.status).toBe("cancelled");
    await step();
    expect(pending).toHaveLength(0);
    expect((await call(app, "GET", `/jobs/${r.json.id}`)).json).toMatchObject({ status: "cancelled", progress: { phase: "queued" } });
    const again = await call(app, "POST", "/frontier", { to: 1e9, steps: 2, minerals: ["gallium"], runs: 10 });
    expect(again.json).toMatchObject({ id: r.json.id, cached: false, status: "queued" });
    await step();
    expect((await settle(app, r.json.id)).result.points).toHaveLength(2);
  });

  it("DELETE cancels a running plan: it ends cancelled, at the phase it had reached, with no result", async () => {
    const { runner, step } = manual();
    const { app } = testApp({ jobs: runner });
    const r = await call(app, "POST", "/plans", { budget: 3e9, minerals: ["gallium"], runs: 10 });
    await step();
    expect((await call(app, "GET", `/jobs/${r.json.id}`)).json.status).toBe("running");
    expect((await call(app, "DELETE", `/jobs/${r.json.id}`)).json.status).toBe("cancelled");
    const job = await settle(app, r.json.id);
    expect(job.status).toBe("cancelled");
    expect(job.progress).toEqual({ done: 1, total: 2, phase: "solving" });
    expect(job.result).toBeUndefined();
  });

  it("with the default runner a job starts by itself after the 202", async () => {
    const { app } = testApp();
    const r = await call(app, "POST", "/simulations", { scenario: "gallium-germanium-2023", runs: 20 });
    expect(r.json.status).toBe("queued");
    const job = await settle(app, r.json.id);
    expect(job).toMatchObject({ status: "done", progress: { phase: "done" }, result: { runs: 20 } });
    expect(job.progress.total).toBe(job.result.minerals.length);
  });
});

describe("a bounded queue", () => {
  it("refuses a new job once maxQueued wait (503, Retry-After, code busy), keeps nothing of it, and still answers a request already queued", async () => {
    // a runner that never starts a job: everything submitted waits
    const jobs = new JobRunner({ clock: fixedClock(), schedule: () => {}, worker: "thread", maxQueued: 2 });
    const { app } = testApp({ jobs });
    const body = (budget: number) => ({ budget, minerals: ["gallium"], runs: 0 });
    // a is taken to run (it never starts here), b and c wait behind it
    const a = await call(app, "POST", "/plans", body(1e8));
    const b = await call(app, "POST", "/plans", body(2e8));
    const c = await call(app, "POST", "/plans", body(4e8));
    expect([a.status, b.status, c.status]).toEqual([202, 202, 202]);
    const full = await call(app, "POST", "/plans", body(3e8));
    expect(full.status).toBe(503);
    expect(full.headers.get("retry-after")).toBe("5");
    expect(full.json.error).toMatchObject({ code: "busy", issues: [expect.objectContaining({ field: "jobs" })] });
    expect(full.json.error.message).toMatch(/2 jobs are waiting/);
    // the refused job was not kept; the same request as a waiting job is that job, not a new one
    expect((await call(app, "GET", `/jobs/${jobId("plan", body(3e8))}`)).status).toBe(404);
    const again = await call(app, "POST", "/plans", body(2e8));
    expect([again.status, again.json.id, again.json.cached]).toEqual([202, b.json.id, true]);
    // a waiting job cancelled frees its place
    expect((await call(app, "DELETE", `/jobs/${c.json.id}`)).status).toBe(200);
    expect((await call(app, "POST", "/plans", body(3e8))).status).toBe(202);
  });
});
