import type { ModelFiles } from "../index.js";
import { writeFileAtomic } from "./atomic.js";

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
