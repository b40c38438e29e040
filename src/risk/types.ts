import type { SourceRef } from "../data/types.js";

/** One input a measure used: its value as used, the cell text as published, and where it came from. */
export interface Input {
  name: string;
  value: number | string | null;
  unit?: string;
  /** the cell text exactly as published */
  raw?: string;
  source?: SourceRef;
  note?: string;
}

/** One intermediate step of a formula: what was computed, how, and the result. */
export interface Step {
  label: string;
  formula?: string;
  value: number | string;
}

interface Common {
  /** the inputs read, each with its source row */
  inputs: Input[];
  /** intermediate steps, in order */
  steps: Step[];
  /** inputs the data lacks that were replaced by a stated default (never silently) */
  defaulted: string[];
  /** facts a reader should know before trusting the value (lower bounds, bounds, aggregates left out) */
  caveats: string[];
}

export type Computed<T extends object = object> = Common & { ok: true; value: number } & T;
/** A measure that cannot be computed says why; a missing input never becomes zero. */
export type NotComputed = { ok: false; reason: string; inputs: Input[] };
export type Measure<T extends object = object> = Computed<T> | NotComputed;

export const fail = (reason: string, inputs: Input[] = []): NotComputed => ({ ok: false, reason, inputs });

/** `file:row:column`, the address of a source cell. */
export const refText = (r: SourceRef | undefined): string => (r ? `${r.file}:${r.row}:${r.column}` : "");

/** Round for display in steps without losing the value used (the value itself is never rounded). */
export const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;
