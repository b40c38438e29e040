import type { LedgerState, Lot } from "./types.js";
import { dayOf, EPS } from "./validate.js";

/** The date-time of a lot's last movement (its receipt when nothing else happened). */
export const lastMove = (lot: Lot) => lot.last;

/** A lot may not be released from its expiry (or re-assay) day on. */
export const isExpired = (lot: Lot, at: string) => lot.expires !== undefined && dayOf(at) >= lot.expires;

/**
 * The lots of `mineral` that may be released at `at` (held, not expired, last moved no later), in the
 * default release order: first expiring (lots without an expiry date last), then first in, then by id
 * so the order never depends on insertion.
 */
export function releasableLots(state: LedgerState, mineral: string, at: string): Lot[] {
  return [...state.lots.values()]
    .filter((l) => l.mineral === mineral && l.tons > EPS && !isExpired(l, at) && lastMove(l) <= at)
    .sort((a, b) => cmp(a.expires ?? "~", b.expires ?? "~") || cmp(a.at, b.at) || cmp(a.id, b.id));
}

/** Tons of `mineral` that may be released at `at`. */
export const releasableTons = (state: LedgerState, mineral: string, at: string) => releasableLots(state, mineral, at).reduce((t, l) => t + l.tons, 0);

export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
