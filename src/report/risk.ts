import { type explainMineral, explainText } from "../risk/explain.js";
import { RISK_COLUMNS } from "../risk/table.js";
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
  if (format === "json") return { text: `${JSON.stringify(e, null, 2)}\n` };
  if (format === "csv") return { text: explainCsv(e) };
  return { text: wrapText(explainText(e)) };
}
