export interface Command {
  summary: string;
  usage: string;
  /** returns the exit code (0 when undefined) */
  run(argv: string[]): Promise<number | void> | number | void;
}
