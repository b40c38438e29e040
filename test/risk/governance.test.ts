import { describe, expect, it } from "vitest";
import { countryIndex, governanceScore, hhiWgi, rescaleWgi, withGovernance } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { rawCell } from "../helpers.js";
import { country } from "./fixtures.js";

describe("rescaleWgi: g = (2.5 − wgi) / 5 × 10, clipped", () => {
  it("maps the WGI ends and middle onto 10 … 0", () => {
    expect(rescaleWgi(2.5)).toBe(0);
    expect(rescaleWgi(-2.5)).toBe(10);
    expect(rescaleWgi(0)).toBe(5);
    expect(rescaleWgi(1)).toBeCloseTo(3, 12);
    expect(rescaleWgi(3)).toBe(0);
    expect(rescaleWgi(-3)).toBe(10);
    expect(rescaleWgi(0, 1)).toBe(0.5);
  });

  it("scores a country from its WGI row and refuses one without WGI", () => {
    const g = governanceScore(country("AAA", -1), "AAA");
    expect(g.ok && g.value).toBeCloseTo(7, 12);
    const none = governanceScore(country("BBB", null), "BBB");
    expect(none.ok).toBe(false);
    expect(!none.ok && none.reason).toMatch(/BBB: no WGI/);
  });

  it("reads China's mean WGI from the row and column it cites", () => {
    const d = loadDataset();
    const g = governanceScore(countryIndex(d).get("CHN"), "CHN");
    if (!g.ok) throw new Error(g.reason);
    const src = g.inputs[0].source!;
    expect(src.column).toBe("mean6_est");
    expect(Number(rawCell(src.file, src.row, src.column))).toBeCloseTo(g.wgi, 4);
    expect(g.value).toBeCloseTo(((2.5 - g.wgi) / 5) * 10, 12);
  });
});

describe("hhiWgi = Σ s² · g", () => {
  it("0.5 at g 2 and 0.5 at g 8 give 0.25·2 + 0.25·8 = 2.5", () => {
    const r = hhiWgi([
      { id: "A", share: 0.5, g: 2 },
      { id: "B", share: 0.5, g: 8 },
    ]);
    expect(r.ok && r.value).toBeCloseTo(2.5, 12);
    expect(r.ok && r.hhi).toBeCloseTo(0.5, 12);
  });

  it("defaults a producer without WGI to the middle of the scale and lists it", () => {
    const countries = new Map([["AAA", country("AAA", 0.5)]]);
    const w = withGovernance(
      [
        { id: "AAA", share: 0.6 },
        { id: "ZZZ", share: 0.4 },
      ],
      countries,
      { wgiAggregate: "mean", unknownG10: 5 },
    );
    expect(w.items.map((x) => x.g)).toEqual([4, 5]);
    expect(w.defaulted).toHaveLength(1);
    expect(w.defaulted[0]).toMatch(/^g\(ZZZ\) = 5/);
    const r = hhiWgi(w.items);
    expect(r.ok && r.value).toBeCloseTo(0.36 * 4 + 0.16 * 5, 12);
  });

  it("refuses g outside 0–10", () => {
    expect(hhiWgi([{ id: "A", share: 1, g: 11 }]).ok).toBe(false);
    expect(hhiWgi([]).ok).toBe(false);
  });
});
