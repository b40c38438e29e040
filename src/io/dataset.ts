import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { buildDataset, checkDataset, type Dataset, type Finding, LodestoneError, validateDataset } from "../index.js";
import { type DirStep, isTempOf, writeDirAtomic } from "./atomic.js";
import { readSources } from "./sources.js";

/** The package root (two levels above this file, in src/io or dist/io). */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A path as outputs show it: relative to the project root when under it (the shipped files), else as given; never the server's layout. */
export const shownPath = (path: string) => (path.startsWith(ROOT) ? relative(ROOT, path) : path);
export const SOURCES_DIR = join(ROOT, "data", "sources");
export const DATASET_DIR = join(ROOT, "data", "dataset");
export const DATASET_FILE = "dataset.json";
/** SHA-256 of dataset.json as the import wrote (and validated) it */
export const DIGEST_FILE = "dataset.sha256";

/** The dataset as committed: one JSON document, keys in a fixed order, so the same input gives the same bytes. */
export function serializeDataset(d: Dataset): string {
  return `${JSON.stringify(d)}\n`;
}

let cache: { path: string; dataset: Dataset } | undefined;

export function loadDataset(dir = DATASET_DIR): Dataset {
  const path = join(dir, DATASET_FILE);
  if (cache?.path === path) return cache.dataset;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new LodestoneError("not-found", { file: path, message: "no dataset", expected: "run `lodestone data import` first" });
  }
  let d: Dataset;
  try {
    d = JSON.parse(text) as Dataset;
  } catch (e) {
    throw new LodestoneError("integrity", {
      file: path,
      message: `not valid JSON (${(e as Error).message})`,
      expected: "the file `lodestone data import` writes",
    });
  }
  // The import validated what it wrote and recorded its SHA-256 beside it; a file that still has
  // that digest needs no second check (saves ~200 ms per command). Any other file is validated in full.
  const digest = createHash("sha256").update(text).digest("hex");
  if (readDigest(dir) !== digest) assertValid(d, path);
  cache = { path, dataset: d };
  return d;
}

function readDigest(dir: string): string | undefined {
  try {
    return readFileSync(join(dir, DIGEST_FILE), "utf8").trim();
  } catch {
    return undefined;
  }
}

function assertValid(d: unknown, path: string): void {
  const checked = validateDataset(d);
  if (!checked.ok) {
    throw new LodestoneError(
      "integrity",
      checked.problems.map((p) => ({
        file: path,
        field: p.path,
        message: p.message,
        expected: "the schema `lodestone data import` writes (src/data/schema.ts)",
      })),
    );
  }
}

export interface ImportResult {
  dataset: Dataset;
  findings: Finding[];
  bytes: number;
  path: string;
}

/** The real path of `p`, for folders that may not exist yet: the nearest existing ancestor's real path plus the rest. */
function realPath(p: string): string {
  const abs = resolve(p);
  if (existsSync(abs)) return realpathSync(abs);
  const parent = dirname(abs);
  return parent === abs ? abs : join(realPath(parent), basename(abs));
}

/** `inner` is `outer` or lies inside it. */
const within = (inner: string, outer: string) => {
  const r = relative(outer, inner);
  return r === "" || (r !== ".." && !r.startsWith(`..${sep}`) && !isAbsolute(r));
};

/**
 * The import writes and replaces only its own two files. Refused: any folder that is, holds or lies
 * inside a sources folder (the --sources one, the package's data/sources, or any folder with a
 * MANIFEST.csv), a path that is a file, and a folder holding anything besides the dataset files
 * (and temporary files a crashed import left). Checked before anything is read or written.
 */
export function checkImportTarget(out: string, sources: string): void {
  const target = realPath(out);
  const refuse = (message: string, expected = "an empty or new folder, or one holding only the dataset files") => {
    throw new LodestoneError("bad-input", { file: out, field: "--out", message, expected });
  };
  for (const src of new Set([realPath(sources), realPath(SOURCES_DIR)])) {
    if (within(target, src)) refuse(target === src ? "is the sources folder" : `lies inside the sources folder ${src}`);
    if (within(src, target)) refuse(`holds the sources folder ${src}`);
  }
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) refuse("is a file, not a folder");
  const own = [DATASET_FILE, DIGEST_FILE];
  const entries = readdirSync(target, { withFileTypes: true });
  if (entries.some((e) => e.name === "MANIFEST.csv")) refuse("holds a MANIFEST.csv, so it is a sources folder");
  const others = entries.filter((e) => !(e.isFile() && (own.includes(e.name) || own.some((n) => isTempOf(n, e.name)))));
  if (others.length) {
    const names = others.map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort();
    refuse(`holds other files (${names.slice(0, 8).join(", ")}${names.length > 8 ? `, … ${names.length - 8} more` : ""}), which the import would not own`);
  }
}

/**
 * `lodestone data import`: check the target, read and checksum the sources, build, check, and write
 * the dataset files atomically (see writeDirAtomic). Any error leaves the previous dataset untouched.
 */
export function importDataset(opts: { sources?: string; out?: string; beforeRename?: () => void; afterStep?: (step: DirStep) => void } = {}): ImportResult {
  const sources = opts.sources ?? SOURCES_DIR;
  const out = opts.out ?? DATASET_DIR;
  checkImportTarget(out, sources);
  const { texts, sha256 } = readSources(sources);
  const dataset = buildDataset(texts, sha256);
  const findings = checkDataset(dataset);
  const json = serializeDataset(dataset);
  assertValid(dataset, join(out, DATASET_FILE));
  // dataset.json first, its digest last: a crash between the two renames leaves a new dataset.json
  // beside the old digest, which loadDataset detects (digest mismatch) and answers by validating in full.
  writeDatasetFiles(out, json, opts);
  return { dataset, findings, bytes: Buffer.byteLength(json), path: join(out, DATASET_FILE) };
}

/** Write dataset.json and its SHA-256 into `out`, in that order (see importDataset). */
export function writeDatasetFiles(out: string, json: string, hooks: { beforeRename?: () => void; afterStep?: (step: DirStep) => void } = {}): void {
  const digest = createHash("sha256").update(json).digest("hex");
  cache = undefined;
  writeDirAtomic(out, { [DATASET_FILE]: json, [DIGEST_FILE]: `${digest}\n` }, hooks);
}
