import type { LpModel } from "./model.js";
import type { Problem } from "./problem.js";
import type { Columns } from "./variables.js";

/**
 * min Σ_s π_s Σ_{m,t} w_m·shortfall_{m,s,t} + ε·(Σ_m c_m·buy_m + Σ_j capex_j·x_j), in USD:
 * expected unmet demand valued at w_m = price × multiplier, plus a tiny spend term (ε =
 * options.spendWeight) so that money buys nothing that does not reduce the shortfall.
 */
export function defineObjective(model: LpModel, p: Problem, c: Columns): void {
  const eps = p.options.spendWeight;
  p.minerals.forEach((m, mi) => {
    model.colCost[c.buy[mi]] = eps * m.cost;
    p.blocks[mi].forEach((b, si) => {
      for (const col of c.blocks[mi][si].shortfall) model.colCost[col] = b.weight * m.weight;
    });
  });
  p.projects.forEach((j, n) => (model.colCost[c.fund[n]] = eps * j.project.capex));
}
