import type { FrontierPoint } from "../optimize/plan.js";
import type { PlanResult } from "../optimize/types.js";
import { type Column, type Format, type Report, type Row, render, type Sheet, textLines, toTable } from "./format.js";
import { INFEASIBLE_EXIT, musd, NOTE_COLUMNS, planHeadline } from "./plan.js";

/*
 * The budget frontier: table and CSV (US$ M), JSON (USD, keys ending in `Usd`), an SVG chart
 * (US$ billion on both axes, as its labels say) and workbook sheets.
 */

const MUSD = (v: number) => v / 1e6;

export const FRONTIER_COLUMNS: Column[] = [
  { key: "budgetMusd", label: "budget US$ M", digits: 0 },
  { key: "status" },
  { key: "spentMusd", label: "spent US$ M", digits: 1, align: "right" },
  { key: "valueMusd", label: "E[loss] US$ M", digits: 1, align: "right" },
  { key: "marginal", label: "net marginal (dual)", digits: 4, align: "right" },
  { key: "step", label: "loss avoided US$/US$", digits: 4, align: "right" },
  { key: "reason", note: true },
];

/** One row per budget; a budget with no plan shows no figures, only its status and (numbered below the table) its reason. */
export const frontierRows = (points: FrontierPoint[]): Row[] =>
  points.map((p) => {
    const ok = p.status === "optimal";
    return {
      budgetMusd: MUSD(p.budget),
      status: p.status,
      spentMusd: ok ? MUSD(p.spent) : null,
      valueMusd: ok ? MUSD(p.valueAfter) : null,
      marginal: ok ? p.marginalValue : null,
      step: p.stepValue,
      reason: ok ? "" : (p.reason ?? "the solver found no plan"),
    };
  });

/**
 * The headline of a frontier that is not one: every budget infeasible (with the reason, or each
 * budget's when they differ), or every mineral left out (the plan's NO MINERAL PLANNED line).
 */
export function frontierHeadline(points: readonly FrontierPoint[], plans: readonly PlanResult[] = []): string | undefined {
  if (points.length && points.every((p) => p.status !== "optimal")) {
    const reasons = [...new Set(points.map((p) => p.reason ?? "the solver found no plan"))];
    const status = [...new Set(points.map((p) => p.status.toUpperCase()))].join("/");
    return reasons.length === 1
      ? `${status} at every budget swept (${points.length}): ${reasons[0]}`
      : `${status} at every budget swept (${points.length}): ${points.map((p) => `at US$ ${musd(p.budget, 0)} M: ${p.reason ?? "the solver found no plan"}`).join("; ")}`;
  }
  const allOut = plans.find((p) => p.allExcluded);
  return allOut && planHeadline(allOut);
}

/** Exit 4 (as an infeasible plan) when no budget of the sweep has a plan. */
const frontierExit = (points: readonly FrontierPoint[]) => (points.length && points.every((p) => p.status === "infeasible") ? INFEASIBLE_EXIT : 0);

/**
 * A hand-written SVG line chart of expected shortfall value against budget (no plotting
 * dependency): axes with five ticks each, one polyline, a dot per step.
 */
export function frontierSvg(points: FrontierPoint[], title = "Expected loss against budget"): string {
  const ok = points.filter((p) => p.status === "optimal");
  const W = 720,
    H = 420,
    L = 80,
    R = 20,
    T = 40,
    B = 50;
  const xs = ok.map((p) => p.budget / 1e9);
  const ys = ok.map((p) => p.valueAfter / 1e9);
  const [x0, x1] = [Math.min(0, ...xs), Math.max(1e-9, ...xs)];
  const [y0, y1] = [0, Math.max(1e-9, ...ys)];
  const sx = (x: number) => L + ((x - x0) / (x1 - x0 || 1)) * (W - L - R);
  const sy = (y: number) => H - B - ((y - y0) / (y1 - y0 || 1)) * (H - T - B);
  const tick = (a: number, b: number) => Array.from({ length: 5 }, (_, i) => a + ((b - a) * i) / 4);
  const fmt = (v: number) => (Math.abs(v) >= 10 ? v.toFixed(0) : v.toFixed(2));
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${esc(title)}</text>`,
    `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="black"/>`,
    `<line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="black"/>`,
    ...tick(x0, x1).map(
      (x) =>
        `<line x1="${sx(x)}" y1="${H - B}" x2="${sx(x)}" y2="${H - B + 5}" stroke="black"/><text x="${sx(x)}" y="${H - B + 18}" text-anchor="middle">${fmt(x)}</text>`,
    ),
    ...tick(y0, y1).map(
      (y) => `<line x1="${L - 5}" y1="${sy(y)}" x2="${L}" y2="${sy(y)}" stroke="black"/><text x="${L - 8}" y="${sy(y) + 4}" text-anchor="end">${fmt(y)}</text>`,
    ),
    `<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">budget, US$ billion</text>`,
    `<text transform="translate(18 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">expected loss, US$ billion</text>`,
    ...flatMark(points, sx, T, H - B),
    `<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${ok.map((_p, i) => `${sx(xs[i]).toFixed(1)},${sy(ys[i]).toFixed(1)}`).join(" ")}"/>`,
    ...ok.map(
      (p, i) =>
        `<circle cx="${sx(xs[i]).toFixed(1)}" cy="${sy(ys[i]).toFixed(1)}" r="3" fill="#1f77b4"><title>US$ ${fmt(xs[i])} bn → ${fmt(ys[i])} bn; marginal ${p.marginalValue.toFixed(3)}</title></circle>`,
    ),
    `</svg>`,
  ];
  return `${parts.join("\n")}\n`;
}

/** A dashed vertical line where the frontier flattens (at what the ceiling plan spends), labelled; nothing when it does not. */
function flatMark(points: readonly FrontierPoint[], sx: (x: number) => number, top: number, bottom: number): string[] {
  const f = flattening(points);
  if (!f) return [];
  const x = sx(f.spent / 1e9).toFixed(1);
  return [
    `<line class="flattens" x1="${x}" y1="${top}" x2="${x}" y2="${bottom}" stroke="#d62728" stroke-dasharray="5,4"/>`,
    `<text x="${Number(x) + 6}" y="${top + 14}" fill="#d62728">flattens: US$ ${(f.spent / 1e9).toFixed(2)} bn pays for itself; more buys nothing that does</text>`,
  ];
}

/** The frontier as workbook sheets: Frontier (the CSV's rows) and Notes (the headline first, when there is one). */
export function frontierSheets(points: FrontierPoint[], path: string, notes: readonly string[], plans: readonly PlanResult[] = []): Sheet[] {
  const headline = frontierHeadline(points, plans);
  return [
    { name: "Frontier", columns: FRONTIER_COLUMNS, rows: frontierRows(points) },
    {
      name: "Notes",
      columns: NOTE_COLUMNS,
      rows: [
        ...(headline ? [{ source: "headline", note: headline }] : []),
        { source: "solver", note: path },
        ...notes.map((note) => ({ source: "input", note })),
      ],
    },
  ];
}

/** A frontier point in JSON: money in USD, keys ending in `Usd`; the two rates are US$ per US$. */
const pointJson = (p: FrontierPoint) => ({
  budgetUsd: p.budget,
  status: p.status,
  ...(p.reason !== undefined ? { reason: p.reason } : {}),
  spentUsd: p.spent,
  valueAfterUsd: p.valueAfter,
  objectiveUsd: Number.isFinite(p.objective) ? p.objective : null,
  marginalValue: p.marginalValue,
  stepValue: p.stepValue,
  stepNet: p.stepNet,
  ...(p.stepValue === null
    ? { stepValueReason: p.status !== "optimal" ? "no plan at this budget" : "no optimal plan at a smaller budget before it to step from" }
    : {}),
  ...(p.stepNet === null
    ? { stepNetReason: p.status !== "optimal" ? "no plan at this budget" : "no optimal plan at a smaller budget before it to step from" }
    : {}),
  ...(!Number.isFinite(p.objective) ? { objectiveReason: "no plan at this budget" } : {}),
});

/**
 * Where the frontier flattens: the first budget of the sweep at which the budget no longer binds (the
 * plan leaves money unspent and the dual is 0), and what the plan spends there, the most that pays
 * for itself. Undefined when every budget of the sweep binds (the plateau lies beyond it).
 */
export function flattening(points: readonly FrontierPoint[]): { budget: number; spent: number } | undefined {
  const p = points.find((x) => x.status === "optimal" && x.marginalValue <= 1e-9 && x.spent < x.budget * (1 - 1e-9) - 1);
  return p && { budget: p.budget, spent: p.spent };
}

const flatLine = (points: readonly FrontierPoint[]) => {
  const f = flattening(points);
  return f
    ? `flattens by US$ ${musd(f.budget, 0)} M: beyond US$ ${musd(f.spent)} M no purchase avoids more expected loss than it costs (the rest stays unspent)`
    : "does not flatten within the sweep: every budget swept is spent and the last dollar still pays (sweep higher with --to)";
};

/**
 * `lodestone frontier`: the table (a headline first when no budget has a plan or every mineral is
 * left out; each infeasible budget's reason numbered below the table) with the solver and notes,
 * the CSV (a headline goes to the warning) or the JSON. Every budget infeasible: exit code 4.
 */
export function frontierReport(
  result: { points: FrontierPoint[]; path: string; plans?: readonly PlanResult[] },
  format: Format,
  notes: readonly string[] = [],
): Report {
  const code = frontierExit(result.points);
  const headline = frontierHeadline(result.points, result.plans);
  if (format === "json") {
    const first = result.plans?.[0];
    return {
      text: render("json", [], [], {
        ...(headline ? { headline } : {}),
        path: result.path,
        points: result.points.map(pointJson),
        flattensAt: flattening(result.points) ? { budgetUsd: flattening(result.points)!.budget, spentUsd: flattening(result.points)!.spent } : null,
        ...(flattening(result.points) ? {} : { flattensAtReason: "every budget swept binds; the plateau lies beyond the sweep" }),
        ...(first ? { excluded: first.excluded, allExcluded: first.allExcluded } : {}),
        notes,
      }),
      code,
    };
  }
  if (format === "csv") return { text: render("csv", frontierRows(result.points), FRONTIER_COLUMNS), warning: headline, code };
  const rows = frontierRows(result.points);
  const table = toTable(rows, rows.some((r) => r.reason) ? FRONTIER_COLUMNS : FRONTIER_COLUMNS.filter((c) => c.key !== "reason"));
  return {
    text:
      (headline ? `${textLines([headline])}\n` : "") +
      table +
      textLines([...(headline ? [] : [`frontier ${flatLine(result.points)}`]), `solver: ${result.path}`, ...notes.map((n) => `note: ${n}`)]),
    code,
  };
}
