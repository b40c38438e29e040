import type { LpModel } from "./model.js";
import { type Problem, SPEND_ALL_WEIGHT } from "./problem.js";
import type { Columns } from "./variables.js";

/**
 * min Σ_m [(hold_m − R_m)·buy_m + Σ_k price_{m,k}·cash_{m,k}] + Σ_j capex_j·x_j
 *     + Σ_s π_s Σ_{m,t} (Σ_k lossScale_m·slope_k·piece_{m,s,t,k} + R_m·release_{m,s,t}),  in USD:
 * the purchases, their expected holding cost and resale (every ton bought is sold back at R at the
 * end unless released), and each scenario's loss of the shortfall plus the resale forgone on stock
 * released. Constants (the resale of stock already held) are left out. With spendAll: Σ_s π_s loss
 * + SPEND_ALL_WEIGHT·(cash + capex): the least expected loss the budget can buy.
 */
export function defineObjective(model: LpModel, p: Problem, c: Columns): void {
  p.minerals.forEach((m, mi) => {
    model.colCost[c.buy[mi]] = m.buyCoef;
    m.impact.forEach((k, n) => (model.colCost[c.cash[mi][n]] = m.cashScale * k.price));
    p.blocks[mi].forEach((b, si) => {
      const k = c.blocks[mi][si];
      for (const col of k.release) model.colCost[col] = b.weight * m.relR;
      for (const pieces of k.pieces) pieces.forEach((col, n) => (model.colCost[col] = b.weight * m.lossScale * m.segs[n].slope));
    });
  });
  p.projects.forEach((j, n) => (model.colCost[c.fund[n]] = (p.options.spendAll ? SPEND_ALL_WEIGHT : 1) * j.project.capex));
}
