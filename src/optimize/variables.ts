import type { LpModel } from "./model.js";
import { names } from "./names.js";
import type { Problem } from "./problem.js";

/** Column indices of one (mineral, scenario) second stage, over its active months only. */
export interface BlockCols {
  /** 0-based months with demand above supply (gap_t > 0); elsewhere nothing is short or released */
  months: number[];
  stock: number[];
  release: number[];
  shortfall: number[];
}

export interface Columns {
  buy: number[];
  fund: number[];
  /** blocks[m][s] */
  blocks: BlockCols[][];
}

/** buy_m ∈ [floor, cap] tons: the first-stage purchase (market limit and days caps are bounds). */
export function defineBuy(model: LpModel, p: Problem): number[] {
  return p.minerals.map((m) => model.addCol(names.buy(m.id), m.lo, m.hi));
}

/** x_j ∈ {0,1} (or [0,1] when divisible); a required project is fixed at 1. */
export function defineFund(model: LpModel, p: Problem): number[] {
  if (!p.projects.length) return [];
  return p.projects.map((j) => model.addCol(names.fund(j.project.id), j.project.required ? 1 : 0, 1, !p.options.divisible));
}

/**
 * stock_{m,s,t}, release_{m,s,t}, shortfall_{m,s,t} ≥ 0 for the months where demand exceeds
 * supply without the plan (gap_t > 0). Projects only add supply, so no other month can be short,
 * and stock only changes by release: months with no gap are masked out, as linopy masks.
 */
export function defineSecondStage(model: LpModel, p: Problem): BlockCols[][] {
  return p.blocks.map((row, mi) =>
    row.map((b, si) => {
      const id = p.minerals[mi].id;
      const cols: BlockCols = { months: [], stock: [], release: [], shortfall: [] };
      if (b.weight === 0) return cols;
      for (let t = 0; t < b.gap.length; t++) {
        if (!(b.gap[t] > 0)) continue;
        cols.months.push(t);
        cols.stock.push(model.addCol(names.stock(id, si, t), 0, Infinity));
        cols.release.push(model.addCol(names.release(id, si, t), 0, Infinity));
        cols.shortfall.push(model.addCol(names.shortfall(id, si, t), 0, Infinity));
      }
      return cols;
    }),
  );
}
