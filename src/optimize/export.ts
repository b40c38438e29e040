import { LodestoneError } from "../errors.js";
import type { Planner } from "./plan.js";
import { loadHighsSolver } from "./solver/highs.js";
import type { Solver } from "./solver/types.js";

/** The plan's model as file text: CPLEX LP and free MPS. */
export interface ModelFiles {
  lp: string;
  mps: string;
}

/**
 * The planner's model at `budget`, written by the solver's own LP and MPS writers (HiGHS'
 * Highs::writeModel unless another solver is given) with readable names (`buy.lithium`,
 * `cover.rare_earths.s3.14`, `budget`), so an auditor can solve it with another solver (CBC,
 * GLPK, Gurobi, …) and read the answer. A header of comment lines (`\` in LP, `*` in MPS) gives
 * the units, the naming scheme and which scenario each sN stands for.
 */
export async function modelFiles(planner: Planner, budget: number, solver?: Solver): Promise<ModelFiles> {
  const writer = solver ?? (await loadHighsSolver());
  if (!writer.write)
    throw new LodestoneError("invalid", { field: "solver", message: `the solver ${writer.name} cannot write model files`, expected: "the HiGHS solver" });
  const { model } = planner.model(budget);
  const header = [
    "Lodestone reserve plan (two-stage stochastic LP/MIP). Units: tons; objective USD; budget row in millions of USD.",
    "Names: buy.<mineral>, fund.<project>, stock|release|shortfall.<mineral>.<scenario>.<month>; '-' in ids written as '_'.",
    `Budget ${budget} USD; ${model.numRows} rows, ${model.numCols} columns, ${model.numNonzeros} nonzeros.`,
    ...planner.problem.scenarioIds.map((id, i) => `s${i + 1} = ${id}`),
  ];
  // one comment line each: a line break inside a scenario name must not end the comment
  const comment = (mark: string) => header.map((h) => `${mark} ${h.replace(/[\r\n]+/g, " ")}\n`).join("");
  return { lp: comment("\\") + writer.write(model, "lp"), mps: comment("*") + writer.write(model, "mps") };
}
