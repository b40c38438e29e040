import { join, relative } from "node:path";
import { type Dataset, defaultMarketSet, type MarketSet, parseMarket } from "../index.js";
import { ROOT } from "./dataset.js";
import { readInputFile } from "./yaml-doc.js";

/** The shipped market parameters (elasticities, choke prices, haircuts, storage, market impact): docs/economics.md. */
export const SHIPPED_MARKET = join(ROOT, "assumptions", "market.yaml");

/**
 * `--market FILE|none` → the market parameter set: the shipped assumptions/market.yaml when no
 * file is named; the built-in judgement defaults (src/economics/defaults.ts) for `none`; the named
 * file otherwise. Files are read through readInputFile, so a missing path, a directory or a file
 * above the size cap fail as they do for scenario and assumptions files.
 */
export function loadMarket(ref: string | undefined, dataset: Dataset): MarketSet {
  if (ref === "none") return defaultMarketSet();
  const path = ref ?? SHIPPED_MARKET;
  const shown = path.startsWith(ROOT) ? relative(ROOT, path) : path;
  const text = readInputFile(path, "market file", "a YAML or JSON market file (version: 1, defaults: {...}, minerals: [...])", shown);
  return parseMarket(text, shown, dataset);
}
