import { dirname } from "node:path";
import type { ModelFiles } from "../index.js";
import { ensureDir, writeError, writeFileAtomic } from "./atomic.js";

/**
 * Fail at once, before any plan is solved, when the model files' folder cannot be made: building a
 * large model only to find the path unwritable wastes minutes. The write itself still checks.
 */
export function checkExportPath(path: string): void {
  try {
    ensureDir(dirname(path));
  } catch (e) {
    throw writeError(e, path);
  }
}

/**
 * Write the plan's model files (from modelFiles(), HiGHS' own LP and MPS writers): `path` (.lp)
 * and its .mps sibling, each atomically. Returns both paths.
 */
export function exportPlanModel(path: string, files: ModelFiles): { lp: string; mps: string } {
  const lp = path;
  const mps = `${path.replace(/\.lp$/i, "")}.mps`;
  writeFileAtomic(lp, files.lp);
  writeFileAtomic(mps, files.mps);
  return { lp, mps };
}
