import { LodestoneError } from "../index.js";
// Versioned schema, one list per dialect; the index + 1 is the version. A database records the
// version it is at in schema_version (one row); opening runs the missing steps in one transaction.
// Never edit a shipped step: add the next one.

export type Dialect = "sqlite" | "postgres";

export const MIGRATIONS: Record<Dialect, readonly string[]> = {
  sqlite: [
    // 1: the log, the idempotency table, the derived balances (`row` keeps the whole BalanceRow as JSON)
    `CREATE TABLE events (seq INTEGER PRIMARY KEY, type TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL);
     CREATE TABLE commands (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL);
     CREATE TABLE balances (kind TEXT NOT NULL, id TEXT NOT NULL, mineral TEXT NOT NULL, tons REAL NOT NULL, row TEXT NOT NULL, PRIMARY KEY (kind, id));`,
    // 2: when each command was committed (wall clock, for the audit trail; NULL for commands from 1) and a per-mineral index for position reports
    `ALTER TABLE commands ADD COLUMN committed_at TEXT;
     CREATE INDEX balances_mineral ON balances (kind, mineral);`,
  ],
  postgres: [
    `CREATE TABLE events (seq BIGINT PRIMARY KEY, type TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, key TEXT NOT NULL, data JSON NOT NULL);
     CREATE TABLE commands (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, first_seq BIGINT NOT NULL, last_seq BIGINT NOT NULL);
     CREATE TABLE balances (kind TEXT NOT NULL, id TEXT NOT NULL, mineral TEXT NOT NULL, tons DOUBLE PRECISION NOT NULL, row JSON NOT NULL, PRIMARY KEY (kind, id));`,
    `ALTER TABLE commands ADD COLUMN committed_at TIMESTAMPTZ;
     CREATE INDEX balances_mineral ON balances (kind, mineral);`,
  ],
};

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
