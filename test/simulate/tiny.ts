import type { CountryFigure, Dataset, ImportShare, Mineral, SalientFigure } from "../../src/index.js";

const src = (row: number, column = "v") => ({ file: "tiny.csv", row, column });

export function salient(measure: SalientFigure["measure"], value: number | null, opts: Partial<SalientFigure> = {}): SalientFigure {
  return {
    measure,
    detail: measure === "consumption" ? "Consumption, apparent" : measure,
    value,
    unit: "metric tons",
    normalized: value,
    year: 2025,
    status: "reported",
    raw: String(value),
    source: src(2, measure),
    ...opts,
  };
}

export function prod(country: string, value: number, stage = "refinery"): CountryFigure {
  return {
    country,
    stage,
    form: "Testium",
    value,
    unit: "metric tons",
    normalized: value,
    year: 2025,
    status: "reported",
    raw: String(value),
    source: src(10, country),
  };
}

export function imp(country: string, pct: number): ImportShare {
  return {
    country,
    form: "All",
    value: pct,
    unit: "percent",
    normalized: pct,
    year: 2024,
    period: "2021–24",
    status: "reported",
    raw: String(pct),
    source: src(20, country),
  };
}

/**
 * A one-mineral dataset worked by hand: US apparent consumption 1,200 t/yr (d0 = 100 t/month), net
 * import reliance 50 % (r = 0.5), price 1,000 USD/t, world refinery output CHN 60 / AUS 40 (world 100),
 * US imports 70 % CHN, 30 % other. Plus "nullium" (no consumption) and "exportium" (net exporter).
 */
export function tinyDataset(over: Partial<Mineral> = {}): Dataset {
  const testium: Mineral = {
    id: "testium",
    name: "Testium",
    chapter: "TESTIUM",
    lists: [],
    production: [prod("CHN", 60), prod("AUS", 40), prod("WORLD", 100), prod("CHN", 70, "mine"), prod("WORLD", 100, "mine")],
    capacity: [],
    reserves: [],
    salient: [
      salient("consumption", 1200),
      salient("net-import-reliance", 50, { unit: "percent", normalizedUnit: "%" }),
      salient("price", 1000, { unit: "dollars per metric ton" }),
    ],
    importSources: [imp("CHN", 70), imp("OTHER", 30)],
    ...over,
  };
  const nullium: Mineral = {
    ...testium,
    id: "nullium",
    name: "Nullium",
    salient: [salient("consumption", null, { status: "withheld", raw: "W" }), salient("net-import-reliance", 50)],
  };
  const exportium: Mineral = {
    ...testium,
    id: "exportium",
    name: "Exportium",
    salient: [salient("consumption", 120), salient("net-import-reliance", null, { status: "net-exporter", raw: "E" })],
  };
  const country = (code: string, name: string) => ({ code, name, aggregate: false, aliases: [name] });
  return {
    schema: 1,
    sources: [],
    notCovered: [],
    countries: [
      country("CHN", "China"),
      country("AUS", "Australia"),
      country("USA", "United States"),
      { code: "WORLD", name: "World total", aggregate: true, aliases: [] },
    ],
    minerals: [testium, nullium, exportium],
  };
}
