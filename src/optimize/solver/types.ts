import type { LpModel } from "../model.js";
import type { PlanStatus } from "../types.js";

export interface SolveOutput {
  status: PlanStatus;
  /** the solver's own status word, for the report */
  detail: string;
  objective: number;
  /** column values */
  x: Float64Array;
  /** row duals ∂objective/∂rhs (of the LP with integers fixed, for a MIP); null when unavailable */
  rowDual: Float64Array | null;
  seconds: number;
}

/** The narrow interface every solver adapter implements. */
export interface Solver {
  readonly name: string;
  solve(model: LpModel, options?: { timeLimit?: number; duals?: boolean }): SolveOutput;
}
