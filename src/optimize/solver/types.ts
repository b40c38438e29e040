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

/** Model file formats a solver can write: CPLEX LP and free MPS. */
export type ModelFormat = "lp" | "mps";

/** The narrow interface every solver adapter implements. */
export interface Solver {
  readonly name: string;
  /** presolve false: skip the solver's presolve (the schedule's LP: many bounded columns on a few rows, where HiGHS' presolve takes 40× the solve) */
  solve(model: LpModel, options?: { timeLimit?: number; duals?: boolean; presolve?: boolean }): SolveOutput;
  /** The model as file text in the solver's own writer, with the model's names made LP-safe (optional). */
  write?(model: LpModel, format: ModelFormat): string;
}
