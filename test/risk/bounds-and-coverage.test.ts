import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { composite, type Dataset, RISK_DEFAULTS, rank, riskRow, riskTable } from "../../src/index.js";
import { cli } from "../helpers.js";
import { country, importShare, mineral, prod, salient } from "./fixtures.js";

const nirCell = (raw: string) => {
  const b = /^([<>])(\d+)$/.exec(raw);
  return salient("net-import-reliance", 2025, Number(b ? b[2] : raw), {
    unit: "percent",
    normalizedUnit: "%",
    raw,
    ...(b ? { status: "bound" as const, bound: b[1] as "<" | ">" } : {}),
  });
};

/** CHN 60, AUS 30 of 100 (HHI 0.45, HHI_WGI 2.34); imports CHN 50, AUS 30, Other 20; no US output. */
const handium = (id: string, nir: string) =>
  mineral(id, {
    production: [prod("CHN", 60), prod("AUS", 30), prod("OTHER", 10), prod("WORLD", 100)],
    importSources: [importShare("CHN", 50), importShare("AUS", 30), importShare("OTHER", 20)],
    salient: [salient("production", 2025, 20), salient("imports", 2025, 80), nirCell(nir)],
  });
const ds = (...minerals: ReturnType<typeof handium>[]): Dataset => ({
  schema: 1,
  sources: [],
  notCovered: [],
  countries: [country("CHN", -0.5), country("AUS", 1.5)],
  minerals,
});

describe("a bound is not a point", () => {
  it("the composite of an interval component spans both ends: 0.26832 in [0.19332, 0.34332]", () => {
    // default weights 0.2 / 0.3 / 0.3 / 0.2; x_nir from "<50": IR in [0, 0.5], midpoint 0.25
    // 0.2·0.45 + 0.3·0.234 + 0.3·0.25 + 0.2·0.1656 = 0.09 + 0.0702 + 0.075 + 0.03312 = 0.26832
    // low: 0.3·0 instead of 0.3·0.25 → 0.19332; high: 0.3·0.5 → 0.34332
    const c = composite(
      { hhi: { value: 0.45 }, hhiWgi: { value: 0.234 }, nir: { value: 0.25, range: [0, 0.5] }, geopolrisk: { value: 0.1656 } },
      RISK_DEFAULTS.weights,
    );
    if (!c.ok) throw new Error(c.reason);
    expect(c.value).toBeCloseTo(0.26832, 12);
    expect(c.range[0]).toBeCloseTo(0.19332, 12);
    expect(c.range[1]).toBeCloseTo(0.34332, 12);
    expect(c.caveats.join(" ")).toMatch(/bound/);
  });

  it('"<50" is carried as [0, 50] %: ranked at 25 (below a plain 40), shown as 0–50, with low and high columns', () => {
    const t = riskTable(ds(handium("bounded", "<50"), handium("plain", "40")));
    const bounded = t.minerals.find((r) => r.id === "bounded")!;
    if (!bounded.nir.ok) throw new Error(bounded.nir.reason);
    expect(bounded.nir.range).toEqual([0, 50]);
    expect(bounded.nir.value).toBe(25);
    expect(bounded.nir.irRange).toEqual([0, 0.5]);
    // the old code used "<50" as 50 and ranked it above 40
    expect(rank(t.minerals, "nir").map((r) => r.id)).toEqual(["plain", "bounded"]);
    const row = riskRow(bounded, "nir", 2);
    expect(row.nir).toBe("0–50");
    expect(row.nirPublished).toBe("<50");
    expect([row.nirLow, row.nirHigh]).toEqual([0, 50]);
    expect([row.valueLow, row.value, row.valueHigh]).toEqual([0, 25, 50]);
    // EU SR, no US output (d = 0): HHI_WGI,global 2.34 (CHN 0.36·6 + AUS 0.09·2), sourcing 0.25·6 + 0.09·2 = 1.68
    // SR(x) = 2.34·x/2 + 1.68·(1 − x/2): x = 0 → 1.68, x = 0.5 → 0.585 + 1.26 = 1.845
    if (!bounded.euSr.ok) throw new Error(bounded.euSr.reason);
    expect(bounded.euSr.range[0]).toBeCloseTo(1.68, 12);
    expect(bounded.euSr.range[1]).toBeCloseTo(1.845, 12);
    expect(riskRow(bounded, "eu-sr", 1).euSr).toBe("1.68–1.85");
    // a plain figure keeps a point
    const plain = riskRow(t.minerals.find((r) => r.id === "plain")!, "nir", 1);
    expect(plain.nir).toBe(40);
    expect([plain.nirLow, plain.nirHigh]).toEqual([40, 40]);
  });

  it("the CLI shows iodine's <50 as 0–50 in the table, low/high columns in CSV and range in JSON", async () => {
    const csv = parse((await cli(["risk", "--method", "nir", "--format", "csv"])).stdout, { columns: true }) as Record<string, string>[];
    const iodine = csv.find((r) => r.id === "iodine")!;
    expect(iodine["NIR published"]).toBe("<50");
    expect(iodine["NIR%"]).toBe("0–50");
    expect([iodine.NIR_low, iodine.NIR_high, iodine.value]).toEqual(["0", "50", "25"]);
    expect(Number(iodine.EU_SR_low)).toBeLessThan(Number(iodine.EU_SR_high));
    expect(Number(iodine.composite_low)).toBeLessThan(Number(iodine.composite_high));
    const table = (await cli(["risk", "--method", "nir"])).stdout.split("\n");
    expect(table.find((l) => /\biodine\b/.test(l))).toMatch(/\s0–50\s/);
    const j = JSON.parse((await cli(["risk", "iodine", "--format", "json"])).stdout) as { measures: { measure: string; steps: { label: string }[] }[] };
    expect(j.measures.find((m) => m.measure === "US net import reliance")!.steps.map((s) => s.label)).toContain("NIR interval");
    const all = JSON.parse((await cli(["risk", "--method", "nir", "--format", "json"])).stdout) as {
      minerals: { id: string; nir: { range: number[] }; euSr: { range: number[] }; composite: { range: number[] } }[];
    };
    const io = all.minerals.find((m) => m.id === "iodine")!;
    expect(io.nir.range).toEqual([0, 50]);
    expect(io.euSr.range[0]).toBeLessThan(io.euSr.range[1]);
    expect(io.composite.range[0]).toBeLessThan(io.composite.range[1]);
  });
});

describe("a composite from part of its weight says so in the ranking table", () => {
  it("mercury (no NIR) shows cov% 70 and fluorspar (no GeoPolRisk: its mine output is withheld) 80, each with a numbered note naming what is missing", async () => {
    const out = (await cli(["risk"])).stdout;
    const lines = out.split("\n");
    const header = lines[0].split(/\s{2,}/);
    expect(header).toContain("cov%");
    const notes = out.replace(/\n {2,}/g, " ").split("\n");
    const noteOf = (id: string) => {
      const line = lines.find((l) => new RegExp(`\\b${id}\\b`).test(l))!;
      const ref = /\[(\d+)\]\s*$/.exec(line)?.[1];
      return { line, note: ref ? notes.find((l) => l.startsWith(`[${ref}] `)) : undefined };
    };
    // weights 0.2 / 0.3 / 0.3 / 0.2: without nir 0.7 of the weight, without geopolrisk 0.8
    const mercury = noteOf("mercury");
    expect(mercury.line).toMatch(/\s70\s+\[\d+\]$/);
    expect(mercury.note).toMatch(/composite from 70 % of the weight: no nir/);
    const fluorspar = noteOf("fluorspar");
    expect(fluorspar.line).toMatch(/\s80\s+\[\d+\]$/);
    expect(fluorspar.note).toMatch(/composite from 80 % of the weight: no geopolrisk/);
    const gallium = noteOf("gallium");
    expect(gallium.line).toMatch(/\s100\s*$/);
    expect(gallium.note).toBeUndefined();
  });
});
