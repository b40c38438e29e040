/**
 * One scenario's simulation as a library call (src/io/simulation.ts): `lodestone simulate` and the
 * HTTP API both call it, so its report is what each of them prints for the same inputs.
 */
import { describe, expect, it } from "vitest";
import { loadDataset } from "../../src/io/dataset.js";
import { showsProgress, simulationInput, simulationRun } from "../../src/io/simulation.js";
import { call, testApp } from "../api/helpers.js";
import { cli } from "../helpers.js";

const dataset = loadDataset();

describe("simulationRun: the chain the CLI and the API share", () => {
  it("deterministic: the same JSON as lodestone simulate and POST /simulations", async () => {
    const { compiled, market } = simulationInput("antimony-2024", dataset, {});
    const lib = JSON.parse((await simulationRun(compiled, { format: "json", market })).text);
    const r = await cli(["simulate", "antimony-2024", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(lib).toEqual(JSON.parse(r.stdout));
    const { app } = testApp();
    const api = await call(app, "POST", "/simulations", { scenario: "antimony-2024" });
    expect(api.status).toBe(200);
    expect(api.json).toEqual(lib);
  });

  it("Monte Carlo: the same table as lodestone simulate --runs, with progress over the minerals", async () => {
    const { compiled, market } = simulationInput("scenarios/antimony-2024.yaml", dataset, { market: "none" });
    const seen: number[] = [];
    const lib = await simulationRun(compiled, { format: "table", market, mc: { runs: 30, seed: 7, workers: 0 }, onProgress: (done) => seen.push(done) });
    const r = await cli(["simulate", "scenarios/antimony-2024.yaml", "--market", "none", "--runs", "30", "--seed", "7", "--workers", "0"]);
    expect(r.code).toBe(0);
    expect(lib.text).toBe(r.stdout);
    expect(seen.at(-1)).toBe(compiled.minerals.length);
    expect(showsProgress(compiled, 30)).toBe(false);
    expect(showsProgress(compiled, 1e9)).toBe(true);
  });
});
