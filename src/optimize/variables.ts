import type { LpModel } from "./model.js";
import { names } from "./names.js";
import type { Problem } from "./problem.js";

/** Column indices of one (mineral, scenario) second stage, over its active months only. */
export interface BlockCols {
  /** 0-based months with demand above supply (gap_t > 0); elsewhere nothing is short or released */
  months: number[];
  release: number[];
  /** pieces[n][k]: the shortfall of month months[n] that falls in loss segment k (k up to the gap) */
  pieces: number[][];
}

export interface Columns {
  buy: number[];
  /** cash[m][k]: the tons of mineral m bought in impact piece k (at that piece's price) */
  cash: number[][];
  fund: number[];
  /** blocks[m][s] */
  blocks: BlockCols[][];
}

/** buy_m ∈ [floor, cap] tons: the first-stage purchase (market limit and days caps are bounds). */
export function defineBuy(model: LpModel, p: Problem): number[] {
  return p.minerals.map((m) => model.addCol(names.buy(m.id), m.lo, m.hi));
}

/** cash_{m,k} ∈ [0, len_k]: the purchase split into its market-impact pieces (prices rising, so filled in order). */
export function defineCash(model: LpModel, p: Problem): number[][] {
  return p.minerals.map((m) => m.impact.map((k, n) => model.addCol(names.cash(m.id, n), 0, k.to - k.from)));
}

/** x_j ∈ {0,1} (or [0,1] when divisible); a required project is fixed at 1. */
export function defineFund(model: LpModel, p: Problem): number[] {
  if (!p.projects.length) return [];
  return p.projects.map((j) => model.addCol(names.fund(j.project.id), j.project.required ? 1 : 0, 1, !p.options.divisible));
}

/**
 * release_{m,s,t} ≥ 0 and the shortfall's pieces piece_{m,s,t,k} ∈ [0, (b_k − a_k)·demand_t] for the
 * months where demand exceeds supply without the plan (gap_t > 0), and only the segments the gap
 * reaches. Projects only add supply, so no other month can be short: months with no gap are masked
 * out, as linopy masks.
 */
export function defineSecondStage(model: LpModel, p: Problem): BlockCols[][] {
  return p.blocks.map((row, mi) =>
    row.map((b, si) => {
      const m = p.minerals[mi];
      const cols: BlockCols = { months: [], release: [], pieces: [] };
      if (b.weight === 0) return cols;
      for (let t = 0; t < b.gap.length; t++) {
        if (!(b.gap[t] > 0)) continue;
        cols.months.push(t);
        cols.release.push(model.addCol(names.release(m.id, si, t), 0, Infinity));
        const d = b.demand[t];
        const pieces: number[] = [];
        for (let k = 0; k < m.segs.length && m.segs[k].from * d < b.gap[t]; k++)
          pieces.push(model.addCol(names.piece(m.id, si, t, k), 0, Math.min(m.segs[k].to * d, b.gap[t]) - m.segs[k].from * d || 0));
        cols.pieces.push(pieces);
      }
      return cols;
    }),
  );
}
