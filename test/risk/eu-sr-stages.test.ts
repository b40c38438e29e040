import { describe, expect, it } from "vitest";
import { countryIndex, type EuParameters, euSupplyRiskOf, RISK_DEFAULTS } from "../../src/index.js";

/** The literal transposition (US output as one producer at g_USA), which the hand cases below work through. */
const LITERAL = { ...RISK_DEFAULTS, euDomestic: "wgi" as const };

import { loadDataset } from "../../src/io/dataset.js";
import { irCandidates } from "../../src/risk/eu-supply-risk.js";
import { rawCell } from "../helpers.js";
import { country, importShare, mineral, prod, salient } from "./fixtures.js";

/*
 * A two-stage hand dataset. g = (2.5 − WGI) / 5 × 10:
 *   AAA WGI 0 → g 5;  BBB WGI 2.5 → g 0;  CCC WGI −2.5 → g 10;  USA WGI 1.5 → g 2.
 * mine 2025:     AAA 60, CCC 20, USA 20 of 100 → HHI_WGI,global = 0.36·5 + 0.04·10 + 0.04·2 = 2.28
 * refinery 2025: CCC 90, BBB 10 of 100 (no US)  → HHI_WGI,global = 0.81·10 + 0.01·0 = 8.1
 * US imports: AAA 50 %, BBB 50 %               → K = Σ m_c²·g_c = 0.25·5 + 0.25·0 = 1.25
 */
const countries = new Map([
  ["AAA", country("AAA", 0)],
  ["BBB", country("BBB", 2.5)],
  ["CCC", country("CCC", -2.5)],
  ["USA", country("USA", 1.5)],
]);
const nir = (raw: string) => {
  if (raw === "E") return salient("net-import-reliance", 2025, null, { unit: "percent", normalizedUnit: "%", raw, status: "net-exporter" });
  const b = /^([<>])(\d+)$/.exec(raw);
  const v = Number(b ? b[2] : raw);
  return salient("net-import-reliance", 2025, v, {
    unit: "percent",
    normalizedUnit: "%",
    raw,
    ...(b ? { status: "bound" as const, bound: b[1] as "<" | ">" } : {}),
  });
};
const twoStage = (nirRaw: string, eu2023?: EuParameters) =>
  mineral("twostage", {
    production: [
      prod("AAA", 60),
      prod("CCC", 20),
      prod("USA", 20),
      prod("WORLD", 100),
      prod("CCC", 90, "refinery"),
      prod("BBB", 10, "refinery"),
      prod("WORLD", 100, "refinery"),
    ],
    importSources: [importShare("AAA", 50), importShare("BBB", 50)],
    salient: [nir(nirRaw)],
    ...(eu2023 ? { eu2023 } : {}),
  });
const euRow = (siSr: number | null, eolRir: number | null): EuParameters => ({
  material: "Twostagium",
  assessedStage: "Processing",
  stages: "E+P",
  siSr,
  eolRir,
  raw: { siSr: siSr === null ? "" : String(siSr), eolRir: eolRir === null ? "" : String(eolRir * 100) },
  source: { file: "eu-crm-2023/eu2023_parameters.csv", row: 99, column: "material" },
});

describe("EU SR per stage on a hand dataset", () => {
  it("computes each stage with its own global supply and US sourcing, and takes the higher: refinery 2.62", () => {
    const r = euSupplyRiskOf(twoStage("40"), countries, LITERAL);
    if (!r.ok) throw new Error(r.reason);
    // IR = 0.4.
    // mine: the US has output, so d = 1 − IR = 0.6 and imports take 0.4 (0.2 each):
    //   sourcing = 0.6²·2 + 0.2²·5 + 0.2²·0 = 0.72 + 0.2 = 0.92
    //   SR = 2.28 × 0.2 + 0.92 × 0.8 = 0.456 + 0.736 = 1.192
    // refinery: no US output, d = 0, imports alone: sourcing = 0.25·5 = 1.25
    //   SR = 8.1 × 0.2 + 1.25 × 0.8 = 1.62 + 1.0 = 2.62
    const mine = r.stages.find((s) => s.stage === "mine")!;
    const refinery = r.stages.find((s) => s.stage === "refinery")!;
    expect(mine.hhiWgiGlobal).toBeCloseTo(2.28, 12);
    expect(mine.usOutput).toBe("yes");
    expect(mine.domestic).toBeCloseTo(0.6, 12);
    expect(mine.hhiWgiSourcing).toBeCloseTo(0.92, 12);
    expect(mine.value).toBeCloseTo(1.192, 12);
    expect(refinery.hhiWgiGlobal).toBeCloseTo(8.1, 12);
    expect(refinery.usOutput).toBe("none");
    expect(refinery.hhiWgiSourcing).toBeCloseTo(1.25, 12);
    expect(refinery.value).toBeCloseTo(2.62, 12);
    expect(r.value).toBeCloseTo(2.62, 12);
    expect(r.stage).toBe("refinery");
    // a plain number is a point
    expect(r.range[0]).toBeCloseTo(2.62, 12);
    expect(r.range[1]).toBeCloseTo(2.62, 12);
    // no EU 2023 row: both parameters are defaults, marked and listed
    expect(r.params).toEqual({ eolRir: "default", siSr: "default" });
    expect(r.defaulted.map((x) => x.split(" ")[0])).toEqual(["EOL_RIR", "SI_SR"]);
  });

  it("a net exporter's SR is its own sourcing, not a minor import stream: g_USA = 2 at the mine, imports alone at the refinery", () => {
    const r = euSupplyRiskOf(twoStage("E"), countries, LITERAL);
    if (!r.ok) throw new Error(r.reason);
    // IR = 0: mine d = 1 → sourcing = g_USA = 2, SR = 2; refinery d = 0 → SR = sourcing = 1.25
    expect(r.stages.map((s) => [s.stage, s.value])).toEqual([
      ["mine", 2],
      ["refinery", 1.25],
    ]);
    expect(r.value).toBe(2);
  });

  it("with euDomestic none, US output is risk-free: mine 0.616 (IR 0.4), and a net exporter's mine SR is 0", () => {
    const opts = { ...RISK_DEFAULTS, euDomestic: "none" as const };
    // mine, IR 0.4: sourcing = 0.6²·0 + 0.2²·5 = 0.2; SR = 2.28 × 0.2 + 0.2 × 0.8 = 0.616
    const r = euSupplyRiskOf(twoStage("40"), countries, opts);
    if (!r.ok) throw new Error(r.reason);
    expect(r.stages.find((s) => s.stage === "mine")!.value).toBeCloseTo(0.616, 12);
    const e = euSupplyRiskOf(twoStage("E"), countries, opts);
    if (!e.ok) throw new Error(e.reason);
    expect(e.stages.map((s) => [s.stage, s.value])).toEqual([
      ["mine", 0],
      ["refinery", 1.25],
    ]);
  });

  it("takes EOL_RIR and SI_SR from the EU 2023 row where it has them, the default where it has none, and marks each", () => {
    const both = euSupplyRiskOf(twoStage("40", euRow(0.5, 0.2)), countries, LITERAL);
    if (!both.ok) throw new Error(both.reason);
    // 2.62 × (1 − 0.2) × 0.5 = 1.048
    expect(both.value).toBeCloseTo(1.048, 12);
    expect(both.params).toEqual({ eolRir: "EU 2023", siSr: "EU 2023", material: "Twostagium" });
    expect(both.defaulted).toEqual([]);
    expect(both.inputs.find((i) => i.name.startsWith("SI_SR"))?.source).toEqual({ file: "eu-crm-2023/eu2023_parameters.csv", row: 99, column: "si_sr" });
    const noSi = euSupplyRiskOf(twoStage("40", euRow(null, 0.2)), countries, LITERAL);
    if (!noSi.ok) throw new Error(noSi.reason);
    // 2.62 × 0.8 × 1 = 2.096
    expect(noSi.value).toBeCloseTo(2.096, 12);
    expect(noSi.params).toEqual({ eolRir: "EU 2023", siSr: "default", material: "Twostagium" });
    expect(noSi.defaulted.join(" ")).toMatch(/SI_SR = 1 \(the EU 2023 study gives none for Twostagium/);
    // per-mineral parameters given by the user win over the EU 2023 row
    const user = euSupplyRiskOf(twoStage("40", euRow(0.5, 0.2)), countries, LITERAL, undefined, { siSr: 1, eolRir: 0 });
    expect(user.ok && user.params.siSr).toBe("user");
    expect(user.ok && user.value).toBeCloseTo(2.62, 12);
  });
});

describe("a NIR bound is an interval through the EU SR", () => {
  it('"<50" is IR in [0, 0.5]: SR 2.10625 at the midpoint, range [1.25, 2.9625]', () => {
    const r = euSupplyRiskOf(twoStage("<50"), countries, LITERAL);
    if (!r.ok) throw new Error(r.reason);
    expect(r.ir).toBe(0.25);
    // refinery (d = 0) is linear in IR: SR = 8.1·x/2 + 1.25·(1 − x/2) = 1.25 + 3.425·x
    //   x = 0 → 1.25; x = 0.25 → 2.10625; x = 0.5 → 2.9625
    const refinery = r.stages.find((s) => s.stage === "refinery")!;
    expect(refinery.value).toBeCloseTo(2.10625, 12);
    expect(refinery.range[0]).toBeCloseTo(1.25, 12);
    expect(refinery.range[1]).toBeCloseTo(2.9625, 12);
    // mine (d = 1 − x): f(x) = 2 + (1.14 − 5)·x + (4 + 1.25)·x² − (3.25/2)·x³
    //   f(0) = 2; f(0.5) = 2 − 1.93 + 1.3125 − 0.203125 = 1.179375;
    //   f′(x) = −3.86 + 10.5·x − 4.875·x² = 0 at x* = (10.5 − √(110.25 − 75.27)) / 9.75, inside (0, 0.5)
    const xs = (10.5 - Math.sqrt(10.5 ** 2 - 4 * 3.86 * 4.875)) / 9.75;
    const f = (x: number) => 2 - 3.86 * x + 5.25 * x ** 2 - 1.625 * x ** 3;
    expect(xs).toBeGreaterThan(0.47);
    expect(xs).toBeLessThan(0.471);
    const mine = r.stages.find((s) => s.stage === "mine")!;
    expect(mine.value).toBeCloseTo(f(0.25), 12);
    expect(mine.range[0]).toBeCloseTo(f(xs), 12);
    expect(mine.range[0]).toBeLessThan(1.179375); // the dip inside the interval, below both ends
    expect(mine.range[1]).toBeCloseTo(2, 12);
    // SR = max over stages at each end: [max(1.178…, 1.25), max(2, 2.9625)]
    expect(r.value).toBeCloseTo(2.10625, 12);
    expect(r.range[0]).toBeCloseTo(1.25, 12);
    expect(r.range[1]).toBeCloseTo(2.9625, 12);
  });

  it("irCandidates adds the turning point only where the US has output", () => {
    expect(irCandidates([0, 0.5], 8.1, 2, 1.25, false)).toEqual([0, 0.5]);
    const c = irCandidates([0, 0.5], 2.28, 2, 1.25, true);
    expect(c).toHaveLength(3);
    expect(c[2]).toBeCloseTo((10.5 - Math.sqrt(10.5 ** 2 - 4 * 3.86 * 4.875)) / 9.75, 12);
    expect(irCandidates([0.4, 0.4], 2.28, 2, 1.25, true)).toEqual([0.4]);
  });
});

describe("EU SR of beryllium, from the raw cells", () => {
  const d = loadDataset();
  const MCS26 = "usgs-mcs2026/MCS2026_Commodities_Data.csv";

  it("a net exporter with US mine output: SR = g_USA × (1 − EOL_RIR) × SI_SR = 3.0104 × 1 × 0.99 = 2.980296", () => {
    // the cells, read by hand from data/sources:
    expect(rawCell(MCS26, 907, "Value")).toBe("E"); // NIR 2025: net exporter → IR 0
    expect(rawCell(MCS26, 921, "Value")).toBe("230"); // US mine production 2025, t
    expect(rawCell("wgi/wgi_2024update_year2023_by_country.csv", 202, "mean6_est")).toBe("0.9948"); // USA, file line 202
    expect(rawCell("eu-crm-2023/eu2023_parameters.csv", 8, "material")).toBe("Beryllium");
    expect(rawCell("eu-crm-2023/eu2023_parameters.csv", 8, "si_sr")).toBe("0.99");
    expect(rawCell("eu-crm-2023/eu2023_parameters.csv", 8, "eol_rir_pct")).toBe("0");
    const r = euSupplyRiskOf(d.minerals.find((m) => m.id === "beryllium")!, countryIndex(d), LITERAL);
    if (!r.ok) throw new Error(r.reason);
    // IR = 0, so the global term vanishes and US sourcing is domestic alone (d = 1):
    // g_USA = (2.5 − 0.9948) / 5 × 10 = 3.0104; SR = 3.0104 × (1 − 0) × 0.99 = 2.980296
    // (before, sourcing was the import shares alone: SR 0.8309, a minor import stream's HHI_WGI)
    expect(r.stages).toHaveLength(1);
    expect(r.stages[0].stage).toBe("mine");
    expect(r.stages[0].usOutput).toBe("yes");
    expect(r.hhiWgiSourcing).toBeCloseTo(3.0104, 12);
    expect(r.value).toBeCloseTo(2.980296, 12);
    expect(r.params).toEqual({ eolRir: "EU 2023", siSr: "EU 2023", material: "Beryllium" });
  });
});

describe("lodestone risk --method eu-sr marks where EOL_RIR and SI_SR came from", () => {
  it("by default a net exporter's SR is 0 (US output risk-free): soda ash with default parameters, gold with the EU 2023 values, marked in CSV and notes", async () => {
    const { cli } = await import("../helpers.js");
    const { parse } = await import("csv-parse/sync");
    const rows = parse((await cli(["risk", "--method", "eu-sr", "--format", "csv"])).stdout, { columns: true }) as Record<string, string>[];
    const of = (id: string) => rows.find((r) => r.id === id)!;
    // soda ash: SR was 4.856 (the HHI_WGI of a minor import stream); IR = 0 (E), sourcing all US output at g = 0 → 0
    expect([of("soda-ash").EU_SR, of("soda-ash")["EU params"]]).toEqual(["0", "default"]);
    // gold: SR was 2.088; now 0 for the same reason, with EU 2023 parameters (eu2023_parameters.csv line 21: Gold,…,0.99,0,,5)
    expect(rawCell("eu-crm-2023/eu2023_parameters.csv", 21, "material")).toBe("Gold");
    expect([of("gold").EU_SR, of("gold")["EU params"]]).toEqual(["0", "EU 2023"]);
    // a net importer keeps its foreign exposure: gallium ranks above every net exporter
    expect(Number(of("gallium").rank)).toBeLessThan(Number(of("soda-ash").rank));
    expect(of("rare-earths")["EU params"]).toBe("EOL_RIR EU 2023, SI_SR default");
    const out = (await cli(["risk", "--method", "eu-sr"])).stdout;
    const notes = out.replace(/\n {2,}/g, " ").split("\n");
    const noteOf = (id: string) => {
      const ref = /\[(\d+)\]\s*$/.exec(out.split("\n").find((l) => new RegExp(`\\b${id}\\b`).test(l))!)![1];
      return notes.find((l) => l.startsWith(`[${ref}] `));
    };
    expect(noteOf("soda-ash")).toMatch(/EOL_RIR and SI_SR: default/);
    expect(noteOf("gallium")).toMatch(/EOL_RIR and SI_SR: EU 2023/);
  });
});
