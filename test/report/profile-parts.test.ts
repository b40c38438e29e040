import { describe, expect, it } from "vitest";
import { mineralInputs, profile, profileSections, resolveName } from "../../src/index.js";
import { loadAssumptions } from "../../src/io/assumptions-file.js";
import { loadDataset } from "../../src/io/dataset.js";
import { cli } from "../helpers.js";

const d = loadDataset();
const shipped = loadAssumptions(undefined, d);
const mineral = (id: string) => d.minerals.find((m) => m.id === id)!;
const section = (id: string, title: RegExp) => profileSections(profile(d, mineral(id), undefined, shipped)).find((s) => title.test(s.title))!;
const flat = (s: string) => s.replace(/\n {2}/g, " ");

describe("a split mineral's copied tables say whose figures stand in", () => {
  it("terbium's world production is the rare-earths chapter total standing in, with the reason", () => {
    const s = section("terbium", /^World production/);
    expect(s.title).toBe('World production by country and stage: not terbium\'s own; the "Rare earths" chapter total (rare-earths) stands in');
    expect(s.note).toMatch(/^USGS publishes no world production by country for terbium alone: USGS publishes no mine output by element/);
    // the rows are all rare earths (REO): China 270,000 t of 390,000 t in 2024 (MCS 2026), not terbium
    expect(s.rows.some((r) => r.country === "CHN" && r.tons === 270000)).toBe(true);
  });

  it("dysprosium and ndpr say the same; ndpr's import sources and reliance are the chapter's too; rhodium's production is platinum's", () => {
    expect(section("dysprosium", /^World production/).title).toMatch(/: not dysprosium's own; the "Rare earths" chapter total \(rare-earths\) stands in$/);
    expect(section("ndpr", /^US import sources/).title).toBe('US import sources: not ndpr\'s own; the "Rare earths" chapter total (rare-earths) stands in');
    expect(section("ndpr", /^US salient/).title).toBe(
      'US salient statistics for net import reliance: not ndpr\'s own; the "Rare earths" chapter total (rare-earths) stands in',
    );
    expect(section("rhodium", /^World production/).title).toBe("World production by country and stage: not rhodium's own; platinum's figures stand in");
  });

  it("palladium's own world production (MCS 'Palladium' rows) keeps the plain title", () => {
    expect(section("palladium", /^World production/).title).toBe("World production by country and stage");
    expect(section("palladium", /^World production/).note).toBeUndefined();
  });

  it("mineral terbium prints the stand-in title", async () => {
    const r = await cli(["mineral", "terbium"]);
    expect(flat(r.stdout)).toContain('World production by country and stage: not terbium\'s own; the "Rare earths" chapter total (rare-earths) stands in');
  });
});

describe("a part's note claims only what USGS publishes for it alone", () => {
  it("heavy rare earth elements: no world mine production 'in dysprosium' or 'in terbium' (those rows are all rare earths, copied)", () => {
    const r = resolveName(d, "heavy rare earth elements")!;
    if (r.kind !== "part") throw new Error(r.kind);
    expect(r.note).not.toMatch(/world mine production [0-9–]+ \(in (dysprosium|terbium)\)/);
    expect(r.note).not.toMatch(/net import reliance [0-9–]+ \(in (dysprosium|terbium)\)/);
    expect(r.reported.filter((x) => x.id === "dysprosium")).toEqual([{ id: "dysprosium", measure: "price", years: [2021, 2025] }]);
    // the group's own NIR row, published by USGS under "Rare earths (heavy)", is still claimed
    expect(r.note).toMatch(/net import reliance 2021–2025 \(in rare-earths-heavy\)/);
  });

  it("silicon metal: consumption, US production and stocks are rows shared with ferrosilicon, and consumption is withheld every year", () => {
    const r = resolveName(d, "silicon metal")!;
    if (r.kind !== "part") throw new Error(r.kind);
    // by hand from the vendored MCS: "Consumption, apparent, ferrosilicon and silicon metal" is W in 2020–2025
    expect(r.reported.find((x) => x.measure === "consumption")).toEqual({
      id: "silicon",
      measure: "consumption",
      unpublished: [2020, 2021, 2022, 2023, 2024, 2025],
      shared: "ferrosilicon and silicon metal",
    });
    // stocks: 11, 17, 15 t in 2021–2023, W in 2020 (MCS 2025) and 2024–2025
    expect(r.reported.find((x) => x.measure === "stocks")).toEqual({
      id: "silicon",
      measure: "stocks",
      years: [2021, 2023],
      unpublished: [2020, 2024, 2025],
      shared: "ferrosilicon and silicon metal",
    });
    expect(r.note).toContain(
      "USGS reports silicon metal on its own only for: exports 2020–2025, imports 2020–2025, net import reliance 2020–2025, price 2020–2025, US import sources 2021–2024, world production 2023–2025.",
    );
    expect(r.note).toMatch(
      /only together with other products: consumption \(none published: withheld or not available 2020–2025\) as "ferrosilicon and silicon metal"/,
    );
    expect(r.note).toMatch(/The US production, consumption and stocks figures are for the whole "Silicon" chapter/);
  });

  it("hafnium: its own NIR row is published in no year, and the note says so instead of claiming it", () => {
    const r = resolveName(d, "hafnium")!;
    if (r.kind !== "part") throw new Error(r.kind);
    expect(r.note).toContain("USGS reports hafnium on its own only for: exports 2020–2025, imports 2020–2025, price 2020–2025, US import sources 2021–2024.");
    expect(r.note).toContain("Its own rows with no published figure: net import reliance (none published: withheld or not available 2020–2025).");
  });
});

describe("terbium is left out of simulate and plan with the documented reason", () => {
  const NO_SOURCE = /no public source was found for US terbium consumption .*\[assumptions\/public-estimates\.yaml:\d+\]/;

  it("mineralInputs gives the missing: entry's reason with the shipped file, and only 'no assumption fills it' without one", () => {
    const withFile = mineralInputs(mineral("terbium"), undefined, shipped, d);
    expect(withFile.reason).toMatch(/^USGS publishes no US apparent consumption for terbium .*, and no assumption fills it: no public source was found/);
    expect(withFile.reason).toMatch(NO_SOURCE);
    expect(mineralInputs(mineral("terbium"), undefined, undefined, d).reason).toMatch(/, and no assumption fills it$/);
  });

  it("the profile says simulate and plan leave terbium out, why, and where the figure was looked for", async () => {
    const p = profile(d, mineral("terbium"), undefined, shipped);
    expect(p.leftOut?.reason).toMatch(NO_SOURCE);
    expect(p.leftOut?.lookedIn).toHaveLength(3);
    const t = flat((await cli(["mineral", "terbium"])).stdout);
    expect(t).toMatch(/simulate and plan leave terbium out: USGS publishes no US apparent consumption for terbium/);
    expect(t).toMatch(/no public source was found for US terbium consumption/);
    // a mineral simulate takes has no such line
    expect(profile(d, mineral("gallium"), undefined, shipped).leftOut).toBeUndefined();
  });

  it("simulate's and plan's left-out lines give the reason", async () => {
    const s = await cli(["simulate", "china-oct-2025-package"]);
    expect(flat(s.stdout)).toMatch(/left out: terbium: .*no assumption fills it: no public source was found for US terbium consumption/);
    const p = await cli(["plan", "--budget", "1e9", "--scenarios", "china-oct-2025-package", "--format", "json"]);
    const j = JSON.parse(p.stdout) as { excluded: { id: string; reason: string }[] };
    expect(j.excluded.find((x) => x.id === "terbium")?.reason).toMatch(NO_SOURCE);
  });
});

describe("the US import sources table marks the chosen form", () => {
  it("chromium: the five 'Total imports' rows are marked chosen (ZAF 31, KAZ 11, FIN 6, CAN 5, Other 47 %), the other forms are not", () => {
    const s = section("chromium", /^US import sources/);
    const chosen = s.rows.filter((r) => r.used === "chosen");
    expect(chosen.map((r) => [r.form, r.country, r.share])).toEqual([
      ["Total imports", "ZAF", 31],
      ["Total imports", "KAZ", 11],
      ["Total imports", "FIN", 6],
      ["Total imports", "CAN", 5],
      ["Total imports", "OTHER", 47],
    ]);
    expect(s.rows.filter((r) => r.form !== "Total imports").every((r) => r.used === "")).toBe(true);
    expect(s.note).toMatch(/^"Total imports" \(marked chosen\) stands for US chromium supply: the total row; chromite is a minor part/);
    expect(s.note).toContain('--import-form "chromium=Chromite (ores and concentrates)"');
  });

  it("the chosen form is the one risk chromium --explain splits imports by; --import-form picks another", async () => {
    const e = flat((await cli(["risk", "chromium", "--explain"])).stdout);
    expect(e).toContain("import shares mine = Total imports (2021–24; the mineral's chosen form)");
    const f = flat((await cli(["risk", "chromium", "--explain", "--import-form", "chromium=Ferrochromium"])).stdout);
    expect(f).toContain("import share ZAF (mine: Ferrochromium, 2021–24) = 0.41");
    expect(flat((await cli(["mineral", "chromium"])).stdout)).toMatch(/Total imports\s+chosen\s+2021–24\s+ZAF\s+31/);
  });

  it("copper: refined copper is chosen and the refinery stage's own table; the mine stage uses ore and concentrate", () => {
    const s = section("copper", /^US import sources/);
    expect([...new Set(s.rows.map((r) => `${r.form}: ${r.used}`))]).toEqual(
      expect.arrayContaining(["Refined copper: chosen, refinery stage", "Copper content of ore and concentrate: mine stage"]),
    );
  });
});
