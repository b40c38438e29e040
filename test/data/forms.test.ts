import { describe, expect, it } from "vitest";
import { checkImportForms, IMPORT_FORMS, importFormOf, importFormsOf, importShares, isLodestoneError } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { cli, rawCell } from "../helpers.js";
import { importShare, mineral } from "../risk/fixtures.js";

const d = loadDataset();
const byId = (id: string) => d.minerals.find((m) => m.id === id)!;

describe("the import form that stands for US supply", () => {
  it("niobium: the total row, not the Nb/Ta ores USGS lists first; shares are the published percentages", () => {
    const m = byId("niobium");
    expect(importFormsOf(m)[0]).toBe("Niobium and tantalum ores and concentrates");
    const sh = importShares(m)!;
    expect(sh.form).toBe("Total imports");
    expect(sh.why).toMatch(/total row/);
    // every share is its raw cell / 100, read straight from the source file
    for (const s of sh.shares) {
      const raw = rawCell(s.figure.source.file, s.figure.source.row, s.figure.source.column);
      expect(raw).toBe(s.figure.raw);
      expect(s.share).toBeCloseTo(Number(raw.replace(/[<>]/g, "")) / 100, 12);
    }
    expect(sh.shares.map((s) => s.country)).toContain("BRA");
  });

  it("picks the stated form where USGS gives no total: copper refined, zinc refined, tin refined, nickel primary", () => {
    expect(importShares(byId("copper"))!.form).toBe("Refined copper");
    expect(importShares(byId("zinc"))!.form).toBe("Refined metal");
    expect(importShares(byId("tin"))!.form).toBe("Refined tin");
    expect(importShares(byId("nickel"))!.form).toBe("Primary nickel");
    // the total row where USGS gives one, never the minor first form
    for (const [id, form] of [
      ["chromium", "Total imports"],
      ["antimony", "Total metal and oxide"],
      ["gold", "Total"],
      ["strontium", "Total imports"],
      ["magnesium-compounds", "Total imports"],
    ])
      expect(importShares(byId(id))!.form).toBe(form);
  });

  it("copper: refined shares are Chile 68 %, Canada 16 %, Peru 7 %, Mexico 6 %, other 3 % (MCS 2026 rows 1986–1990)", () => {
    const sh = importShares(byId("copper"))!;
    expect(sh.shares.map((s) => [s.country, s.share])).toEqual([
      ["CHL", 0.68],
      ["CAN", 0.16],
      ["PER", 0.07],
      ["MEX", 0.06],
      ["OTHER", 0.03],
    ]);
    expect(sh.shares.map((s) => s.figure.source.row)).toEqual([1986, 1987, 1988, 1989, 1990]);
  });

  it("every mineral with several forms has a stated choice, naming a form USGS lists", () => {
    const multi = d.minerals.filter((m) => importFormsOf(m).length > 1);
    expect(multi.length).toBeGreaterThan(20);
    for (const m of multi) {
      expect(IMPORT_FORMS[m.id], m.id).toBeDefined();
      expect(importFormsOf(m), m.id).toContain(IMPORT_FORMS[m.id].form);
      expect(importFormOf(m)!.by, m.id).toBe("table");
    }
  });

  it("rule without a stated choice: the one form, else the total row, else the first listed (said so)", () => {
    const a = { ...importShare("AAA", 60), form: "Ores" };
    const b = { ...importShare("BBB", 100), form: "Total imports" };
    expect(importFormOf(mineral("x"))).toBeUndefined();
    expect(importFormOf(mineral("x", { importSources: [a] }))).toMatchObject({ form: "Ores", by: "single" });
    expect(importFormOf(mineral("x", { importSources: [a, b] }))).toMatchObject({ form: "Total imports", by: "total-row" });
    const c = { ...importShare("CCC", 100), form: "Metal" };
    expect(importFormOf(mineral("x", { importSources: [a, c] }))).toMatchObject({ form: "Ores", by: "first" });
  });

  it("a user picks another form, case-insensitively; a form USGS does not list is bad input naming the valid ones", () => {
    const m = byId("niobium");
    expect(importShares(m, "niobium oxide")!.form).toBe("Niobium oxide");
    try {
      importShares(m, "Ferroniobium");
      throw new Error("no error");
    } catch (e) {
      expect(isLodestoneError(e) && e.code).toBe("bad-input");
      expect(isLodestoneError(e) && e.issues[0].expected).toContain('"Ferroniobium and niobium metal"');
    }
  });

  it("checkImportForms reports every offender at once: an unknown mineral (with suggestions) and an unlisted form", () => {
    try {
      checkImportForms(d.minerals, { nobium: "Total imports", copper: "Cathodes" });
      throw new Error("no error");
    } catch (e) {
      if (!isLodestoneError(e)) throw e;
      expect(e.issues).toHaveLength(2);
      expect(e.issues[0].suggestions).toContain("niobium");
      expect(e.issues[1].field).toBe("--import-form copper");
    }
  });
});

describe("lodestone risk --import-form", () => {
  it("changes the EU SR sourcing form and says so", async () => {
    const base = await cli(["risk", "niobium", "--explain", "--format", "json"]);
    const picked = await cli(["risk", "niobium", "--explain", "--format", "json", "--import-form", "niobium=Niobium oxide"]);
    expect(base.code).toBe(0);
    expect(picked.code).toBe(0);
    const sr = (out: string) => JSON.parse(out).measures.find((m: { measure: string }) => m.measure === "EU supply risk");
    expect(sr(base.stdout).caveats.join(" ")).toMatch(/US import shares \(Total imports/);
    expect(sr(picked.stdout).caveats.join(" ")).toMatch(/US import shares \(Niobium oxide/);
  });

  it("refuses an unlisted form and a malformed pair with exit 2", async () => {
    const bad = await cli(["risk", "--import-form", "niobium=foo"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--import-form niobium: "foo" is not an import form USGS lists for niobium, expected .*"Total imports"/);
    const malformed = await cli(["risk", "--import-form", "niobium"]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/is not mineral=form/);
  });
});
