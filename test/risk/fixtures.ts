import type { Country, CountryFigure, ImportShare, Mineral, SalientFigure, SalientMeasure } from "../../src/index.js";

const src = (row: number, column = "Value") => ({ file: "fixture.csv", row, column });
let row = 1;

/** A production figure in tons; `null` makes it withheld ("W"). */
export function prod(country: string, tons: number | null, stage = "mine", year = 2025, form = "Ore"): CountryFigure {
  row++;
  return {
    value: tons,
    unit: "metric tons",
    normalized: tons,
    normalizedUnit: "t",
    year,
    status: tons === null ? "withheld" : "reported",
    raw: tons === null ? "W" : String(tons),
    source: src(row),
    country,
    stage,
    form,
  };
}

export function salient(measure: SalientMeasure, year: number, value: number | null, extra: Partial<SalientFigure> = {}): SalientFigure {
  row++;
  return {
    value,
    unit: "metric tons",
    normalized: value,
    normalizedUnit: "t",
    year,
    status: value === null ? "withheld" : "reported",
    raw: value === null ? "W" : String(value),
    source: src(row),
    measure,
    detail: measure,
    ...extra,
  };
}

export function importShare(country: string, pct: number): ImportShare {
  row++;
  return {
    value: pct,
    unit: "percent",
    normalized: pct,
    normalizedUnit: "%",
    year: 2024,
    period: "2021–24",
    status: "reported",
    raw: String(pct),
    source: src(row),
    country,
    form: "Metal",
  };
}

export function mineral(id: string, parts: Partial<Mineral> = {}): Mineral {
  return { id, name: id, chapter: id.toUpperCase(), lists: [], production: [], capacity: [], reserves: [], salient: [], importSources: [], ...parts };
}

/** A country with all six WGI estimates equal to `wgi` (so mean = pv = wgi). */
export function country(code: string, wgi: number | null): Country {
  row++;
  return {
    code,
    name: code,
    aggregate: false,
    aliases: [code],
    governance: wgi === null ? undefined : { va: wgi, pv: wgi, ge: wgi, rq: wgi, rl: wgi, cc: wgi, mean: wgi, year: 2023, source: src(row, "mean6_est") },
  };
}
