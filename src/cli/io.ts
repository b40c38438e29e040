/** Where a command writes: the process's streams from the bin shim, buffers in tests and other in-process callers. */
export interface Sink {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: Sink;
  stderr: Sink;
}

/** A pair of in-memory sinks, for running a command as a library call. */
export function bufferIo(): CliIo & { out(): string; err(): string } {
  const o: string[] = [];
  const e: string[] = [];
  return {
    stdout: { write: (t: string) => o.push(t) },
    stderr: { write: (t: string) => e.push(t) },
    out: () => o.join(""),
    err: () => e.join(""),
  };
}
