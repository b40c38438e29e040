import { readFileSync, type Stats, statfsSync, statSync } from "node:fs";
import { LodestoneError, SCENARIO_DEFAULTS } from "../index.js";

/**
 * Read an input file (scenario, projects or basket) as text, refusing what cannot be one: a
 * missing path (not-found), a directory, a device or pipe such as /dev/null, an empty file, an
 * unreadable one (bad-input) and one above SCENARIO_DEFAULTS.maxInputBytes (too-large). Each error
 * names the file as `shown` and what it is. The text then goes to the core's readYaml, the one
 * YAML reader of all three kinds.
 */
/** "a scenario file", "an assumptions file" */
const a = (what: string) => `${/^[aeiou]/i.test(what) ? "an" : "a"} ${what}`;

/** procfs and sysfs (statfs f_type): their files say 0 bytes and are made up on reading, not stored. */
const KERNEL_FS = new Set([0x9fa0, 0x62656572]);
function onKernelFs(path: string): boolean {
  try {
    return KERNEL_FS.has(Number(statfsSync(path).type));
  } catch {
    return false;
  }
}

export function readInputFile(path: string, what: string, expected: string, shown = path): string {
  const fail = (code: "not-found" | "bad-input" | "too-large", message: string, exp = expected): never => {
    throw new LodestoneError(code, { file: shown, message, expected: exp });
  };
  let st: Stats | undefined;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") fail("not-found", `no such ${what}`);
    fail("bad-input", `cannot read the ${what} (${code ?? String(e)})`);
  }
  if (!st) return fail("bad-input", `cannot read the ${what}`);
  if (st.isDirectory()) fail("bad-input", `is a directory, not ${a(what)}`);
  if (!st.isFile()) fail("bad-input", `is ${st.isFIFO() ? "a pipe" : st.isSocket() ? "a socket" : "a device"}, not a regular file`);
  if (st.size > SCENARIO_DEFAULTS.maxInputBytes)
    fail("too-large", `${st.size} bytes is too large for ${a(what)}`, `${a(what)} of at most ${SCENARIO_DEFAULTS.maxInputBytes} bytes`);
  if (st.size === 0) fail("bad-input", onKernelFs(path) ? "is a special file of the kernel (/proc or /sys), not a regular file" : "is empty (0 bytes)");
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail("bad-input", `cannot read the ${what} (${code === "EACCES" ? "permission denied" : (code ?? String(e))})`);
  }
}
