import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PARTS, SPLITS } from "../../src/data/catalog.js";
import { LISTS_FILE, LodestoneError, mineralIdsFor, nameSuggestions, parseCsv, resolveName } from "../../src/internal.js";
import { loadDataset } from "../../src/io/dataset.js";
import { cli, SOURCES_DIR } from "../helpers.js";

const d = loadDataset();

/** The vendored lists file itself (not a copy): name, list, mcs_chapter of every row. */
const table = parseCsv(readFileSync(join(SOURCES_DIR, LISTS_FILE), "utf8"), LISTS_FILE);
const col = (name: string) => table.header.indexOf(name);
const rows = table.rows.map((r) => ({
  line: r.line,
  name: r.cells[col("name")].trim(),
  list: r.cells[col("list")].trim(),
  chapter: r.cells[col("mcs_chapter")].trim(),
}));
const LIST_ID: Record<string, string> = {
  "USGS 2022 Final List of Critical Minerals": "usgs-2022",
  "USGS 2025 Final List of Critical Minerals": "usgs-2025",
  "EU Critical Raw Materials 2023": "eu-2023",
};

describe("every name on the three lists resolves", () => {
  it("the vendored file has 50 USGS 2022, 60 USGS 2025 and 34 EU 2023 names", () => {
    const count = (list: string) => rows.filter((r) => LIST_ID[r.list] === list).length;
    expect([count("usgs-2022"), count("usgs-2025"), count("eu-2023")]).toEqual([50, 60, 34]);
  });

  it("as written, in lower and upper case, with hyphens for spaces and with stray spaces, to the same answer", () => {
    const failed: string[] = [];
    for (const r of rows) {
      const base = resolveName(d, r.name);
      if (!base) failed.push(`${r.line} ${r.name}: unresolved`);
      for (const v of [r.name.toLowerCase(), r.name.toUpperCase(), r.name.replace(/ /g, "-"), `  ${r.name.replace(/ /g, "  ")} `])
        if (JSON.stringify(resolveName(d, v)) !== JSON.stringify(base)) failed.push(`${r.line} ${JSON.stringify(v)}: not as ${r.name}`);
    }
    expect(failed).toEqual([]);
  });

  it("a US name opens the chapter the lists file gives it (mcs_chapter); a US name with none answers no-chapter", () => {
    const wrong: string[] = [];
    for (const r of rows.filter((x) => LIST_ID[x.list] !== "eu-2023")) {
      const res = resolveName(d, r.name)!;
      if (!r.chapter) {
        if (res.kind !== "no-chapter" || !res.lists.includes(LIST_ID[r.list] as never)) wrong.push(`${r.name}: ${res.kind}`);
        continue;
      }
      // a mineral split out of a chapter (dysprosium) belongs to the chapter whose totals count it
      const split = res.kind === "mineral" ? SPLITS.find((x) => x.id === res.id) : undefined;
      const id = res.kind === "no-chapter" ? undefined : (split?.within ?? split?.of ?? res.id);
      const chapter = d.minerals.find((m) => m.id === id)?.chapter;
      if (chapter !== r.chapter) wrong.push(`${r.name}: ${chapter} ≠ ${r.chapter}`);
    }
    expect(wrong).toEqual([]);
  });

  it("an EU name opens a mineral whose lists carry it, or a part or no-chapter answer that names the EU list", () => {
    const wrong: string[] = [];
    for (const r of rows.filter((x) => LIST_ID[x.list] === "eu-2023")) {
      const res = resolveName(d, r.name)!;
      const ok =
        res.kind === "mineral"
          ? d.minerals.find((m) => m.id === res.id)!.lists.some((l) => l.list === "eu-2023" && l.name === r.name)
          : res.lists.includes("eu-2023");
      if (!ok) wrong.push(`${r.name}: ${JSON.stringify(res).slice(0, 80)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("every part names a mineral of the dataset (a part whose chapter is missing would silently not resolve)", () => {
    expect(PARTS.filter((p) => !d.minerals.some((m) => m.id === p.of)).map((p) => p.name)).toEqual([]);
  });
});

describe("a name inside a USGS chapter is a part of it, and says what USGS splits out", () => {
  it("holmium: a heavy rare earth in 'Rare earths'; USGS gives only its oxide price and import sources ('Rare earths (heavy)', 2021–2025)", () => {
    // by hand from MCS2026_Commodities_Data.csv: the rows naming holmium are "Holmium oxide, 99.5% minimum" prices
    // in RARE EARTHS (Heavy) for 2021–2025, and its import sources (2021–24)
    const r = resolveName(d, "Holmium")!;
    expect(r).toMatchObject({ kind: "part", id: "rare-earths", part: "holmium", lists: ["usgs-2022", "usgs-2025"] });
    if (r.kind !== "part") throw new Error();
    expect(r.reported).toEqual([
      { id: "rare-earths-heavy", measure: "price", years: [2021, 2025] },
      { id: "rare-earths-heavy", measure: "US import sources", years: [2021, 2024] },
    ]);
    expect(r.note).toMatch(/^holmium is one of the heavy rare earths \(EU 2023 grouping\) in the USGS "Rare earths" \(rare-earths\) chapter/);
    expect(r.note).toMatch(/consumption, .*imports, .*figures are for the whole "Rare earths" chapter, not holmium alone/);
  });

  it("NdPr, dysprosium and terbium are minerals of their own; neodymium and praseodymium point to ndpr", () => {
    expect(["dysprosium", "Terbium", "NdPr", "ndpr oxide", "neodymium-praseodymium"].map((n) => resolveName(d, n))).toEqual(
      ["dysprosium", "terbium", "ndpr", "ndpr", "ndpr"].map((id) => ({ kind: "mineral", id })),
    );
    const nd = resolveName(d, "Neodymium")!;
    expect(nd).toMatchObject({ kind: "part", id: "rare-earths", part: "neodymium" });
    if (nd.kind === "part") expect(nd.note).toMatch(/modelled with the other as the mineral ndpr/);
  });

  it("palladium, platinum and rhodium are minerals of their own (split out of the chapter), not parts of it", () => {
    expect(["palladium", "Platinum", "RHODIUM", "Palladium"].map((n) => resolveName(d, n))).toEqual(
      ["palladium", "platinum", "rhodium", "palladium"].map((id) => ({ kind: "mineral", id })),
    );
  });

  it("ruthenium stays a part of 'Platinum-group metals', with imports and price of its own but no production", () => {
    const r = resolveName(d, "ruthenium")!;
    if (r.kind !== "part") throw new Error(r.kind);
    expect(r.id).toBe("platinum-group-metals");
    expect(r.reported.map((x) => x.measure)).toEqual(["imports", "price"]);
  });

  it("hafnium: in 'Zirconium and hafnium', with trade, NIR and price of its own but no production or consumption", () => {
    const r = resolveName(d, "HAFNIUM")!;
    if (r.kind !== "part") throw new Error(r.kind);
    expect(r.id).toBe("zirconium-hafnium");
    expect(r.reported.map((x) => x.measure)).toEqual(["exports", "imports", "net import reliance", "price", "US import sources"]);
    expect(r.lists).toEqual(["eu-2023", "usgs-2022", "usgs-2025"]);
  });

  it("phosphorus (EU) has no figure of its own in 'Phosphate rock'", () => {
    const r = resolveName(d, "Phosphorus")!;
    expect(r).toMatchObject({ kind: "part", id: "phosphate-rock", reported: [] });
    if (r.kind === "part") expect(r.note).toContain("USGS does not report phosphorus separately.");
  });

  it("the list's own word for a whole chapter is the mineral: Baryte, PGMs, rare earths, Natural graphite, Magnesium", () => {
    const ids = ["Baryte", "PGMs", "rare earths", "Rare-Earth Elements", "Natural graphite", "Magnesium", "platinum group metals"].map((n) =>
      resolveName(d, n),
    );
    expect(ids).toEqual(
      ["barite", "platinum-group-metals", "rare-earths", "rare-earths", "graphite", "magnesium", "platinum-group-metals"].map((id) => ({
        kind: "mineral",
        id,
      })),
    );
  });

  it("the EU's rare-earth groups are parts of 'Rare earths'", () => {
    expect(resolveName(d, "Light rare earth elements")).toMatchObject({ kind: "part", id: "rare-earths", lists: ["eu-2023"] });
    expect(resolveName(d, "heavy-rare-earth-elements")).toMatchObject({ kind: "part", id: "rare-earths", lists: ["eu-2023"] });
  });
});

describe("a listed name with no USGS chapter", () => {
  it("uranium: on the USGS 2025 list only, and says USGS publishes no data on it", () => {
    const r = resolveName(d, "Uranium")!;
    expect(r).toMatchObject({ kind: "no-chapter", name: "uranium", lists: ["usgs-2025"] });
    if (r.kind === "no-chapter") expect(r.note).toMatch(/no Mineral Commodity Summaries chapter.*publish no production, trade, consumption or price figure/);
  });

  it("metallurgical coal and coking coal are one thing, on the USGS 2025 and EU 2023 lists", () => {
    for (const n of ["metallurgical coal", "Coking-coal", "met coal"])
      expect(resolveName(d, n)).toMatchObject({ kind: "no-chapter", lists: ["eu-2023", "usgs-2025"] });
  });
});

describe("suggestions for a mistyped name come from the list names too", () => {
  it.each([
    ["dysprosum", "dysprosium"],
    ["paladium", "palladium"],
    ["uranum", "uranium"],
    ["metalurgical coal", "metallurgical coal"],
    ["galium", "gallium"],
  ])("%s suggests %s first", (typo, want) => {
    expect(resolveName(d, typo)).toBeUndefined();
    expect(nameSuggestions(d, typo)[0]).toBe(want);
  });

  it("a name two chapters share resolves to neither, and suggests both", () => {
    expect(resolveName(d, "sand and gravel")).toBeUndefined();
    expect(nameSuggestions(d, "sand and gravel")).toEqual(expect.arrayContaining(["sand and gravel (construction)", "sand and gravel (industrial)"]));
  });
});

describe("a list of names (plan --minerals)", () => {
  it("gives the chapter ids in order, with a note for each part", () => {
    const r = mineralIdsFor(d, ["Gallium", "holmium", "palladium", "dysprosium"], "--minerals");
    expect(r.ids).toEqual(["gallium", "rare-earths", "palladium", "dysprosium"]);
    expect(r.notes).toEqual([expect.stringMatching(/^--minerals holmium: holmium is a part of rare-earths; the whole chapter is used/)]);
  });

  it("refuses two names for one chapter, and every unknown or no-chapter name at once", () => {
    expect(() => mineralIdsFor(d, ["holmium", "Erbium"], "--minerals")).toThrow(/holmium, Erbium all name rare-earths/);
    // palladium and platinum are minerals of their own now, so both may be named
    expect(mineralIdsFor(d, ["palladium", "Platinum"], "--minerals").ids).toEqual(["palladium", "platinum"]);
    try {
      mineralIdsFor(d, ["uranium", "galium", "cobalt"], "--minerals");
      throw new Error("expected an error");
    } catch (e) {
      expect(e).toBeInstanceOf(LodestoneError);
      expect((e as LodestoneError).code).toBe("not-found");
      expect((e as LodestoneError).issues.map((i) => i.message)).toEqual([
        expect.stringMatching(/^uranium has no USGS chapter: USGS publishes no data on it .*usgs-2025 list/),
        'unknown mineral "galium"',
      ]);
    }
  });
});

describe("the CLI takes any name", () => {
  it("mineral holmium opens the rare earths profile and says which part holmium is; dysprosium opens its own", async () => {
    const r = await cli(["mineral", "holmium"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Rare earths \(rare-earths\) — MCS chapter RARE EARTHS\nholmium is one of the heavy rare earths/);
    expect((await cli(["mineral", "dysprosium"])).stdout).toMatch(/^Dysprosium \(dysprosium\) — MCS chapter RARE EARTHS \(Heavy\)\n/);
    const j = JSON.parse((await cli(["mineral", "Palladium", "--format", "json"])).stdout);
    expect(j.mineral.id).toBe("palladium");
    expect(j.part).toBeUndefined();
  });

  it("mineral uranium answers (exit 0) that USGS has no chapter and which lists name it", async () => {
    const r = await cli(["mineral", "uranium"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^uranium: no USGS chapter\nuranium is on the usgs-2025 list, but USGS has no Mineral Commodity Summaries chapter/);
    expect(JSON.parse((await cli(["mineral", "coking coal", "--format", "json"])).stdout)).toMatchObject({
      kind: "no-chapter",
      lists: ["eu-2023", "usgs-2025"],
    });
  });

  it("risk takes a part (the chapter's row, the note on stderr) and refuses a no-chapter name with exit 2", async () => {
    const r = await cli(["risk", "Holmium", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).id).toBe("rare-earths");
    expect(r.stderr).toMatch(/^note: holmium is one of the heavy rare earths/);
    const u = await cli(["risk", "metallurgical-coal"]);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/metallurgical coal has no USGS chapter: USGS publishes no data on it/);
  });

  it("the part and no-chapter notes keep to 120 columns", async () => {
    for (const n of ["holmium", "neodymium", "Heavy rare earth elements", "titanium metal", "uranium", "coking coal"])
      for (const line of (await cli(["mineral", n])).stdout.split("\n")) expect([...line].length, `${n}: ${line}`).toBeLessThanOrEqual(120);
  });

  it("a mistyped name suggests the list name", async () => {
    const r = await cli(["mineral", "dysprosum"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown mineral "dysprosum".*did you mean: dysprosium/);
  });
});
