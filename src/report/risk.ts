import type { Dataset } from "../data/types.js";
import { explainMineral, explainText } from "../risk/explain.js";
import { type Method, type MineralRisk, measureOf, RISK_COLUMNS, type RiskTableOptions, rank, riskRow, riskTable } from "../risk/table.js";
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

/** The ranking (or one mineral's row): table, CSV (every column) or JSON (`json`, the full record). */
export function riskReport(rows: readonly Row[], format: Format, json: unknown): { text: string } {
  if (format !== "table") return { text: render(format, rows, CSV_COLUMNS, json) };
  return { text: `${render("table", rows, RISK_TABLE_COLUMNS)}\n${textLines([MORE])}` };
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
  return { ...r, geopolrisk, importance, matrix: matrixJson(r.matrix) };
}

/** An explanation for JSON: the product chains' p and F named as in `mineralRiskJson`, the matrix's importance in USD a year. */
export function explainJson(e: Explained) {
  return {
    ...e,
    measures: e.measures.map((m) => (m.chain ? { ...m, chain: chainJson(m.chain) } : m)),
    matrix: matrixJson(e.matrix),
  };
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
  return { rows, json: { method, stage: table.stage ?? null, options: table.options, ranking: rows, minerals: ranked.map(mineralRiskJson) } };
}

/** One mineral's risk row (the value by `method`), its explanation as the JSON. */
export function mineralRisk(d: Dataset, id: string, options: RiskTableOptions, method: Method) {
  const e = explainMineral(d, id, options);
  const table = riskTable({ ...d, minerals: d.minerals.filter((m) => m.id === id) }, options);
  return { rows: [riskRow(table.minerals[0], method, null)], json: explainJson(e) };
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
  return riskReport(r.rows, ask.format, r.json);
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
