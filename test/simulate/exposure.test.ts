/**
 * Unknown exposure is not zero exposure (README "Scenarios and simulation"): a restricted mineral without any
 * exposure shares has an unknown shortfall; one without world shares falls back to US import
 * shares, saying so; an unpublished (W/NA) restricted producer makes the shortfall a lower bound.
 */
import { describe, expect, it } from "vitest";
import { compileScenario, type Dataset, parseScenario, planScenarios, scenarioPaths, simulate, simulationAudit, simulationRows } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { loadScenario } from "../../src/io/scenario-file.js";
import { imp, prod, salient, tinyDataset } from "./tiny.js";

const ban = (mineral = "testium", countries = "[CHN]") =>
  `name: t\nhorizon_months: 2\nevents:\n  - { type: export_restriction, countries: ${countries}, minerals: [${mineral}], severity: 1 }\n`;
const compile = (yaml: string, ds: Dataset) => compileScenario(parseScenario(yaml, "e.yaml", ds), ds);

describe("exposure shares: unknown is not zero", () => {
  it("no world production: US import shares are used instead, and the note says so", () => {
    // imports 70 % CHN → φ = 0.7; imports d0·r = 50 → supply 50 + 15 = 65; shortfall 35 a month
    const ds = tinyDataset({ production: [] });
    const c = compile(ban(), ds);
    const m = c.minerals.find((x) => x.id === "testium")!;
    expect(m.exposures[0].basis).toBe("imports");
    expect(m.notes.join("\n")).toMatch(/exposure: world has no country shares for testium .*US import shares \(All, 2021–24\) used instead/);
    const r = simulate(c).minerals.find((x) => x.id === "testium")!;
    expect(Array.from(r.shortfall)).toEqual([35, 35]);
    const a = simulationAudit(simulate(c));
    expect(a.minerals[0].inputs.exposure).toMatchObject({ basis: "imports", fallback: expect.stringMatching(/used instead/) });
  });

  it("no shares of either kind: the mineral's shortfall is unknown (null with the reason), not 0", () => {
    const ds = tinyDataset({ production: [prod("WORLD", 100)], importSources: [] });
    const c = compile(ban(), ds);
    expect(c.minerals.map((m) => m.id)).not.toContain("testium");
    const x = c.excluded.find((e) => e.id === "testium")!;
    expect(x.reason).toMatch(/exposure is unknown.*shortfall is unknown, not 0/);
    expect(x.unknownShortfall).toEqual({ d0: 100, r: 0.5 });
    const r = simulate(c);
    const row = simulationRows(r).find((w) => w.mineral === "testium")!;
    expect(row.shortfall).toBeNull();
    expect(row.valueMusd).toBeNull();
    expect(row.peak).toBeNull();
    expect(row.d0).toBe(100);
    expect(String(row.note)).toMatch(/shortfall unknown/);
    const json = simulationAudit(r).excluded.find((e) => e.id === "testium")!;
    expect(json).toMatchObject({ shortfall: null, d0: 100, r: 0.5 });
    // the optimiser's paths leave it out, and its notes give the reason
    expect(scenarioPaths(c).minerals.map((m) => m.id)).not.toContain("testium");
    const set = planScenarios([{ compiled: c }], ds);
    expect(set.notes.join("\n")).toMatch(/testium left out by the simulator: .*exposure is unknown/);
  });

  it("no shares but no imports (r = 0): nothing to restrict, the 0 shortfall is exact", () => {
    const ds = tinyDataset({ production: [], importSources: [], salient: [salient("consumption", 1200), salient("net-import-reliance", 0)] });
    const c = compile(ban(), ds);
    const m = c.minerals.find((x) => x.id === "testium")!;
    expect(m.notes.join("\n")).toMatch(/net import reliance is 0.*exact/);
    expect(simulate(c).minerals[0].metrics.totalShortfall).toBe(0);
  });

  it("a withheld restricted producer: its share is unknown, the shortfall a lower bound (notes, JSON, table)", () => {
    // refinery: CHN withheld (W), AUS 40, world 100 → only AUS known; a ban on CHN shows 0, a lower bound
    const w = { ...prod("CHN", 0), value: null, normalized: null, status: "withheld" as const, raw: "W" };
    const ds = tinyDataset({ production: [w, prod("AUS", 40), prod("WORLD", 100)] });
    const c = compile(ban(), ds);
    const m = c.minerals.find((x) => x.id === "testium")!;
    expect(m.exposures[0].unknown.map((u) => `${u.country} (${u.raw})`)).toEqual(["CHN (W)"]);
    expect(m.exposures[0].note).toMatch(/no published figure for CHN \(W\): its share is unknown, not 0/);
    expect(m.lowerBound).toMatch(/CHN \(W\).*lower bound/);
    const r = simulate(c);
    const a = simulationAudit(r).minerals[0];
    expect(a.metrics.lowerBound).toMatch(/lower bound/);
    expect(a.inputs.exposure).toMatchObject({ unknown: [{ country: "CHN", raw: "W", source: w.source }] });
    expect(String(simulationRows(r)[0].note)).toMatch(/lower bound/);
    // a ban on AUS alone: the withheld CHN is not restricted, no lower-bound flag
    const aus = compile(ban("testium", "[AUS]"), ds).minerals.find((x) => x.id === "testium")!;
    expect(aus.lowerBound).toBeUndefined();
    expect(planScenarios([{ compiled: c }], ds).notes.join("\n")).toMatch(/testium: .*lower bound/);
  });

  it("says which case takes shares of the sum of countries: no World total, or a World total below the sum", () => {
    const none = compile(ban(), tinyDataset({ production: [prod("CHN", 60), prod("AUS", 40)] })).minerals[0];
    expect(none.exposures[0].note).toBe("no World total: shares of the sum of countries");
    const below = compile(ban(), tinyDataset({ production: [prod("CHN", 60), prod("AUS", 45), prod("WORLD", 100)] })).minerals[0];
    expect(below.exposures[0].note).toBe("World total below the sum of countries: shares of the sum");
    expect(below.exposures[0].shares.CHN).toBeCloseTo(60 / 105, 12);
    const exact = compile(ban(), tinyDataset()).minerals[0];
    expect(exact.exposures[0].note).toBeUndefined();
  });

  it("imports basis without import shares falls back to world production", () => {
    const ds = tinyDataset({ importSources: [imp("OTHER", 100)] });
    const c = compile(
      `name: t\nhorizon_months: 1\nexposure: imports\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [testium], severity: 1 }\n`,
      ds,
    );
    const m = c.minerals[0];
    expect(m.exposures[0].basis).toBe("world");
    expect(m.exposures[0].shares.CHN).toBeCloseTo(0.6, 12);
  });
});

describe("the coalition scenario on the real dataset", () => {
  const ds = loadDataset();
  const c = compileScenario(loadScenario("coalition-chn-rus-irn", ds), ds);
  const r = simulate(c);
  const rows = simulationRows(r);

  it("germanium (no world production series) is not reported as 0 shortfall", () => {
    const ge = rows.find((x) => x.mineral === "germanium")!;
    expect(ge).toBeDefined();
    // either simulated on US import shares (then China's share makes it short) or unknown (null)
    if (ge.shortfall === null) expect(String(ge.note)).toMatch(/unknown/);
    else {
      expect(ge.shortfall).toBeGreaterThan(0);
      expect(c.minerals.find((m) => m.id === "germanium")!.notes.join("\n")).toMatch(/US import shares .* used instead/);
    }
  });

  it("no restricted mineral with imports and without exposure shares shows a 0 shortfall", () => {
    for (const m of r.minerals) {
      if (m.r > 0)
        expect(
          m.exposures.every((e) => e.usable),
          m.id,
        ).toBe(true);
    }
    for (const x of c.excluded) if (x.unknownShortfall) expect(rows.find((w) => w.mineral === x.id)!.shortfall).toBeNull();
  });

  it("mica: China's figure is NA, so the shortfall is flagged as a lower bound", () => {
    const mica = r.minerals.find((m) => m.id === "mica")!;
    expect(mica.lowerBound).toMatch(/CHN \(NA\)/);
  });

  it('a mineral short in its only sector names it ("all"), not —', () => {
    const sb = rows.find((x) => x.mineral === "antimony")!;
    expect(sb.shortfall).toBeGreaterThan(0);
    expect(sb.worstSector).toBe("all");
    const none = rows.find((x) => x.mineral === "iron-ore")!; // r = 0: never short
    expect(none.worstSector).toBeNull();
  });
});
