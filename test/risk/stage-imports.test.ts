import { describe, expect, it } from "vitest";
import { euSupplyRiskOf, RISK_DEFAULTS } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { STAGE_IMPORT_FORMS, stageImports } from "../../src/risk/stage-forms.js";
import { cli, rawCell } from "../helpers.js";
import { country, importShare, mineral, prod, salient } from "./fixtures.js";

/** The literal transposition (US output as one producer at g_USA), as in eu-sr-stages.test.ts. */
const LITERAL = { ...RISK_DEFAULTS, euDomestic: "wgi" as const };

/*
 * Two stages, two import tables (the bauxite-alumina chapter's shape). g = (2.5 − WGI) / 5 × 10:
 *   AAA WGI 0 → g 5;  BBB WGI 2.5 → g 0;  CCC WGI −2.5 → g 10;  USA WGI 1.5 → g 2.
 * mine 2025:     AAA 60, CCC 20, USA 20 of 100 → HHI_WGI,global = 0.36·5 + 0.04·10 + 0.04·2 = 2.28
 * refinery 2025: CCC 90, BBB 10 of 100 (no US)  → HHI_WGI,global = 0.81·10 + 0.01·0 = 8.1
 * US imports of bauxite (the mine's product):   AAA 100 %          → K_mine = 1·5 = 5
 * US imports of alumina (the refinery's product): BBB 50 %, CCC 50 % → K_refinery = 0.25·0 + 0.25·10 = 2.5
 * NIR 40 → IR 0.4.
 */
const countries = new Map([
  ["AAA", country("AAA", 0)],
  ["BBB", country("BBB", 2.5)],
  ["CCC", country("CCC", -2.5)],
  ["USA", country("USA", 1.5)],
]);
const share = (c: string, pct: number, form: string) => ({ ...importShare(c, pct), form });
const twoTables = (id: string) =>
  mineral(id, {
    production: [
      prod("AAA", 60),
      prod("CCC", 20),
      prod("USA", 20),
      prod("WORLD", 100),
      prod("CCC", 90, "refinery"),
      prod("BBB", 10, "refinery"),
      prod("WORLD", 100, "refinery"),
    ],
    importSources: [share("AAA", 100, "Bauxite"), share("BBB", 50, "Alumina"), share("CCC", 50, "Alumina")],
    salient: [salient("net-import-reliance", 2025, 40, { unit: "percent", normalizedUnit: "%", raw: "40" })],
  });

describe("EU SR splits each stage's imports by that stage's own product", () => {
  it("bauxite at the mine (1.672), alumina at the refinery (3.62): SR 3.62, not 5.62 from bauxite partners at both", () => {
    const r = euSupplyRiskOf(twoTables("bauxite-alumina"), countries, LITERAL);
    if (!r.ok) throw new Error(r.reason);
    const mine = r.stages.find((s) => s.stage === "mine")!;
    const refinery = r.stages.find((s) => s.stage === "refinery")!;
    // mine: d = 1 − 0.4 = 0.6; sourcing = 0.6²·2 + (0.4·1)²·5 = 0.72 + 0.8 = 1.52
    //   SR = 2.28 × 0.2 + 1.52 × 0.8 = 0.456 + 1.216 = 1.672
    expect(mine.imports).toMatchObject({ form: "Bauxite", by: "stage" });
    expect(mine.imports!.k).toBeCloseTo(5, 12);
    expect(mine.hhiWgiSourcing).toBeCloseTo(1.52, 12);
    expect(mine.value).toBeCloseTo(1.672, 12);
    // refinery: no US output, d = 0; sourcing = Σ m²·g = 2.5
    //   SR = 8.1 × 0.2 + 2.5 × 0.8 = 1.62 + 2.0 = 3.62
    // (with the bauxite table at the refinery too, sourcing would be 5 and SR 1.62 + 4 = 5.62)
    expect(refinery.imports).toMatchObject({ form: "Alumina", by: "stage" });
    expect(refinery.imports!.k).toBeCloseTo(2.5, 12);
    expect(refinery.hhiWgiSourcing).toBeCloseTo(2.5, 12);
    expect(refinery.value).toBeCloseTo(3.62, 12);
    expect(r.value).toBeCloseTo(3.62, 12);
    // each stage's cells are inputs, named by stage and form, with their source rows
    const cells = r.inputs.filter((i) => i.name.startsWith("import share "));
    expect(cells.map((i) => [i.name, i.value])).toEqual([
      ["import share AAA (mine: Bauxite, 2021–24)", 1],
      ["import share BBB (refinery: Alumina, 2021–24)", 0.5],
      ["import share CCC (refinery: Alumina, 2021–24)", 0.5],
    ]);
    expect(cells.every((i) => i.source?.file === "fixture.csv" && typeof i.source.row === "number")).toBe(true);
    expect(r.steps.find((s) => s.label === "import shares refinery")?.formula).toMatch(
      /^Alumina \(2021–24; the stage's own product\): BBB 50 % \[fixture\.csv:\d+:Value\], CCC 50 %/,
    );
  });

  it("a mineral with no per-stage table uses its chosen form at every stage and says so", () => {
    const r = euSupplyRiskOf(twoTables("twotables"), countries, LITERAL);
    if (!r.ok) throw new Error(r.reason);
    // no IMPORT_FORMS entry and no total row: the first form listed, Bauxite, at both stages
    expect(r.stages.map((s) => [s.stage, s.imports?.form, s.imports?.by])).toEqual([
      ["mine", "Bauxite", "mineral"],
      ["refinery", "Bauxite", "mineral"],
    ]);
    expect(r.stages.find((s) => s.stage === "refinery")!.value).toBeCloseTo(5.62, 12);
    expect(r.caveats.join("\n")).toMatch(
      /refinery imports split by Bauxite \(2021–24\): no import table of the refinery stage's own product is stated for twotables/,
    );
  });

  it("the user's --import-form pick applies at every stage", () => {
    const r = euSupplyRiskOf(twoTables("bauxite-alumina"), countries, { ...LITERAL, importForm: { "bauxite-alumina": "alumina" } });
    if (!r.ok) throw new Error(r.reason);
    expect(r.stages.map((s) => [s.stage, s.imports?.form, s.imports?.by])).toEqual([
      ["mine", "Alumina", "user"],
      ["refinery", "Alumina", "user"],
    ]);
  });

  it("every stated stage form is a table USGS lists for that mineral, at a stage it has", () => {
    const d = loadDataset();
    for (const [id, stages] of Object.entries(STAGE_IMPORT_FORMS)) {
      const m = d.minerals.find((x) => x.id === id)!;
      for (const [stage, c] of Object.entries(stages)) {
        expect(m.production.some((p) => p.stage === stage)).toBe(true);
        expect(stageImports(m, stage)?.form, `${id} ${stage}`).toBe(c.form);
      }
    }
  });
});

describe("lodestone risk bauxite-alumina --explain lists the import-share cells each stage used", () => {
  it("bauxite cells at the mine, alumina cells at the refinery, each with its file:row", async () => {
    const r = await cli(["risk", "bauxite-alumina", "--explain"]);
    expect(r.code, r.stderr).toBe(0);
    const eu = r.stdout.slice(r.stdout.indexOf("## EU supply risk"), r.stdout.indexOf("## US net import reliance"));
    const flat = eu.replace(/\n\s+/g, " ");
    // the vendored rows: bauxite partners 748–752, alumina partners 753–757
    expect(rawCell("usgs-mcs2026/MCS2026_Commodities_Data.csv", 748, "Value")).toBe("60");
    expect(rawCell("usgs-mcs2026/MCS2026_Commodities_Data.csv", 753, "Value")).toBe("71");
    expect(flat).toContain('import share JAM (mine: Bauxite, 2021–24) = 0.6 fraction (published "60") [usgs-mcs2026/MCS2026_Commodities_Data.csv:748:Value]');
    expect(flat).toContain(
      'import share BRA (refinery: Alumina, 2021–24) = 0.71 fraction (published "71") [usgs-mcs2026/MCS2026_Commodities_Data.csv:753:Value]',
    );
    expect(flat).toMatch(
      /import shares refinery = Alumina \(2021–24; the stage's own product\): BRA 71 % \[usgs-mcs2026\/MCS2026_Commodities_Data\.csv:753:Value\]/,
    );
    // and in JSON, per stage
    const j = JSON.parse((await cli(["risk", "bauxite-alumina", "--explain", "--format", "json"])).stdout);
    const inputs = j.measures.find((m: { measure: string }) => m.measure === "EU supply risk").inputs as { name: string; ref: string }[];
    const refs = (stage: string) => inputs.filter((i) => i.name.startsWith("import share ") && i.name.includes(`(${stage}: `)).map((i) => i.ref);
    expect(refs("mine")).toEqual([748, 749, 750, 751, 752].map((n) => `usgs-mcs2026/MCS2026_Commodities_Data.csv:${n}:Value`));
    expect(refs("refinery")).toEqual([753, 754, 755, 756, 757].map((n) => `usgs-mcs2026/MCS2026_Commodities_Data.csv:${n}:Value`));
  });
});
