import type { CliIo } from "../io.js";

export interface Command {
  usage: string;
  /** returns the exit code (0 when undefined) */
  run(argv: string[], io: CliIo): Promise<number | void> | number | void;
}
