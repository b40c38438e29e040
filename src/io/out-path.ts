import { closeSync, openSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { ensureDir, writeError } from "./atomic.js";

/*
 * Every output path a command will write (workbook, model files, chart, briefing) is checked once,
 * before anything is loaded or solved: a plan that takes minutes must not end with "cannot write".
 * The check is the real thing rather than a guess from permission bits (root passes those, procfs
 * refuses anyway): make the folder as the write would, then create and remove an empty file in it.
 */

/** Throw the one-line write error (exit 2) for the first path that cannot be written; `undefined` entries are skipped. */
export function checkOutPaths(paths: readonly (string | undefined)[]): void {
  for (const path of paths) if (path !== undefined) checkOutPath(path);
}

function checkOutPath(path: string): void {
  const probe = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}-check`);
  try {
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      // a missing file is what a new output is
    }
    if (isDir) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), { code: "EISDIR", syscall: "open", path });
    ensureDir(dirname(path));
    closeSync(openSync(probe, "wx"));
  } catch (e) {
    throw writeError(e, path);
  } finally {
    try {
      rmSync(probe, { force: true });
    } catch {
      // the folder refused the probe, so there is nothing to remove
    }
  }
}
