import type { FrontierPoint } from "../optimize/plan.js";
import { type Column, type Format, type Row, render, type Sheet, textLines } from "./format.js";
import { NOTE_COLUMNS } from "./plan.js";

/*
 * The budget frontier: table and CSV (US$ M), JSON (USD, keys ending in `Usd`), an SVG chart
 * (US$ billion on both axes, as its labels say) and workbook sheets.
 */

const MUSD = (v: number) => v / 1e6;

export const FRONTIER_COLUMNS: Column[] = [
  { key: "budgetMusd", label: "budget US$ M", digits: 0 },
  { key: "status" },
  { key: "spentMusd", label: "spent US$ M", digits: 1 },
  { key: "valueMusd", label: "E[shortfall value] US$ M", digits: 1 },
  { key: "marginal", label: "marginal (dual)", digits: 4 },
  { key: "step", label: "step US$/US$", digits: 4 },
];

export const frontierRows = (points: FrontierPoint[]): Row[] =>
  points.map((p) => ({
    budgetMusd: MUSD(p.budget),
    status: p.status,
    spentMusd: MUSD(p.spent),
    valueMusd: MUSD(p.valueAfter),
    marginal: p.marginalValue,
    step: p.stepValue,
  }));

/**
 * A hand-written SVG line chart of expected shortfall value against budget (no plotting
 * dependency): axes with five ticks each, one polyline, a dot per step.
 */
export function frontierSvg(points: FrontierPoint[], title = "Expected shortfall value against budget"): string {
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
    `<text transform="translate(18 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">expected shortfall value, US$ billion</text>`,
    `<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${ok.map((_p, i) => `${sx(xs[i]).toFixed(1)},${sy(ys[i]).toFixed(1)}`).join(" ")}"/>`,
    ...ok.map(
      (p, i) =>
        `<circle cx="${sx(xs[i]).toFixed(1)}" cy="${sy(ys[i]).toFixed(1)}" r="3" fill="#1f77b4"><title>US$ ${fmt(xs[i])} bn → ${fmt(ys[i])} bn; marginal ${p.marginalValue.toFixed(3)}</title></circle>`,
    ),
    `</svg>`,
  ];
  return `${parts.join("\n")}\n`;
}

/** The frontier as workbook sheets: Frontier (the CSV's rows) and Notes. */
export function frontierSheets(points: FrontierPoint[], path: string, notes: readonly string[]): Sheet[] {
  return [
    { name: "Frontier", columns: FRONTIER_COLUMNS, rows: frontierRows(points) },
    { name: "Notes", columns: NOTE_COLUMNS, rows: [{ source: "solver", note: path }, ...notes.map((note) => ({ source: "input", note }))] },
  ];
}

/** A frontier point in JSON: money in USD, keys ending in `Usd`; the two rates are US$ per US$. */
const pointJson = (p: FrontierPoint) => ({
  budgetUsd: p.budget,
  status: p.status,
  spentUsd: p.spent,
  valueAfterUsd: p.valueAfter,
  marginalValue: p.marginalValue,
  stepValue: p.stepValue,
});

/** `lodestone frontier`: the table with the solver and notes below it, the CSV, or the JSON. */
export function frontierReport(result: { points: FrontierPoint[]; path: string }, format: Format, notes: readonly string[] = []): { text: string } {
  if (format === "json") return { text: render("json", [], [], { path: result.path, points: result.points.map(pointJson), notes }) };
  const table = render(format, frontierRows(result.points), FRONTIER_COLUMNS);
  return { text: format === "table" ? table + textLines([`solver: ${result.path}`, ...notes.map((n) => `note: ${n}`)]) : table };
}
