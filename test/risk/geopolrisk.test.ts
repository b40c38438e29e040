import { describe, expect, it } from "vitest";
import { countryIndex, geoPolRisk, geoPolRiskOf, RISK_DEFAULTS } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { rawCell } from "../helpers.js";
import { country, importShare, mineral, prod, salient } from "./fixtures.js";

describe("geoPolRisk on hand-worked inputs", () => {
  it("0.5 × (0.2·60 + 0.8·40) / (100 + 100) = 0.5 × 0.22 = 0.11", () => {
    const r = geoPolRisk({
      hhi: 0.5,
      imports: [
        { id: "A", f: 60, g: 0.2 },
        { id: "B", f: 40, g: 0.8 },
      ],
      p: 100,
      F: 100,
    });
    if (!r.ok) throw new Error(r.reason);
    expect(r.importRisk).toBeCloseTo(0.22, 12);
    expect(r.value).toBeCloseTo(0.11, 12);
  });

  it("domestic production dilutes the import risk", () => {
    const a = geoPolRisk({ hhi: 1, imports: [{ id: "A", f: 10, g: 1 }], p: 0, F: 10 });
    const b = geoPolRisk({ hhi: 1, imports: [{ id: "A", f: 10, g: 1 }], p: 30, F: 10 });
    expect(a.ok && a.value).toBe(1);
    expect(b.ok && b.value).toBeCloseTo(0.25, 12);
  });

  it("refuses p + F = 0 and g outside 0–1", () => {
    expect(geoPolRisk({ hhi: 0.5, imports: [{ id: "A", f: 0, g: 0.5 }], p: 0, F: 0 }).ok).toBe(false);
    expect(geoPolRisk({ hhi: 0.5, imports: [{ id: "A", f: 1, g: 2 }], p: 0, F: 1 }).ok).toBe(false);
  });
});

describe("geoPolRiskOf a tiny mineral", () => {
  const countries = new Map([
    ["AAA", country("AAA", 0)],
    ["BBB", country("BBB", 2.5)],
  ]);
  const base = mineral("x", {
    production: [prod("AAA", 80), prod("BBB", 20), prod("WORLD", 100)],
    importSources: [importShare("AAA", 50), importShare("BBB", 30), importShare("OTHER", 20)],
    salient: [salient("production", 2025, 20), salient("imports", 2025, 80)],
  });

  it("weights imports by PV rescaled to 0–1, with Other countries at the stated default", () => {
    const r = geoPolRiskOf(base, countries, RISK_DEFAULTS);
    if (!r.ok) throw new Error(r.reason);
    // HHI 0.68; f = 40, 24, 16; g = 0.5, 0, 0.5 (OTHER defaulted); Σgf = 28; /(20 + 80) = 0.28
    expect(r.hhi).toBeCloseTo(0.68, 12);
    expect(r.importRisk).toBeCloseTo(0.28, 12);
    expect(r.value).toBeCloseTo(0.68 * 0.28, 12);
    expect(r.defaulted).toHaveLength(1);
    expect(r.defaulted[0]).toMatch(/^g\(OTHER\) = 0.5/);
  });

  it("does not treat withheld US production as zero", () => {
    const m = { ...base, salient: [salient("production", 2025, null), salient("imports", 2025, 80)] };
    const r = geoPolRiskOf(m, countries, RISK_DEFAULTS);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/production 2025 = "W" \(withheld\)/);
  });

  it("falls back to the latest year in which p and F are both published", () => {
    const m = {
      ...base,
      salient: [salient("production", 2024, 10), salient("imports", 2024, 90), salient("production", 2025, null), salient("imports", 2025, 80)],
    };
    const r = geoPolRiskOf(m, countries, RISK_DEFAULTS);
    if (!r.ok) throw new Error(r.reason);
    expect(r.p).toBe(10);
    expect(r.F).toBe(90);
  });
});

describe("GeoPolRisk on the embedded data", () => {
  it("gallium: p and F come from the cells they cite and the score is HHI × import risk", () => {
    const d = loadDataset();
    const r = geoPolRiskOf(d.minerals.find((x) => x.id === "gallium")!, countryIndex(d), RISK_DEFAULTS);
    if (!r.ok) throw new Error(r.reason);
    const F = r.inputs.find((i) => i.name.startsWith("F:"))!;
    expect(rawCell(F.source!.file, F.source!.row, F.source!.column)).toBe(F.raw);
    expect(r.value).toBeCloseTo(r.hhi * r.importRisk, 12);
    expect(r.value).toBeGreaterThan(0);
    expect(r.value).toBeLessThanOrEqual(1);
  });
});

describe("GeoPolRisk on one product chain", () => {
  const d = loadDataset();
  const countries = countryIndex(d);
  const byId = (id: string) => d.minerals.find((x) => x.id === id)!;
  const cell = (i: { source?: { file: string; row: number; column: string } }) => rawCell(i.source!.file, i.source!.row, i.source!.column);

  it("nickel: mine stage throughout (ores, not primary metal): p = 10,000 t, F = 20 t, HHI by hand 0.45585 → 0.000455", () => {
    const r = geoPolRiskOf(byId("nickel"), countries, RISK_DEFAULTS);
    if (!r.ok) throw new Error(r.reason);
    const p = r.inputs.find((i) => i.name.startsWith("p:"))!;
    const F = r.inputs.find((i) => i.name.startsWith("F:"))!;
    // MCS 2026 rows 5024 and 5026: "Production: Mine" 10,000 and "Imports: Ores and concentrates" 20 (2025)
    expect([p.source!.row, cell(p)]).toEqual([5024, "10,000"]);
    expect([F.source!.row, cell(F)]).toEqual([5026, "20"]);
    // world mine production 2025 (rows 5061–5071), shares of the 3,900,000 t World total:
    // IDN 2.6, PHL 0.27, RUS 0.2, CAN 0.14, NCL 0.14, CHN 0.12, BRA 0.07, AUS 0.045, USA 0.01 (Mt)
    // Σ t² = 6.76 + 0.0729 + 0.04 + 0.0196 + 0.0196 + 0.0144 + 0.0049 + 0.002025 + 0.0001 = 6.933525
    // HHI = 6.933525 / 3.9² = 6.933525 / 15.21 = 0.455853
    const world = r.inputs.find((i) => i.name === "World total")!;
    expect(cell(world)).toBe("3,900,000");
    expect(r.hhi).toBeCloseTo(6.933525 / 15.21, 9);
    // no partner table for nickel ores: all of F at g = 0.5; import risk = 0.5 × 20 / (10,000 + 20)
    expect(r.importRisk).toBeCloseTo(10 / 10020, 12);
    expect(r.value).toBeCloseTo((6.933525 / 15.21) * (10 / 10020), 12);
    expect(r.chain).toMatchObject({ product: "nickel ores and concentrates", from: "table", partners: "none published for this product" });
    expect(r.defaulted[0]).toMatch(/g of all of F = 0.5/);
  });

  it("copper: ore imports with ore partners, not refined imports with blister partners", () => {
    const r = geoPolRiskOf(byId("copper"), countries, RISK_DEFAULTS);
    if (!r.ok) throw new Error(r.reason);
    // ore and concentrate imports are suppressed (s) in 2024–25: the latest year with p and F is 2023
    const F = r.inputs.find((i) => i.name.startsWith("F:"))!;
    expect(F.name).toMatch(/Ore and concentrate/);
    expect(cell(F)).toBe("3");
    expect(r.F).toBe(3000);
    expect(r.p).toBe(1130000);
    expect(r.inputs.filter((i) => i.name.startsWith("import share")).every((i) => i.name.includes("Copper content of ore and concentrate"))).toBe(true);
    // the refinery chain, on request, is refined throughout
    const ref = geoPolRiskOf(byId("copper"), countries, RISK_DEFAULTS, "refinery");
    if (!ref.ok) throw new Error(ref.reason);
    expect(ref.chain.F).toMatch(/Refined/);
    expect(ref.chain.partners).toMatch(/"Refined copper"/);
    expect(ref.chain.p).toMatch(/Refinery: Primary/);
  });

  it("tin: p is no US mine production (0, stated), not old scrap", () => {
    const r = geoPolRiskOf(byId("tin"), countries, RISK_DEFAULTS);
    if (!r.ok) throw new Error(r.reason);
    expect(r.p).toBe(0);
    expect(r.chain.p).toMatch(/no US production row/);
    expect(r.inputs.some((i) => /scrap/i.test(i.name) && i.name.startsWith("p:"))).toBe(false);
  });

  it("bauxite: the mine chain refuses withheld bauxite output instead of taking alumina output for p", () => {
    const r = geoPolRiskOf(byId("bauxite-alumina"), countries, RISK_DEFAULTS);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/of bauxite; not usable: production 2025 = "W"/);
    const al = geoPolRiskOf(byId("bauxite-alumina"), countries, RISK_DEFAULTS, "refinery");
    if (!al.ok) throw new Error(al.reason);
    expect(al.chain.partners).toMatch(/"Alumina"/);
    expect(al.chain.p).toMatch(/refinery/);
  });

  it("every mineral with an HHI has a product chain, or a stated reason why none is consistent", () => {
    for (const m of d.minerals) {
      const r = geoPolRiskOf(m, countries, RISK_DEFAULTS);
      if (!r.ok) expect(r.reason, m.id).not.toMatch(/data is ambiguous/);
    }
  });

  it("a mineral with several imports rows and no stated chain is refused, not read from the first row", () => {
    const countries2 = new Map([["AAA", country("AAA", 0)]]);
    const m = mineral("x", {
      production: [prod("AAA", 80), prod("BBB", 20), prod("WORLD", 100)],
      importSources: [importShare("AAA", 100)],
      salient: [
        salient("production", 2025, 20),
        salient("imports", 2025, 5, { detail: "Imports: Ores" }),
        salient("imports", 2025, 80, { detail: "Imports: Metal" }),
      ],
    });
    const r = geoPolRiskOf(m, countries2, RISK_DEFAULTS);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(
      /no product chain stated, and the data is ambiguous \(1 US production rows, 2 imports rows, 1 partner tables in the latest year, 1 production stages/,
    );
  });

  it("a mineral with production tables at two stages and no stated chain is refused: one US production row cannot be placed", () => {
    const m = mineral("x", {
      production: [
        prod("AAA", 80),
        prod("BBB", 20),
        prod("WORLD", 100),
        prod("AAA", 50, "refinery"),
        prod("BBB", 50, "refinery"),
        prod("WORLD", 100, "refinery"),
      ],
      importSources: [importShare("AAA", 100)],
      salient: [salient("production", 2025, 20), salient("imports", 2025, 80)],
    });
    const r = geoPolRiskOf(m, new Map([["AAA", country("AAA", 0)]]), RISK_DEFAULTS, "refinery");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/2 production stages/);
  });

  it("--explain shows the chain", async () => {
    const { cli } = await import("../helpers.js");
    const r = await cli(["risk", "nickel", "--explain"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /product chain \(stated per mineral\): nickel ores and concentrates\n\s+HHI: mine \/ Nickel \/ 2025\n\s+p: "Production: Mine" 2025\n\s+F: "Imports: Ores and concentrates" 2025/,
    );
  });
});
