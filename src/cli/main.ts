import { createRequire } from "node:module";
import { formatIssue, isLodestoneError } from "../errors.js";
import { COMMANDS } from "./commands/index.js";
import { wrapUsage } from "./commands/usage.js";
import type { CliIo } from "./io.js";

export type { CliIo, Sink } from "./io.js";
export { bufferIo } from "./io.js";

/** Exit codes by error code: 2 for anything the user can fix, 3 for a failed integrity check, 1 for a bug. */
export const EXIT_CODES: Record<string, number> = {
  "bad-input": 2,
  invalid: 2,
  "not-found": 2,
  "too-large": 2,
  forbidden: 2,
  conflict: 2,
  infeasible: 4,
  integrity: 3,
  internal: 1,
};

export const VERSION: string = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return `lodestone <command> [options]\n\nCommands:\n${rows.join("\n")}\n\nRun lodestone <command> --help for its options; lodestone --version prints the version.`;
}

/**
 * Run one CLI command as a library call: `argv` without the program name, output to `io`.
 * Returns the exit code; never throws and never prints a stack trace.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    (name ? io.stdout : io.stderr).write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  if (name === "--version" || name === "-v") {
    io.stdout.write(`lodestone ${VERSION}\n`);
    return 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    io.stderr.write(
      `lodestone: ${formatIssue({ message: `unknown command ${JSON.stringify(name)}`, expected: Object.keys(COMMANDS).join(" | ") })}\n\n${usage()}\n`,
    );
    return 2;
  }
  try {
    const cmd = await entry.load();
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout.write(`${wrapUsage(`lodestone ${name}: ${entry.summary}`)}\n${cmd.usage}\n`);
      return 0;
    }
    return await cmd.run(rest, io);
  } catch (e) {
    if (isLodestoneError(e)) {
      for (const i of e.issues) io.stderr.write(`lodestone: ${formatIssue(i)}\n`);
      return EXIT_CODES[e.code] ?? 1;
    }
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    io.stderr.write(`lodestone: internal error (${what.split("\n")[0]}); please report it with the command you ran\n`);
    return 1;
  }
}
