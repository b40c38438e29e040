import { parse } from "csv-parse/sync";
import { LodestoneError } from "../errors.js";

export interface CsvRow {
  /** 1-based line number in the file where this record starts (the header is line 1) */
  line: number;
  cells: string[];
}

export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
}

/**
 * Parse CSV text (BOM stripped) into a header and rows that keep their line numbers.
 * A malformed file fails with `file:line: problem, expected …`. Rows whose cells are all
 * blank are skipped (PROVENANCE.md §1b: bauxite has trailing blank rows).
 */
export function parseCsv(text: string, file: string, opts: { minColumns?: number } = {}): CsvTable {
  let records: { record: string[]; raw: string }[];
  try {
    records = parse(text, { bom: true, raw: true, relax_column_count: true, skip_empty_lines: false }) as unknown as { record: string[]; raw: string }[];
  } catch (e) {
    const err = e as { message: string; lines?: number };
    throw new LodestoneError("bad-input", {
      file,
      line: err.lines,
      message: `not valid CSV (${err.message.replace(/^[^:]*: /, "")})`,
      expected: "RFC 4180 CSV with balanced double quotes",
    });
  }
  if (records.length === 0) throw new LodestoneError("bad-input", { file, line: 1, message: "the file is empty", expected: "a header row" });
  let line = 1;
  const rows: CsvRow[] = [];
  for (const { record, raw } of records) {
    rows.push({ line, cells: record });
    // raw ends with the record's own line break in LF files ("1,2\n"; in CRLF files "1,2\r"): only
    // breaks inside the record (a quoted multi-line cell) add lines
    line += 1 + (raw.replace(/\r?\n$/, "").match(/\n/g)?.length ?? 0);
  }
  const header = rows.shift()!.cells.map((h) => h.replace(/^\ufeff/, ""));
  const kept = rows.filter((r) => r.cells.some((c) => c.replace(/\u00a0/g, " ").trim() !== ""));
  if (opts.minColumns !== undefined) {
    for (const r of kept) {
      if (r.cells.length < opts.minColumns) {
        throw new LodestoneError("bad-input", {
          file,
          line: r.line,
          message: `row has ${r.cells.length} columns`,
          expected: `${header.length} columns (${header.join(", ")})`,
        });
      }
    }
  }
  return { file, header, rows: kept };
}

/** Index of each required column; a missing one fails naming the file and the header line. */
export function requireColumns<K extends string>(table: CsvTable, names: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  const missing: string[] = [];
  for (const n of names) {
    const i = table.header.findIndex((h) => h.trim() === n);
    if (i < 0) missing.push(n);
    else out[n] = i;
  }
  if (missing.length) {
    throw new LodestoneError("bad-input", {
      file: table.file,
      line: 1,
      field: missing.join(", "),
      message: `missing column${missing.length > 1 ? "s" : ""}`,
      expected: `a header with ${names.join(", ")}`,
    });
  }
  return out;
}
