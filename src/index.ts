// The public API of the Lodestone core (the package's "." export): what a library user needs to read the
// dataset, score risk, run scenarios and plan a reserve. Shells import from here; the kernel's pieces
// (workspaces, in-place quantiles, draw blocks, the LP builder, the fast path's curves) are in
// internal.ts, for the Node shells' worker pool, bench and tests only.
export { LodestoneError, formatIssue, isLodestoneError, closest, type ErrorCode, type Issue } from "./errors.js";
export type * from "./data/types.js";
export { parseCsv, type CsvTable, type CsvRow } from "./data/csv.js";
export { sourceFiles } from "./data/sources.js";
export { buildDataset } from "./data/import/build.js";
export { seriesOf, latestSeries, seriesByPreference, primarySeries, stagesOf, countryTons, total, sharesOf, salientFor, latestSalient, priceJudgement, importShares, type Series, type Share } from "./data/select.js";
export { checkDataset, WORLD_TOTAL_TOLERANCE, SHARE_TOLERANCE, type Finding } from "./data/check.js";
export { render, toTable, toCsv, FORMATS, type Format, type Row, type Column, type Cell } from "./report/format.js";
export { catalogue, catalogueEntry, catalogueRows, findMineral, leadStage, stageSummary, CATALOGUE_COLUMNS, CATALOGUE_SORTS, LISTS, type CatalogueEntry, type CatalogueSort, type StageSummary } from "./report/catalogue.js";
export { profile, profileText, profileCsv, profileSections, type Profile } from "./report/profile.js";
export { hhi, band, concentration, concentrationOfSeries, seriesShares, stageSeries, type ShareIn, type Band, type Concentration, type StageMeasure } from "./risk/concentration.js";
export { rescaleWgi, governanceScore, countryIndex, WGI_LABEL } from "./risk/governance.js";
export { hhiWgi, hhiWgiOfSeries, hhiWgiGlobal, withGovernance, type WeightedShare } from "./risk/hhi-wgi.js";
export { importReliance, importRelianceOf, nirPoints, type NirPoint, type NirTrend, type ImportReliance } from "./risk/import-reliance.js";
export { euSupplyRisk, euSupplyRiskOf, type EuSrInput } from "./risk/eu-supply-risk.js";
export { geoPolRisk, geoPolRiskOf, type ImportIn, type GeoPolRisk } from "./risk/geopolrisk.js";
export { composite, importance, importanceOf, matrixCell, COMPONENTS, type Components, type Composite, type MatrixCell } from "./risk/criticality.js";
export { RISK_DEFAULTS, WGI_AGGREGATES, resolveRiskOptions, type RiskOptions, type CompositeWeights, type WgiAggregate } from "./risk/defaults.js";
export { riskTable, assessMineral, rank, riskRow, measureOf, allStages, METHODS, RISK_COLUMNS, type Method, type MineralRisk, type RiskTableOptions } from "./risk/table.js";
export { explainRisk, explainMineral, explainText, type ExplainedMeasure } from "./risk/explain.js";
export { type Measure, type Computed, type NotComputed, type Input as RiskInput, type Step as RiskStep } from "./risk/types.js";
export { planReserve, createPlanner, budgetFrontier, budgetSteps, type PlanInput, type Planner, type FrontierPoint } from "./optimize/plan.js";
export { PLAN_DEFAULTS, MONEY_UNIT, DAYS_PER_MONTH } from "./optimize/defaults.js";
export { resolvePlanOptions, type Problem } from "./optimize/problem.js";
export type { BuiltModel } from "./optimize/build.js";
export type { LpModel } from "./optimize/model.js";
export { names as planNames, parseName as parsePlanName, type ParsedName } from "./optimize/names.js";
export { comparePlans, type CutRow } from "./optimize/results.js";
export { loadHighsSolver } from "./optimize/solver/highs.js";
export type { Solver, SolveOutput, ModelFormat } from "./optimize/solver/types.js";
export { modelFiles, type ModelFiles } from "./optimize/export.js";
export type * from "./optimize/types.js";
export { parseScenario } from "./scenario/parse.js";
export { compileScenario, type CompiledScenario, type CompiledMineral, type CompiledSector, type ExcludedMineral } from "./scenario/compile.js";
export { drawScenario, deterministicDraw, type Draw } from "./scenario/draw.js";
export { SCENARIO_DEFAULTS } from "./scenario/defaults.js";
export { readYaml, checkFields, issuesFromZod, issuesError, isMapping, describe as describeValue, type YamlInput, type IssueContext, type CodedIssue, type Path as FieldPath } from "./scenario/yaml.js";
export { SCENARIO_RANGES, PROJECT_RANGES, BASKET_RANGES, inRange, rangeProblem, rangedNumber, type NumberRange } from "./scenario/ranges.js";
export { mineralInputs, exposureOf, exposureStage, type MineralInputs, type Exposure, type Sourced } from "./scenario/inputs.js";
export type { Scenario, ScenarioEvent, MineralSel } from "./scenario/types.js";
export type { Dist, ParamSpec } from "./scenario/params.js";
export { simulate, scenarioPaths, type ScenarioPaths, type SimulationResult, type MineralRun, type MineralMetrics, type SectorRun } from "./simulate/simulate.js";
export { planScenarios, type ScenarioSet } from "./optimize/scenarios.js";
export { monteCarlo, type MonteCarloOptions, type MonteCarloResult, type MineralMonteCarlo, type Bands } from "./simulate/montecarlo.js";
export type { Summary } from "./simulate/quantile.js";
export { validateDataset, datasetSchema } from "./data/schema.js";

// ---- the report layer (src/report/): every table, summary, chart and sheet the CLI prints or writes ----
export { wrapText, textLines, WIDTH, type Sheet, type Report } from "./report/format.js";
export { catalogueReport } from "./report/catalogue.js";
export { profileReport } from "./report/profile.js";
export { riskReport, explainReport, explainCsv, RISK_TABLE_COLUMNS } from "./report/risk.js";
export { scenariosReport, type ScenarioListing } from "./report/scenarios.js";
export {
  simulationAudit, simulationRows, simulationMonthlyRows, monteCarloAudit, monteCarloRows, monteCarloMonthlyRows, SIMULATION_COLUMNS, MONTHLY_COLUMNS, MONTE_CARLO_COLUMNS, MONTE_CARLO_MONTHLY_COLUMNS, SEMANTICS,
  simulationReport, monteCarloReport, monteCarloHead, simulationFooter, nothingAffected, NOTHING_AFFECTED, type SimulationReportOptions,
} from "./report/simulation.js";
export { planReport, planJson, planHeadline, planSheets, compareReport, compareSentence, orderPlans, mineralRows, cutRows, projectRows, MINERAL_COLUMNS, CUT_COLUMNS, PROJECT_COLUMNS, NOTE_COLUMNS, INFEASIBLE_EXIT } from "./report/plan.js";
export { frontierReport, frontierRows, frontierSvg, frontierSheets, FRONTIER_COLUMNS } from "./report/frontier.js";
