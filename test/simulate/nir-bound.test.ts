import { describe, expect, it } from "vitest";
import { compileScenario, parseScenario, type SimulationResult, simulate } from "../../src/index.js";
import { cli } from "../helpers.js";
import { salient, tinyDataset } from "./tiny.js";

const nir = (raw: string, bound: ">" | "<") =>
  tinyDataset({
    salient: [
      salient("consumption", 1200),
      salient("net-import-reliance", 50, { unit: "percent", normalizedUnit: "%", raw, bound }),
      salient("price", 1000, { unit: "dollars per metric ton" }),
    ],
  });
// a full ban: refinery CHN 0.6 + AUS 0.4 → φ = 1, no stock, three months
const BAN = `name: t\nhorizon_months: 3\nevents:\n  - { type: export_restriction, countries: [CHN, AUS], minerals: [testium], severity: 1 }\n`;
const testium = (ds: ReturnType<typeof tinyDataset>): SimulationResult["minerals"][number] =>
  simulate(compileScenario(parseScenario(BAN, "bound.yaml", ds), ds)).minerals.find((m) => m.id === "testium")!;

describe("a net import reliance published as a bound is run at both ends of its interval", () => {
  it('">50": shortfall d0·r·φ·3 = 100·0.5·1·3 = 150 t at r = 0.5 (the point run) and 100·1·1·3 = 300 t at r = 1', () => {
    const m = testium(nir(">50", ">"));
    expect(m.r).toBe(0.5);
    expect(m.metrics.totalShortfall).toBeCloseTo(150, 9);
    expect(m.metrics.rangeIfR?.r).toEqual([0.5, 1]);
    expect(m.metrics.rangeIfR?.totalShortfall[0]).toBeCloseTo(150, 9);
    expect(m.metrics.rangeIfR?.totalShortfall[1]).toBeCloseTo(300, 9);
    expect(m.metrics.rangeIfR?.shortfallValue[0]).toBeCloseTo(150_000, 6);
    expect(m.metrics.rangeIfR?.shortfallValue[1]).toBeCloseTo(300_000, 6);
    // the point run is untouched: its series still stand on r = 0.5
    expect(Array.from(m.shortfall)).toEqual([50, 50, 50]);
  });

  it('"<50": r in [0, 0.5], so the ban costs 0 t at r = 0 and 150 t at r = 0.5', () => {
    const m = testium(nir("<50", "<"));
    expect(m.metrics.rangeIfR?.r).toEqual([0, 0.5]);
    expect(m.metrics.rangeIfR?.totalShortfall[0]).toBeCloseTo(0, 9);
    expect(m.metrics.rangeIfR?.totalShortfall[1]).toBeCloseTo(150, 9);
  });

  it("a published number carries no range", () => {
    expect(testium(tinyDataset()).metrics.rangeIfR).toBeUndefined();
  });

  it("coalition: tungsten (>50) carries the range in JSON, CSV and the table's numbered note", async () => {
    const j = JSON.parse((await cli(["simulate", "coalition-chn-rus-irn", "--format", "json"])).stdout);
    const w = j.minerals.find((m: { id: string }) => m.id === "tungsten");
    expect(w.metrics.rangeIfR.r).toEqual([0.5, 1]);
    expect(w.metrics.rangeIfR.totalShortfall[0]).toBeCloseTo(w.metrics.totalShortfall, 6);
    expect(w.metrics.rangeIfR.totalShortfall[1]).toBeCloseTo(2 * w.metrics.totalShortfall, 6);
    expect(w.metrics.rangeIfR.shortfallValueUsd[1]).toBeCloseTo(2 * w.metrics.shortfallValueUsd, 3);
    const csv = (await cli(["simulate", "coalition-chn-rus-irn", "--format", "csv"])).stdout.split("\n");
    const head = csv[0].split(",");
    const row = csv.find((l) => l.startsWith("tungsten,"))!.split(",");
    expect(Number(row[head.indexOf("shortfall high t")])).toBeCloseTo(2 * Number(row[head.indexOf("shortfall t")]), 6);
    const t = (await cli(["simulate", "coalition-chn-rus-irn"])).stdout;
    const n = /^tungsten .*\[(\d+)\]$/m.exec(t)?.[1];
    expect(n).toBeDefined();
    expect(t).toContain(`[${n}] r published as >50: total shortfall 6,552 t at r = 0.5, 13,105 t at r = 1`);
    for (const line of t.split("\n")) expect(line.length).toBeLessThanOrEqual(120);
  });
});
