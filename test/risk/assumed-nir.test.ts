import { describe, expect, it } from "vitest";
import { rank, riskTable } from "../../src/index.js";
import { loadAssumptions } from "../../src/io/assumptions-file.js";
import { loadDataset } from "../../src/io/dataset.js";
import { cli } from "../helpers.js";

/*
 * USGS publishes no US net import reliance for rhodium; the shipped assumptions give 100 % (range
 * 85–100, assumptions/public-estimates.yaml). Default composite weights: hhi 0.2, hhiWgi 0.3, nir 0.3,
 * geopolrisk 0.2. Rhodium has no GeoPolRisk (no US import sources by country), so with the assumed
 * NIR the composite covers 0.2 + 0.3 + 0.3 = 80 % of the weight, and without it 50 %.
 */
const d = loadDataset();
const set = loadAssumptions(undefined, d);
const rhodium = (assumptions?: typeof set) => riskTable({ ...d, minerals: d.minerals.filter((m) => m.id === "rhodium") }, { assumptions }).minerals[0];

describe("an assumed NIR where USGS publishes none (rhodium)", () => {
  it("with the shipped assumptions: NIR 100 % (85–100), marked assumed, and the composite from 80 % of the weight", () => {
    const r = rhodium(set);
    if (!r.nir.ok) throw new Error(r.nir.reason);
    expect(r.nir.value).toBe(100);
    expect(r.nir.range).toEqual([85, 100]);
    expect(r.nir.irRange).toEqual([0.85, 1]);
    expect(r.nir.assumed?.at.file).toBe("assumptions/public-estimates.yaml");
    expect(r.nir.assumed?.range).toEqual([85, 100]);
    expect(r.nir.assumed?.source?.publisher).toBe("U.S. Geological Survey");
    expect(r.nir.caveats[0]).toMatch(/^assumed: USGS publishes no usable US NIR/);
    if (!r.composite.ok) throw new Error(r.composite.reason);
    expect(r.composite.coverage).toBeCloseTo(0.8, 12);
    expect(r.composite.used).toEqual(["hhi", "hhiWgi", "nir"]);
    // C = (0.2·HHI + 0.3·HHI_WGI/10 + 0.3·IR) / 0.8, IR from 0.85 to 1 at the ends
    if (!r.hhi.ok || !r.hhiWgi.ok) throw new Error("rhodium's HHI is computed from platinum's table");
    const [hhi, hhiWgi] = [r.hhi.value, r.hhiWgi.value];
    const c = (ir: number) => (0.2 * hhi + 0.03 * hhiWgi + 0.3 * ir) / 0.8;
    expect(r.composite.value).toBeCloseTo(c(1), 12);
    expect(r.composite.range[0]).toBeCloseTo(c(0.85), 12);
    expect(r.composite.caveats.join(" ")).toMatch(/x_nir is an assumed NIR, 100 %/);
  });

  it("with no assumptions: no NIR, and the composite from 50 % of the weight", () => {
    const r = rhodium(undefined);
    expect(r.nir.ok).toBe(false);
    if (!r.composite.ok) throw new Error(r.composite.reason);
    expect(r.composite.coverage).toBeCloseTo(0.5, 12);
    expect(r.composite.missing.map((m) => m.component)).toEqual(["nir", "geopolrisk"]);
  });

  it("a published NIR is never overridden by an assumption", () => {
    const fake = { ...set!, entries: [{ ...set!.entries.find((a) => a.mineral === "rhodium" && a.quantity === "net_import_reliance")!, mineral: "gallium" }] };
    const g = (a?: typeof set) => riskTable({ ...d, minerals: d.minerals.filter((m) => m.id === "gallium") }, { assumptions: a }).minerals[0].nir;
    const with_ = g(fake);
    const without = g(undefined);
    expect(with_.ok && without.ok && with_.value === without.value && with_.assumed === undefined).toBe(true);
  });
});

describe("lodestone risk --assumptions", () => {
  it("marks rhodium *n in the table with a numbered note, and as assumed in CSV and JSON", async () => {
    const t = await cli(["risk"]);
    expect(t.code, t.stderr).toBe(0);
    // rhodium's NIR and, since importance takes the assumed consumption too, its consumption: two marks
    const marks = / rhodium \*(\d+),(\d+) /.exec(t.stdout);
    expect(marks).not.toBeNull();
    expect(t.stdout.replace(/\n\s+/g, " ")).toMatch(new RegExp(`\\*${marks![2]} rhodium: assumed consumption `));
    expect(t.stdout.replace(/\n\s+/g, " ")).toMatch(
      /\*\d+ rhodium: assumed net import reliance 100 percent \(2024; range 85–100; .*\[assumptions\/public-estimates\.yaml:\d+\]/,
    );
    const csv = await cli(["risk", "--format", "csv"]);
    expect(csv.stdout.split("\n").find((l) => l.startsWith(",rhodium,") || /^\d+,rhodium,/.test(l))).toMatch(
      /rhodium: assumed net import reliance 100 percent/,
    );
    const j = JSON.parse((await cli(["risk", "--format", "json"])).stdout);
    expect(j.assumptions).toBe("assumptions/public-estimates.yaml");
    const row = j.ranking.find((x: { id: string }) => x.id === "rhodium");
    expect(row.nir).toBe(100);
    expect(row.nirPublished).toBeNull();
    expect(row.coverage).toBe(80);
    expect(row.assumed.nir).toMatchObject({ range: [85, 100], at: { file: "assumptions/public-estimates.yaml" } });
    expect(row.assumed.nir.source.title).toMatch(/Mineral Commodity Summaries 2026/);
    const rec = j.minerals.find((x: { id: string }) => x.id === "rhodium");
    expect(rec.nir.assumed.range).toEqual([85, 100]);
  });

  it("--assumptions none reproduces the public-data-only ranking: rhodium without NIR, at 50 % coverage, and no mark", async () => {
    const none = await cli(["risk", "--assumptions", "none", "--format", "json"]);
    expect(none.code, none.stderr).toBe(0);
    const j = JSON.parse(none.stdout);
    expect(j.assumptions).toBeNull();
    const row = j.ranking.find((x: { id: string }) => x.id === "rhodium");
    expect([row.nir, row.coverage, row.assumed]).toEqual([null, 50, undefined]);
    // the same ranking as the pure table without assumptions
    const pure = riskTable(d, {}).minerals;
    expect(j.ranking.map((x: { id: string }) => x.id)).toEqual(rank(pure, "composite").map((m) => m.id));
    const byId = new Map(pure.map((m) => [m.id, m]));
    for (const x of j.ranking as { id: string; coverage: number | null }[]) {
      const m = byId.get(x.id)!;
      expect(x.coverage).toBe(m.composite.ok ? Math.round(m.composite.coverage * 1000) / 10 : null);
    }
    const t = await cli(["risk", "--assumptions", "none"]);
    expect(t.stdout).not.toMatch(/\*1 /);
  });
});
