/**
 * The kernel's pieces behind the public API, for the Node shells that run the kernel themselves
 * (the Monte Carlo worker pool), the benchmarks and the tests. Not a package export: a library user
 * imports from index.ts, whose names this file also re-exports so one import line serves both.
 */

export { MINERALS } from "./data/catalog.js";
export { AGGREGATES, isAggregate, matchCountry } from "./data/countries.js";
export { requireColumns } from "./data/csv.js";
export { EU_MATERIAL } from "./data/import/eu-params.js";
export { EU_PARAMS_FILE, LISTS_FILE, MCS2025_WORLD_FILE, MCS2026_FILE, WGI_FILE } from "./data/sources.js";
export { priceFactor, tonsFactor } from "./data/units.js";
export { cleanText, parseNumber, parseValue } from "./data/values.js";
export * from "./index.js";
// the ledger core's id syntax, for shells that check a name before they resolve it
export { id as checkLedgerId } from "./ledger/validate.js";
export { buildModel } from "./optimize/build.js";
export { fastPathBlocker, prepareFast, solveFast } from "./optimize/fastpath.js";
export { LpModel } from "./optimize/model.js";
export { lpSafe, safeNames } from "./optimize/names.js";
export { forcedSpend, prepareProblem } from "./optimize/problem.js";
export { blockShortfall, expectedShortfall, replayObjective } from "./optimize/results.js";
export {
  buildSchedule,
  expectedSaving,
  MAX_SCHEDULE_YEARS,
  onsetWeights,
  type ScheduleModel,
  scheduleMinerals,
  scheduleObjective,
  solveSchedule,
} from "./optimize/schedule.js";
export { type WorldBasis, type WorldSupply, worldProduction, worldSupply } from "./optimize/world.js";
export { fail, refText } from "./risk/types.js";
export { checkSeed, drawBlock, drawInto } from "./scenario/draw.js";
export { fieldName } from "./scenario/parse.js";
export { addRamp } from "./scenario/ramp.js";
export { RunRng } from "./scenario/rng.js";
export { type DrawClasses, drawClasses } from "./simulate/classes.js";
export { balance, createWorkspace, mineralPaths, sectorShortfall, type Workspace } from "./simulate/kernel.js";
export {
  checkMonteCarlo,
  combineMonteCarlo,
  createMonteCarloWorkspace,
  kernelScenario,
  type MonteCarloWorkspace,
  monteCarloClasses,
  monteCarloMineral,
} from "./simulate/montecarlo.js";
export {
  bucketQuantiles,
  createQuantileScratch,
  type QuantileScratch,
  quantileSorted,
  quantilesInPlace,
  selectInPlace,
  summarize,
} from "./simulate/quantile.js";
