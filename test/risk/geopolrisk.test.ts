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
