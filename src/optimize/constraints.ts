import { MONEY_UNIT } from "./defaults.js";
import type { LpModel } from "./model.js";
import { names } from "./names.js";
import type { Problem } from "./problem.js";
import type { Columns } from "./variables.js";

/**
 * stock: Σ_t release_t − buy_m ≤ stock1_{m,s}. Every ton is in store from month 1 (the stock at month
 * 1 plus the purchase) and nothing refills it, so the reserve may release it in any month: the model
 * rations it to the months where a ton short costs most (the loss is convex), which releases as much
 * as the simulator's first-come release, only at better times.
 */
export function defineStock(model: LpModel, p: Problem, c: Columns): void {
  p.blocks.forEach((row, mi) =>
    row.forEach((b, si) => {
      const k = c.blocks[mi][si];
      if (!k.months.length) return;
      model.addRow(names.stockRow(p.minerals[mi].id, si), -Infinity, b.stock1, [...k.release, c.buy[mi]], [...k.release.map(() => 1), -1]);
    }),
  );
}

/**
 * cover: release_t + Σ_k piece_{t,k} + Σ_j supply_{j,s,t}·x_j ≥ demand_t − supply_t. With the
 * pieces' costs rising in k, the LP fills them in order, so their sum is the month's shortfall and
 * its cost the piecewise-linear loss exactly.
 */
export function defineCover(model: LpModel, p: Problem, c: Columns): void {
  const byMineral = p.projects.map((j, n) => ({ j, col: c.fund[n] }));
  p.blocks.forEach((row, mi) =>
    row.forEach((b, si) => {
      const k = c.blocks[mi][si];
      const id = p.minerals[mi].id;
      const projects = byMineral.filter((x) => x.j.mineral === mi);
      k.months.forEach((t, n) => {
        const cols = [k.release[n], ...k.pieces[n]];
        const vals = cols.map(() => 1);
        for (const { j, col } of projects) {
          cols.push(col);
          vals.push(j.supply[si][t]);
        }
        model.addRow(names.cover(id, si, t), b.gap[t], Infinity, cols, vals);
      });
    }),
  );
}

/** split: buy_m − Σ_k cash_{m,k} = 0 (the purchase is bought piece by piece, at the impact prices). */
export function defineSplit(model: LpModel, p: Problem, c: Columns): void {
  p.minerals.forEach((m, mi) => model.addRow(names.split(m.id), 0, 0, [c.buy[mi], ...c.cash[mi]], [1, ...c.cash[mi].map(() => -1)]));
}

/**
 * budget: Σ_m Σ_k price_{m,k}·cash_{m,k} + Σ_j capex_j·x_j ≤ B, in millions of USD so coefficients are O(1): the cash
 * spent on purchases (price × (1 + premium), raised by the market impact) and projects. Holding costs are paid over the years
 * and counted in the objective, not here.
 */
export function defineBudget(model: LpModel, p: Problem, c: Columns): number {
  const cols = [...c.cash.flat(), ...c.fund];
  const vals = [...p.minerals.flatMap((m) => m.impact.map((k) => k.price / MONEY_UNIT)), ...p.projects.map((j) => j.project.capex / MONEY_UNIT)];
  const B = p.options.budget / MONEY_UNIT;
  return model.addRow(names.budget, -Infinity, B, cols, vals);
}
