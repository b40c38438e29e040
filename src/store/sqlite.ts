import Database from "better-sqlite3";
import { LodestoneError } from "../index.js";
import { type Backend, DEFAULT_MAX_BATCH, Engine } from "./engine.js";
import { LATEST, MIGRATIONS, newerSchema } from "./migrations.js";
import type { LedgerStore, Reducer, StoredBalance, StoredEvent, StoreOptions } from "./types.js";

type Db = Database.Database;
interface EventRow {
  seq: number;
  type: string;
  at: string;
  actor: string;
  key: string;
  data: string;
}

/**
 * The embedded store: one SQLite file in WAL mode with synchronous=FULL, so a commit returns only
 * once the WAL is fsynced. Every batch of commands runs in BEGIN IMMEDIATE (the writer lock; other
 * processes wait up to busyMs for it), so several processes may share the file.
 */
export async function openSqlite<S, E extends StoredEvent, B extends StoredBalance>(
  path: string,
  reducer: Reducer<S, E, B>,
  options: StoreOptions & { busyMs?: number } = {},
): Promise<LedgerStore<S, E, B>> {
  let db: Db;
  try {
    db = new Database(path);
  } catch (e) {
    throw new LodestoneError("bad-input", { file: path, message: `cannot open the ledger database: ${(e as Error).message}` });
  }
  db.pragma(`busy_timeout = ${options.busyMs ?? 30_000}`);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  migrateSqlite(db);
  return new Engine<S, E, B>(new SqliteBackend<E, B>(db), reducer, options.maxBatch ?? DEFAULT_MAX_BATCH);
}

/** Bring the database to `target` (default the latest) in one transaction; refuses a newer database. */
export function migrateSqlite(db: Db, target = LATEST): number {
  db.exec("BEGIN IMMEDIATE");
  try {
    db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    const row = db.prepare("SELECT version FROM schema_version").get() as { version: number } | undefined;
    const from = row?.version ?? 0;
    if (from > LATEST) throw newerSchema(from);
    for (let v = from + 1; v <= target; v++) db.exec(MIGRATIONS.sqlite[v - 1]);
    if (!row) db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(Math.max(from, target));
    else if (target > from) db.prepare("UPDATE schema_version SET version = ?").run(target);
    db.exec("COMMIT");
    return Math.max(from, target);
  } catch (e) {
    db.exec("ROLLBACK");
    throw e;
  }
}

class SqliteBackend<E extends StoredEvent, B extends StoredBalance> implements Backend<E, B> {
  private readonly q;
  constructor(private readonly db: Db) {
    this.q = {
      command: db.prepare("SELECT fingerprint, first_seq AS first, last_seq AS last FROM commands WHERE actor = ? AND key = ?"),
      events: db.prepare("SELECT seq, type, at, actor, key, data FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?"),
      event: db.prepare("INSERT INTO events (seq, type, at, actor, key, data) VALUES (?, ?, ?, ?, ?, ?)"),
      cmd: db.prepare("INSERT INTO commands (actor, key, fingerprint, first_seq, last_seq, committed_at) VALUES (?, ?, ?, ?, ?, ?)"),
      balance: db.prepare(
        "INSERT INTO balances (kind, id, mineral, tons, row) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET mineral = excluded.mineral, tons = excluded.tons, row = excluded.row",
      ),
      balances: db.prepare("SELECT row FROM balances ORDER BY kind, id").pluck(),
      version: db.prepare("SELECT version FROM schema_version").pluck(),
    };
  }
  async begin() {
    this.db.exec("BEGIN IMMEDIATE");
  }
  async commit() {
    this.db.exec("COMMIT");
  }
  async rollback() {
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
  }
  async command(actor: string, key: string) {
    return this.q.command.get(actor, key) as { fingerprint: string; first: number; last: number } | undefined;
  }
  async events(after: number, limit: number, upTo = Number.MAX_SAFE_INTEGER) {
    return (this.q.events.all(after, upTo, limit) as EventRow[]).map((r) => ({ ...r, data: JSON.parse(r.data) }) as unknown as E);
  }
  async append(events: E[], actor: string, key: string, fingerprint: string, first: number, rows: B[]) {
    for (const e of events) this.q.event.run(e.seq, e.type, e.at, e.actor, e.key, JSON.stringify(e.data));
    this.q.cmd.run(actor, key, fingerprint, first, first + events.length - 1, new Date().toISOString());
    for (const r of rows) this.q.balance.run(r.kind, r.id, r.mineral, r.tons, JSON.stringify(r));
  }
  async balances() {
    return (this.q.balances.all() as string[]).map((r) => JSON.parse(r) as B);
  }
  async version() {
    return this.q.version.get() as number;
  }
  async close() {
    this.db.close();
  }
}
