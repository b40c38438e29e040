import {
  type Actor,
  apply,
  asOfEnd,
  type BalanceRow,
  type Cover,
  checkRead,
  coverOf,
  type Dataset,
  emptyState,
  type LedgerEvent,
  type LotRow,
  type Position,
  position,
  positionOf,
  type Statement,
  splitMemberRows,
  statementOf,
} from "../index.js";
import type { Ledger } from "./ledger.js";
import { demandFor } from "./loop.js";

// The ledger's reports as the shells read them (reserve position|cover|statement, GET /ledger/…):
// from the derived balances table the store keeps in the same transaction as the events, not from
// a replay of the log. Only a position (or cover) dated before the log's latest event replays it:
// the rows say what the reserve holds now, not what it held then.

/** A position and how it was read: `replayed` when the date lies before the latest event (the whole log was read and replayed). */
export interface ReadPosition {
  position: Position;
  replayed: boolean;
  /** the latest event's business date-time (undefined: an empty ledger) */
  lastAt: string | undefined;
}

/**
 * The position as of `asOf` (undefined: everything recorded): the lots' balance rows when no date is
 * given or the date is not before the latest event; else a replay of the log up to the date, each lot
 * as it stood then (location, specification, expiry).
 */
export async function readPosition(ledger: Ledger, asOf: string | undefined, actor: Actor): Promise<ReadPosition> {
  checkRead(actor);
  const end = asOf === undefined ? undefined : asOfEnd(asOf);
  const lastAt = await ledger.lastAt();
  if (end === undefined || lastAt === undefined || lastAt <= end)
    return { position: positionOf((await ledger.balances({ kind: "lot" })) as BalanceRow[] as LotRow[], asOf, actor), replayed: false, lastAt };
  // page through the log (never all of it in memory): the state, and the events that say where a lot was and what it was
  const state = emptyState();
  const history: LedgerEvent[] = [];
  for (let page = await ledger.events(0, PAGE); page.length > 0; page = await ledger.events(page[page.length - 1].seq, PAGE))
    for (const e of page) {
      apply(state, e);
      if (LOT_HISTORY.has(e.type)) history.push(e);
    }
  return { position: position(state, asOf, actor, history), replayed: true, lastAt };
}

/** Events read per query while replaying a long log for a dated report. */
const PAGE = 20_000;
/** The events lotsAsOf reads: a lot's arrival, moves between places and re-assays. */
const LOT_HISTORY = new Set(["acquisition.received", "lot.rotated", "lot.transferred", "lot.reassayed"]);

/** The minerals the reserve holds in a lot or owes a member, from the balances table. */
async function heldMinerals(ledger: Ledger): Promise<Set<string>> {
  const minerals = new Set<string>();
  for (const r of await ledger.balances({ kind: "mineral" })) minerals.add(r.mineral);
  for (const r of await ledger.balances({ kind: "entitlement" })) minerals.add(r.mineral);
  return minerals;
}

/** Days of cover per mineral (demand from the dataset) as of `asOf`, read as readPosition reads the position. */
export async function readCover(
  ledger: Ledger,
  dataset: Dataset,
  target: number | undefined,
  asOf: string | undefined,
  actor: Actor,
): Promise<{ cover: Cover[]; replayed: boolean; lastAt: string | undefined }> {
  checkRead(actor);
  const p = await readPosition(ledger, asOf, actor);
  return { cover: coverOf(p.position, demandFor(await heldMinerals(ledger), dataset), target), replayed: p.replayed, lastAt: p.lastAt };
}

/** A member's statement from its own balance rows (the member, its entitlements and draws): a member reads only its own. */
export async function readStatement(ledger: Ledger, member: string, actor: Actor, year?: string): Promise<Statement> {
  checkRead(actor, member);
  const rows = typeof member === "string" ? ((await ledger.balances({ member })) as BalanceRow[]) : [];
  const others = async () => (await ledger.balances({ kind: "member" })).map((r) => r.id);
  const mine = splitMemberRows(rows);
  // suggestions only when the member is unknown (and the reader may see every member: checked above)
  const known = mine.member ? [] : await others();
  return statementOf(mine, member, actor, year, () => known);
}
