/**
 * The one formatter every shell uses: rows of plain values → aligned text table, RFC 4180 CSV,
 * or JSON. A null cell prints as "—" in tables and as an empty field in CSV, never as 0.
 */
export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell>;
export type Format = "table" | "json" | "csv";
export const FORMATS: readonly Format[] = ["table", "json", "csv"];

export interface Column {
  key: string;
  label?: string;
  /** digits after the decimal point for numbers (default: up to 3 significant decimals) */
  digits?: number;
  align?: "left" | "right";
  /** print numbers as they are, without thousands separators (years, ids) */
  plain?: boolean;
}

function show(v: Cell, digits?: number, plain?: boolean): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "number" && plain) return String(v);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return String(v);
    if (digits !== undefined) return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    return v.toLocaleString("en-US", { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : 3 });
  }
  return String(v);
}

export function toTable(rows: readonly Row[], columns: readonly Column[]): string {
  const head = columns.map((c) => c.label ?? c.key);
  const body = rows.map((r) => columns.map((c) => show(r[c.key], c.digits, c.plain)));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const right = columns.map((c, i) => c.align === "right" || (c.align === undefined && rows.some((r) => typeof r[columns[i].key] === "number")));
  const line = (cells: string[]) => cells.map((s, i) => (right[i] ? s.padStart(widths[i]) : s.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n") + "\n";
}

function csvCell(v: Cell): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly Row[], columns: readonly Column[]): string {
  const lines = [columns.map((c) => csvCell(c.label ?? c.key)).join(",")];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c.key])).join(","));
  return lines.join("\r\n") + "\r\n";
}

/** Render rows in a format; `json` renders `jsonValue` (the full audit object) when given. */
export function render(format: Format, rows: readonly Row[], columns: readonly Column[], jsonValue?: unknown): string {
  if (format === "json") return JSON.stringify(jsonValue ?? rows, null, 2) + "\n";
  if (format === "csv") return toCsv(rows, columns);
  return toTable(rows, columns);
}
