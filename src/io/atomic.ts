import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, existsSync, fsyncSync, openSync, closeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

function writeSynced(path: string, content: string | Uint8Array): void {
  writeFileSync(path, content);
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replace directory `target` with one holding `files`, atomically: everything is written into a
 * sibling temporary folder first, and only when all writes succeeded is it renamed into place.
 * If anything fails before the rename, `target` is untouched and the temporary folder removed.
 */
export function writeDirAtomic(target: string, files: Record<string, string | Uint8Array>, hooks: { beforeRename?: () => void } = {}): void {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const tmp = mkdtempSync(join(parent, `.${basename(target)}.tmp-`));
  chmodSync(tmp, 0o755);
  try {
    for (const [name, content] of Object.entries(files)) writeSynced(join(tmp, name), content);
    hooks.beforeRename?.();
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const old = existsSync(target) ? `${tmp}-old` : undefined;
  if (old) renameSync(target, old);
  try {
    renameSync(tmp, target);
  } catch (e) {
    if (old) renameSync(old, target); // put the previous one back
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  if (old) rmSync(old, { recursive: true, force: true });
}

/** Write one file atomically: temporary file in the same folder, then rename. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}`);
  try {
    writeSynced(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
