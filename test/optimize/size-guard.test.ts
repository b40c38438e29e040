import { describe, expect, it } from "vitest";
import { compileScenario, LodestoneError, planScenarios } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { loadScenario } from "../../src/io/scenario-file.js";
import { MAX_PLAN_MINERAL_MONTHS } from "../../src/optimize/scenarios.js";
import { cli } from "../helpers.js";

const dataset = loadDataset();
const coalition = compileScenario(loadScenario("coalition-chn-rus-irn", dataset), dataset);

describe("a plan's scenario set is bounded before anything is drawn", () => {
  it("refuses draws × minerals × months above the cap, as too-large, saying how big and what to change", () => {
    // 67 minerals × 60 months = 4,020 mineral-months a draw; the cap is 5e7
    const perDraw = coalition.minerals.length * coalition.horizon;
    const runs = Math.floor(MAX_PLAN_MINERAL_MONTHS / perDraw) + 1;
    let err: unknown;
    try {
      planScenarios([{ compiled: coalition }], dataset, { runs });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LodestoneError);
    expect((err as LodestoneError).code).toBe("too-large");
    expect((err as LodestoneError).message).toMatch(/mineral-months .*expected at most 5e\+7 mineral-months: fewer --runs/);
  });

  it("keeps the simulator's own runs × horizon bound for each file", async () => {
    const r = await cli(["plan", "--budget", "1e9", "--runs", "100000", "--scenarios", "scenarios/japan-deep-sea-rare-earths.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/runs × \d+ months is too large/);
  });

  it("a plan at the benchmark's size (1,000 draws of the coalition) is within the cap", () => {
    const set = planScenarios([{ compiled: coalition }], dataset, { runs: 20 });
    expect(set.scenarios).toHaveLength(20);
    expect(1000 * coalition.minerals.length * coalition.horizon).toBeLessThan(MAX_PLAN_MINERAL_MONTHS);
  });
});
