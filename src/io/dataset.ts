import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { buildDataset, checkDataset, LodestoneError, validateDataset, type Dataset, type Finding } from "../index.js";
import { writeDirAtomic } from "./atomic.js";
import { readSources } from "./sources.js";

/** The package root (two levels above this file, in src/io or dist/io). */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SOURCES_DIR = join(ROOT, "data", "sources");
export const DATASET_DIR = join(ROOT, "data", "dataset");
export const DATASET_FILE = "dataset.json";
/** SHA-256 of dataset.json as the import wrote (and validated) it */
export const DIGEST_FILE = "dataset.sha256";

/** The dataset as committed: one JSON document, keys in a fixed order, so the same input gives the same bytes. */
export function serializeDataset(d: Dataset): string {
  return JSON.stringify(d) + "\n";
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
    throw new LodestoneError("integrity", { file: path, message: `not valid JSON (${(e as Error).message})`, expected: "the file `lodestone data import` writes" });
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
    throw new LodestoneError("integrity", checked.problems.map((p) => ({ file: path, field: p.path, message: p.message, expected: "the schema `lodestone data import` writes (src/data/schema.ts)" })));
  }
}

export interface ImportResult {
  dataset: Dataset;
  findings: Finding[];
  bytes: number;
  path: string;
}

/**
 * `lodestone data import`: read and checksum the sources, build, check, and replace the dataset
 * folder atomically. Any error leaves the previous dataset untouched.
 */
export function importDataset(opts: { sources?: string; out?: string; beforeRename?: () => void } = {}): ImportResult {
  const { texts, sha256 } = readSources(opts.sources ?? SOURCES_DIR);
  const dataset = buildDataset(texts, sha256);
  const findings = checkDataset(dataset);
  const json = serializeDataset(dataset);
  const out = opts.out ?? DATASET_DIR;
  assertValid(dataset, join(out, DATASET_FILE));
  const digest = createHash("sha256").update(json).digest("hex");
  writeDirAtomic(out, { [DATASET_FILE]: json, [DIGEST_FILE]: digest + "\n" }, { beforeRename: opts.beforeRename });
  cache = undefined;
  return { dataset, findings, bytes: Buffer.byteLength(json), path: join(out, DATASET_FILE) };
}
