import { describe, expect, it } from "vitest";
import { DERIVATIONS, parseAssumptions } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { rawCell } from "../helpers.js";

const dataset = loadDataset();
const MCS = "usgs-mcs2026/MCS2026_Commodities_Data.csv";
const num = (row: number) => Number(rawCell(MCS, row, "Value").replace(/,/g, ""));

describe("derived assumptions", () => {
  it("tungsten-consumption 2024 equals the hand sum of its MCS 2026 cells", () => {
    // rows of the tungsten salient table, 2024: mine 8175 (—), imports 8177 + 8178, exports 8179 + 8180, NIR 8187 (>50)
    expect(rawCell(MCS, 8175, "Value")).toBe("—");
    expect(rawCell(MCS, 8187, "Value")).toBe(">50");
    const net = num(8177) + num(8178) - num(8179) - num(8180); // 1,550 + 8,730 − 1,410 − 3,480 = 5,390
    expect(net).toBe(5390);
    const low = 0 + net;
    const high = net / 0.5; // 10,780
    const m = dataset.minerals.find((x) => x.id === "tungsten")!;
    const d = DERIVATIONS["tungsten-consumption"].compute(m, 2024);
    if ("reason" in d) throw new Error(d.reason);
    expect(d.range).toEqual([5390, 10780]);
    expect(d.value).toBe((low + high) / 2);
    expect(d.value).toBe(8085);
    expect(d.cells.map((c) => c.source.row).sort()).toEqual([8175, 8177, 8178, 8179, 8180, 8187]);
  });

  it("an entry with derive: gets its value, range and cells at load time", () => {
    const text = `version: 1
assumptions:
  - mineral: tungsten
    quantity: consumption
    derive: tungsten-consumption
    unit: t
    year: 2024
    judgement: "bounds from MCS; the midpoint is a choice"
`;
    const [a] = parseAssumptions(text, "d.yaml", dataset).entries;
    expect(a).toMatchObject({ value: 8085, range: [5390, 10780], derive: "tungsten-consumption" });
    expect(a.cells).toHaveLength(6);
    expect(a.method).toMatch(/^derived \(tungsten-consumption\)/);
  });

  it("refuses a derive: entry that also gives a value, and a year whose rows are not published", () => {
    const base = `version: 1\nassumptions:\n  - mineral: tungsten\n    quantity: consumption\n    derive: tungsten-consumption\n    unit: t\n    judgement: x\n`;
    expect(() => parseAssumptions(`${base}    year: 2024\n    value: 1\n`, "d.yaml", dataset)).toThrow(/value: given with derive:/);
    expect(() => parseAssumptions(`${base}    year: 2019\n`, "d.yaml", dataset)).toThrow(/cannot be computed for 2019/);
  });
});
