/**
 * `npm run bench`: runs every bench/*.bench.ts (each default-exports an async function returning
 * BenchResult[]) and writes BENCHMARKS.md with the machine, the date, the command and the figures.
 * `npm run bench -- risk` runs only the files whose name contains "risk"; their sections are
 * replaced in BENCHMARKS.md and the others kept.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { writeFileAtomic } from "../src/io/atomic.js";
import type { BenchResult } from "./types.js";

const dir = new URL(".", import.meta.url).pathname;
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && (!filter || f.includes(filter)))
  .sort();
const out = join(dir, "..", "BENCHMARKS.md");

const sections = new Map<string, string>();
if (existsSync(out)) {
  const text = readFileSync(out, "utf8");
  for (const m of text.matchAll(/<!-- bench:(\S+) -->\n([\s\S]*?)<!-- \/bench -->/g)) sections.set(m[1], m[2]);
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}`;
for (const f of files) {
  const name = f.replace(/\.bench\.ts$/, "");
  process.stderr.write(`bench: ${name}\n`);
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default: () => Promise<BenchResult[]> };
  const results = await mod.default();
  const lines = [`## ${name}`, "", `Run ${new Date().toISOString().slice(0, 10)} on ${machine}; command \`npm run bench -- ${name}\`.`, ""];
  for (const r of results) {
    lines.push(`### ${r.name}`, "");
    if (r.note) lines.push(r.note, "");
    lines.push("| figure | value |", "| --- | --- |");
    for (const [k, v] of Object.entries(r.figures)) lines.push(`| ${k} | ${v} |`);
    lines.push("");
  }
  sections.set(name, `${lines.join("\n")}\n`);
  process.stderr.write(`${lines.join("\n")}\n`);
}

const body = [...sections.entries()]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([k, v]) => `<!-- bench:${k} -->\n${v}<!-- /bench -->`)
  .join("\n\n");
writeFileAtomic(
  out,
  `# Benchmarks\n\nWritten by \`npm run bench\` (bench/run.ts). Each section names its machine, date and command. Timings are wall-clock medians unless stated.\n\n${body}\n`,
);
