/**
 * The kernel's pieces behind the public API, for the Node shells that run the kernel themselves
 * (the Monte Carlo worker pool), the benchmarks and the tests. Not a package export: a library user
 * imports from index.ts, whose names this file also re-exports so one import line serves both.
 */
export * from "./index.js";
export { requireColumns } from "./data/csv.js";
export { parseValue, parseNumber, cleanText } from "./data/values.js";
export { tonsFactor, priceFactor } from "./data/units.js";
export { matchCountry, isAggregate, AGGREGATES } from "./data/countries.js";
export { MINERALS } from "./data/catalog.js";
export { MCS2026_FILE, MCS2025_WORLD_FILE, WGI_FILE, LISTS_FILE } from "./data/sources.js";
export { addRamp } from "./scenario/ramp.js";
export { fieldName } from "./scenario/parse.js";
export { drawBlock, drawInto, checkSeed } from "./scenario/draw.js";
export { RunRng } from "./scenario/rng.js";
export { fail, refText } from "./risk/types.js";
export { balance, mineralPaths, sectorShortfall, createWorkspace, type Workspace } from "./simulate/kernel.js";
export { monteCarloMineral, monteCarloClasses, combineMonteCarlo, checkMonteCarlo, createMonteCarloWorkspace, kernelScenario, type MonteCarloWorkspace } from "./simulate/montecarlo.js";
export { quantileSorted, quantilesInPlace, selectInPlace, bucketQuantiles, createQuantileScratch, summarize, type QuantileScratch } from "./simulate/quantile.js";
export { drawClasses, type DrawClasses } from "./simulate/classes.js";
export { worldProduction } from "./optimize/scenarios.js";
export { prepareProblem, forcedSpend } from "./optimize/problem.js";
export { buildModel } from "./optimize/build.js";
export { LpModel } from "./optimize/model.js";
export { lpSafe, safeNames } from "./optimize/names.js";
export { fastPathBlocker, prepareFast, solveFast } from "./optimize/fastpath.js";
export { replayObjective, expectedShortfall, blockShortfall } from "./optimize/results.js";
