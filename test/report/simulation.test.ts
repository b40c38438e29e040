/**
 * The simulation reports as library calls on the hand-worked one-mineral case of
 * test/simulate/hand.test.ts: d0 = 100 t/month, r = 0.5, price US$ 1,000/t, CHN 60 % of refinery
 * output. A two-month Chinese ban from month 2 with 50 t in stock falls 10 t short in month 3
 * (value US$ 10,000 = US$ 0.01 M).
 */
import { describe, expect, it } from "vitest";
import {
  compileScenario,
  defaultMarketSet,
  monteCarlo,
  monteCarloAudit,
  monteCarloReport,
  parseScenario,
  simulate,
  simulationAudit,
  simulationReport,
} from "../../src/index.js";
import { tinyDataset } from "../simulate/tiny.js";

const ds = tinyDataset();
const compiled = compileScenario(
  parseScenario(
    `name: ban\nhorizon_months: 4\nstock: { testium: 50 }\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [testium], start_month: 2, duration_months: 2, severity: 1 }\n  - { type: new_supply, minerals: [testium], tons_per_year: 12, online_month: 4, ramp_months: 0, probability: 0.5 }\n`,
    "ban.yaml",
    ds,
  ),
  ds,
);

/** Every key of a JSON text, outside string values. */
const keysOf = (json: string) => [...json.matchAll(/"([^"\\]*)":/g)].map((m) => m[1]);

describe("simulationReport", () => {
  // with the built-in market (ε −0.1, cap ×10): 10 t short of 100 in month 3 → price ×0.9^−10 = 2.87,
  // loss 1,000 · 100 · (0.9^−9 − 1)/9 = US$ 17,569 (0.0 US$ M)
  it("table: head line, the results with money in US$ M (at P0 and the loss), the peak price multiple, the legend", () => {
    const r = simulationReport(compiled, simulate(compiled), { format: "table", market: defaultMarketSet() });
    expect(r.code).toBe(0);
    const lines = r.text.split("\n");
    expect(lines[0]).toBe("ban (ban.yaml), deterministic run, 4 months, exposure: world, d0 baseline: mean:3 (default)");
    expect(lines[2]).toBe("mineral  stock t  cover  short t  P0 US$ M  loss US$ M  peak %  ×P0  first  out  sector  note");
    expect(lines[4]).toBe("testium       50     30       10       0.0         0.0    10.0  2.9      3    3  all");
    expect(r.text).toMatch(/^stock t: at the start; cover: days of import cover/m);
  });

  it("JSON: camelCase keys only; money keys name USD", () => {
    const text = simulationReport(compiled, simulate(compiled), { format: "json" }).text;
    const keys = keysOf(text);
    expect(keys.filter((k) => k.includes("_"))).toEqual([]);
    for (const k of ["publishedUnit", "newSupply", "sectorShortfall", "shortfallValueUsd"]) expect(keys).toContain(k);
    expect(keys).not.toContain("shortfallValue");
    expect(JSON.parse(text).minerals[0].metrics.shortfallValueUsd).toBeCloseTo(10_000, 6);
    expect(JSON.stringify(simulationAudit(simulate(compiled)))).toBe(JSON.stringify(JSON.parse(text)));
  });

  it("CSV: the pre-crisis value and the loss in US$ M and the peak price multiple, named in the header", () => {
    const csv = simulationReport(compiled, simulate(compiled), { format: "csv", market: defaultMarketSet() }).text.split("\r\n");
    expect(csv[0]).toBe(
      "mineral,d0 t/mo,r,stock1 t,cover days,shortfall t,pre-crisis value US$ M,loss US$ M,peak %,peak price ×P0,first short,stock out,most short sector,shortfall low t,shortfall high t,note",
    );
    const row = csv[1].split(",");
    expect(row[6]).toBe("0.01");
    expect(Number(row[7])).toBeCloseTo((1e5 * (0.9 ** -9 - 1)) / 9 / 1e6, 12);
    expect(Number(row[9])).toBeCloseTo(0.9 ** -10, 12);
  });

  it("nothing affected: the table says so; CSV warns on the side", () => {
    const none = compileScenario(parseScenario("name: nothing\nhorizon_months: 2\nevents: []\n", "none.yaml", ds), ds);
    expect(simulationReport(none, simulate(none), { format: "table" }).text).toMatch(/no minerals affected/);
    const csv = simulationReport(none, simulate(none), { format: "csv" });
    expect(csv.warning).toMatch(/no minerals affected/);
    expect(csv.text.trim().split("\r\n")).toHaveLength(1);
  });
});

describe("monteCarloReport", () => {
  const r = monteCarlo(compiled, 40, 7);

  it("JSON: camelCase keys only; money keys end in Usd", () => {
    const text = monteCarloReport(compiled, r, { format: "json", runs: 40, seed: 7 }).text;
    const keys = keysOf(text);
    expect(keys.filter((k) => k.includes("_"))).toEqual([]);
    for (const k of ["probAnyShortfall", "totalShortfall", "shortfallValueUsd", "priceUsdPerTon", "lowerBound", "mineralsWithoutPrice"])
      expect(keys).toContain(k);
    expect(JSON.stringify(monteCarloAudit(r))).toBe(JSON.stringify(JSON.parse(text)));
  });

  it("table head names US$ M for the total shortfall value", () => {
    const text = monteCarloReport(compiled, r, { format: "table", runs: 40, seed: 7 }).text;
    const [first, second] = text.split("\n");
    expect(first).toBe("ban (ban.yaml), Monte Carlo: 40 runs, seed 7, 4 months, d0 baseline: mean:3 (default)");
    // the ban is certain and the new supply comes only in month 4: every run is short 10 t in month 3 → US$ 0.01 M
    expect(second).toBe("P(any shortfall, any mineral) 100.0 %; total shortfall at pre-crisis prices US$ M: P10 0.0, P50 0.0, P90 0.0, mean 0.0");
    expect(text).toMatch(/P0 US\$ M/);
  });
});
