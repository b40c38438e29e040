import { LodestoneError } from "../index.js";
// Versioned schema, one list per dialect; the index + 1 is the version. A database records the
// version it is at in schema_version (one row); opening runs the missing steps in one transaction.
// Never edit a shipped step: add the next one.

export type Dialect = "sqlite" | "postgres";

/**
 * The key scope of a plan's orders (writeOrders): shared by every operator, so the same plan written
 * again by another operator finds its orders there. It cannot be an actor id (those start with a
 * letter or digit), so no actor's keys share it.
 */
export const PLAN_SCOPE = "~plan";

/**
 * Migration 3's scope of an existing command, from its first event `e` (`plan`: the SQL for the
 * event's data.plan): the shared plan scope for an order a plan wrote (key plan:…, tagged with its
 * plan), else the event's actor; '' when the command has no event (no actor can send that scope).
 */
function scopeOf(plan: string): string {
  return `CASE WHEN e.seq IS NULL THEN '' WHEN e.type = 'acquisition.ordered' AND c.key LIKE 'plan:%' AND ${plan} IS NOT NULL THEN '${PLAN_SCOPE}' ELSE e.actor END`;
}

export const MIGRATIONS: Record<Dialect, readonly string[]> = {
  sqlite: [
    // 1: the log, the idempotency table, the derived balances (`row` keeps the whole BalanceRow as JSON)
    `CREATE TABLE events (seq INTEGER PRIMARY KEY, type TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL);
     CREATE TABLE commands (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL);
     CREATE TABLE balances (kind TEXT NOT NULL, id TEXT NOT NULL, mineral TEXT NOT NULL, tons REAL NOT NULL, row TEXT NOT NULL, PRIMARY KEY (kind, id));`,
    // 2: when each command was committed (wall clock, for the audit trail; NULL for commands from 1) and a per-mineral index for position reports
    `ALTER TABLE commands ADD COLUMN committed_at TEXT;
     CREATE INDEX balances_mineral ON balances (kind, mineral);`,
    // 3: idempotency keys are per actor (one actor's key never answers with another's command): the
    // key of a command is (actor, key). Each existing command gets the actor of its events (a plan's
    // orders the shared plan scope, see PLAN_SCOPE); SQLite rebuilds the table to change its primary key.
    `CREATE TABLE commands_v3 (actor TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL, committed_at TEXT, PRIMARY KEY (actor, key));
     INSERT INTO commands_v3 (actor, key, fingerprint, first_seq, last_seq, committed_at)
       SELECT ${scopeOf("json_extract(e.data, '$.plan')")}, c.key, c.fingerprint, c.first_seq, c.last_seq, c.committed_at
       FROM commands c LEFT JOIN events e ON e.seq = c.first_seq AND c.last_seq >= c.first_seq;
     DROP TABLE commands;
     ALTER TABLE commands_v3 RENAME TO commands;`,
    // 4: the balances table holds what the position, the cover and a member's statement show (each
    // lot's form, location and expiry; members and their fees; draws), with the member a row belongs
    // to indexed, and the events are indexed by business date (a dated report asks for the latest).
    // The rows are rebuilt from the log in the same transaction (REBUILDS).
    `ALTER TABLE balances ADD COLUMN member TEXT;
     CREATE INDEX balances_member ON balances (member, kind);
     CREATE INDEX events_at ON events (at);`,
  ],
  postgres: [
    `CREATE TABLE events (seq BIGINT PRIMARY KEY, type TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, key TEXT NOT NULL, data JSON NOT NULL);
     CREATE TABLE commands (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, first_seq BIGINT NOT NULL, last_seq BIGINT NOT NULL);
     CREATE TABLE balances (kind TEXT NOT NULL, id TEXT NOT NULL, mineral TEXT NOT NULL, tons DOUBLE PRECISION NOT NULL, row JSON NOT NULL, PRIMARY KEY (kind, id));`,
    `ALTER TABLE commands ADD COLUMN committed_at TIMESTAMPTZ;
     CREATE INDEX balances_mineral ON balances (kind, mineral);`,
    `ALTER TABLE commands ADD COLUMN actor TEXT;
     UPDATE commands c SET actor = ${scopeOf("e.data->>'plan'")} FROM events e WHERE e.seq = c.first_seq AND c.last_seq >= c.first_seq;
     UPDATE commands SET actor = '' WHERE actor IS NULL;
     ALTER TABLE commands ALTER COLUMN actor SET NOT NULL;
     ALTER TABLE commands DROP CONSTRAINT commands_pkey;
     ALTER TABLE commands ADD PRIMARY KEY (actor, key);`,
    `ALTER TABLE balances ADD COLUMN member TEXT;
     CREATE INDEX balances_member ON balances (member, kind);
     CREATE INDEX events_at ON events (at);`,
  ],
};

/**
 * The versions whose step changes what the balance rows hold: a database migrated across one has its
 * balances table rebuilt from the log (a full replay through the ledger core) inside the migration's
 * transaction, so no version ever has rows of another version's shape.
 */
export const REBUILDS: readonly number[] = [4];

/** Does migrating from `from` to `to` cross a step that needs the balances rebuilt? */
export const needsRebuild = (from: number, to: number) => REBUILDS.some((v) => v > from && v <= to);

/** The refusal of a migration that must rebuild the balances but was given no ledger core to do it with. */
export function noReducer(): LodestoneError {
  return new LodestoneError("internal", "this migration rebuilds the balances table from the log: pass the ledger core (the reducer)");
}

/** The version a fresh database is migrated to. */
export const LATEST = MIGRATIONS.sqlite.length;

/** The refusal of a database written by a newer Lodestone (both stores): migrating down would lose what it knows. */
export function newerSchema(from: number): LodestoneError {
  return new LodestoneError("integrity", {
    field: "schema_version",
    message: `the ledger database is at schema version ${from}, newer than this Lodestone knows (${LATEST})`,
    expected: "a newer Lodestone",
  });
}
