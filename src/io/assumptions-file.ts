import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { type AssumptionSet, type Dataset, parseAssumptions } from "../index.js";
import { ROOT } from "./dataset.js";
import { readInputFile } from "./yaml-doc.js";

/**
 * The shipped assumptions file: every `simulate` and `plan` uses it unless `--assumptions FILE`
 * names another or `--assumptions none` turns assumptions off (public data only).
 */
export const SHIPPED_ASSUMPTIONS = join(ROOT, "assumptions", "public-estimates.yaml");

/**
 * `--assumptions FILE|none` → the assumption set: undefined for `none`; the shipped file when no
 * flag is given (and none when it is absent); the named file otherwise (read through
 * readInputFile, so the size cap and errors are those of scenario files).
 */
export function loadAssumptions(ref: string | undefined, dataset: Dataset): AssumptionSet | undefined {
  if (ref === "none") return undefined;
  if (ref === undefined && !existsSync(SHIPPED_ASSUMPTIONS)) return undefined;
  const path = ref ?? SHIPPED_ASSUMPTIONS;
  const shown = path.startsWith(ROOT) ? relative(ROOT, path) : path;
  const text = readInputFile(path, "assumptions file", "a YAML or JSON assumptions file (version: 1, assumptions: [...])", shown);
  return parseAssumptions(text, shown, dataset);
}
