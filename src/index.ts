// The public API of the Lodestone core. Shells (CLI, API, bench, tests) import only from here.
export { LodestoneError, formatIssue, isLodestoneError, closest, type ErrorCode, type Issue } from "./errors.js";
export type * from "./data/types.js";
export { parseCsv, requireColumns, type CsvTable, type CsvRow } from "./data/csv.js";
export { parseValue, parseNumber, cleanText } from "./data/values.js";
export { tonsFactor, priceFactor } from "./data/units.js";
export { matchCountry, isAggregate, AGGREGATES } from "./data/countries.js";
export { MINERALS } from "./data/catalog.js";
export { sourceFiles, MCS2026_FILE, MCS2025_WORLD_FILE, WGI_FILE, LISTS_FILE } from "./data/sources.js";
export { buildDataset } from "./data/import/build.js";
export { seriesOf, latestSeries, primarySeries, stagesOf, total, sharesOf, salientFor, latestSalient, importShares, type Series, type Share } from "./data/select.js";
export { checkDataset, WORLD_TOTAL_TOLERANCE, SHARE_TOLERANCE, type Finding } from "./data/check.js";
export { render, toTable, toCsv, FORMATS, type Format, type Row, type Column, type Cell } from "./report/format.js";
export { addRamp } from "./scenario/ramp.js";
