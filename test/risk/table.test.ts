import { describe, expect, it } from "vitest";
import { loadDataset } from "../../src/io/dataset.js";
import { COMPONENTS, explainMineral, isLodestoneError, measureOf, METHODS, rank, riskTable, RISK_DEFAULTS } from "../../src/index.js";

const d = loadDataset();
const table = riskTable(d);
const files = new Set(d.sources.map((s) => s.path));

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
      for (const [m, hi] of [[r.hhi, 1], [r.hhiWgi, 10], [r.euSr, 10], [r.geopolrisk, 1], [r.composite, 1]] as const)
        if (m.ok) {
          expect(m.value).toBeGreaterThanOrEqual(0);
          expect(m.value).toBeLessThanOrEqual(hi + 1e-9);
        }
    }
  });

  it("recomputes each composite from its components and the default weights", () => {
    for (const r of table.minerals) {
      if (!r.composite.ok) continue;
      const x = { hhi: r.hhi.ok ? r.hhi.value : null, hhiWgi: r.hhiWgi.ok ? r.hhiWgi.value / 10 : null, nir: r.nir.ok ? r.nir.ir : null, geopolrisk: r.geopolrisk.ok ? r.geopolrisk.value : null };
      const used = COMPONENTS.filter((k) => x[k] !== null);
      const w = used.reduce((a, k) => a + RISK_DEFAULTS.weights[k], 0);
      expect(r.composite.value).toBeCloseTo(used.reduce((a, k) => a + RISK_DEFAULTS.weights[k] * (x[k] as number), 0) / w, 12);
    }
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
    expect(sr.defaulted.length).toBe(2);
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
