import { describe, expect, it } from "vitest";
import { countryIndex, euSupplyRisk, euSupplyRiskOf, RISK_DEFAULTS } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { country, importShare, mineral, prod, salient } from "./fixtures.js";

describe("euSupplyRisk on hand-worked inputs", () => {
  it("SR = [4 × 0.6/2 + 2 × (1 − 0.6/2)] × (1 − 0.25) × 0.8 = 2.6 × 0.6 = 1.56", () => {
    const r = euSupplyRisk({ hhiWgiGlobal: 4, hhiWgiSourcing: 2, ir: 0.6, eolRir: 0.25, siSr: 0.8 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.value).toBeCloseTo(1.56, 12);
    expect(r.steps.map((s) => s.value)).toEqual([1.2, 1.4, 1.56]);
    expect(r.caveats.join(" ")).toMatch(/threshold/);
  });

  it("with IR = 0 only the sourcing term counts", () => {
    const r = euSupplyRisk({ hhiWgiGlobal: 9, hhiWgiSourcing: 0.5, ir: 0, eolRir: 0, siSr: 1 });
    expect(r.ok && r.value).toBeCloseTo(0.5, 12);
  });

  it("refuses inputs outside their ranges", () => {
    expect(euSupplyRisk({ hhiWgiGlobal: 4, hhiWgiSourcing: 2, ir: 1.2, eolRir: 0, siSr: 1 }).ok).toBe(false);
    expect(euSupplyRisk({ hhiWgiGlobal: 12, hhiWgiSourcing: 2, ir: 0.5, eolRir: 0, siSr: 1 }).ok).toBe(false);
  });
});

describe("euSupplyRiskOf a tiny mineral", () => {
  // production: A 80 (WGI 0 → g 5), B 20 (WGI 2.5 → g 0) of a 100 t world; imports: B 50 %, A 30 %, other 20 %; NIR 60
  const countries = new Map([
    ["AAA", country("AAA", 0)],
    ["BBB", country("BBB", 2.5)],
  ]);
  const m = mineral("x", {
    production: [prod("AAA", 80), prod("BBB", 20), prod("WORLD", 100)],
    importSources: [importShare("BBB", 50), importShare("AAA", 30), importShare("OTHER", 20)],
    salient: [salient("net-import-reliance", 2025, 60, { unit: "percent", normalized: 60, normalizedUnit: "%" })],
  });

  it("combines global and sourcing HHI_WGI, lists EOL_RIR and SI_SR as defaulted", () => {
    const r = euSupplyRiskOf(m, countries, RISK_DEFAULTS);
    if (!r.ok) throw new Error(r.reason);
    // global 0.64 × 5 = 3.2; sourcing 0.09 × 5 + 0.25 × 0 = 0.45 (Other left out); IR 0.6
    expect(r.hhiWgiGlobal).toBeCloseTo(3.2, 12);
    expect(r.hhiWgiSourcing).toBeCloseTo(0.45, 12);
    expect(r.value).toBeCloseTo(3.2 * 0.3 + 0.45 * 0.7, 12);
    expect(r.defaulted.map((x) => x.split(" ")[0])).toEqual(["EOL_RIR", "SI_SR"]);
  });

  it("uses per-mineral parameters when given, and then does not list them as defaulted", () => {
    const r = euSupplyRiskOf(m, countries, RISK_DEFAULTS, undefined, { eolRir: 0.5, siSr: 0.5 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.value).toBeCloseTo((3.2 * 0.3 + 0.45 * 0.7) * 0.25, 12);
    expect(r.defaulted).toEqual([]);
  });

  it("says why when there are no import sources", () => {
    const r = euSupplyRiskOf({ ...m, importSources: [] }, countries, RISK_DEFAULTS);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/no US import sources/);
  });
});

describe("EU SR on the embedded data", () => {
  it("gallium's SR is above the EU threshold of 1, with the EU 2023 EOL_RIR and SI_SR (none defaulted)", () => {
    const d = loadDataset();
    const r = euSupplyRiskOf(d.minerals.find((x) => x.id === "gallium")!, countryIndex(d), RISK_DEFAULTS);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value).toBeGreaterThan(1);
    // eu2023_parameters.csv, Gallium: si_sr 0.98, eol_rir_pct 0
    expect(r.params).toEqual({ eolRir: "EU 2023", siSr: "EU 2023", material: "Gallium" });
    expect([r.eolRir, r.siSr]).toEqual([0, 0.98]);
    expect(r.defaulted).toEqual([]);
  });
});
