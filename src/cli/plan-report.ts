import { render, toTable, type Column, type CutRow, type Format, type FrontierPoint, type PlanOptions, type PlanResult, type Row } from "../index.js";
import type { Sheet } from "../io/xlsx.js";

const MUSD = (v: number) => v / 1e6;

export const MINERAL_COLUMNS: Column[] = [
  { key: "mineral" },
  { key: "buy_t", label: "bought t" },
  { key: "musd", label: "US$ M", digits: 1 },
  { key: "days", label: "days of cover", digits: 0 },
  { key: "short_before_t", label: "E[short] before t" },
  { key: "short_after_t", label: "E[short] after t" },
  { key: "value_before_musd", label: "before US$ M", digits: 1 },
  { key: "value_after_musd", label: "after US$ M", digits: 1 },
  { key: "cap", label: "cap" },
];

export function mineralRows(r: PlanResult, all = false): Row[] {
  return r.minerals
    .filter((m) => all || m.buyTons > 0 || m.shortfallBefore > 0)
    .map((m) => ({
      mineral: m.id,
      buy_t: m.buyTons,
      musd: MUSD(m.dollars),
      days: m.daysOfCover,
      short_before_t: m.shortfallBefore,
      short_after_t: m.shortfallAfter,
      value_before_musd: MUSD(m.valueBefore),
      value_after_musd: MUSD(m.valueAfter),
      cap: m.capReason && m.cap !== null && m.buyTons >= m.cap * (1 - 1e-9) ? `at ${m.capReason}` : "",
    }));
}

function summary(r: PlanResult): string {
  const lines = [
    `status: ${r.status}${r.reason ? ` (${r.reason})` : ""}; solver: ${r.solver}; ${r.scenarios} scenario(s)`,
    `budget US$ ${MUSD(r.budget).toFixed(1)} M, spent US$ ${MUSD(r.spent).toFixed(1)} M`,
    `expected shortfall value: before US$ ${MUSD(r.valueBefore).toFixed(1)} M, after US$ ${MUSD(r.valueAfter).toFixed(1)} M`,
    `marginal value of budget: ${r.marginalValue.toFixed(4)} US$ of expected shortfall avoided per extra US$ (dual of the budget row; local)`,
  ];
  const funded = r.projects.filter((j) => j.fund > 0);
  lines.push(`projects funded: ${funded.length ? funded.map((j) => `${j.id}${j.fund < 1 ? ` (${(j.fund * 100).toFixed(0)} %)` : ""} US$ ${MUSD(j.capex * j.fund).toFixed(0)} M`).join(", ") : "none"}${r.projects.length ? ` of ${r.projects.length}` : ""}`);
  if (r.excluded.length) lines.push(`left out: ${r.excluded.map((e) => `${e.id} (${e.reason})`).join("; ")}`);
  for (const n of r.notes) lines.push(`note: ${n}`);
  return lines.join("\n") + "\n";
}

export function renderPlan(r: PlanResult, format: Format, extraNotes: string[] = []): string {
  const withNotes = { ...r, notes: [...r.notes, ...extraNotes] };
  if (format === "json") return render("json", [], [], withNotes);
  if (format === "csv") return render("csv", mineralRows(r, true), MINERAL_COLUMNS);
  return (r.status === "optimal" ? toTable(mineralRows(r), MINERAL_COLUMNS) + "\n" : "") + summary(withNotes);
}

export const CUT_COLUMNS: Column[] = [
  { key: "id" },
  { key: "kind" },
  { key: "full", label: "full t (or funded)" },
  { key: "cut", label: "cut t (or funded)" },
  { key: "musd_full", label: "full US$ M", digits: 1 },
  { key: "musd_cut", label: "cut US$ M", digits: 1 },
  { key: "short_full", label: "E[short] full t" },
  { key: "short_cut", label: "E[short] cut t" },
  { key: "lost_musd", label: "value lost US$ M", digits: 1 },
];

/** What the cut loses, one row per mineral and project (`all` false: only rows where something changed). */
export function cutRows(rows: readonly CutRow[], all: boolean): Row[] {
  return rows
    .filter((r) => all || r.dollarsFull || r.dollarsCut || r.valueLost)
    .map((r) => ({ id: r.id, kind: r.kind, full: r.buyTonsFull, cut: r.buyTonsCut, musd_full: MUSD(r.dollarsFull), musd_cut: MUSD(r.dollarsCut), short_full: r.kind === "mineral" ? r.shortfallFull : null, short_cut: r.kind === "mineral" ? r.shortfallCut : null, lost_musd: MUSD(r.valueLost) }));
}

export function renderCompare(full: PlanResult, cut: PlanResult, cmp: { rows: CutRow[]; valueLost: number; budgetCut: number }, format: Format): string {
  const rows = cutRows(cmp.rows, format !== "table");
  if (format === "json") return render("json", [], [], { full, cut, valueLost: cmp.valueLost, budgetCut: cmp.budgetCut, rows: cmp.rows });
  if (format === "csv") return render("csv", rows, CUT_COLUMNS);
  const ratio = cmp.budgetCut ? cmp.valueLost / cmp.budgetCut : 0;
  return (
    toTable(rows, CUT_COLUMNS) +
    `\ncutting the budget from US$ ${MUSD(full.budget).toFixed(0)} M to US$ ${MUSD(cut.budget).toFixed(0)} M adds US$ ${MUSD(cmp.valueLost).toFixed(1)} M of expected shortfall value (${ratio.toFixed(3)} US$ per US$ cut)\n` +
    `status: full ${full.status}, cut ${cut.status}${cut.reason ? ` (${cut.reason})` : ""}\n`
  );
}

export const FRONTIER_COLUMNS: Column[] = [
  { key: "budget_musd", label: "budget US$ M", digits: 0 },
  { key: "status" },
  { key: "spent_musd", label: "spent US$ M", digits: 1 },
  { key: "value_musd", label: "E[shortfall value] US$ M", digits: 1 },
  { key: "marginal", label: "marginal (dual)", digits: 4 },
  { key: "step", label: "step US$/US$", digits: 4 },
];

export const frontierRows = (points: FrontierPoint[]): Row[] =>
  points.map((p) => ({ budget_musd: MUSD(p.budget), status: p.status, spent_musd: MUSD(p.spent), value_musd: MUSD(p.valueAfter), marginal: p.marginalValue, step: p.stepValue }));

/**
 * A hand-written SVG line chart of expected shortfall value against budget (no plotting
 * dependency): axes with five ticks each, one polyline, a dot per step.
 */
export function frontierSvg(points: FrontierPoint[], title = "Expected shortfall value against budget"): string {
  const ok = points.filter((p) => p.status === "optimal");
  const W = 720, H = 420, L = 80, R = 20, T = 40, B = 50;
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
    ...tick(x0, x1).map((x) => `<line x1="${sx(x)}" y1="${H - B}" x2="${sx(x)}" y2="${H - B + 5}" stroke="black"/><text x="${sx(x)}" y="${H - B + 18}" text-anchor="middle">${fmt(x)}</text>`),
    ...tick(y0, y1).map((y) => `<line x1="${L - 5}" y1="${sy(y)}" x2="${L}" y2="${sy(y)}" stroke="black"/><text x="${L - 8}" y="${sy(y) + 4}" text-anchor="end">${fmt(y)}</text>`),
    `<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">budget, US$ billion</text>`,
    `<text transform="translate(18 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">expected shortfall value, US$ billion</text>`,
    `<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${ok.map((p, i) => `${sx(xs[i]).toFixed(1)},${sy(ys[i]).toFixed(1)}`).join(" ")}"/>`,
    ...ok.map((p, i) => `<circle cx="${sx(xs[i]).toFixed(1)}" cy="${sy(ys[i]).toFixed(1)}" r="3" fill="#1f77b4"><title>US$ ${fmt(xs[i])} bn → ${fmt(ys[i])} bn; marginal ${p.marginalValue.toFixed(3)}</title></circle>`),
    `</svg>`,
  ];
  return parts.join("\n") + "\n";
}

// ---- Excel workbook (--format xlsx): the same row builders as the table and CSV formats ----

export const PROJECT_COLUMNS: Column[] = [
  { key: "project" },
  { key: "mineral" },
  { key: "kind" },
  { key: "funded", label: "funded (share)", digits: 2 },
  { key: "capex_musd", label: "capex US$ M", digits: 1 },
  { key: "spent_musd", label: "spent US$ M", digits: 1 },
];

export const projectRows = (r: PlanResult): Row[] =>
  r.projects.map((j) => ({ project: j.id, mineral: j.mineral, kind: j.kind, funded: j.fund, capex_musd: MUSD(j.capex), spent_musd: MUSD(j.capex * j.fund) }));

const JUDGEMENT = "default: a judgement call (src/optimize/defaults.ts)";

/** The settings a plan ran with, and whether each came from a flag or is a default. */
function settingRows(options: PlanOptions, given: Partial<PlanOptions>): Row[] {
  const src = (k: keyof PlanOptions, fallback = JUDGEMENT) => (k in given ? "flag" : fallback);
  return [
    { item: "setting: acquisition premium", value: options.acquisitionPremium, unit: "share of price", source: src("acquisitionPremium") },
    { item: "setting: storage cost", value: options.storageUsdPerTonYear, unit: "US$ per t·year", source: src("storageUsdPerTonYear") },
    { item: "setting: loan rate", value: options.loanRate, unit: "per year", source: src("loanRate") },
    { item: "setting: market limit", value: options.marketShare, unit: "share of world annual production", source: src("marketShare") },
    { item: "setting: max days of cover", value: options.maxDaysOfCover ?? "none", unit: "days of import cover", source: src("maxDaysOfCover", "default") },
    { item: "setting: min days of cover", value: options.minDaysOfCover ?? "none", unit: "days of import cover", source: src("minDaysOfCover", "default") },
    { item: "setting: value multiplier", value: options.valueMultiplier, unit: "× price", source: src("valueMultiplier") },
    { item: "setting: spend weight", value: options.spendWeight, unit: "objective US$ per US$ spent", source: src("spendWeight") },
    { item: "setting: projects divisible", value: options.divisible ? "yes" : "no", unit: "", source: src("divisible", "default") },
    { item: "setting: solver choice", value: options.solver, unit: "", source: "" },
    ...Object.entries(options.marketShareByMineral).map(([m, v]) => ({ item: `setting: market limit, ${m}`, value: v, unit: "share of world annual production", source: "basket (its reason is in Notes)" })),
    ...Object.entries(options.valueMultiplierByMineral).map(([m, v]) => ({ item: `setting: value multiplier, ${m}`, value: v, unit: "× price", source: "basket (its reason is in Notes)" })),
  ];
}

/** One row per headline figure; with a cut plan, its figures in the `cut` column. */
function summaryRows(r: PlanResult, cut?: PlanResult, valueLost?: number): Row[] {
  const funded = (p: PlanResult) => p.projects.filter((j) => j.fund > 0).length;
  const items: [string, (p: PlanResult) => Row["value"], string][] = [
    ["status", (p) => p.status, ""],
    ["reason", (p) => p.reason ?? null, ""],
    ["solver", (p) => p.solver, ""],
    ["scenarios", (p) => p.scenarios, "count"],
    ["budget", (p) => p.budget, "US$"],
    ["spent", (p) => p.spent, "US$"],
    ["unspent", (p) => p.budget - p.spent, "US$"],
    ["expected shortfall value before", (p) => p.valueBefore, "US$"],
    ["expected shortfall value after", (p) => p.valueAfter, "US$"],
    ["expected shortfall value avoided", (p) => p.valueBefore - p.valueAfter, "US$"],
    ["marginal value of budget", (p) => p.marginalValue, "US$ avoided per extra US$ (dual of the budget row; local)"],
    ["objective", (p) => p.objective, "US$ (shortfall value + spend weight × spend)"],
    ["minerals planned", (p) => p.minerals.length, "count"],
    ["minerals left out", (p) => p.excluded.length, "count"],
    ["projects funded", funded, `count of ${r.projects.length}`],
  ];
  const rows: Row[] = items.map(([item, get, unit]) => ({ item, value: get(r), ...(cut ? { cut: get(cut) } : {}), unit, source: "" }));
  if (cut) rows.push({ item: "expected shortfall value the cut adds", value: null, cut: valueLost ?? null, unit: "US$", source: "" });
  return rows;
}

function summaryColumns(withCut: boolean): Column[] {
  return [
    { key: "item" },
    { key: "value", label: withCut ? "plan" : "value" },
    ...(withCut ? [{ key: "cut", label: "cut plan" }] : []),
    { key: "unit" },
    { key: "source" },
  ];
}

export const NOTE_COLUMNS: Column[] = [{ key: "source" }, { key: "note" }];

/** Every note: minerals left out, the plan's notes (judgement calls among them), then the input's. */
function noteRows(r: PlanResult, extraNotes: readonly string[], cut?: PlanResult): Row[] {
  const rows: Row[] = [
    ...r.excluded.map((e) => ({ source: "left out", note: `${e.id}: ${e.reason}` })),
    ...r.notes.map((note) => ({ source: "plan", note })),
    ...extraNotes.map((note) => ({ source: "input", note })),
  ];
  if (!r.projects.length) rows.push({ source: "input", note: "no candidate capacity projects (give --projects FILE)" });
  if (cut) {
    const seen = new Set(rows.map((x) => x.note));
    for (const e of cut.excluded) if (!seen.has(`${e.id}: ${e.reason}`)) rows.push({ source: "cut plan: left out", note: `${e.id}: ${e.reason}` });
    for (const note of cut.notes) if (!seen.has(note)) rows.push({ source: "cut plan", note });
  }
  return rows;
}

/**
 * The plan as workbook sheets: Plan (the CSV's rows), Projects, Summary (headline figures and the
 * settings used), Notes, and with a cut plan a Cut sheet (the `--compare --format csv` rows).
 */
export function planSheets(
  r: PlanResult,
  extraNotes: readonly string[],
  settings: { options: PlanOptions; given: Partial<PlanOptions> },
  compare?: { cut: PlanResult; cmp: { rows: CutRow[]; valueLost: number } },
): Sheet[] {
  const sheets: Sheet[] = [
    { name: "Plan", columns: MINERAL_COLUMNS, rows: mineralRows(r, true) },
    { name: "Projects", columns: PROJECT_COLUMNS, rows: projectRows(r) },
    { name: "Summary", columns: summaryColumns(!!compare), rows: [...summaryRows(r, compare?.cut, compare?.cmp.valueLost), ...settingRows(settings.options, settings.given)] },
    { name: "Notes", columns: NOTE_COLUMNS, rows: noteRows(r, extraNotes, compare?.cut) },
  ];
  if (compare) sheets.push({ name: "Cut", columns: CUT_COLUMNS, rows: cutRows(compare.cmp.rows, true) });
  return sheets;
}

/** The frontier as workbook sheets: Frontier (the CSV's rows) and Notes. */
export function frontierSheets(points: FrontierPoint[], path: string, notes: readonly string[]): Sheet[] {
  return [
    { name: "Frontier", columns: FRONTIER_COLUMNS, rows: frontierRows(points) },
    { name: "Notes", columns: NOTE_COLUMNS, rows: [{ source: "solver", note: path }, ...notes.map((note) => ({ source: "input", note }))] },
  ];
}
