#!/usr/bin/env node
import { formatIssue, isLodestoneError } from "../index.js";
import { COMMANDS } from "./commands/index.js";

const EXIT: Record<string, number> = { "bad-input": 2, invalid: 2, "not-found": 2, "too-large": 2, integrity: 3, internal: 1 };

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return `lodestone <command> [options]\n\nCommands:\n${rows.join("\n")}\n\nRun lodestone <command> --help for its options.`;
}

/** Dispatch argv to a command; errors go to stderr with an exit code chosen by their code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage() + "\n");
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`lodestone: unknown command ${JSON.stringify(name)}\n\n${usage()}\n`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`lodestone ${name}: ${cmd.summary}\n${cmd.usage}\n`);
    return 0;
  }
  try {
    return (await cmd.run(rest)) ?? 0;
  } catch (e) {
    if (isLodestoneError(e)) {
      for (const i of e.issues) process.stderr.write(`lodestone: ${formatIssue(i)}\n`);
      return EXIT[e.code] ?? 1;
    }
    process.stderr.write(`lodestone: internal error: ${(e as Error).stack ?? e}\n`);
    return 1;
  }
}

// a closed pipe (lodestone minerals | head) is not an error
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(String(e) + "\n");
    process.exitCode = 1;
  },
);
