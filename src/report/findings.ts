import type { Finding } from "../data/check.js";
import type { Dataset } from "../data/types.js";
import { formatIssue } from "../errors.js";
import { type Column, type Format, type Row, render, wrapText } from "./format.js";

/*
 * The dataset's consistency findings (`data check`, and after `data import`): a list in text (the
 * messages run to 100 characters, so columns would not fit 120), one row per finding in CSV, and
 * the findings themselves in JSON.
 */

/** One row per finding, for CSV: where it comes from in the sources, when it has a source. */
export const FINDING_COLUMNS: readonly Column[] = [
  { key: "severity" },
  { key: "check" },
  { key: "mineral" },
  { key: "message" },
  { key: "file" },
  { key: "row", plain: true },
  { key: "column" },
];

export const findingRows = (findings: readonly Finding[]): Row[] =>
  findings.map((f) => ({
    severity: f.severity,
    check: f.check,
    mineral: f.mineral,
    message: f.message,
    file: f.source?.file,
    row: f.source?.row,
    column: f.source?.column,
  }));

/** "  warning check: message [file:row: column]", one line a finding. */
const findingLine = (f: Finding) =>
  `  ${f.severity} ${f.check}: ${f.message}${f.source ? ` [${formatIssue({ file: f.source.file, line: f.source.row, field: f.source.column, message: "" }).replace(/: $/, "")}]` : ""}`;

/**
 * The findings in a format: text is a count line (`heading`, e.g. "consistency check: ", before
 * it) and one finding a line, wrapped to WIDTH with continuation lines indented; CSV and JSON as
 * above. Text with no findings and a heading is "" (the import says nothing when all is well).
 */
export function findingsReport(findings: readonly Finding[], format: Format, heading = ""): { text: string } {
  if (format !== "table") return { text: render(format, findingRows(findings), FINDING_COLUMNS, findings) };
  if (heading && !findings.length) return { text: "" };
  return { text: `${wrapText([`${heading}${findings.length} finding(s)`, ...findings.map(findingLine)].join("\n"))}\n` };
}

/** `lodestone data import`: what was imported and where (wrapped to WIDTH), then the findings, if any. */
export function importReport(
  r: { dataset: Pick<Dataset, "minerals" | "countries" | "sources">; path: string; bytes: number; findings: readonly Finding[] },
  ms: number,
): { text: string } {
  const head = `imported ${r.dataset.minerals.length} minerals, ${r.dataset.countries.length} countries from ${r.dataset.sources.length} source files in ${ms.toFixed(0)} ms → ${r.path} (${r.bytes} bytes)`;
  return { text: `${wrapText(head)}\n${findingsReport(r.findings, "table", "consistency check: ").text}` };
}
