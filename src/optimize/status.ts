import type { PlanStatus } from "./types.js";

/**
 * HiGHS model-status codes (highs.constants.modelStatus, HiGHS' HighsModelStatus enum:
 * https://ergo-code.github.io/HiGHS/dev/structures/enums/#HighsModelStatus) mapped to the closed
 * set a plan reports, as linopy's CONDITION_MAP does.
 */
const HIGHS_STATUS: Readonly<Record<number, PlanStatus>> = Object.freeze({
  0: "unknown", // notSet
  1: "error", // loadError
  2: "error", // modelError
  3: "error", // presolveError
  4: "error", // solveError
  5: "error", // postsolveError
  6: "optimal", // empty model: nothing to decide
  7: "optimal",
  8: "infeasible",
  9: "infeasible", // unboundedOrInfeasible: the plan's objective is bounded below by 0, so infeasible
  10: "unbounded",
  11: "limit", // objectiveBound
  12: "limit", // objectiveTarget
  13: "limit", // timeLimit
  14: "limit", // iterationLimit
  15: "unknown",
  16: "limit", // solutionLimit
  17: "limit", // interrupted
});

export function statusFromHighs(code: number): PlanStatus {
  return HIGHS_STATUS[code] ?? "unknown";
}
