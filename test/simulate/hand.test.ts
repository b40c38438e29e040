import { describe, expect, it } from "vitest";
import { compileScenario, parseScenario, type SimulationResult, scenarioPaths, simulate } from "../../src/index.js";
import { salient, tinyDataset } from "./tiny.js";

const run = (yaml: string, ds = tinyDataset()): SimulationResult => simulate(compileScenario(parseScenario(yaml, "hand.yaml", ds), ds));
const arr = (a: Float64Array) => Array.from(a, (x) => Math.round(x * 1e9) / 1e9);
const testium = (r: SimulationResult) => r.minerals.find((m) => m.id === "testium")!;

describe("hand-worked one-mineral scenarios (d0 = 100, r = 0.5, CHN 60 % of refinery output)", () => {
  it("a two-month Chinese ban is met from stock, then falls short when the stock runs out", () => {
    // φ = 0.6 in months 2–3 → imports 50·0.4 = 20, supply 70, gap 30; stock 50 covers 30 then 20.
    const m = testium(
      run(
        `name: t\nhorizon_months: 4\nstock: { testium: 50 }\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [testium], start_month: 2, duration_months: 2, severity: 1 }\n`,
      ),
    );
    expect(m.d0).toBe(100);
    expect(m.r).toBe(0.5);
    expect(arr(m.disrupted)).toEqual([0, 0.6, 0.6, 0]);
    expect(arr(m.supply)).toEqual([100, 70, 70, 100]);
    expect(arr(m.release)).toEqual([0, 30, 20, 0]);
    expect(arr(m.shortfall)).toEqual([0, 0, 10, 0]);
    expect(arr(m.stock)).toEqual([50, 20, 0, 0]);
    expect(m.metrics.totalShortfall).toBeCloseTo(10, 9);
    expect(m.metrics.shortfallValue).toBeCloseTo(10_000, 6);
    expect(m.metrics.peakShortfallShare).toBeCloseTo(0.1, 12);
    expect(m.metrics.firstShortMonth).toBe(3);
    expect(m.metrics.stockOutMonth).toBe(3);
    expect(m.metrics.daysOfCover).toBeCloseTo(30.4375, 12); // 50 / 50 × 30.4375
  });

  it("overlapping restrictions on one country take the largest severity; φ is capped at 1", () => {
    const m = testium(
      run(`name: t
horizon_months: 3
events:
  - { type: export_restriction, countries: [CHN], minerals: [testium], severity: 0.5 }
  - { type: export_restriction, countries: [CHN], minerals: [testium], start_month: 2, severity: 0.8 }
  - { type: export_restriction, countries: [AUS], minerals: all, start_month: 3, severity: 1 }
`),
    );
    // month 1: 0.6·0.5 = 0.3; month 2: 0.6·0.8 = 0.48; month 3: min(1, 0.48 + 0.4) = 0.88
    expect(arr(m.disrupted)).toEqual([0.3, 0.48, 0.88]);
    expect(arr(m.shortfall)).toEqual([15, 24, 44]);
    const capped = testium(
      run(
        `name: t\nhorizon_months: 1\nevents:\n  - { type: export_restriction, countries: [CHN, AUS], minerals: [testium], severity: 1 }\n  - { type: export_restriction, countries: [CHN], minerals: [testium], severity: 1, stage: mine }\n`,
      ),
    );
    // refinery CHN 0.6 + AUS 0.4 and mine CHN 0.7: Σ over countries of the max = 0.7 + 0.4 → capped at 1
    expect(arr(capped.disrupted)).toEqual([1]);
    expect(arr(capped.shortfall)).toEqual([50]);
  });

  it("new supply ramps in, weighted by its probability; a defence surge is served first", () => {
    // demand = 100·(0.2·2 + 0.8) = 120; φ = 0.6·0.5 = 0.3 → supply 50 + 35 = 85, plus new supply
    // 120 t/yr = 10/month from month 2 over a 2-month ramp × probability 0.5: 0, 2.5, 5.
    const r = run(`name: t
horizon_months: 3
sectors: { testium: { defense: 0.2 } }
events:
  - { type: export_restriction, countries: [CHN], minerals: [testium], severity: 0.5 }
  - { type: demand_surge, minerals: [testium], sector: defense, factor: 2 }
  - { type: new_supply, minerals: [testium], tons_per_year: 120, online_month: 2, ramp_months: 2, probability: 0.5 }
`);
    const m = testium(r);
    expect(arr(m.demand)).toEqual([120, 120, 120]);
    expect(arr(m.newSupply)).toEqual([0, 2.5, 5]);
    expect(arr(m.supply)).toEqual([85, 87.5, 90]);
    expect(arr(m.shortfall)).toEqual([35, 32.5, 30]);
    expect(m.sectors.map((s) => s.name)).toEqual(["defense", "other"]);
    expect(arr(m.sectors[0].shortfall)).toEqual([0, 0, 0]);
    expect(arr(m.sectors[1].shortfall)).toEqual([35, 32.5, 30]);
    expect(m.sectorsSource).toMatch(/scenario assumption: hand.yaml:3 \(sectors.testium\)/);
  });

  it("sectors of equal priority share a shortfall pro rata to demand", () => {
    const m = testium(
      run(`name: t
horizon_months: 1
sectors: { testium: { defense: 0.2 } }
sector_priority: { defense: 1, other: 1 }
events:
  - { type: export_restriction, countries: [CHN], minerals: [testium], severity: 0.5 }
  - { type: demand_surge, minerals: [testium], sector: defense, factor: 2 }
`),
    );
    // shortfall 35 split 40:80
    expect(m.sectors[0].shortfall[0]).toBeCloseTo(35 / 3, 12);
    expect(m.sectors[1].shortfall[0]).toBeCloseTo(70 / 3, 12);
  });

  it("days of import cover give stock_1 = days / 30.4375 · d0·r; surplus never refills the stock", () => {
    const m = testium(
      run(
        `name: t\nhorizon_months: 3\nstock: { all: { days: 30.4375 } }\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [testium], severity: 1, duration_months: 1 }\n  - { type: new_supply, minerals: [testium], tons_per_year: 1200, online_month: 2 }\n`,
      ),
    );
    expect(m.stock1).toBeCloseTo(50, 12);
    expect(arr(m.stock)).toEqual([20, 20, 20]);
  });

  it("imports exposure uses US import shares; 'Other' cannot be restricted", () => {
    const m = testium(
      run(`name: t\nhorizon_months: 1\nexposure: imports\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [testium], severity: 1 }\n`),
    );
    expect(arr(m.disrupted)).toEqual([0.7]);
    expect(m.exposures[0].shares).toEqual({ CHN: 0.7 });
    expect(m.notes.join(" ")).toMatch(/Other/);
  });

  it("a mineral without consumption is left out with the reason; a net exporter has r = 0", () => {
    const r = run(`name: t\nhorizon_months: 2\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: all, severity: 1 }\n`);
    expect(r.excluded).toEqual([{ id: "nullium", name: "Nullium", reason: expect.stringMatching(/no US apparent consumption/) }]);
    const e = r.minerals.find((m) => m.id === "exportium")!;
    expect(e.r).toBe(0);
    expect(e.inputs.r.note).toMatch(/net exporter/);
    expect(arr(e.shortfall)).toEqual([0, 0]);
    expect(e.metrics.daysOfCover).toBeNull();
  });

  it("a bound such as >95 uses its bound and says so", () => {
    const ds = tinyDataset({ salient: [salient("consumption", 1200), salient("net-import-reliance", 95, { status: "bound", bound: ">", raw: ">95" })] });
    const m = testium(run(`name: t\nhorizon_months: 1\nevents: []\nstock: { testium: 1 }\n`, ds));
    expect(m.r).toBe(0.95);
    expect(m.inputs.r.note).toMatch(/bound \(>95\)/);
  });

  it("every input in the audit carries its source", () => {
    const m = testium(run(`name: t\nhorizon_months: 1\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [testium], severity: 1 }\n`));
    expect(m.inputs.d0.source).toEqual({ file: "tiny.csv", row: 2, column: "consumption" });
    expect(m.inputs.r.source.column).toBe("net-import-reliance");
    expect(m.inputs.price.value).toBe(1000);
    expect(m.exposures[0].sources.CHN).toEqual({ file: "tiny.csv", row: 10, column: "CHN" });
    expect(m.exposures[0].stage).toBe("refinery");
  });

  it("scenarioPaths gives the same demand and supply as the simulator", () => {
    const ds = tinyDataset();
    const c = compileScenario(
      parseScenario(
        `name: t\nhorizon_months: 5\nstock: { testium: 7 }\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [testium], start_month: 2, severity: 0.7 }\n`,
        "p.yaml",
        ds,
      ),
      ds,
    );
    const p = scenarioPaths(c);
    const s = simulate(c);
    expect(p.horizon).toBe(5);
    const pm = p.minerals.find((m) => m.id === "testium")!;
    expect(pm).toMatchObject({ d0: 100, r: 0.5, price: 1000, stock1: 7 });
    expect(Array.from(pm.demand)).toEqual(Array.from(testium(s).demand));
    expect(Array.from(pm.supply)).toEqual(Array.from(testium(s).supply));
  });
});
