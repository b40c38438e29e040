import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { LodestoneError } from "../index.js";

/** What each fs error code means to someone choosing an output path. */
const PROBLEMS: Record<string, string> = {
  ENOENT: "no such directory",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "is a folder",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  ENAMETOOLONG: "name too long",
  EEXIST: "already exists",
  EIO: "input/output error",
  EMFILE: "too many open files",
  EBUSY: "resource busy",
  EXDEV: "not on the same file system",
};

/**
 * An fs error while writing `file` as the one-line error every shell prints: `file: cannot write:
 * CODE problem (syscall path)`, exit 2. Anything else (a bug) is rethrown as it is.
 */
export function writeError(e: unknown, file: string): unknown {
  const err = e as NodeJS.ErrnoException;
  if (e instanceof LodestoneError || typeof err?.code !== "string" || !/^E[A-Z]+$/.test(err.code)) return e;
  // the path the call failed on, when it is not the file itself or our temporary file beside it
  const at = err.path && resolve(err.path) !== resolve(file) && !/\.tmp-\d+-\d+$/.test(err.path) ? ` (${err.syscall ?? "at"} ${err.path})` : "";
  return new LodestoneError("bad-input", { file, message: `cannot write: ${err.code} ${PROBLEMS[err.code] ?? err.message}${at}`, expected: "a writable path" });
}

/**
 * `mkdir -p` that gives up. Node's own `mkdirSync(dir, { recursive: true })` spins forever when a
 * folder exists but refuses a child with ENOENT (procfs: `/proc/nope`, or a stale mount): it reads
 * ENOENT as "parent missing", creates the parent (EEXIST, fine) and retries the child, for ever
 * (see nodejs/node and oven-sh/bun#40600). Here: find the nearest existing ancestor, then create
 * each missing level once, and let the first error stand.
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    let isDir: boolean;
    try {
      isDir = statSync(d).isDirectory();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT" || dirname(d) === d) throw e;
      missing.push(d);
      continue;
    }
    if (!isDir) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${d}'`), { code: "ENOTDIR", syscall: "mkdir", path: d });
    break;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d, 0o755);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e; // another process made it meanwhile
    }
  }
}

/** Write `content` to a new file `path` and fsync it, so a rename that follows publishes complete bytes. */
function writeSynced(path: string, content: string | Uint8Array): void {
  const fd = openSync(path, "wx", 0o644);
  try {
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** fsync a folder, so the renames in it survive a power cut. Some file systems refuse it (EINVAL); that is not an error here. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "EINVAL" && code !== "EISDIR" && code !== "EPERM") throw e;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The temporary name for `name` in its folder; `isTempOf` recognises it (and leftovers of a crash). */
const tempName = (name: string) => `.${name}.tmp-${process.pid}-${Date.now()}`;
export const isTempOf = (name: string, entry: string) => entry.startsWith(`.${name}.tmp-`);

/** A temporary file left by a process that no longer runs (a crash), not one another writer is still filling. */
function isStale(entry: string): boolean {
  const pid = Number(/\.tmp-(\d+)-/.exec(entry)?.[1]);
  if (!pid || pid === process.pid) return pid === process.pid;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Remove a temporary file on the way out of an error; a failure here must not hide the first error. */
function discard(tmp: string): void {
  try {
    rmSync(tmp, { force: true });
  } catch {
    // the folder itself is unusable, so nothing was written there
  }
}

/** The steps of `writeDirAtomic`, in order, each reported to `afterStep` (tests kill the process there). */
export type DirStep = "mkdir" | `write ${string}` | "sync folder" | `rename ${string}` | "clean";

/**
 * Write `files` into folder `target`, each replaced atomically, never leaving the folder missing or
 * a file half-written; other files in `target` are not touched (the caller decides whether it may
 * write there at all).
 *
 * 1. create `target` if missing;
 * 2. write every file to a temporary name in `target` and fsync it;
 * 3. fsync the folder (the temporary files now survive a crash);
 * 4. rename each temporary file over its final name, in the order given: each rename is atomic,
 *    so a reader sees the complete old or the complete new file, never a mix of bytes;
 * 5. fsync the folder again (the renames are durable), remove leftovers of earlier crashes.
 *
 * A crash in 4 can leave the first files new and the later ones old. Callers whose files must agree
 * order them so that a mixed pair is detected: the dataset writes dataset.json before its SHA-256,
 * and `loadDataset` validates in full any dataset.json whose digest does not match (see dataset.ts).
 * An error before 4 leaves `target` untouched; temporary files are removed. fs errors become
 * LodestoneError("bad-input") naming the file.
 */
export function writeDirAtomic(
  target: string,
  files: Record<string, string | Uint8Array>,
  hooks: { beforeRename?: () => void; afterStep?: (step: DirStep) => void } = {},
): void {
  const step = hooks.afterStep ?? (() => {});
  const temps: [tmp: string, final: string][] = [];
  let current = target;
  try {
    ensureDir(target);
    step("mkdir");
    for (const [name, content] of Object.entries(files)) {
      current = join(target, name);
      const tmp = join(target, tempName(name));
      temps.push([tmp, current]);
      writeSynced(tmp, content);
      step(`write ${name}`);
    }
    current = target;
    syncDir(target);
    step("sync folder");
    hooks.beforeRename?.();
  } catch (e) {
    for (const [tmp] of temps) discard(tmp);
    throw writeError(e, current);
  }
  try {
    for (const [tmp, final] of temps) {
      current = final;
      renameSync(tmp, final);
      step(`rename ${basename(final)}`);
    }
    current = target;
    syncDir(target);
    const names = Object.keys(files);
    for (const entry of readdirSync(target)) if (names.some((n) => isTempOf(n, entry)) && isStale(entry)) discard(join(target, entry));
    step("clean");
  } catch (e) {
    for (const [tmp] of temps) discard(tmp);
    throw writeError(e, current);
  }
}

/** Write one file atomically: a temporary file in the same folder, fsynced, then renamed over `path`. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const tmp = join(dirname(path), tempName(basename(path)));
  try {
    ensureDir(dirname(path));
    writeSynced(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    discard(tmp);
    throw writeError(e, path);
  }
}
