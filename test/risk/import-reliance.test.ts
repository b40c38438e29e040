import { describe, expect, it } from "vitest";
import { importReliance, importRelianceOf, type NirPoint } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { rawCell } from "../helpers.js";

const pt = (year: number, raw: string): NirPoint => {
  if (raw === "E") return { year, value: null, status: "net-exporter", raw };
  if (raw === "W") return { year, value: null, status: "withheld", raw };
  const b = /^([<>])(\d+)$/.exec(raw);
  if (b) return { year, value: Number(b[2]), status: "bound", bound: b[1] as ">" | "<", raw };
  return { year, value: Number(raw), status: "reported", raw };
};

describe("importReliance on hand-worked years", () => {
  it("uses the latest usable year, keeps a bound's sign as an interval, and fits the trend by least squares", () => {
    const r = importReliance([pt(2021, "80"), pt(2022, "90"), pt(2023, ">95"), pt(2024, "W")]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.year).toBe(2023);
    // ">95" is [95, 100] %, ranked at its midpoint 97.5 (it was used as 95 before)
    expect(r.range).toEqual([95, 100]);
    expect(r.value).toBe(97.5);
    expect(r.bound).toBe(">");
    expect(r.raw).toBe(">95");
    expect(r.ir).toBeCloseTo(0.975, 12);
    expect(r.irRange).toEqual([0.95, 1]);
    // x̄ = 2022, ȳ = 88.33; Sxy = (−1)(−8.33) + (1)(6.67) = 15, Sxx = 2 → 7.5 pp/yr
    expect(r.trend!.slope).toBeCloseTo(7.5, 12);
    expect(r.trend!.direction).toBe("rising");
    expect(r.trend!.boundYears).toEqual([2023]);
    expect(r.caveats.join(" ")).toMatch(/2024 "W"/);
  });

  it("treats a net exporter (E) as IR 0 and leaves E years out of the trend", () => {
    const r = importReliance([pt(2022, "10"), pt(2023, "E"), pt(2024, "E")]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.netExporter).toBe(true);
    expect(r.value).toBe(0);
    expect(r.ir).toBe(0);
    expect(r.trend).toBeUndefined();
    expect(r.trendReason).toMatch(/fewer than two/);
  });

  it("refuses when every year is withheld, naming them", () => {
    const r = importReliance([pt(2024, "W"), pt(2025, "W")]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/2025: "W"/);
    expect(importReliance([]).ok).toBe(false);
  });
});

describe("importReliance on the embedded data", () => {
  const d = loadDataset();
  it("gallium is 100 % import reliant in its latest year, from the cell it cites", () => {
    const r = importRelianceOf(d.minerals.find((m) => m.id === "gallium")!);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value).toBe(100);
    const latest = r.points.find((p) => p.year === r.year)!;
    expect(rawCell(latest.source!.file, latest.source!.row, latest.source!.column)).toBe(latest.raw);
  });

  it("a net exporter shows as E, not as a number", () => {
    const beryllium = importRelianceOf(d.minerals.find((m) => m.id === "beryllium")!);
    expect(beryllium.ok && beryllium.netExporter).toBe(true);
    expect(beryllium.ok && beryllium.raw).toBe("E");
  });
});
