import { dirname } from "node:path";
import type { Cell, Column, Sheet } from "../index.js";
import { ensureDir, writeError, writeFileAtomic } from "./atomic.js";

/**
 * Excel workbooks (.xlsx) from the same rows and columns the table and CSV formats print, via
 * `exceljs` (no hand-written zip or XML). One sheet per table: a bold, frozen header row with the
 * column labels, numbers stored as numbers (shown with the column's digits), empty cells for null
 * or "", and widths fitted to the content. Written atomically (temporary file, then rename).
 * The sheets themselves (the `Sheet` type and its rows) are built in the core, by src/report/.
 */
export type { Sheet };

const MIN_WIDTH = 6;
const MAX_WIDTH = 100;

/** Excel number format for a column: fixed digits when the column has them, else by magnitude. */
function numFmt(c: Column, v: number): string {
  if (c.plain) return "0";
  if (c.digits !== undefined) return c.digits > 0 ? `#,##0.${"0".repeat(c.digits)}` : "#,##0";
  return Math.abs(v) >= 100 ? "#,##0" : "General";
}

/** What a cell holds: numbers stay numbers; null, undefined and "" leave it empty. */
function cellValue(v: Cell): string | number | boolean | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number" && !Number.isFinite(v)) return String(v); // xlsx has no Infinity or NaN
  return v;
}

/** The length a cell shows with, for the column width (numbers as the table format shows them). */
function shownLength(v: Cell, c: Column): number {
  if (typeof v === "number" && Number.isFinite(v)) {
    if (c.plain) return String(v).length;
    const digits = c.digits ?? (Math.abs(v) >= 100 ? 0 : 3);
    return v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: c.digits ?? 0 }).length;
  }
  return v === null || v === undefined ? 0 : String(v).length;
}

function checkNames(sheets: readonly Sheet[]): void {
  const seen = new Set<string>();
  for (const s of sheets) {
    if (!s.name || s.name.length > 31 || /[\\/?*[\]:]/.test(s.name)) throw new Error(`invalid sheet name ${JSON.stringify(s.name)}`);
    if (seen.has(s.name.toLowerCase())) throw new Error(`duplicate sheet name ${JSON.stringify(s.name)}`);
    seen.add(s.name.toLowerCase());
  }
}

/** The workbook's bytes. */
export async function xlsxBytes(sheets: readonly Sheet[]): Promise<Uint8Array> {
  checkNames(sheets);
  // loaded here, not at the top: exceljs takes ~250 ms to import, and every CLI command would pay it
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "lodestone";
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = s.columns.map((c) => {
      const label = c.label ?? c.key;
      const width = Math.max(label.length, ...s.rows.map((r) => shownLength(r[c.key], c))) + 2;
      return { header: label, key: c.key, width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)) };
    });
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) {
      const row = ws.addRow(s.columns.map((c) => cellValue(r[c.key])));
      s.columns.forEach((c, i) => {
        const v = r[c.key];
        const cell = row.getCell(i + 1);
        if (typeof v === "number" && Number.isFinite(v)) cell.numFmt = numFmt(c, v);
        else if (typeof v === "string" && v.length > MAX_WIDTH) cell.alignment = { wrapText: true, vertical: "top" };
      });
    }
    if (s.columns.length && s.rows.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: s.columns.length } };
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Write the workbook to `path` atomically; a folder that cannot be made fails before exceljs is loaded. */
export async function writeXlsx(path: string, sheets: readonly Sheet[]): Promise<void> {
  try {
    ensureDir(dirname(path));
  } catch (e) {
    throw writeError(e, path);
  }
  writeFileAtomic(path, await xlsxBytes(sheets));
}
