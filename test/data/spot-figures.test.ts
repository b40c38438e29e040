/**
 * Spot figures a person can look up in the source files. Each expectation was read by hand from
 * data/sources (MCS 2026 line numbers are file lines, header = line 1), and each figure's own
 * source reference is followed back to the raw file to check the cell text it claims.
 */
import { describe, expect, it } from "vitest";
import { type CountryFigure, type Figure, latestSalient } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { mineralOf, rawCell } from "../helpers.js";

const d = loadDataset();
const mineral = (id: string) => mineralOf(d, id);
const MCS26 = "usgs-mcs2026/MCS2026_Commodities_Data.csv";
const MCS25W = "usgs-mcs2025/world/MCS2025_World_Data.csv";

type Spot = {
  what: string;
  find: () => Figure | undefined;
  expect: Partial<Figure> & { country?: string; form?: string };
  file: string;
  row: number;
};

const prod = (id: string, country: string, year: number, form?: string) => () =>
  mineral(id).production.find((f) => f.country === country && f.year === year && (!form || f.form === form));
const res = (id: string, country: string, year: number) => () => mineral(id).reserves.find((f) => f.country === country && f.year === year);
const sal = (id: string, measure: string, year: number, detail?: RegExp) => () =>
  mineral(id).salient.find((f) => f.measure === measure && f.year === year && (!detail || detail.test(f.detail)));
const imp = (id: string, country: string, form: string) => () => mineral(id).importSources.find((f) => f.country === country && f.form === form);

const SPOTS: Spot[] = [
  {
    what: "cobalt mine production, Congo (Kinshasa) 2025",
    find: prod("cobalt", "COD", 2025),
    expect: { value: 230000, unit: "metric tons", normalized: 230000, status: "estimated" },
    file: MCS26,
    row: 1868,
  },
  {
    what: "cobalt reserves, Congo (Kinshasa)",
    find: res("cobalt", "COD", 2025),
    expect: { value: 6000000, normalized: 6000000, status: "reported" },
    file: MCS26,
    row: 1882,
  },
  {
    what: "cobalt US net import reliance 2025",
    find: sal("cobalt", "net-import-reliance", 2025),
    expect: { value: 79, unit: "percent", status: "estimated" },
    file: MCS26,
    row: 1844,
  },
  {
    what: "cobalt US spot cathode price 2025 ($/lb → $/t)",
    find: sal("cobalt", "price", 2025, /spot/),
    expect: { value: 21, unit: "dollars per pound" },
    file: MCS26,
    row: 1840,
  },
  {
    what: "gallium primary production, China 2025 (kg → t)",
    find: prod("gallium", "CHN", 2025),
    expect: { value: 900000, unit: "kilograms", normalized: 900, status: "estimated" },
    file: MCS26,
    row: 2557,
  },
  {
    what: "gallium primary production, United States 2025 is zero (—)",
    find: prod("gallium", "USA", 2025),
    expect: { value: 0, status: "zero", raw: "—" },
    file: MCS26,
    row: 2556,
  },
  {
    what: "gallium reported consumption 2025",
    find: sal("gallium", "consumption", 2025),
    expect: { value: 19000, normalized: 19, status: "estimated" },
    file: MCS26,
    row: 2541,
  },
  {
    what: "gallium import share, Canada (metal) 2021–24",
    find: imp("gallium", "CAN", "Metal"),
    expect: { value: 28, unit: "percent", period: "2021–24" },
    file: MCS26,
    row: 2545,
  },
  {
    what: "gallium consumption 2020, from MCS 2025 salient",
    find: sal("gallium", "consumption", 2020),
    expect: { value: 15700, unit: "kilograms", normalized: 15.7 },
    file: "usgs-mcs2025/salient/mcs2025-galli_salient.csv",
    row: 2,
  },
  {
    what: "gallium primary production, China 2023, from MCS 2025 world data",
    find: prod("gallium", "CHN", 2023),
    expect: { value: 621000, normalized: 621 },
    file: "usgs-mcs2025/world/MCS2025_World_Data.csv",
    row: 371,
  },
  {
    what: "rare earths mine production, China 2025",
    find: prod("rare-earths", "CHN", 2025),
    expect: { value: 270000, status: "estimated" },
    file: MCS26,
    row: 6094,
  },
  {
    what: "rare earths world reserves are a lower bound",
    find: res("rare-earths", "WORLD", 2025),
    expect: { value: 85000000, status: "bound", bound: ">" },
    file: MCS26,
    row: 6124,
  },
  {
    what: "lithium mine production, United States 2025 is withheld",
    find: prod("lithium", "USA", 2025),
    expect: { value: null, status: "withheld", normalized: null },
    file: MCS26,
    row: 4248,
  },
  { what: "lithium mine production, Chile 2025", find: prod("lithium", "CHL", 2025), expect: { value: 56000 }, file: MCS26, row: 4253 },
  { what: "tungsten mine production, China 2025", find: prod("tungsten", "CHN", 2025), expect: { value: 67000 }, file: MCS26, row: 8224 },
  {
    what: "tungsten reserves, United States: not available",
    find: res("tungsten", "USA", 2025),
    expect: { value: null, status: "not-available" },
    file: MCS26,
    row: 8234,
  },
  {
    what: "tungsten world reserves bound",
    find: res("tungsten", "WORLD", 2025),
    expect: { value: 4700000, status: "bound", bound: ">" },
    file: MCS26,
    row: 8247,
  },
  {
    what: "antimony US mine production 2025 is withheld (salient)",
    find: sal("antimony", "production", 2025, /Mine/),
    expect: { value: null, status: "withheld", raw: "W" },
    file: MCS26,
    row: 380,
  },
  {
    what: "antimony mine production, United States 2024 is zero",
    find: prod("antimony", "USA", 2024),
    expect: { value: 0, status: "zero" },
    file: MCS26,
    row: 414,
  },
  { what: "antimony mine production, Russia 2024", find: prod("antimony", "RUS", 2024), expect: { value: 40000 }, file: MCS26, row: 427 },
  {
    what: "platinum mine production, South Africa 2025",
    find: prod("platinum-group-metals", "ZAF", 2025, "Platinum"),
    expect: { value: 120000, unit: "kilograms", normalized: 120 },
    file: MCS26,
    row: 5710,
  },
  {
    what: "palladium mine production, Russia 2025",
    find: prod("platinum-group-metals", "RUS", 2025, "Palladium"),
    expect: { value: 84000 },
    file: MCS26,
    row: 5695,
  },
  { what: "germanium import share, China (metal)", find: imp("germanium", "CHN", "Germanium metal"), expect: { value: 41 }, file: MCS26, row: 2792 },
  {
    what: "yttrium world production 2025 is a range (the shifted row)",
    find: prod("yttrium", "WORLD", 2025),
    expect: { value: 12500, status: "range", range: [10000, 15000] },
    file: MCS26,
    row: 8533,
  },
  {
    what: "wollastonite US net import reliance 2025: net exporter",
    find: sal("wollastonite", "net-import-reliance", 2025),
    expect: { value: null, status: "net-exporter" },
    file: MCS26,
    row: 8477,
  },
  {
    what: "cadmium scrap exports 2020: less than ½ unit",
    find: sal("cadmium", "exports", 2020, /scrap/i),
    expect: { value: 0.5, status: "bound", bound: "<" },
    file: "usgs-mcs2025/salient/mcs2025-cadmi_salient.csv",
    row: 2,
  },
];

describe("spot figures from the sources", () => {
  it("covers at least 20 figures across ten minerals, with a withheld one, a bound and a zero", () => {
    expect(SPOTS.length).toBeGreaterThanOrEqual(20);
    const minerals = new Set(SPOTS.map((s) => s.what.split(" ")[0]));
    expect(minerals.size).toBeGreaterThanOrEqual(10);
    const statuses = new Set(SPOTS.map((s) => s.expect.status));
    for (const st of ["withheld", "bound", "zero"]) expect(statuses).toContain(st);
  });

  it.each(SPOTS.map((s) => [s.what, s] as const))("%s", (_what, s) => {
    const f = s.find();
    expect(f, "figure present").toBeDefined();
    expect(f).toMatchObject(s.expect);
    expect(f!.source.file).toBe(s.file);
    expect(f!.source.row).toBe(s.row);
    // the cell the figure names holds exactly the text the figure says it read
    expect(rawCell(f!.source.file, f!.source.row, f!.source.column)).toBe(f!.raw);
  });

  it("converts the cobalt price from dollars per pound to dollars per metric ton exactly", () => {
    const f = sal("cobalt", "price", 2025, /spot/)()!;
    expect(f.normalized).toBeCloseTo(21 / 0.00045359237, 6);
    expect(f.normalizedUnit).toBe("USD/t");
  });

  it("reads prices per metric ton unit (10 kg of WO3 or Mn) as ×100 per metric ton, even where only the detail says so", () => {
    const w = latestSalient(mineral("tungsten"), "price").figure!;
    expect(w).toMatchObject({ year: 2025, value: 380, unit: "dollars per dry metric ton unit", normalized: 38000 });
    const mn = latestSalient(mineral("manganese"), "price").figure!;
    expect(mn).toMatchObject({ value: 4.5, unit: "dollars per metric ton unit", normalized: 450 });
    expect(rawCell(mn.source.file, mn.source.row, "Unit")).toBe("dollars per metric ton");
  });

  it("takes NdPr oxide as the rare-earth headline price, and skips a year whose first row is not available", () => {
    expect(latestSalient(mineral("rare-earths"), "price").figure!.detail).toMatch(/NdPr/);
    const si = latestSalient(mineral("silicon"), "price").figure!;
    expect(si.year).toBe(2025);
    expect(si.value).toBe(140);
  });

  it("files MCS 2025 clinker capacity rows under capacity, not production (cement row 203)", () => {
    const cement = mineral("cement");
    const china2023 = (list: CountryFigure[]) => list.filter((f) => f.country === "CHN" && f.year === 2023);
    expect(china2023(cement.production).map((f) => f.source.row)).toEqual([187]);
    expect(china2023(cement.capacity).map((f) => f.source.row)).toEqual([203]);
    expect(rawCell(MCS25W, 203, "TYPE")).toBe("Clinker capacity, estimated");
  });

  it("corrects the MCS 2025 titanium-concentrate unit (metric tons → thousand metric tons) and says so", () => {
    const moz = prod("titanium-mineral-concentrates", "MOZ", 2023)()!;
    expect(rawCell(MCS25W, 1129, "UNIT_MEAS")).toBe("metric tons");
    expect(moz).toMatchObject({ value: 1860, unit: "thousand metric tons", normalized: 1860000, form: "Titanium Mineral Concentrates: ilmenite" });
    expect(moz.note).toMatch(/unit corrected/);
    // the same series in MCS 2026 (2024, 1,930 thousand t) agrees in magnitude
    const moz24 = prod("titanium-mineral-concentrates", "MOZ", 2024, "Titanium Mineral Concentrates: ilmenite")()!;
    expect(moz24.source.file).toBe(MCS26);
    expect(moz24.normalized! / moz.normalized!).toBeGreaterThan(0.9);
    expect(moz24.normalized! / moz.normalized!).toBeLessThan(1.1);
  });

  it("names a stage as MCS 2026 does when MCS 2025 calls it otherwise (arsenic: plant → production)", () => {
    expect(new Set(mineral("arsenic").production.map((f) => f.stage))).toEqual(new Set(["production"]));
  });

  it("carries WGI governance with the row it came from", () => {
    const chn = d.countries.find((c) => c.code === "CHN")!;
    const g = chn.governance!;
    expect(g.year).toBe(2023);
    expect(Number(rawCell(g.source.file, g.source.row, "mean6_est"))).toBe(g.mean);
    expect(rawCell(g.source.file, g.source.row, "iso3")).toBe("CHN");
  });

  it("maps World Bank codes that are not ISO (ZAR → COD)", () => {
    const cod = d.countries.find((c) => c.code === "COD")!;
    expect(cod.governance).toBeDefined();
    expect(rawCell(cod.governance!.source.file, cod.governance!.source.row, "wgi_code")).toBe("ZAR");
  });

  it("names the lists of each mineral, and records list entries no USGS chapter covers", () => {
    expect(new Set(mineral("gallium").lists.map((l) => l.list))).toEqual(new Set(["usgs-2022", "usgs-2025", "eu-2023"]));
    expect(mineral("copper").lists.map((l) => l.list)).not.toContain("usgs-2022");
    expect(d.notCovered.map((n) => n.name).sort()).toEqual(["Coking coal", "Metallurgical coal", "Uranium"]);
  });

  it("covers every USGS 2025 list entry that has an MCS chapter", () => {
    const onList = d.minerals.filter((m) => m.lists.some((l) => l.list === "usgs-2025"));
    const names = onList.flatMap((m) => m.lists.filter((l) => l.list === "usgs-2025").map((l) => l.name));
    expect(names.length + d.notCovered.filter((n) => n.list === "usgs-2025").length).toBe(60);
  });

  it("keeps every production figure's country a known code or aggregate", () => {
    const codes = new Set(d.countries.map((c) => c.code));
    const bad: CountryFigure[] = [];
    for (const m of d.minerals) for (const f of [...m.production, ...m.reserves, ...m.capacity]) if (!codes.has(f.country)) bad.push(f);
    expect(bad).toEqual([]);
  });
});
