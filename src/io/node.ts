// The package's Node entry (`lodestone/node`): what a library user needs to run the core on the
// embedded data and on files, the same readers and writers the CLI uses.
export { writeFileAtomic } from "./atomic.js";
export { type Basket, readBasket } from "./basket-file.js";
export { DATASET_DIR, importDataset, loadDataset, SOURCES_DIR } from "./dataset.js";
export { loadMarket, SHIPPED_MARKET } from "./market-file.js";
export { defaultWorkers, MonteCarloPool } from "./montecarlo-pool.js";
export { exportPlanModel } from "./plan-export.js";
export { loadPlanInput, type PlanRequest, type ScenarioRef } from "./plan-input.js";
export { readProjects } from "./projects-file.js";
export { listScenarioFiles, loadScenario, resolveScenario, SCENARIOS_DIR } from "./scenario-file.js";
export { writeXlsx } from "./xlsx.js";
