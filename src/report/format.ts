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
  /**
   * a notes column: in a table each non-empty cell holds only a number ([1], [2], ...) and the text
   * is listed below the table, so long notes never widen it (CSV, JSON and workbooks keep the text).
   * A number n: only cells longer than n characters go below; shorter ones stay in the table.
   */
  note?: boolean | number;
}

/**
 * A report: `text` for standard output and, when there is one, a `warning` for standard error
 * (CSV stays a plain table that scripts read, so what a table would say above it goes there).
 */
export interface Report {
  text: string;
  warning?: string;
  /** the exit code the report stands for (0 unless the result is a failure, e.g. an infeasible plan) */
  code: number;
}

/** The widest line a table or text output may have (a terminal of 120 columns). */
export const WIDTH = 120;

/** One table of a workbook (or of any tabular export): plain data, written by io/xlsx.ts. */
export interface Sheet {
  /** at most 31 characters, unique within the workbook (Excel's rules) */
  name: string;
  columns: readonly Column[];
  rows: readonly Row[];
}

/** [...s].length: the width in code points, as a terminal shows it (μ, →, × count once). */
const width = (s: string) => [...s].length;

/**
 * Wrap every line longer than `max` at spaces; continuation lines keep the line's indent plus two
 * spaces (a word longer than the room left is cut). Lines that fit are left as they are.
 */
export function wrapText(text: string, max = WIDTH): string {
  return text
    .split("\n")
    .flatMap((line) => wrapLine(line, max))
    .join("\n");
}

function wrapLine(line: string, max: number): string[] {
  if (width(line) <= max) return [line];
  const lead = /^ */.exec(line)![0];
  const indent = " ".repeat(Math.min(lead.length + 2, Math.floor(max / 3)));
  const out: string[] = [];
  let cur = lead;
  let empty = true;
  for (const word of line.slice(lead.length).split(" ")) {
    const next = empty ? cur + word : `${cur} ${word}`;
    if (empty || width(next) <= max) cur = next;
    else {
      out.push(cur);
      cur = indent + word;
    }
    empty = false;
    while (width(cur) > max) {
      const cps = [...cur];
      out.push(cps.slice(0, max).join(""));
      cur = indent + cps.slice(max).join("");
    }
  }
  out.push(cur);
  return out;
}

/** Lines such as notes, each prefixed (e.g. "note: ") and wrapped to WIDTH; "" when there are none. */
export const textLines = (lines: readonly string[], prefix = ""): string => (lines.length ? `${wrapText(lines.map((l) => prefix + l).join("\n"))}\n` : "");

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

/**
 * An aligned text table. Cells of `note` columns become [n] (the same text, the same number) and
 * their texts follow the table, one numbered paragraph each, wrapped to WIDTH.
 */
export function toTable(rows: readonly Row[], columns: readonly Column[]): string {
  const notes: string[] = [];
  const ref = (v: Cell, c: Column) => {
    if (typeof c.note === "number" && (v === null || v === undefined || width(String(v)) <= c.note)) return show(v, c.digits, c.plain);
    if (v === null || v === undefined || v === "") return "";
    const text = String(v);
    const i = notes.indexOf(text);
    return `[${i < 0 ? notes.push(text) : i + 1}]`;
  };
  const head = columns.map((c) => c.label ?? c.key);
  const body = rows.map((r) => columns.map((c) => (c.note !== undefined && c.note !== false ? ref(r[c.key], c) : show(r[c.key], c.digits, c.plain))));
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i]))));
  const right = columns.map((c, i) => c.align === "right" || (c.align === undefined && rows.some((r) => typeof r[columns[i].key] === "number")));
  const pad = (s: string, i: number) => " ".repeat(widths[i] - width(s));
  const line = (cells: string[]) =>
    cells
      .map((s, i) => (right[i] ? pad(s, i) + s : s + pad(s, i)))
      .join("  ")
      .trimEnd();
  const table = `${[line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n")}\n`;
  return notes.length ? `${table}\n${textLines(notes.map((n, i) => `[${i + 1}] ${n}`))}` : table;
}

function csvCell(v: Cell): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly Row[], columns: readonly Column[]): string {
  const lines = [columns.map((c) => csvCell(c.label ?? c.key)).join(",")];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c.key])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** Render rows in a format; `json` renders `jsonValue` (the full audit object) when given. */
export function render(format: Format, rows: readonly Row[], columns: readonly Column[], jsonValue?: unknown): string {
  if (format === "json") return `${JSON.stringify(jsonValue ?? rows, null, 2)}\n`;
  if (format === "csv") return toCsv(rows, columns);
  return toTable(rows, columns);
}
