import { describe, expect, it } from "vitest";
import { type CompositeWeights, type Dataset, explainMineral, isLodestoneError, METHODS, type Mineral, measureOf, rank, riskTable } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { country, importShare, mineral, prod, salient } from "./fixtures.js";

const d = loadDataset();
const table = riskTable(d);
const files = new Set(d.sources.map((s) => s.path));

/** The risk table of a one-mineral dataset whose every measure is worked by hand in the tests below. */
function handTable(over: Partial<Mineral> = {}, weights?: CompositeWeights) {
  const handium = mineral("handium", {
    production: [prod("CHN", 60), prod("AUS", 30), prod("OTHER", 10), prod("WORLD", 100)],
    importSources: [importShare("CHN", 50), importShare("AUS", 30), importShare("OTHER", 20)],
    salient: [
      salient("production", 2025, 20),
      salient("imports", 2025, 80),
      salient("net-import-reliance", 2025, 80, { unit: "percent", normalizedUnit: "%" }),
    ],
    ...over,
  });
  const ds: Dataset = { schema: 1, sources: [], notCovered: [], countries: [country("CHN", -0.5), country("AUS", 1.5)], minerals: [handium] };
  return riskTable(ds, weights ? { weights } : {});
}

describe("the full risk table", () => {
  it("has every measure for every mineral: a finite value with steps, or a reason", () => {
    expect(table.minerals.map((r) => r.id)).toEqual(d.minerals.map((m) => m.id));
    for (const r of table.minerals)
      for (const method of METHODS) {
        const m = measureOf(r, method);
        if (m.ok) {
          expect(Number.isFinite(m.value), `${r.id} ${method}`).toBe(true);
          expect(m.steps.length, `${r.id} ${method}`).toBeGreaterThan(0);
        } else expect(m.reason.length, `${r.id} ${method}`).toBeGreaterThan(10);
      }
  });

  it("cites only source files of the dataset, with a row and a column", () => {
    for (const r of table.minerals)
      for (const method of METHODS)
        for (const i of measureOf(r, method).inputs)
          if (i.source) {
            expect(files.has(i.source.file), i.source.file).toBe(true);
            expect(i.source.row).toBeGreaterThan(1);
            expect(i.source.column.length).toBeGreaterThan(0);
          }
  });

  it("keeps values in their ranges: HHI 0–1, HHI_WGI and SR 0–10, GeoPolRisk and composite 0–1", () => {
    for (const r of table.minerals) {
      if (r.hhi.ok) expect(r.hhi.value).toBeLessThanOrEqual(r.hhi.upper + 1e-12);
      for (const [m, hi] of [
        [r.hhi, 1],
        [r.hhiWgi, 10],
        [r.euSr, 10],
        [r.geopolrisk, 1],
        [r.composite, 1],
      ] as const)
        if (m.ok) {
          expect(m.value).toBeGreaterThanOrEqual(0);
          expect(m.value).toBeLessThanOrEqual(hi + 1e-9);
        }
    }
  });

  it("gives the hand-worked composite of a one-mineral dataset: 0.43332", () => {
    const r = handTable().minerals[0];
    // HHI: mine 2025, CHN 60 and AUS 30 of a World total of 100 (Other 10): 0.6² + 0.3² = 0.45
    expect(r.hhi.ok && r.hhi.value).toBeCloseTo(0.45, 12);
    // HHI_WGI: g = (2.5 − WGI) / 5 × 10 → CHN (WGI −0.5) 6, AUS (WGI 1.5) 2;
    // 0.36 × 6 + 0.09 × 2 = 2.16 + 0.18 = 2.34, as a component 2.34 / 10 = 0.234
    expect(r.hhiWgi.ok && r.hhiWgi.value).toBeCloseTo(2.34, 12);
    // NIR 2025: 80 % → IR 0.8
    expect(r.nir.ok && r.nir.ir).toBeCloseTo(0.8, 12);
    // GeoPolRisk: p = 20, F = 80; imports CHN 50 %, AUS 30 %, Other 20 % → f = 40, 24, 16;
    // g = (2.5 − PV) / 5 → CHN 0.6, AUS 0.2, Other 0.5 (default); Σ g·f = 24 + 4.8 + 8 = 36.8;
    // import risk 36.8 / (20 + 80) = 0.368; GeoPolRisk = 0.45 × 0.368 = 0.1656
    expect(r.geopolrisk.ok && r.geopolrisk.value).toBeCloseTo(0.1656, 12);
    // composite, default weights 0.2 / 0.3 / 0.3 / 0.2 (sum 1):
    // 0.2 × 0.45 + 0.3 × 0.234 + 0.3 × 0.8 + 0.2 × 0.1656 = 0.09 + 0.0702 + 0.24 + 0.03312 = 0.43332
    expect(r.composite.ok && r.composite.value).toBeCloseTo(0.43332, 12);
    expect(r.composite.ok && r.composite.coverage).toBe(1);
  });

  it("renormalises the hand-worked composite over the components it has, with the user's weights: 0.571", () => {
    // no US import sources → no GeoPolRisk; weights hhi 1, hhiWgi 1, nir 2, geopolrisk 1 (total 5):
    // (1 × 0.45 + 1 × 0.234 + 2 × 0.8) / (1 + 1 + 2) = 2.284 / 4 = 0.571, coverage 4 / 5 = 0.8
    const r = handTable({ importSources: [] }, { hhi: 1, hhiWgi: 1, nir: 2, geopolrisk: 1 }).minerals[0];
    expect(r.geopolrisk.ok).toBe(false);
    if (!r.composite.ok) throw new Error(r.composite.reason);
    expect(r.composite.value).toBeCloseTo(0.571, 12);
    expect(r.composite.coverage).toBeCloseTo(0.8, 12);
    expect(r.composite.missing.map((m) => m.component)).toEqual(["geopolrisk"]);
  });

  it("ranks highest first with the minerals it cannot compute last", () => {
    for (const method of METHODS) {
      const ranked = rank(table.minerals, method).map((r) => measureOf(r, method));
      const firstMissing = ranked.findIndex((m) => !m.ok);
      const values = ranked.slice(0, firstMissing < 0 ? undefined : firstMissing).map((m) => (m.ok ? m.value : NaN));
      expect(values).toEqual([...values].sort((a, b) => b - a));
      if (firstMissing >= 0) expect(ranked.slice(firstMissing).every((m) => !m.ok)).toBe(true);
    }
  });

  it("restricts stage-dependent measures to one stage, and rejects an unknown stage", () => {
    const mine = riskTable(d, { stage: "mine" });
    for (const r of mine.minerals) if (r.hhi.ok) expect(r.hhi.stage).toBe("mine");
    expect(mine.minerals.find((r) => r.id === "bismuth")!.hhi.ok).toBe(false); // bismuth is a refinery table
    try {
      riskTable(d, { stage: "moon" });
      expect.unreachable();
    } catch (e) {
      expect(isLodestoneError(e) && e.code).toBe("bad-input");
      expect(isLodestoneError(e) && e.issues[0].field).toBe("--stage");
    }
  });
});

describe("explainMineral", () => {
  it("explains gallium: each measure with its inputs' source cells and steps", () => {
    const e = explainMineral(d, "gallium");
    const names = e.measures.map((m) => m.measure);
    expect(names).toEqual(expect.arrayContaining(["HHI_WGI (global)", "EU supply risk", "US net import reliance", "GeoPolRisk", "Composite criticality"]));
    const sr = e.measures.find((m) => m.measure === "EU supply risk")!;
    expect(sr.ok).toBe(true);
    // EOL_RIR and SI_SR come from the EU 2023 study for gallium, so nothing is defaulted
    expect(sr.defaulted).toEqual([]);
    expect(sr.steps.find((s) => s.label === "EOL_RIR, SI_SR")?.value).toBe("EU 2023 / EU 2023");
    expect(sr.inputs.some((i) => /^usgs-mcs2026\/MCS2026_Commodities_Data\.csv:\d+:Value$/.test(i.ref))).toBe(true);
  });

  it("answers an unknown id with the closest ids", () => {
    try {
      explainMineral(d, "galium");
      expect.unreachable();
    } catch (e) {
      expect(isLodestoneError(e) && e.code).toBe("not-found");
      expect(isLodestoneError(e) && e.issues[0].suggestions).toContain("gallium");
    }
  });
});
