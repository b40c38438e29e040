import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type Issue, LodestoneError, parseCsv, sourceFiles } from "../index.js";
import { decodeCp1252 } from "./cp1252.js";

/** Checksums from data/sources/MANIFEST.csv (copied from ../shared/data/MANIFEST.csv). */
export function readManifest(dir: string): Map<string, string> {
  const file = join(dir, "MANIFEST.csv");
  const expected = "the sources folder: data/sources or a copy of it, with MANIFEST.csv";
  let text: string;
  try {
    if (!statSync(dir).isDirectory()) throw new LodestoneError("bad-input", { file: dir, field: "--sources", message: "is a file, not a folder", expected });
    text = readFileSync(file, "utf8");
  } catch (e) {
    if (e instanceof LodestoneError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const [where, problem] =
      code === "ENOENT" ? (statOk(dir) ? [dir, "holds no MANIFEST.csv"] : [dir, "no such folder"]) : [file, `cannot read (${code ?? (e as Error).message})`];
    throw new LodestoneError("bad-input", { file: where, field: "--sources", message: problem, expected });
  }
  const table = parseCsv(text, "MANIFEST.csv");
  const iPath = table.header.indexOf("path");
  const iSha = table.header.indexOf("sha256");
  return new Map(table.rows.map((r) => [r.cells[iPath], r.cells[iSha]]));
}

const statOk = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/**
 * Read every source file the importer uses, check its SHA-256 against the manifest, and decode it
 * with its declared encoding (MCS 2026 is cp1252). All mismatches are reported at once.
 */
export function readSources(dir: string): { texts: Map<string, string>; sha256: Map<string, string> } {
  const manifest = readManifest(dir);
  const texts = new Map<string, string>();
  const sha256 = new Map<string, string>();
  const issues: Issue[] = [];
  for (const s of sourceFiles()) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, s.path));
    } catch {
      issues.push({ file: join(dir, s.path), message: "cannot read source file", expected: "the file copied from ../shared/data" });
      continue;
    }
    const digest = createHash("sha256").update(bytes).digest("hex");
    const want = manifest.get(s.path);
    if (!want) issues.push({ file: s.path, message: "not listed in MANIFEST.csv", expected: "a manifest row with its SHA-256" });
    else if (want !== digest) issues.push({ file: s.path, message: `SHA-256 ${digest} does not match the manifest`, expected: want });
    sha256.set(s.path, digest);
    texts.set(s.path, s.encoding === "cp1252" ? decodeCp1252(bytes) : new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  }
  if (issues.length) throw new LodestoneError("integrity", issues);
  return { texts, sha256 };
}
