import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeCp1252 } from "../src/io/cp1252.js";
import { ROOT, SOURCES_DIR } from "../src/io/dataset.js";
import { parseCsv } from "../src/index.js";

export { ROOT, SOURCES_DIR };

/** Run the built CLI (npm test builds dist/ first). */
export function cli(args: string[], opts: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, "dist", "cli", "main.js"), ...args], { cwd: opts.cwd ?? ROOT, encoding: "utf8", input: opts.input, env: { ...process.env, TZ: "UTC" } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const cache = new Map<string, ReturnType<typeof parseCsv>>();

/** The raw cell a source ref points at, read straight from the file in data/sources. */
export function rawCell(file: string, row: number, column: string): string {
  let table = cache.get(file);
  if (!table) {
    const bytes = readFileSync(join(SOURCES_DIR, file));
    const text = file.includes("MCS2026_Commodities") ? decodeCp1252(bytes) : bytes.toString("utf8");
    table = parseCsv(text, file);
    cache.set(file, table);
  }
  const col = table.header.indexOf(column);
  if (col < 0) throw new Error(`no column ${column} in ${file}`);
  const r = table.rows.find((x) => x.line === row);
  if (!r) throw new Error(`no row ${row} in ${file}`);
  return r.cells[col];
}
