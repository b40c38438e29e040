import { describe, expect, it } from "vitest";
import { catalogue, primarySeries, stagesOf } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { rawCell } from "../helpers.js";

const d = loadDataset();
const MCS = "usgs-mcs2026/MCS2026_Commodities_Data.csv";

describe("catalogue HHI worked by hand from the source rows", () => {
  it("cobalt leads with its 2025 mine table: HHI 0.55540, DR Congo 73.1 %", () => {
    // USGS MCS 2026, cobalt world mine production 2025, rows 1864–1877 (metric tons, cobalt content)
    const rows = Array.from({ length: 14 }, (_, i) => 1864 + i).map(
      (r) => `${rawCell(MCS, r, "Country")}: ${rawCell(MCS, r, "Value")} (${rawCell(MCS, r, "Year")})`,
    );
    expect(rows).toEqual([
      "United States: 300 (2025)",
      "Australia: 3,700 (2025)",
      "Canada: 3,500 (2025)",
      "China: 2,000 (2025)",
      "Congo (Kinshasa): 230,000 (2025)",
      "Cuba: 2,000 (2025)",
      "Indonesia: 44,000 (2025)",
      "Madagascar: 3,900 (2025)",
      "Papua New Guinea: 2,800 (2025)",
      "Philippines: 3,700 (2025)",
      "Russia: 7,700 (2025)",
      "Turkey: 1,900 (2025)",
      "Other countries: 9,100 (2025)",
      "World total: 310,000 (2025)",
    ]);
    // The rounded World total (310,000) is below the sum of the rows, 300 + 3,700 + 3,500 + 2,000
    // + 230,000 + 2,000 + 44,000 + 3,900 + 2,800 + 3,700 + 7,700 + 1,900 + 9,100 (Other) = 314,600,
    // so shares are of 314,600 (a share of a rounded total could exceed 100 %). "Other countries"
    // is not one producer: it counts in the denominator, not in Σ s².
    // In hundreds of tons, Σ t² = 3² + 37² + 35² + 20² + 2300² + 20² + 440² + 39² + 28² + 37² + 77² + 19²
    //   = 9 + 1,369 + 1,225 + 400 + 5,290,000 + 400 + 193,600 + 1,521 + 784 + 1,369 + 5,929 + 361 = 5,496,967
    // HHI = 5,496,967 / 3,146² = 5,496,967 / 9,897,316 = 0.5553998 (5,554 on the 0–10,000 scale)
    // top producer: DR Congo, 230,000 / 314,600 = 0.7310871
    const cobalt = catalogue(d).find((e) => e.id === "cobalt")!;
    expect(cobalt.lead).toMatchObject({ stage: "mine", year: 2025 });
    expect(cobalt.lead!.hhi).toBeCloseTo(0.5553998, 7);
    expect(cobalt.lead!.top!.country).toBe("COD");
    expect(cobalt.lead!.top!.share).toBeCloseTo(0.7310871, 7);
    expect(cobalt.lead!.top!.source).toMatchObject({ file: MCS, row: 1868, column: "Value" });
  });

  it("gallium leads with its 2025 primary table, taken in tons of the sum of the countries: HHI 0.98035", () => {
    // USGS MCS 2026, gallium primary low-purity production 2025, rows 2556–2561 (kilograms)
    const rows = Array.from({ length: 6 }, (_, i) => 2556 + i).map((r) => `${rawCell(MCS, r, "Country")}: ${rawCell(MCS, r, "Value")}`);
    expect(rows).toEqual(["United States: —", "China: 900,000", "Japan: 3,000", "Russia: 6,000", "Other countries: —", "World total: 900,000"]);
    // The sum 900,000 + 3,000 + 6,000 = 909,000 kg exceeds the rounded World total (900,000 kg),
    // so shares are of 909 t: HHI = (900² + 3² + 6²) / 909² = (810,000 + 9 + 36) / 826,281
    //   = 810,045 / 826,281 = 0.9803505; China 900 / 909 = 0.9900990
    const gallium = catalogue(d).find((e) => e.id === "gallium")!;
    expect(gallium.lead).toMatchObject({ stage: "primary", year: 2025 });
    expect(gallium.lead!.hhi).toBeCloseTo(0.9803505, 7);
    expect(gallium.lead!.top!.country).toBe("CHN");
    expect(gallium.lead!.top!.share).toBeCloseTo(0.990099, 6);
  });
});

describe("catalogue entries", () => {
  it("give every stage an HHI or a reason, and list each reason under missing", () => {
    let withHhi = 0;
    for (const e of catalogue(d)) {
      for (const s of e.stages) {
        if (s.hhi !== null) {
          expect(s.hhi, `${e.id} ${s.stage}`).toBeGreaterThan(0);
          expect(s.hhi, `${e.id} ${s.stage}`).toBeLessThanOrEqual(1);
          withHhi++;
        } else {
          expect(s.reason, `${e.id} ${s.stage}`).toBeTruthy();
          expect(e.missing.join(" ")).toContain(s.reason);
        }
      }
    }
    expect(withHhi).toBeGreaterThan(50);
  });

  it("leads each stage with a table that has country figures when one exists", () => {
    for (const m of d.minerals) {
      for (const st of stagesOf(m)) {
        const p = primarySeries(m, st)!;
        const anyWithCountries =
          d.minerals.length > 0 &&
          m.production.some((f) => f.stage === st && f.year === p.year && f.country !== "WORLD" && f.country !== "OTHER" && (f.normalized ?? 0) > 0);
        if (anyWithCountries)
          expect(
            p.countries.some((c) => (c.normalized ?? 0) > 0),
            `${m.id} ${st}`,
          ).toBe(true);
      }
    }
  });
});
