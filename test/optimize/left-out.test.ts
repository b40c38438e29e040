/**
 * A mineral left out of a plan carries the real reason (the simulator's, when a scenario met it),
 * and a plan with every mineral left out says so (allExcluded), so the report can lead with it.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileScenario, type Dataset, parseScenario, planReserve, planScenarios } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { loadScenario } from "../../src/io/scenario-file.js";
import { cli } from "../helpers.js";
import { prod, tinyDataset } from "../simulate/tiny.js";
import { handCase } from "./fixtures.js";

const NO_CONSUMPTION = /^no US apparent consumption in the dataset/;
const NOT_TOUCHED = /^not touched by any scenario/;

/** Plan the built-in scenario files for the given minerals (1 billion USD, the fast path). */
async function planBuiltin(files: string[], minerals: string[]) {
  const dataset = loadDataset();
  const set = planScenarios(
    files.map((f) => ({ compiled: compileScenario(loadScenario(`scenarios/${f}.yaml`, dataset), dataset) })),
    dataset,
  );
  return planReserve({ scenarios: set.scenarios, economics: set.economics, minerals, options: { budget: 1e9 } });
}

describe("the reason a mineral is left out of a plan", () => {
  it("lithium and mercury in a scenario that covers all minerals: no US consumption / import-reliance figure (not 'not covered')", async () => {
    const r = await planBuiltin(["coalition-chn-rus-irn"], ["lithium", "mercury"]);
    expect(r.excluded).toEqual([
      { id: "lithium", kind: "no-us-figure", reason: expect.stringMatching(NO_CONSUMPTION) },
      { id: "mercury", kind: "no-us-figure", reason: "no US net import reliance in the dataset" },
    ]);
    expect(r.minerals).toEqual([]);
    expect(r.allExcluded).toBe(true);
  });

  it("a mineral no scenario names: not touched by any scenario; one that is planned keeps allExcluded false", async () => {
    const r = await planBuiltin(["antimony-2024"], ["gallium", "antimony"]);
    expect(r.excluded).toEqual([{ id: "gallium", kind: "no-scenario", reason: expect.stringMatching(NOT_TOUCHED) }]);
    expect(r.minerals.map((m) => m.id)).toEqual(["antimony"]);
    expect(r.allExcluded).toBe(false);
  });

  it("a missing US figure wins over 'not touched': one scenario left lithium out for it, another never named it", async () => {
    const r = await planBuiltin(["antimony-2024", "coalition-chn-rus-irn"], ["lithium"]);
    expect(r.excluded).toEqual([{ id: "lithium", kind: "no-us-figure", reason: expect.stringMatching(NO_CONSUMPTION) }]);
  });

  it("a restriction with no known exposure shares: unknown exposure, naming the scenario file", async () => {
    // tiny dataset without import shares: testium's restricted exposure is unknown; nullium has no consumption figure
    const ds: Dataset = tinyDataset({ production: [prod("WORLD", 100)], importSources: [] });
    const yaml = "name: t\nhorizon_months: 2\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [testium, nullium], severity: 1 }\n";
    const c = compileScenario(parseScenario(yaml, "e.yaml", ds), ds);
    const set = planScenarios([{ compiled: c }], ds);
    const r = await planReserve({ scenarios: set.scenarios, economics: set.economics, minerals: ["testium", "nullium"], options: { budget: 1e6 } });
    expect(r.excluded).toEqual([
      {
        id: "testium",
        kind: "unknown-exposure",
        reason: expect.stringMatching(/^e\.yaml: events\[0\] restricts testium, but its exposure is unknown.*shortfall is unknown, not 0/),
      },
      { id: "nullium", kind: "no-us-figure", reason: expect.stringMatching(NO_CONSUMPTION) },
    ]);
    expect(r.allExcluded).toBe(true);
  });

  it("planned from one scenario while another cannot simulate it: its expected shortfall is said to be a lower bound", async () => {
    const ds: Dataset = tinyDataset({ production: [prod("WORLD", 100)], importSources: [] });
    const ban = "name: ban\nhorizon_months: 2\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [testium], severity: 1 }\n";
    const surge = "name: surge\nhorizon_months: 2\nevents:\n  - { type: demand_surge, minerals: [testium], factor: 2, duration_months: 2 }\n";
    const files = [ban, surge].map((y, i) => ({ compiled: compileScenario(parseScenario(y, `s${i}.yaml`, ds), ds) }));
    const set = planScenarios(files, ds);
    const r = await planReserve({ scenarios: set.scenarios, economics: set.economics, minerals: ["testium"], options: { budget: 1e6 } });
    expect(r.minerals.map((m) => m.id)).toEqual(["testium"]);
    expect(r.notes).toContainEqual(
      expect.stringMatching(/^testium: shortfall under ban unknown \(s0\.yaml: .*\) and counted as 0, so its expected shortfall is a lower bound$/),
    );
  });

  it("asked for but not in the basket; no price; no economics", async () => {
    const input = { ...handCase(100), minerals: ["a", "b", "c"], within: ["a", "c"] };
    input.economics = [{ ...input.economics[0], price: null }, input.economics[1]];
    input.scenarios = input.scenarios.map((s) => ({ ...s, minerals: [...s.minerals, { ...s.minerals[0], id: "c" }] }));
    const r = await planReserve(input);
    expect(r.excluded).toEqual([
      { id: "a", kind: "no-price", reason: expect.stringMatching(/^no US price/) },
      { id: "b", kind: "not-in-basket", reason: "not in the basket's minerals" },
      { id: "c", kind: "no-economics", reason: "no economics (price, d0, r)" },
    ]);
    expect(r.allExcluded).toBe(true);
    expect(r.status).toBe("optimal");
  });
});

describe("lodestone plan with minerals left out", () => {
  it("--minerals lithium,tungsten with the built-in scenarios: each with its consumption reason, and allExcluded", async () => {
    // public data only: the shipped assumptions file fills both (test/assumptions/apply.test.ts)
    const r = await cli(["plan", "--budget", "1e9", "--minerals", "lithium,tungsten", "--assumptions", "none", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.allExcluded).toBe(true);
    expect(j.excluded).toEqual([
      { id: "lithium", kind: "no-us-figure", reason: expect.stringMatching(NO_CONSUMPTION) },
      { id: "tungsten", kind: "no-us-figure", reason: expect.stringMatching(NO_CONSUMPTION) },
    ]);
  });

  it("--minerals naming one mineral outside the --basket file: it is left out as not in the basket", async () => {
    const basket = join(mkdtempSync(join(tmpdir(), "lodestone-basket-")), "b.yaml");
    writeFileSync(basket, "minerals: [antimony]\n");
    const r = await cli([
      "plan",
      "--budget",
      "1e9",
      "--scenarios",
      "scenarios/antimony-2024.yaml",
      "--basket",
      basket,
      "--minerals",
      "antimony,gallium",
      "--format",
      "json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.minerals.map((m: { id: string }) => m.id)).toEqual(["antimony"]);
    expect(j.excluded).toEqual([{ id: "gallium", kind: "not-in-basket", reason: "not in the basket's minerals" }]);
    expect(j.allExcluded).toBe(false);
  });
});
