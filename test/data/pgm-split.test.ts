/**
 * Palladium, platinum and rhodium split out of the USGS platinum-group metals chapter (catalog SPLITS).
 * Expected values are worked by hand from the raw MCS 2026 cells (rawCell), not from the dataset.
 */
import { describe, expect, it } from "vitest";
import { DERIVATIONS } from "../../src/assumptions/derive.js";
import { latestSalient, mineralInputs, primarySeries, sharesOf } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { cli, mineralOf, rawCell } from "../helpers.js";

const d = loadDataset();
const mineral = (id: string) => mineralOf(d, id);
const MCS26 = "usgs-mcs2026/MCS2026_Commodities_Data.csv";
/** kilograms in the file → metric tons, by hand: "130,000" → 130 */
const kgToT = (cell: string) => Number(cell.replace(/,/g, "")) / 1000;
/** US$ per troy ounce → US$ per metric ton: 1 t = 1,000,000 g / 31.1034768 g per troy ounce */
const ozToT = (cell: string) => (Number(cell.replace(/,/g, "")) * 1_000_000) / 31.1034768;

describe("palladium is a mineral of its own, built from the chapter's palladium rows", () => {
  const pd = mineral("palladium");

  it("apparent consumption 2025: the cell of 'Consumption, apparent: Palladium' (130,000 kg = 130 t)", () => {
    const f = latestSalient(pd, "consumption").figure!;
    expect(f.year).toBe(2025);
    expect(f.detail).toBe("Consumption, apparent: Palladium");
    expect(f.source).toMatchObject({ file: MCS26, column: "Value" });
    const cell = rawCell(MCS26, f.source.row, "Value");
    expect(rawCell(MCS26, f.source.row, "Statistics_detail")).toBe("Consumption, apparent: Palladium");
    expect(cell).toBe("130,000");
    expect(f.normalized).toBe(kgToT(cell));
    expect(f.normalized).toBe(130);
  });

  it("net import reliance 2025: 57 % from the palladium row", () => {
    const f = latestSalient(pd, "net-import-reliance").figure!;
    expect(f.year).toBe(2025);
    expect(rawCell(MCS26, f.source.row, "Statistics_detail")).toBe("Net import reliance as a percentage of apparent consumption: Palladium");
    expect(rawCell(MCS26, f.source.row, "Value")).toBe("57");
    expect(f.value).toBe(57);
  });

  it("price 2025: US$ 1,100 per troy ounce = 1,100 × 1,000,000 / 31.1034768 ≈ US$ 35.37 million per t", () => {
    const f = latestSalient(pd, "price").figure!;
    expect(f.year).toBe(2025);
    expect(rawCell(MCS26, f.source.row, "Statistics_detail")).toBe("Price, dollars per troy ounce: Palladium");
    const cell = rawCell(MCS26, f.source.row, "Value");
    expect(cell).toBe("1,100");
    expect(f.normalizedUnit).toBe("USD/t");
    expect(f.normalized).toBeCloseTo(ozToT(cell), 3);
    expect(f.normalized).toBeCloseTo(35_365_821.2, 0);
  });

  it("Russia's share of palladium mine production 2025: 84,000 kg of the countries' sum (above the rounded 190,000 kg world total)", () => {
    const s = primarySeries(pd, "mine")!;
    expect(s).toMatchObject({ form: "Palladium", year: 2025 });
    const rows = [s.world!, ...s.countries, s.other!].map((f) => ({ country: f.country, cell: rawCell(MCS26, f.source.row, "Value") }));
    expect(rows.find((r) => r.country === "RUS")!.cell).toBe("84,000");
    expect(rows.find((r) => r.country === "WORLD")!.cell).toBe("190,000");
    // USA 6,200 + CAN 16,000 + RUS 84,000 + ZAF 70,000 + ZWE 15,000 + other 2,900 = 194,100 kg > 190,000
    const sum = rows.filter((r) => r.country !== "WORLD").reduce((a, r) => a + kgToT(r.cell), 0);
    expect(sum).toBeCloseTo(194.1, 9);
    const rus = sharesOf(s).shares.find((x) => x.country === "RUS")!;
    expect(rus.share).toBeCloseTo(84 / 194.1, 12);
  });

  it("every palladium figure names palladium, and employment and waste-and-scrap stay with the chapter", () => {
    expect(pd.salient.length).toBeGreaterThan(0);
    for (const f of pd.salient) expect(f.detail).toMatch(/Palladium/);
    expect(pd.salient.some((f) => f.measure === "employment")).toBe(false);
    expect(new Set(pd.production.map((f) => f.form))).toEqual(new Set(["Palladium"]));
    expect(new Set(pd.importSources.map((f) => f.form))).toEqual(new Set(["Palladium"]));
  });
});

describe("platinum and rhodium", () => {
  it("platinum's price is its own row (US$ 1,200/oz in 2025), not palladium's", () => {
    const f = latestSalient(mineral("platinum"), "price").figure!;
    expect(rawCell(MCS26, f.source.row, "Statistics_detail")).toBe("Price, dollars per troy ounce: Platinum");
    expect(f.normalized).toBeCloseTo(ozToT(rawCell(MCS26, f.source.row, "Value")), 3);
    expect(f.normalized).not.toBeCloseTo(latestSalient(mineral("palladium"), "price").figure!.normalized!, 0);
  });

  it("rhodium has imports, exports and price only; platinum's mine shares stand in; consumption is net imports (derived)", () => {
    const rh = mineral("rhodium");
    expect([...new Set(rh.salient.map((f) => f.measure))].sort()).toEqual(["exports", "imports", "price"]);
    expect(new Set(rh.production.map((f) => f.form))).toEqual(new Set(["Platinum"]));
    for (const f of rh.production) expect(f.note).toMatch(/inherited from PLATINUM-GROUP METALS \(platinum\): USGS publishes no rhodium mine output/);
    expect(rawCell(MCS26, latestSalient(rh, "price").figure!.source.row, "Statistics_detail")).toBe("Price, dollars per troy ounce: Rhodium");
    const r = mineralInputs(rh);
    expect(r.reason).toMatch(/^USGS publishes no US apparent consumption for rhodium .*no assumption fills it$/);
  });

  it("the derived rhodium consumption is imports − exports, by hand from the 2024 cells: 14,500 − 766 kg = 13.734 t", () => {
    const rh = mineral("rhodium");
    const x = DERIVATIONS["rhodium-consumption"].compute(rh, 2024);
    if ("reason" in x) throw new Error(x.reason);
    const cell = (detail: string, year: number) => {
      const f = rh.salient.find((g) => g.detail === detail && g.year === year)!;
      return kgToT(rawCell(MCS26, f.source.row, "Value"));
    };
    expect(cell("Imports for consumption: Rhodium", 2024)).toBe(14.5);
    expect(cell("Exports: Rhodium", 2024)).toBe(0.766);
    expect(x.value).toBeCloseTo(13.734, 9);
    // net imports by year (t): 2020 20.7 − 1.48 = 19.22 (MCS 2025), 2021 15.15, 2022 12.483, 2023 11.647, 2024 13.734, 2025e 13.66
    expect(x.range[0]).toBeCloseTo(11.647, 9);
    expect(x.range[1]).toBeCloseTo(19.22, 9);
    expect(x.method).toMatch(/lower bound of apparent consumption/);
  });
});

describe("the chapter mineral no longer stands for palladium", () => {
  const pgm = mineral("platinum-group-metals");

  it("carries no headline price, consumption or reliance of its own, and says which minerals do", () => {
    expect(latestSalient(pgm, "price").figure).toBeUndefined();
    expect(latestSalient(pgm, "consumption").figure).toBeUndefined();
    expect(latestSalient(pgm, "net-import-reliance").figure).toBeUndefined();
    // its rows are all kept (palladium's price row among them)
    expect(pgm.salient.some((f) => f.detail === "Price, dollars per troy ounce: Palladium")).toBe(true);
    expect(mineralInputs(pgm).reason).toBe("USGS publishes this chapter's consumption per metal only: see palladium, platinum, rhodium");
  });
});

describe("simulate and plan price the metals separately", () => {
  it("simulate coalition-chn-rus-irn includes palladium and platinum with their own d0, r and price", async () => {
    const r = await cli(["simulate", "coalition-chn-rus-irn", "--format", "json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const byId = (id: string) => j.minerals.find((m: { id: string }) => m.id === id);
    const pd = byId("palladium");
    const pt = byId("platinum");
    expect(pd.inputs.price.value).toBeCloseTo(ozToT("1,100"), 3);
    expect(pt.inputs.price.value).toBeCloseTo(ozToT("1,200"), 3);
    expect(pd.inputs.r.value).toBe(0.57);
    expect(pt.inputs.r.value).toBe(0.89);
    expect(pd.inputs.d0.detail).toBe("Consumption, apparent: Palladium");
    expect(pt.inputs.d0.detail).toBe("Consumption, apparent: Platinum");
    expect(Object.keys(pd.inputs.exposure.shares)).toEqual(expect.arrayContaining(["RUS", "ZAF"]));
    expect(byId("platinum-group-metals")).toBeUndefined();
    // rhodium: in with the shipped assumptions (consumption = net imports, reliance 100 %), marked assumed
    expect(byId("rhodium").inputs.d0.assumed.derive).toBe("rhodium-consumption");
    expect(byId("rhodium").inputs.r.assumed).toBeDefined();
    const none = JSON.parse((await cli(["simulate", "coalition-chn-rus-irn", "--format", "json", "--assumptions", "none"])).stdout);
    expect(none.minerals.find((m: { id: string }) => m.id === "rhodium")).toBeUndefined();
    expect(none.excluded.find((m: { id: string }) => m.id === "rhodium").reason).toMatch(/no US apparent consumption for rhodium/);
  });

  it("plan --budget 12e9 costs palladium and platinum at their own prices", async () => {
    const r = await cli(["plan", "--budget", "12e9", "--format", "json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const byId = (id: string) => j.minerals.find((m: { id: string }) => m.id === id);
    expect(byId("palladium").priceUsdPerTon).toBeCloseTo(ozToT("1,100"), 3);
    expect(byId("platinum").priceUsdPerTon).toBeCloseTo(ozToT("1,200"), 3);
    expect(byId("platinum-group-metals")).toBeUndefined();
  });
});

describe("gaps and the catalogue say where the chapter's figures went", () => {
  it("assumptions gaps: rhodium's consumption and reliance are gaps (on the lists that name rhodium); the chapter's are not", async () => {
    const r = await cli(["assumptions", "gaps", "--format", "json"]);
    expect(r.code).toBe(0);
    const gaps = JSON.parse(r.stdout).gaps as { mineral: string; quantity: string; lists: string[]; why: string }[];
    expect(gaps.filter((g) => g.mineral === "platinum-group-metals")).toEqual([]);
    const rh = gaps.filter((g) => g.mineral === "rhodium");
    expect(rh.map((g) => g.quantity)).toEqual(["consumption", "net_import_reliance"]);
    expect(rh[0].lists).toEqual(["usgs-2022", "usgs-2025"]);
    expect(rh[0].why).toMatch(/^USGS publishes no US apparent consumption for rhodium/);
  });

  it("the chapter's profile says its price is published per metal", async () => {
    const r = await cli(["mineral", "platinum-group-metals"]);
    expect(r.stdout).toMatch(/price: USGS publishes this chapter's price per metal only: see palladium, platinum, rhodium/);
  });
});
