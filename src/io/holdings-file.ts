import { type Dataset, type Holdings, parseHoldings } from "../index.js";
import { shownPath } from "./dataset.js";
import { readInputFile } from "./yaml-doc.js";

/** Read a holdings file (what the reserve already owns); problems come out as `file:line: field: problem, expected …`. */
export function readHoldings(path: string, dataset: Dataset): Holdings {
  const shown = shownPath(path);
  return parseHoldings(readInputFile(path, "holdings file", "a YAML or JSON file with version: 1, as_of and a holdings: list", shown), shown, dataset);
}
