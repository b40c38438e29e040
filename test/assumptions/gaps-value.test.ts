import { describe, expect, it } from "vitest";
import { assumptionGaps } from "../../src/index.js";
import { loadAssumptions } from "../../src/io/assumptions-file.js";
import { loadDataset } from "../../src/io/dataset.js";
import { cli } from "../helpers.js";

/*
 * `lodestone assumptions gaps` ranks the gaps by how much they matter: an estimate of the value of US
 * consumption (USD/yr) with its basis per row, then list membership. Values worked by hand from the
 * MCS 2026 cells and the shipped assumptions.
 */

const d = loadDataset();
const shipped = loadAssumptions(undefined, d);
const gap = (gs: ReturnType<typeof assumptionGaps>, mineral: string, quantity = "consumption") =>
  gs.find((g) => g.mineral === mineral && g.quantity === quantity)!;

describe("assumption gaps: the consumption value and its basis", () => {
  const gaps = assumptionGaps(d, shipped);

  it("barite (consumption W): net imports 2025 (2,300,000 t for consumption − 67,000 t exports; the General row is the same goods) × 210 US$/t = 468,930,000", () => {
    const b = gap(gaps, "barite");
    expect(b.valueBasis).toBe("net imports × price");
    expect(b.consumptionT).toBe(2_233_000);
    expect(b.valueUsd).toBe(468_930_000);
    expect(b.valueNote).toMatch(/2,300,000 − 67,000 = 2,233,000 t × US\$ 210\/t \(2025\); a lower bound/);
  });

  it("filled gaps use the assumed consumption × price: lithium 3,000 t × 9,000 / 0.18786 = 143,730,259; tungsten 8,085 t × 38,000 / 0.79297 = 387,441,697", () => {
    const li = gap(gaps, "lithium");
    expect(li.valueBasis).toBe("assumed consumption × price");
    expect(Math.round(li.valueUsd!)).toBe(143_730_259);
    expect(li.filledBy).toMatch(/^assumptions\/public-estimates\.yaml:\d+$/);
    expect(Math.round(gap(gaps, "tungsten").valueUsd!)).toBe(387_441_697);
  });

  it("boron, a net exporter (exports 860,000 t > imports 205,000 t): the value of imports, 205,000 × 540 = 110,700,000, said so", () => {
    const b = gap(gaps, "boron");
    expect(b.valueBasis).toBe("imports × price");
    expect(b.valueUsd).toBe(110_700_000);
    expect(b.valueNote).toMatch(/net exporter/);
  });

  it("ranked by value (barite above lithium: 468.9 M against 143.7 M a year), then lists; gaps with no estimate last, with the reason", () => {
    const rank = (m: string) => gaps.indexOf(gap(gaps, m));
    expect(rank("barite")).toBeLessThan(rank("tungsten"));
    expect(rank("tungsten")).toBeLessThan(rank("lithium"));
    expect(rank("lithium")).toBeLessThan(rank("boron"));
    const terbium = gap(gaps, "terbium");
    expect(terbium.valueUsd).toBeNull();
    expect(terbium.valueNote).toMatch(/^no estimate: /);
    const firstNull = gaps.findIndex((g) => g.valueUsd === null);
    expect(gaps.slice(firstNull).every((g) => g.valueUsd === null)).toBe(true);
    for (let i = 1; i < firstNull; i++) expect(gaps[i].valueUsd!).toBeLessThanOrEqual(gaps[i - 1].valueUsd!);
  });

  it("--assumptions none: lithium falls back to net imports (3,800 − 2,000 = 1,800 t) × 47,910.09 US$/t = 86,238,156", () => {
    const li = gap(assumptionGaps(d, undefined), "lithium");
    expect(li.valueBasis).toBe("net imports × price");
    expect(Math.round(li.valueUsd!)).toBe(Math.round(1800 * (9000 / ((2 * 6.94) / (2 * 6.94 + 12.011 + 3 * 15.999)))));
  });

  it("the table shows the value and its basis for every consumption gap with an estimate, within 120 columns", async () => {
    const r = await cli(["assumptions", "gaps"]);
    expect(r.code).toBe(0);
    const line = r.stdout.split("\n").find((l) => /^\s*\d+\s+barite\s/.test(l))!;
    expect(line).toMatch(/2,233,000\s+468,930,000\s+net M×P/);
    expect(r.stdout.split("\n").every((l) => l.length <= 120)).toBe(true);
    const csv = await cli(["assumptions", "gaps", "--format", "csv"]);
    expect(csv.stdout.split("\n")[0]).toContain("value basis");
    expect(csv.stdout).toMatch(/barite,consumption,.*,net imports × price,/);
  });
});
