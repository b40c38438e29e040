import { defineBudget, defineCover, defineSplit, defineStock } from "./constraints.js";
import { LpModel } from "./model.js";
import { defineObjective } from "./objective.js";
import type { Problem } from "./problem.js";
import { type Columns, defineBuy, defineCash, defineFund, defineSecondStage } from "./variables.js";

export interface BuiltModel {
  model: LpModel;
  cols: Columns;
  budgetRow: number;
}

/**
 * The two-stage stochastic model, declared in fixed phases (PyPSA's create_model):
 * variables, then constraints, then the budget, then the objective.
 */
export function buildModel(p: Problem): BuiltModel {
  const model = new LpModel();
  // 1. variables: first stage, then second stage per (mineral, scenario, active month)
  const cols: Columns = { buy: defineBuy(model, p), cash: defineCash(model, p), fund: defineFund(model, p), blocks: defineSecondStage(model, p) };
  // 2. constraints: the simulator's stock recursion and the monthly cover
  defineSplit(model, p, cols);
  defineStock(model, p, cols);
  defineCover(model, p, cols);
  // 3. global constraint: the budget
  const budgetRow = defineBudget(model, p, cols);
  // 4. objective
  defineObjective(model, p, cols);
  return { model, cols, budgetRow };
}
