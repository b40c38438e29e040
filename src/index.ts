// The public API of the Lodestone core (the package's "." export): what a library user needs to read the
// dataset, score risk, run scenarios and plan a reserve. Shells import from here; the kernel's pieces
// (workspaces, in-place quantiles, draw blocks, the LP builder, the fast path's curves) are in
// internal.ts, for the Node shells' worker pool, bench and tests only.

export { type AssumedInput, assumedInput } from "./assumptions/apply.js";
export { DERIVATIONS, type Derivation, type Derived } from "./assumptions/derive.js";
export { type Gap, type GapValue, listGaps, type ValueBasis } from "./assumptions/gaps.js";
export { parseAssumptions } from "./assumptions/parse.js";
export {
  ASSUMPTION_QUANTITIES,
  type AssumedMark,
  type Assumption,
  type AssumptionQuantity,
  type AssumptionSet,
  type Citation,
  citeOf,
  type DerivedCell,
  findAssumption,
  findMissing,
  type MissingFigure,
  QUANTITIES,
  type Quantity,
} from "./assumptions/types.js";
export {
  assumptionValue,
  RANGE_WORDS,
  type RangeWord,
  VARY_MARKET,
  VARY_OPTIONS,
  type VaryKey,
  type VaryMarket,
  type VaryMarketParam,
  type VaryOption,
  varyKey,
  varyKeys,
  withAssumedValue,
} from "./assumptions/vary.js";
export {
  BASELINE_EXPECTED,
  type Baseline,
  baselineLabel,
  type ConsumptionBaseline,
  consumptionBaseline,
  describeBaseline,
  parseBaseline,
} from "./data/baseline.js";
export { chainFigures, chainOf, GEOPOL_CHAINS, type NoChain, type ProductChain, type RowPick } from "./data/chains.js";
export { checkDataset, type Finding, SHARE_TOLERANCE, WORLD_TOTAL_TOLERANCE } from "./data/check.js";
export { type CsvRow, type CsvTable, parseCsv } from "./data/csv.js";
export { checkImportForms, type FormChoice, IMPORT_FORMS, importFormOf, importFormsOf } from "./data/forms.js";
export { buildDataset } from "./data/import/build.js";
export {
  mineralIdFor,
  mineralIdsFor,
  type NameResolution,
  type NoChapterName,
  nameKey,
  nameSuggestions,
  type PartFigures,
  type PartName,
  resolveName,
  resolveNameOrThrow,
} from "./data/names.js";
export { datasetSchema, validateDataset } from "./data/schema.js";
export {
  countryTons,
  importShares,
  latestSalient,
  latestSeries,
  priceJudgement,
  primarySeries,
  type Series,
  type Share,
  salientFor,
  seriesByPreference,
  seriesOf,
  sharesOf,
  stagesOf,
  total,
} from "./data/select.js";
export { sourceFiles } from "./data/sources.js";
export type * from "./data/types.js";
export { massFraction, PRICE_BASIS, type PriceBasis, priceOnQuantityBasis } from "./data/units.js";
export { defaultMarketSet, MARKET_DEFAULTS } from "./economics/defaults.js";
export { type CostSegment, IMPACT_BREAKPOINTS, impactCost, impactPrice, impactSegments } from "./economics/impact.js";
export { LOSS_BREAKPOINTS, type LossSegment, lossFraction, lossSegments, priceMultiple, pwlLoss } from "./economics/loss.js";
export { MARKET_FILE_KEYS, marketFileKey, parseMarket } from "./economics/parse.js";
export { MARKET_KEYS, type MarketKey, type MarketMark, type MarketParams, type MarketSet, marketMarkOf, marketParamsOf } from "./economics/types.js";
export { checkMarketValue, marketValueOf, ownMarketValues, withMarketValue } from "./economics/vary.js";
export { closest, type ErrorCode, formatIssue, type Issue, isLodestoneError, LodestoneError } from "./errors.js";
// ---- the reserve ledger (src/ledger/): events, commands and their rules, crisis allocation, reports ----
export {
  type AllocationInput,
  type AllocationLine,
  type AllocationRequest,
  type AllocationResult,
  type AllocationRule,
  allocate,
  type ClassOutcome,
  type MemberAllocation,
  proRata,
} from "./ledger/allocate.js";
export {
  type AllocationFloors,
  allocationFor,
  allocationReport,
  type LedgerAllocation,
  type MemberAllocationView,
  type MemberShare,
} from "./ledger/allocation-rule.js";
export {
  type BalanceKind,
  type BalanceRow,
  balanceRows,
  type DrawRow,
  type EntitlementRow,
  type LotRow,
  lotRows,
  type MemberRow,
  type MemberRows,
  type MineralRow,
  memberRows,
  splitMemberRows,
} from "./ledger/balances.js";
export { COMMAND_TYPES, decide } from "./ledger/decide.js";
export { isExpired, releasableLots, releasableTons } from "./ledger/lots.js";
export { latestPrice } from "./ledger/prices.js";
export {
  asOfEnd,
  auditTrail,
  COVER_TARGET_DAYS,
  type Cover,
  cover,
  coverOf,
  type LotAsOf,
  type LotPosition,
  type LotValue,
  lotsAsOf,
  type MineralPosition,
  type Position,
  position,
  positionOf,
  type Statement,
  type StatementDraw,
  type StatementEntitlement,
  statement,
  statementOf,
  type Valuation,
  valuation,
  writtenFor,
} from "./ledger/reports.js";
export { checkRead, checkWrite } from "./ledger/roles.js";
export { apply, emptyState, entitlementKey, replay } from "./ledger/state.js";
export * from "./ledger/types.js";
export { COMMAND_FIELDS, checkCommandFields, commandFields, JSON_FIELDS, MAX_TONS, MAX_USD, NUMBER_FIELDS, unknownFields } from "./ledger/validate.js";
export type { BuiltModel } from "./optimize/build.js";
export { DAYS_PER_MONTH, MONEY_UNIT, PLAN_DEFAULTS } from "./optimize/defaults.js";
export { type ModelFiles, modelFiles } from "./optimize/export.js";
export { withHoldings } from "./optimize/holdings.js";
export type { LpModel } from "./optimize/model.js";
export { names as planNames, type ParsedName, parseName as parsePlanName } from "./optimize/names.js";
export { budgetFrontier, budgetSteps, createPlanner, type FrontierPoint, type PlanInput, type Planner, planReserve } from "./optimize/plan.js";
export { type Problem, resolvePlanOptions } from "./optimize/problem.js";
export { type CutRow, comparePlans } from "./optimize/results.js";
export { planScenarios, type ScenarioSet } from "./optimize/scenarios.js";
export { loadHighsSolver } from "./optimize/solver/highs.js";
export type { ModelFormat, SolveOutput, Solver } from "./optimize/solver/types.js";
export type * from "./optimize/types.js";
export { allocationSheets, allocationText, describeRule as describeAllocationRule } from "./report/allocation.js";
export { assumedNotes, assumedWorldNotes, markAssumed } from "./report/assumed.js";
export { checkReport, gapsReport } from "./report/assumptions.js";
export { BRIEFING_LIMITS, type BriefingInput, briefingHtml } from "./report/briefing.js";
export {
  CATALOGUE_COLUMNS,
  CATALOGUE_SORTS,
  type CatalogueEntry,
  type CatalogueSort,
  catalogue,
  catalogueEntry,
  catalogueReport,
  catalogueRows,
  findMineral,
  LISTS,
  leadStage,
  type StageSummary,
  stageSummary,
} from "./report/catalogue.js";
export { FINDING_COLUMNS, findingRows, findingsReport, importReport } from "./report/findings.js";
// ---- the report layer (src/report/): every table, summary, chart and sheet the CLI prints or writes ----
export {
  type Cell,
  type Column,
  FORMATS,
  type Format,
  type Report,
  type Row,
  render,
  type Sheet,
  textLines,
  toCsv,
  toTable,
  WIDTH,
  wrapText,
} from "./report/format.js";
export { FRONTIER_COLUMNS, flattening, frontierHeadline, frontierReport, frontierRows, frontierSheets, frontierSvg } from "./report/frontier.js";
export { type MemberMonth, type MemberRunShortfall, type MemberShortfalls, membersReport } from "./report/members.js";
export { type HeldFigure, type NoChapterProfile, noChapterProfile, noChapterReport } from "./report/no-chapter.js";
export {
  COMPARE_COLUMNS,
  compareReport,
  compareRows,
  compareSentence,
  INFEASIBLE_EXIT,
  MINERAL_COLUMNS,
  mineralRows,
  NOTE_COLUMNS,
  orderPlans,
  PROJECT_COLUMNS,
  planBrief,
  planHeadline,
  planJson,
  planReport,
  planSheets,
  projectRows,
} from "./report/plan.js";
export { type Profile, profile, profileCsv, profileReport, profileSections, profileText } from "./report/profile.js";
export {
  coverReport,
  eventsReport,
  type MemberList,
  type MemberSummary,
  memberList,
  type OpenDraw,
  positionReport,
  type ReserveReport,
  reserveSheets,
  statementReport,
  valuationReport,
} from "./report/reserve.js";
export {
  explainCsv,
  explainJson,
  explainReport,
  mineralRisk,
  mineralRiskJson,
  RISK_TABLE_COLUMNS,
  riskCommandReport,
  riskRanking,
  riskReport,
} from "./report/risk.js";
export { type ScenarioListing, scenariosReport } from "./report/scenarios.js";
export { buyChanges, type Sensitivity, type SensitivityCase, sensitivityJson, sensitivityReport } from "./report/sensitivity.js";
export {
  MONTE_CARLO_COLUMNS,
  MONTE_CARLO_MONTHLY_COLUMNS,
  MONTHLY_COLUMNS,
  monteCarloAudit,
  monteCarloHead,
  monteCarloMonthlyRows,
  monteCarloReport,
  monteCarloRows,
  NOTHING_AFFECTED,
  nothingAffected,
  SEMANTICS,
  SIMULATION_COLUMNS,
  type SimulationReportOptions,
  simulationAudit,
  simulationFooter,
  simulationMonthlyRows,
  simulationReport,
  simulationRows,
} from "./report/simulation.js";
export {
  type Band,
  band,
  type Concentration,
  concentration,
  concentrationOfSeries,
  hhi,
  type ShareIn,
  type StageMeasure,
  seriesShares,
  stageSeries,
} from "./risk/concentration.js";
export { COMPONENTS, type Components, type Composite, composite, importance, importanceOf, type MatrixCell, matrixCell } from "./risk/criticality.js";
export { type CompositeWeights, RISK_DEFAULTS, type RiskOptions, resolveRiskOptions, WGI_AGGREGATES, type WgiAggregate } from "./risk/defaults.js";
export { type EuSr, type EuSrInput, type EuSrStage, euSupplyRisk, euSupplyRiskOf, type ParamOrigin, type UsOutput } from "./risk/eu-supply-risk.js";
export { type ExplainedMeasure, explainMineral, explainRisk, explainText } from "./risk/explain.js";
export { assumptionGaps, consumptionValue, usTrade } from "./risk/gap-value.js";
export { type ChainUsed, type GeoPolRisk, geoPolRisk, geoPolRiskOf, type ImportIn } from "./risk/geopolrisk.js";
export { countryIndex, governanceScore, rescaleWgi, WGI_LABEL } from "./risk/governance.js";
export { hhiWgi, hhiWgiGlobal, hhiWgiOfSeries, type WeightedShare, withGovernance } from "./risk/hhi-wgi.js";
export { type ImportReliance, importReliance, importRelianceOf, type NirPoint, type NirTrend, nirPoints, nirRange } from "./risk/import-reliance.js";
export {
  allStages,
  assessMineral,
  METHODS,
  type Method,
  type MineralRisk,
  measureOf,
  RISK_COLUMNS,
  type RiskTableOptions,
  rangeOf,
  rank,
  riskRow,
  riskTable,
} from "./risk/table.js";
export type { Computed, Input as RiskInput, Measure, NotComputed, Step as RiskStep } from "./risk/types.js";
export { type CompiledMineral, type CompiledScenario, type CompiledSector, compileScenario, type ExcludedMineral } from "./scenario/compile.js";
export { SCENARIO_DEFAULTS } from "./scenario/defaults.js";
export { type Draw, deterministicDraw, drawScenario } from "./scenario/draw.js";
export { HOLDING_TONS, type Holding, type HoldingSource, type Holdings, parseHoldings } from "./scenario/holdings.js";
export { type D0Baseline, type Exposure, exposureOf, exposureStage, type MineralInputs, mineralInputs, type Sourced } from "./scenario/inputs.js";
export type { Dist, ParamSpec } from "./scenario/params.js";
export { parseScenario } from "./scenario/parse.js";
export {
  DEFAULT_SCENARIO_PROBABILITY,
  PROBABILITY_EXPECTED,
  PROBABILITY_SUM_TOLERANCE,
  type ScenarioWeights,
  scenarioWeights,
} from "./scenario/probability.js";
export { BASKET_RANGES, inRange, type NumberRange, PROJECT_RANGES, rangedNumber, rangeProblem, SCENARIO_RANGES } from "./scenario/ranges.js";
export type { MineralSel, Scenario, ScenarioEvent, ScenarioProbability } from "./scenario/types.js";
export {
  type CodedIssue,
  checkFields,
  describe as describeValue,
  type IssueContext,
  isMapping,
  issuesError,
  issuesFromZod,
  type Path as FieldPath,
  readYaml,
  type YamlInput,
} from "./scenario/yaml.js";
export { withHeld } from "./simulate/held.js";
export { type Bands, type MineralMonteCarlo, type MonteCarloOptions, type MonteCarloResult, monteCarlo } from "./simulate/montecarlo.js";
export type { Summary } from "./simulate/quantile.js";
export {
  type MineralMetrics,
  type MineralRun,
  type ScenarioPaths,
  type SectorRun,
  type SimulationResult,
  scenarioPaths,
  simulate,
} from "./simulate/simulate.js";
