import { createHash } from "node:crypto";
import {
  type Actor,
  apply,
  balanceRows,
  type Command,
  decide,
  emptyState,
  type LedgerEvent,
  type LedgerInputs,
  type LedgerState,
  LodestoneError,
  writtenFor,
} from "../index.js";
import { openPostgres } from "./postgres.js";
import { openSqlite } from "./sqlite.js";
import type { LedgerStore } from "./types.js";

/** The reserve ledger's store with the ledger core plugged in. */
export type Ledger = LedgerStore<LedgerState, LedgerEvent>;

const REDUCER = { emptyState, apply, balanceRows: (s: LedgerState, touched: LedgerEvent[]) => balanceRows(s, touched) };

/** The ledger a shell opens when none is named (and $LODESTONE_LEDGER is unset). */
export const DEFAULT_LEDGER = "sqlite:reserve.sqlite";

const LEDGER_EXPECTED = "sqlite:FILE or postgres://user@host/db";

/** Open the ledger named by `spec`: `sqlite:FILE`, a bare file name, or a `postgres://` URL. */
export async function openLedger(spec: string = process.env.LODESTONE_LEDGER ?? DEFAULT_LEDGER): Promise<Ledger> {
  if (/^postgres(ql)?:\/\//.test(spec)) return (await openPostgres(spec, REDUCER)) as Ledger;
  // another database's URL is not a SQLite file of that name
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec))
    throw new LodestoneError("bad-input", {
      field: "--ledger",
      message: `${JSON.stringify(spec.split("://")[0])} is not a ledger store`,
      expected: LEDGER_EXPECTED,
    });
  const file = spec.replace(/^sqlite:/, "");
  if (!file) throw new LodestoneError("bad-input", { field: "--ledger", message: "no file named", expected: LEDGER_EXPECTED });
  return (await openSqlite(file, REDUCER)) as Ledger;
}

/**
 * A command's fingerprint (SHA-256 of who, the date the caller gave and what): the same key with
 * another command is a conflict, the same command a retry. `at` is the date the caller sent, not the
 * clock's reading, so a retry of a command sent without a date is still the same command.
 */
export function commandFingerprint(actor: string, at: string | undefined, command: Command): string {
  return createHash("sha256")
    .update(JSON.stringify([actor, at ?? null, command]))
    .digest("hex");
}

/**
 * One command as one durable transaction: decided by the ledger core for `actor`, written under
 * `key` in the actor's own key scope (a retry of the same command writes nothing; the same key with
 * another command is a conflict; another actor's key is never seen). `at` is the date the caller
 * gave for the command (the command's own `at` wins), `now` the shell's clock: the command is dated
 * `now` when neither gives one, and a member's date must lie near it (the core checks). The events
 * come back as the actor may see them (writtenFor: a member's without the log's numbers). `inputs`
 * is what the core may take from the dataset (ledgerInputs: prices for a market-priced release, demand for a stock floor in days).
 */
export async function runCommand(
  ledger: Ledger,
  actor: Actor,
  key: string,
  at: string | undefined,
  command: Command,
  now = new Date().toISOString(),
  inputs: LedgerInputs = {},
) {
  const dated = at === undefined || (command as { at?: unknown }).at !== undefined ? command : ({ ...command, at } as Command);
  const r = await ledger.run(actor.id, key, commandFingerprint(actor.id, at, command), (state) => decide(state, dated, actor, key, now, inputs));
  return { replayed: r.replayed, events: writtenFor(r.events, actor) };
}
