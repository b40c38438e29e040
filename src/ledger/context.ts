import { closest, LodestoneError } from "../errors.js";
import { lastMove } from "./lots.js";
import type { Actor, EventData, EventOf, EventType, LedgerInputs, LedgerState, Lot } from "./types.js";

/** What one decision knows: the state, who acts, the idempotency key and the business date-time. */
export interface Ctx {
  s: LedgerState;
  actor: Actor;
  key: string;
  at: string;
  /** what the shell read from outside the ledger (the dataset's prices and demand) */
  inputs: LedgerInputs;
}

/** A new event (seq 0 until the store appends it). */
export function event<T extends EventType>(c: Ctx, type: T, data: EventData[T]): EventOf<T> {
  return { seq: 0, type, at: c.at, actor: c.actor.id, key: c.key, data } as EventOf<T>;
}

/** The record `id` names, or bad-input naming the field with the closest known ids. */
/** The record with this id, or a typed error: bad-input where a command refers to it, not-found where a report is asked about it. */
export function known<T>(map: Map<string, T>, field: string, value: string, what: string, code: "bad-input" | "not-found" = "bad-input"): T {
  const v = map.get(value);
  if (v !== undefined) return v;
  throw new LodestoneError(code, {
    field,
    message: `unknown ${what} ${JSON.stringify(value)}`,
    expected: `a known ${what} id`,
    suggestions: closest(value, [...map.keys()]),
  });
}

export function conflict(field: string, message: string): never {
  throw new LodestoneError("conflict", { field, message });
}

/** `${prefix}-n` for the first n above the map's size not yet taken: ids a command leaves out, deterministic for a state. */
export function nextId(map: Map<string, unknown>, prefix: string): string {
  let n = map.size + 1;
  while (map.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

/** Round tons for messages. */
export const t = (x: number) => `${Number(x.toPrecision(10))} t`;

/**
 * A lot's movements are dated in order: one dated before the lot's last movement could make the
 * lot's balance as of an earlier date negative (a write-off slipped in before a release).
 */
export function movesInOrder(c: Ctx, lot: Lot, field = "at"): void {
  const last = lastMove(lot);
  if (c.at < last) conflict(field, `lot ${lot.id} last moved at ${last}; a movement may not be dated before it (${c.at})`);
}

/** A later stage (approval, receipt, release …) may not be dated before the record it follows. */
export function notBefore(c: Ctx, since: string, what: string): void {
  if (c.at < since) conflict("at", `${c.at} is before ${what} at ${since}`);
}
