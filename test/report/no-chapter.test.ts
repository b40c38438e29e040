import { describe, expect, it } from "vitest";
import { noChapterProfile, resolveName } from "../../src/index.js";
import { loadAssumptions } from "../../src/io/assumptions-file.js";
import { loadDataset } from "../../src/io/dataset.js";
import { call, testApp } from "../api/helpers.js";
import { cli } from "../helpers.js";

const d = loadDataset();
const shipped = loadAssumptions(undefined, d);
const FILE = "assumptions/public-estimates.yaml";

const noChapter = (name: string) => {
  const r = resolveName(d, name);
  if (r?.kind !== "no-chapter") throw new Error(`${name}: ${r?.kind}`);
  return r;
};

describe("a listed name with no USGS chapter answers with what the assumptions hold", () => {
  it("uranium: the three EIA figures of the shipped file, each with unit, year, range, basis, method, source and file:line", () => {
    const p = noChapterProfile(d, noChapter("uranium"), shipped);
    // by hand from assumptions/public-estimates.yaml: consumption at line 29, price at 39, reliance at 49
    expect(p.assumed.map((a) => [a.quantity, a.value, a.unit, a.year, a.range, a.at])).toEqual([
      ["consumption", 16891, "t", 2023, [16634, 18706], `${FILE}:29`],
      ["price", 113871, "USD/t", 2023, [110283, 134253], `${FILE}:39`],
      ["net_import_reliance", 95, "percent", 2023, [95, 99], `${FILE}:49`],
    ]);
    expect(p.assumed[0].basis).toMatch(/^U content/);
    expect(p.assumed[0].method).toMatch(/^EIA UMAR Table 18/);
    expect(p.assumed[0].cite).toMatch(
      /^Uranium Marketing Annual Report, Table 18.*\(U\.S\. Energy Information Administration, 2024-06-06\) https:\/\/eia\.gov/,
    );
    expect(p.usgs).toMatch(/^USGS publishes no data for uranium/);
    expect(p.notModelled).toMatch(/not scored, simulated or planned: .*world production or US import shares by country/);
  });

  it("the note no longer says Lodestone cannot profile it (the profile shows the held figures)", () => {
    const r = noChapter("uranium");
    expect(r.note).not.toMatch(/cannot profile/);
    expect(r.note).toMatch(/publish no production, trade, consumption or price figure for it/);
    expect(r.note).toMatch(/no world production or US import sources by country/);
  });

  it("metallurgical coal and coking coal: the file gives nothing, and the answer says so", () => {
    for (const n of ["metallurgical coal", "coking coal"]) {
      const p = noChapterProfile(d, noChapter(n), shipped);
      expect(p.assumed).toEqual([]);
      expect(p.missing).toEqual([]);
      expect(p.head).toBe("metallurgical coal");
    }
  });

  it("mineral uranium prints the figures with their file:line; --format json carries them; GET /minerals/uranium is the same", async () => {
    const t = await cli(["mineral", "uranium"]);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/What the assumptions file assumptions\/public-estimates\.yaml gives for uranium/);
    expect(t.stdout).toMatch(/US consumption\s+16,891\s+t\s+2023\s+16,634\s+18,706 .* assumptions\/public-estimates\.yaml:29/);
    expect(t.stdout).toMatch(/price\s+113,871\s+USD\/t\s+2023/);
    expect(t.stdout.replace(/\n {2}/g, " ")).toMatch(/held \(lodestone assumptions gaps lists them\) and applied to no mineral/);
    const j = JSON.parse((await cli(["mineral", "uranium", "--format", "json"])).stdout);
    expect(j).toMatchObject({ kind: "no-chapter", name: "uranium", assumptionsFile: FILE });
    expect(j.assumed.map((a: { value: number }) => a.value)).toEqual([16891, 113871, 95]);
    const { app } = testApp();
    const r = await call(app, "GET", "/minerals/uranium");
    expect(r.status).toBe(200);
    expect(r.json).toEqual(j);
  });

  it("mineral 'metallurgical coal' says the assumptions file gives no figure for it", async () => {
    const t = await cli(["mineral", "metallurgical coal"]);
    expect(t.code).toBe(0);
    expect(t.stdout.replace(/\n {2}/g, " ")).toMatch(
      /The assumptions file assumptions\/public-estimates\.yaml gives no figure for metallurgical coal: nothing is known about it here beyond the lists that name it\./,
    );
  });
});
