import { type AssumedMark, citeOf } from "../assumptions/types.js";
import type { Dataset } from "../data/types.js";
import { explainMineral, explainText } from "../risk/explain.js";
import { type Method, type MineralRisk, measureOf, RISK_COLUMNS, type RiskTableOptions, rank, riskRow, riskTable } from "../risk/table.js";
import { assumedTexts, markAssumed, noteAssumed } from "./assumed.js";
import { type Column, type Format, type Row, render, textLines, wrapText } from "./format.js";

/*
 * The risk command's reports. The ranking table keeps to WIDTH columns: it shows each measure's
 * value (an interval "30–50" where an input is a NIR bound), the composite's coverage (cov%: below
 * 100 the composite is computed from part of its weight, and the note says what is missing), and
 * the long cells (stage, band, top-3 share, NIR trend, the importance matrix, the low/high ends)
 * stay in CSV and JSON; the note column's texts are listed below the table, numbered.
 */

/** The columns of the text table (a subset of RISK_COLUMNS, GeoPolRisk labelled GeoPol). */
const TABLE_KEYS = ["rank", "id", "value", "hhi", "top1", "hhiWgi", "euSr", "nir", "geopolrisk", "composite", "coverage", "note"];
export const RISK_TABLE_COLUMNS: Column[] = TABLE_KEYS.map((key) => {
  const c = RISK_COLUMNS.find((x) => x.key === key)!;
  return key === "note" ? { ...c, note: true } : key === "geopolrisk" ? { ...c, label: "GeoPol" } : { ...c };
});
const CSV_COLUMNS: Column[] = RISK_COLUMNS.map((c) => ({ ...c }));
const MORE = "stage, band, top-3 share, NIR trend, low/high ends, EU SR parameters and the importance × risk matrix: --format csv or --format json";

/**
 * The ranking (or one mineral's row): table, CSV (every column) or JSON (`json`, the full record).
 * `assumed`: the numbered notes on assumed figures (assumedNirNotes): the table marks each such
 * mineral's id `*n` and lists the notes below it; CSV carries each note's text in the note column.
 */
export function riskReport(rows: readonly Row[], format: Format, json: unknown, assumed: string[] = [], baseline?: string): { text: string } {
  if (format === "csv") return { text: render(format, noteAssumed(rows, assumedTexts(assumed), "id"), CSV_COLUMNS, json) };
  if (format !== "table") return { text: render(format, rows, CSV_COLUMNS, json) };
  const marked = markAssumed(rows, marksOf(assumed), "id");
  return { text: `${render("table", marked, RISK_TABLE_COLUMNS)}\n${textLines([...assumed, ...(baseline ? [baseline] : []), MORE])}` };
}

/** The table's note on what importance (the matrix's other axis) stands on: the baseline rule and the price basis. */
export function baselineNote(b: { rule: string; description: string }): string {
  return `importance (US$/yr, the matrix's other axis) = US consumption on baseline ${b.rule} (${b.description}; --baseline latest|YEAR|mean:N) × the latest price per ton of what the quantities measure (WO3, V2O5, Li2CO3, ore and alloy prices converted), as simulate and plan take them`;
}

const fmt = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 2 });

/**
 * One numbered note per figure an analyst assumed (USGS publishes none): the NIR, and the
 * importance's consumption and price, in the form the plan and simulate tables give
 * (src/report/assumed.ts): `*n id: assumed net import reliance 100 percent (2024; range 85–100;
 * basis): method; source [file:row]`.
 */
export function assumedNirNotes(minerals: readonly MineralRisk[]): string[] {
  const lines: string[] = [];
  for (const r of minerals) {
    const i = r.importance.ok ? r.importance : undefined;
    const figs: [string, AssumedMark | undefined, number][] = [
      ["net import reliance", r.nir.ok ? r.nir.assumed : undefined, r.nir.ok ? r.nir.value : 0],
      ["consumption", i?.assumed?.consumption, i?.consumption ?? 0],
      ["price", i?.assumed?.price, i?.price ?? 0],
    ];
    for (const [what, a, v] of figs) {
      if (!a) continue;
      lines.push(
        `*${lines.length + 1} ${r.id}: assumed ${what} ${fmt(v)} ${a.unit} (${a.year}; range ${fmt(a.range[0])}–${fmt(a.range[1])}${a.basis ? `; ${a.basis}` : ""}): ${a.method.replace(/\.$/, "")}; ${citeOf(a)} [${a.at.file}:${a.at.row}]`,
      );
    }
  }
  return lines;
}

/** The `*n` marks of each mineral, read back from the notes. */
function marksOf(notes: readonly string[]): Map<string, number[]> {
  const marks = new Map<string, number[]>();
  for (const n of notes) {
    const m = /^\*(\d+) ([^\s:]+): assumed /.exec(n);
    if (m) marks.set(m[2], [...(marks.get(m[2]) ?? []), Number(m[1])]);
  }
  return marks;
}

// ---- no null without its reason ----

const RAW_MEANING: Readonly<Record<string, string>> = {
  W: "withheld by USGS to avoid disclosing company proprietary data",
  NA: "not available",
  XX: "not applicable",
  s: "suppressed",
  "": "a blank cell",
};

/** Why a published cell gives no number: its code as USGS prints it, and what the code means. */
export function rawReason(raw: string, status?: string): string {
  const meaning = RAW_MEANING[raw] ?? RAW_MEANING[raw.toUpperCase()] ?? status?.replace(/-/g, " ") ?? "not a number";
  return `published as ${JSON.stringify(raw)}: ${meaning}`;
}

/**
 * Every `{ value: null, … }` in a risk record (inputs, NIR points) given a `valueReason`: the cell's
 * code as published (W, NA, s, XX), else the note the measure wrote (a composite component's reason).
 */
function reasonNullValues<T>(v: T): T {
  if (Array.isArray(v)) return v.map(reasonNullValues) as T;
  if (typeof v !== "object" || v === null) return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(o).map(([k, x]) => [k, reasonNullValues(x)]));
  if ("value" in o && o.value === null && typeof o.reason !== "string" && typeof o.valueReason !== "string") {
    const why =
      typeof o.raw === "string"
        ? rawReason(o.raw, typeof o.status === "string" ? o.status : undefined)
        : typeof o.note === "string"
          ? o.note
          : typeof o.status === "string"
            ? o.status.replace(/-/g, " ")
            : "no value in the data";
    out.valueReason = why;
  }
  return out as T;
}

/** The reason for each null cell of a ranking row (`missing: ["key: why"]`, as the plan JSON gives it). */
export function rowMissing(r: MineralRisk, method: Method, row: Row): string[] {
  const why = (m: { ok: boolean; reason?: string }) => (m.ok ? undefined : m.reason);
  const ranked = measureOf(r, method);
  const reason: Record<string, string | undefined> = {
    rank: ranked.ok ? undefined : `not ranked, ${method} not computed: ${ranked.reason}`,
    value: why(ranked),
    valueLow: why(ranked),
    valueHigh: why(ranked),
    stage: why(r.hhi),
    hhi: why(r.hhi),
    band: why(r.hhi),
    top1: why(r.hhi),
    top3: why(r.hhi),
    hhiWgi: why(r.hhiWgi),
    euSr: why(r.euSr),
    euSrLow: why(r.euSr),
    euSrHigh: why(r.euSr),
    euSrStage: why(r.euSr),
    euParams: why(r.euSr),
    nir: why(r.nir),
    nirPublished: r.nir.ok
      ? r.nir.assumed
        ? "USGS publishes no US net import reliance; the value used is assumed (see assumed.nir)"
        : undefined
      : r.nir.reason,
    nirLow: why(r.nir),
    nirHigh: why(r.nir),
    nirTrend: r.nir.ok ? r.nir.trendReason : r.nir.reason,
    geopolrisk: why(r.geopolrisk),
    composite: why(r.composite),
    compositeLow: why(r.composite),
    compositeHigh: why(r.composite),
    coverage: why(r.composite),
    importanceUsd: why(r.importance),
    importanceBaseline: why(r.importance),
    matrix: r.matrix
      ? undefined
      : `placed only with both the composite and the importance: ${[
          r.composite.ok ? "" : `no composite (${r.composite.reason})`,
          r.importance.ok ? "" : `no importance (${r.importance.reason})`,
        ]
          .filter(Boolean)
          .join("; ")}`,
  };
  return Object.entries(row).flatMap(([k, v]) => (v === null ? [`${k}: ${reason[k] ?? "not computed"}`] : []));
}

/** A ranking row for JSON: the row, `missing` (a reason for every null) and `assumed` (the mark of each assumed input). */
function rowJson(r: MineralRisk, method: Method, row: Row) {
  const missing = rowMissing(r, method, row);
  const i = r.importance.ok ? r.importance.assumed : undefined;
  const marks = {
    ...(r.nir.ok && r.nir.assumed ? { nir: r.nir.assumed } : {}),
    ...(i?.consumption ? { consumption: i.consumption } : {}),
    ...(i?.price ? { price: i.price } : {}),
  };
  const assumed = Object.keys(marks).length ? marks : undefined;
  return { ...row, ...(missing.length ? { missing } : {}), ...(assumed ? { assumed } : {}) };
}

type Explained = ReturnType<typeof explainMineral>;

// ---- JSON: the risk records with every key camelCase and money named with its unit ----

/** A product chain's p and F (the US production and imports rows read) under names that say so. */
function chainJson<T extends { p: string; F: string }>(chain: T) {
  const { p, F, ...rest } = chain;
  return { ...rest, productionRows: p, importsRows: F };
}

/** A matrix cell with its importance in USD a year. */
function matrixJson(m: MineralRisk["matrix"]) {
  if (!m) return m;
  const { importance, ...rest } = m;
  return { ...rest, importanceUsdPerYear: importance };
}

/**
 * One mineral's risk record for JSON: GeoPolRisk's p and F as `domesticProductionTons` and
 * `totalImportsTons`, the importance's consumption and price as `consumptionTons` and
 * `priceUsdPerTon` (its `value` is US$ a year), the matrix's importance as `importanceUsdPerYear`.
 */
export function mineralRiskJson(r: MineralRisk) {
  const g = r.geopolrisk;
  const geopolrisk = (() => {
    if (!g.ok) return "chain" in g && g.chain ? { ...g, chain: chainJson(g.chain as { p: string; F: string }) } : g;
    const { p, F, ...rest } = g;
    return {
      ...rest,
      domesticProductionTons: p,
      totalImportsTons: F,
      ...("chain" in g && g.chain ? { chain: chainJson(g.chain as { p: string; F: string }) } : {}),
    };
  })();
  const i = r.importance;
  const importance = (() => {
    if (!i.ok) return i;
    const { price, consumption, ...rest } = i;
    return { ...rest, consumptionTons: consumption, priceUsdPerTon: price };
  })();
  return reasonNullValues({ ...r, geopolrisk, importance, matrix: matrixJson(r.matrix) });
}

/** An explanation for JSON: the product chains' p and F named as in `mineralRiskJson`, the matrix's importance in USD a year. */
export function explainJson(e: Explained) {
  return reasonNullValues({
    ...e,
    measures: e.measures.map((m) => (m.chain ? { ...m, chain: chainJson(m.chain) } : m)),
    matrix: matrixJson(e.matrix),
  });
}

/**
 * The risk ranking: every mineral (or the `top` N) ranked by `method`, highest first; `rows` for
 * the table and CSV, `json` the full record (the options, the ranking rows and each mineral's
 * risk record as `mineralRiskJson`).
 */
export function riskRanking(d: Dataset, options: RiskTableOptions, method: Method, top?: number) {
  const table = riskTable(d, options);
  const ranked = rank(table.minerals, method).slice(0, top);
  const rows = ranked.map((r, i) => riskRow(r, method, measureOf(r, method).ok ? i + 1 : null));
  return {
    rows,
    assumed: assumedNirNotes(ranked),
    baseline: baselineNote(table.baseline),
    json: {
      method,
      ...head(table.stage, options),
      baseline: table.baseline,
      options: table.options,
      ranking: rows.map((row, i) => rowJson(ranked[i], method, row)),
      minerals: ranked.map(mineralRiskJson),
    },
  };
}

/** The stage and the assumptions file a ranking used, each null with its reason. */
function head(stage: string | undefined, options: RiskTableOptions) {
  return {
    stage: stage ?? null,
    ...(stage === undefined ? { stageReason: "no --stage: each measure at its own stage (the bottleneck, or the EU SR's highest)" } : {}),
    assumptions: options.assumptions?.file ?? null,
    ...(options.assumptions ? {} : { assumptionsReason: "--assumptions none (or no shipped file): public data only" }),
  };
}

/**
 * One mineral's risk row (the value by `method`), its explanation as the JSON, and `row`: the row as
 * the ranking's JSON gives it (with `missing` and `assumed.nir`), so one mineral's answer marks an
 * assumed figure as the ranking does.
 */
export function mineralRisk(d: Dataset, id: string, options: RiskTableOptions, method: Method) {
  const e = explainMineral(d, id, options);
  const table = riskTable(d, options, id);
  const row = riskRow(table.minerals[0], method, null);
  const json = rowJson(table.minerals[0], method, row);
  // one mineral has no rank of its own: say where it is rather than "not computed"
  const missing = json.missing?.map((m) =>
    m === "rank: not computed" ? "rank: one mineral asked; its rank is in the ranking (lodestone risk, GET /risk)" : m,
  );
  return {
    rows: [row],
    row: { ...json, ...(missing ? { missing } : {}) },
    assumed: assumedNirNotes(table.minerals),
    baseline: baselineNote(table.baseline),
    json: explainJson(e),
  };
}

/**
 * `lodestone risk [id] [--explain]`: the ranking (or its top N), one mineral's row, or one
 * mineral's explanation, in a format.
 */
export function riskCommandReport(
  d: Dataset,
  options: RiskTableOptions,
  ask: { method: Method; format: Format; top?: number; id?: string; explain?: boolean },
): { text: string } {
  if (ask.id !== undefined && ask.explain) return explainReport(explainMineral(d, ask.id, options), ask.format);
  const r = ask.id !== undefined ? mineralRisk(d, ask.id, options, ask.method) : riskRanking(d, options, ask.method, ask.top);
  return riskReport(r.rows, ask.format, r.json, r.assumed, r.baseline);
}

/** One CSV line per input, step and result of each measure: measure, kind, name, value, raw, source. */
export function explainCsv(e: Explained): string {
  const rows = e.measures.flatMap((m) => [
    ...m.inputs.map((i) => ({
      measure: m.measure,
      kind: "input",
      name: i.name,
      value: typeof i.value === "number" ? i.value : (i.value ?? null),
      raw: i.raw ?? null,
      source: i.ref || null,
    })),
    ...m.steps.map((s) => ({ measure: m.measure, kind: "step", name: s.label, value: s.value, raw: s.formula ?? null, source: null })),
    ...(m.ok
      ? [{ measure: m.measure, kind: "value", name: m.measure, value: m.value ?? null, raw: null, source: null }]
      : [{ measure: m.measure, kind: "not-computed", name: m.measure, value: null, raw: m.reason ?? null, source: null }]),
  ]);
  return render(
    "csv",
    rows,
    ["measure", "kind", "name", "value", "raw", "source"].map((key) => ({ key })),
  );
}

/** `lodestone risk <id> --explain`: the text (wrapped to WIDTH), CSV or JSON. */
export function explainReport(e: Explained, format: Format): { text: string } {
  if (format === "json") return { text: `${JSON.stringify(explainJson(e), null, 2)}\n` };
  if (format === "csv") return { text: explainCsv(e) };
  return { text: wrapText(explainText(e)) };
}
