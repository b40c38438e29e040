import { MONEY_UNIT } from "./defaults.js";
import type { LpModel } from "./model.js";
import { names } from "./names.js";
import type { Problem } from "./problem.js";
import type { Columns } from "./variables.js";

/**
 * The simulator's stock recursion over a block's active months t_1 < … < t_K:
 *   start:   stock_{t_1} − buy_m = stock1_{m,s}                (stock at month 1 plus the purchase)
 *   balance: stock_{t_{k+1}} − stock_{t_k} + release_{t_k} = 0  (stock_{t+1} = stock_t − release_t)
 *   end:     stock_{t_K} − release_{t_K} ≥ 0                   (the stock never goes negative)
 * Months without a gap release nothing, so the stock carries over them unchanged.
 */
export function defineStock(model: LpModel, p: Problem, c: Columns): void {
  p.blocks.forEach((row, mi) =>
    row.forEach((b, si) => {
      const k = c.blocks[mi][si];
      if (!k.months.length) return;
      const id = p.minerals[mi].id;
      model.addRow(names.start(id, si), b.stock1, b.stock1, [k.stock[0], c.buy[mi]], [1, -1]);
      for (let n = 0; n + 1 < k.months.length; n++)
        model.addRow(names.balance(id, si, k.months[n]), 0, 0, [k.stock[n + 1], k.stock[n], k.release[n]], [1, -1, 1]);
      const last = k.months.length - 1;
      model.addRow(names.end(id, si), 0, Infinity, [k.stock[last], k.release[last]], [1, -1]);
    }),
  );
}

/**
 * cover: release_t + shortfall_t + Σ_j supply_{j,s,t}·x_j ≥ demand_t − supply_t.
 * With shortfall minimised this gives shortfall_t = max(0, gap_t(x) − release_t), and the total
 * release min(stock_1, Σ_t gap_t(x)) equals the simulator's greedy release, so the objective is
 * the simulator's shortfall exactly.
 */
export function defineCover(model: LpModel, p: Problem, c: Columns): void {
  const byMineral = p.projects.map((j, n) => ({ j, col: c.fund[n] }));
  p.blocks.forEach((row, mi) =>
    row.forEach((b, si) => {
      const k = c.blocks[mi][si];
      const id = p.minerals[mi].id;
      const projects = byMineral.filter((x) => x.j.mineral === mi);
      k.months.forEach((t, n) => {
        const cols = [k.release[n], k.shortfall[n]];
        const vals = [1, 1];
        for (const { j, col } of projects) {
          cols.push(col);
          vals.push(j.supply[si][t]);
        }
        model.addRow(names.cover(id, si, t), b.gap[t], Infinity, cols, vals);
      });
    }),
  );
}

/** budget: Σ_m c_m·buy_m + Σ_j capex_j·x_j ≤ B, in millions of USD so coefficients are O(1). */
export function defineBudget(model: LpModel, p: Problem, c: Columns): number {
  const cols = [...c.buy, ...c.fund];
  const vals = [...p.minerals.map((m) => m.cost / MONEY_UNIT), ...p.projects.map((j) => j.project.capex / MONEY_UNIT)];
  return model.addRow(names.budget, -Infinity, p.options.budget / MONEY_UNIT, cols, vals);
}
