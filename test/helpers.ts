import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bufferIo, main } from "../src/cli/main.js";
import { type Dataset, type Mineral, parseCsv } from "../src/index.js";
import { decodeCp1252 } from "../src/io/cp1252.js";
import { ROOT, SOURCES_DIR } from "../src/io/dataset.js";

export { ROOT, SOURCES_DIR };

/** Run a CLI command in this process, as a library call (the working directory is the repository root). */
export async function cli(args: string[]) {
  const io = bufferIo();
  const code = await main(args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

/** Run the built CLI as a real process (npm test builds dist/ first): for the few smoke tests of the bin shim. */
export function spawnCli(args: string[], opts: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, "dist", "cli", "bin.js"), ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: "utf8",
    input: opts.input,
    env: { ...process.env, TZ: "UTC" },
  });
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

/** A mineral of a dataset by id (fails the test when there is none). */
export function mineralOf(d: Dataset, id: string): Mineral {
  const m = d.minerals.find((x) => x.id === id);
  if (!m) throw new Error(`no mineral ${id}`);
  return m;
}
