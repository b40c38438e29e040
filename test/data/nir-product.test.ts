/**
 * Net import reliance is a share of apparent consumption, so the NIR used must be the product whose
 * consumption row is used. Figures read by hand from data/sources/usgs-mcs2026/MCS2026_Commodities_Data.csv
 * (file lines, header = line 1).
 */
import { describe, expect, it } from "vitest";
import { salientFor } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { mineralOf } from "../helpers.js";

const d = loadDataset();

describe("the NIR of the product consumption counts", () => {
  it("zinc: consumption is refined zinc (808 kt, 2024), so NIR is refined zinc's 73 %, not the ores' net export", () => {
    const zinc = mineralOf(d, "zinc");
    expect(salientFor(zinc, "consumption", 2024)).toMatchObject({ value: 808, detail: expect.stringMatching(/refined zinc/) });
    const nir = salientFor(zinc, "net-import-reliance", 2024);
    expect(nir).toMatchObject({ value: 73, detail: expect.stringMatching(/Refined zinc/) });
    expect(nir?.source.row).toBe(8661);
  });

  it("bauxite and alumina: consumption is alumina's (line 730, 1,900 kt), so NIR is alumina's 63 % (line 732), not bauxite's >75 (line 725)", () => {
    const b = mineralOf(d, "bauxite-alumina");
    expect(salientFor(b, "consumption", 2024)).toMatchObject({ value: 1900, source: { row: 730 } });
    expect(salientFor(b, "net-import-reliance", 2024)).toMatchObject({ value: 63, source: { row: 732 } });
  });
});
