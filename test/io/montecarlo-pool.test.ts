import { availableParallelism } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { compileScenario, LodestoneError, monteCarlo, monteCarloAudit } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { MonteCarloPool, POOL_MIN_WORK, runMonteCarlo } from "../../src/io/montecarlo-pool.js";
import { loadScenario } from "../../src/io/scenario-file.js";
import { cli, ROOT } from "../helpers.js";

const ds = loadDataset();
// every run draws its own severity, so every run is a path of its own (no grouping)
const continuous = compileScenario(loadScenario(join(ROOT, "bench", "fixtures", "coalition-continuous.yaml"), ds), ds);
const worker = (name: string) => join(ROOT, "test", "io", "workers", name);

async function rejection(p: Promise<unknown>): Promise<LodestoneError> {
  try {
    await p;
  } catch (e) {
    return e as LodestoneError;
  }
  throw new Error("expected the run to fail");
}

describe("Monte Carlo worker pool", () => {
  it("fails the run in one line when a worker exits without an error event, instead of waiting for ever", async () => {
    const pool = new MonteCarloPool(1, { workerFile: worker("exit-on-mineral.mjs") });
    try {
      const e = await rejection(pool.run(continuous, { runs: 50, seed: 3, minWork: 0 }));
      expect(e).toBeInstanceOf(LodestoneError);
      expect(e.code).toBe("internal");
      expect(e.issues).toHaveLength(1);
      expect(e.message).toMatch(/^a Monte Carlo worker exited with code 7 before finishing its minerals/);
      expect(e.message).not.toContain("\n");
    } finally {
      await pool.close();
    }
  });

  it("stops the other workers when one exits", async () => {
    const pool = new MonteCarloPool(2, { workerFile: worker("exit-one-of-two.mjs") });
    try {
      const e = await rejection(pool.run(continuous, { runs: 50, seed: 3, minWork: 0 }));
      expect(e.message).toMatch(/^a Monte Carlo worker exited with code 7/);
      // the survivor never answers; the pool terminated it without being closed
      await vi.waitFor(() => expect(pool.running).toBe(0));
    } finally {
      await pool.close();
    }
  });

  it("fails at once when a worker died before the run started", async () => {
    const pool = new MonteCarloPool(1, { workerFile: worker("exit-at-start.mjs") });
    try {
      await vi.waitFor(() => expect(pool.running).toBe(0));
      const e = await rejection(pool.run(continuous, { runs: 50, seed: 3, minWork: 0 }));
      expect(e.message).toMatch(/^a Monte Carlo worker exited with code 3 before finishing its minerals/);
    } finally {
      await pool.close();
    }
  });

  it("computes a small job in this thread only: workers that would die are never asked", async () => {
    expect(50 * continuous.minerals.length * continuous.horizon).toBeLessThan(POOL_MIN_WORK);
    const pool = new MonteCarloPool(1, { workerFile: worker("exit-on-mineral.mjs") });
    try {
      const r = await pool.run(continuous, { runs: 50, seed: 3 });
      expect(monteCarloAudit(r)).toEqual(monteCarloAudit(monteCarlo(continuous, 50, 3)));
    } finally {
      await pool.close();
    }
  });

  it("gives output identical to this thread alone with 1 and 2 workers when the pool is used", async () => {
    const alone = JSON.stringify(monteCarloAudit(monteCarlo(continuous, 120, 11)));
    for (const workers of [1, 2])
      expect(JSON.stringify(monteCarloAudit(await runMonteCarlo(continuous, { runs: 120, seed: 11, workers, minWork: 0 })))).toBe(alone);
  });
});

describe("simulate --workers", () => {
  it("refuses more workers than the machine has cores, naming the limit (exit 2)", async () => {
    const cores = availableParallelism();
    const r = await cli(["simulate", "coalition-chn-rus-irn", "--runs", "10", "--workers", String(cores + 1)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `lodestone: --workers: ${cores + 1} is more than this machine's ${cores} cores, expected at most ${cores} (default ${Math.max(0, cores - 1)}: one per core besides this thread)\n`,
    );
    const ok = await cli(["simulate", "coalition-chn-rus-irn", "--runs", "10", "--workers", String(cores), "--format", "csv"]);
    expect(ok.code, ok.stderr).toBe(0);
  });
});
