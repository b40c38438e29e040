import type { ModelFiles } from "../index.js";
import { writeFileAtomic } from "./atomic.js";

/** The two model files `--export-lp FILE.lp` writes: FILE.lp and its FILE.mps sibling. */
export function modelPaths(path: string): { lp: string; mps: string } {
  return { lp: path, mps: `${path.replace(/\.lp$/i, "")}.mps` };
}

/**
 * Write the plan's model files (from modelFiles(), HiGHS' own LP and MPS writers): `path` (.lp)
 * and its .mps sibling, each atomically. Returns both paths. Both are checked with
 * checkOutPaths (out-path.ts) before the plan is solved, so a bad sibling never leaves half an export.
 */
export function exportPlanModel(path: string, files: ModelFiles): { lp: string; mps: string } {
  const { lp, mps } = modelPaths(path);
  writeFileAtomic(lp, files.lp);
  writeFileAtomic(mps, files.mps);
  return { lp, mps };
}
