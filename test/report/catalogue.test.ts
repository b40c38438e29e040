import { describe, expect, it } from "vitest";
import { catalogue, concentration, primarySeries, stagesOf } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";

const d = loadDataset();

describe("catalogue and risk agree", () => {
  it("shows, for every mineral and stage, the HHI and top producer the risk module computes for that stage", () => {
    let compared = 0;
    for (const e of catalogue(d)) {
      const m = d.minerals.find((x) => x.id === e.id)!;
      for (const s of e.stages) {
        const c = concentration(m, s.stage).best;
        if (c.ok) {
          expect(s.hhi).toBe(c.value);
          expect(s.top?.country).toBe(c.top1Id);
          compared++;
        } else {
          expect(s.hhi).toBeNull();
          expect(s.reason).toBe(c.reason);
          expect(e.missing.join(" ")).toContain(c.reason);
        }
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it("leads each stage with a table that has country figures when one exists", () => {
    for (const m of d.minerals) {
      for (const st of stagesOf(m)) {
        const p = primarySeries(m, st)!;
        const anyWithCountries = d.minerals.length > 0 && m.production.some((f) => f.stage === st && f.year === p.year && f.country !== "WORLD" && f.country !== "OTHER" && (f.normalized ?? 0) > 0);
        if (anyWithCountries) expect(p.countries.some((c) => (c.normalized ?? 0) > 0), `${m.id} ${st}`).toBe(true);
      }
    }
  });
});
