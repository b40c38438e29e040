import type { CliIo } from "../io.js";

export interface Command {
  usage: string;
  /** returns the exit code */
  run(argv: string[], io: CliIo): Promise<number> | number;
}
