import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDataset, CATALOGUE_COLUMNS, catalogue, catalogueRows, checkDataset, render } from "../src/index.js";
import { importDataset, loadDataset, SOURCES_DIR } from "../src/io/dataset.js";
import { readSources } from "../src/io/sources.js";
import { type BenchResult, timeMedian } from "./types.js";

export default async function (): Promise<BenchResult[]> {
  const out = mkdtempSync(join(tmpdir(), "lodestone-bench-"));
  try {
    const full = await timeMedian(() => importDataset({ out: join(out, "dataset") }), 5);
    const { texts, sha256 } = readSources(SOURCES_DIR);
    const read = await timeMedian(() => readSources(SOURCES_DIR), 5);
    const build = await timeMedian(() => buildDataset(texts, sha256), 5);
    const d = buildDataset(texts, sha256);
    const check = await timeMedian(() => checkDataset(d), 5);
    const figures = d.minerals.reduce((a, m) => a + m.production.length + m.reserves.length + m.capacity.length + m.salient.length + m.importSources.length, 0);
    const load = await timeMedian(() => JSON.parse(JSON.stringify(loadDataset())), 5);
    const cat = await timeMedian(() => render("table", catalogueRows(catalogue(d, { sort: "hhi" })), CATALOGUE_COLUMNS), 20);
    return [
      {
        name: "full import (lodestone data import)",
        note: `${d.sources.length} source files → ${d.minerals.length} minerals, ${figures} figures with provenance.`,
        figures: {
          "full import: read + checksum + parse + check + atomic write (median of 5)": `${full.toFixed(0)} ms`,
          "read + SHA-256 + decode sources": `${read.toFixed(0)} ms`,
          "parse and build the dataset (pure core)": `${build.toFixed(0)} ms`,
          "consistency check": `${check.toFixed(1)} ms`,
          "figures per second (build)": `${Math.round(figures / (build / 1000)).toLocaleString("en-US")}`,
        },
      },
      {
        name: "catalogue (lodestone minerals)",
        figures: {
          "catalogue of all minerals, sorted by HHI, rendered as a table (median of 20)": `${cat.toFixed(1)} ms`,
          "dataset JSON parse (serialize + parse round trip, median of 5)": `${load.toFixed(0)} ms`,
        },
      },
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
