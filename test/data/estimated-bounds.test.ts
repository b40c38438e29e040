import { describe, expect, it } from "vitest";
import { makeFigure } from "../../src/data/import/figure.js";
import { consumptionBaseline, type Mineral } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { cli, rawCell } from "../helpers.js";

const d = loadDataset();
const mineral = (id: string): Mineral => d.minerals.find((m) => m.id === id)!;
const MCS26 = "usgs-mcs2026/MCS2026_Commodities_Data.csv";
const consumption = (id: string, year: number) => mineral(id).salient.find((f) => f.measure === "consumption" && f.year === year)!;

describe("an estimated bound stays an estimate", () => {
  it("makeFigure keeps USGS's estimate flag on a bound and a range, and on a plain number as before", () => {
    const src = { file: "x.csv", row: 2, column: "Value" };
    const bound = makeFigure("<100,000", "metric tons", 2025, "quantity", src, [], { estimated: true })!;
    expect(bound).toMatchObject({ status: "bound", bound: "<", value: 100000, estimated: true });
    const range = makeFigure("50–300", "metric tons", 2025, "quantity", src, [], { estimated: true })!;
    expect(range).toMatchObject({ status: "range", estimated: true });
    expect(makeFigure("1,300", "metric tons", 2025, "quantity", src, [], { estimated: true })).toMatchObject({ status: "estimated", estimated: true });
    expect(makeFigure("<100,000", "metric tons", 2024, "quantity", src, [])!.estimated).toBeUndefined();
  });

  it("zirconium-hafnium: the 2025 consumption bound (row 8819, Notes 'Estimated.') is marked estimated, 2024 (row 8800) is not", () => {
    // raw cells: 2021–2025 are all "<100,000"; only 2025's Notes say "Estimated."
    for (const row of [8762, 8781, 8800, 8819]) expect(rawCell(MCS26, row, "Value")).toBe("<100,000");
    expect(rawCell(MCS26, 8819, "Notes")).toMatch(/^Estimated\./);
    expect(rawCell(MCS26, 8800, "Notes")).not.toMatch(/Estimated/);
    const y25 = consumption("zirconium-hafnium", 2025);
    expect(y25.source.row).toBe(8819);
    expect(y25).toMatchObject({ status: "bound", bound: "<", estimated: true });
    const y24 = consumption("zirconium-hafnium", 2024);
    expect(y24.source.row).toBe(8800);
    expect(y24.estimated).toBeUndefined();
  });

  it("zirconium-hafnium mean:3 skips the estimated 2025 bound and averages 2022–2024 (each <100,000 → 100,000 t)", () => {
    const r = consumptionBaseline(mineral("zirconium-hafnium"), { kind: "mean", years: 3 }).result!;
    expect(r.used.map((y) => [y.year, y.estimated])).toEqual([
      [2024, false],
      [2023, false],
      [2022, false],
    ]);
    expect(r.used.map((y) => y.figure.source.row)).toEqual([8800, 8781, 8762]);
    // (100,000 + 100,000 + 100,000) / 3
    expect(r.annual).toBe(100000);
    expect(r.label).toBe("mean of 2022, 2023, 2024");
    expect(r.note).toContain("latest 2025e (<100,000) left out as an estimate");
  });

  it("latest still takes the estimated bound, now marked e", () => {
    const r = consumptionBaseline(mineral("zirconium-hafnium"), { kind: "latest" }).result!;
    expect(r.label).toBe("2025e");
    expect(r.annual).toBe(100000);
  });

  it("rubidium: its only year is an estimated bound, used and marked e", () => {
    const f = consumption("rubidium", 2025);
    expect(rawCell(MCS26, f.source.row, "Notes")).toMatch(/Estimated\./);
    expect(f).toMatchObject({ status: "bound", estimated: true });
    const r = consumptionBaseline(mineral("rubidium"), { kind: "mean", years: 3 }).result!;
    expect(r.label).toBe("2025e");
    expect(r.note).toContain("estimates used (marked e)");
  });

  it("profile's consumption table marks the estimated bound e", async () => {
    const r = await cli(["mineral", "zirconium-hafnium", "--format", "json"]);
    expect(r.code).toBe(0);
    const years = JSON.parse(r.stdout).consumption.years as { year: number; estimated: boolean; inDefault: boolean }[];
    expect(years.find((y) => y.year === 2025)).toMatchObject({ estimated: true, inDefault: false });
    expect(years.find((y) => y.year === 2024)).toMatchObject({ estimated: false, inDefault: true });
  });
});
