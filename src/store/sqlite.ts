import Database from "better-sqlite3";
import { LodestoneError } from "../index.js";
import { type Backend, DEFAULT_MAX_BATCH, Engine } from "./engine.js";
import { LATEST, MIGRATIONS, needsRebuild, newerSchema, noReducer } from "./migrations.js";
import type { BalanceQuery, LedgerStore, Reducer, StoredBalance, StoredEvent, StoreOptions } from "./types.js";

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
  migrateSqlite(db, LATEST, reducer);
  return new Engine<S, E, B>(new SqliteBackend<E, B>(db), reducer, options.maxBatch ?? DEFAULT_MAX_BATCH);
}

/**
 * Bring the database to `target` (default the latest) in one transaction; refuses a newer database.
 * A step that changes the balance rows (REBUILDS) rebuilds them from the log with `reducer`, in the
 * same transaction.
 */
export function migrateSqlite<S, E extends StoredEvent, B extends StoredBalance>(db: Db, target = LATEST, reducer?: Reducer<S, E, B>): number {
  db.exec("BEGIN IMMEDIATE");
  try {
    db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    const row = db.prepare("SELECT version FROM schema_version").get() as { version: number } | undefined;
    const from = row?.version ?? 0;
    if (from > LATEST) throw newerSchema(from);
    for (let v = from + 1; v <= target; v++) db.exec(MIGRATIONS.sqlite[v - 1]);
    if (from > 0 && needsRebuild(from, target)) rebuildBalances(db, reducer);
    if (!row) db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(Math.max(from, target));
    else if (target > from) db.prepare("UPDATE schema_version SET version = ?").run(target);
    db.exec("COMMIT");
    return Math.max(from, target);
  } catch (e) {
    db.exec("ROLLBACK");
    throw e;
  }
}

const PAGE = 20_000;

/** Replace the balances table by the rows of a full replay of the log (inside the caller's transaction). */
function rebuildBalances<S, E extends StoredEvent, B extends StoredBalance>(db: Db, reducer: Reducer<S, E, B> | undefined): void {
  const page = db.prepare("SELECT seq, type, at, actor, key, data FROM events WHERE seq > ? ORDER BY seq LIMIT ?");
  const first = page.all(0, PAGE) as EventRow[];
  db.exec("DELETE FROM balances");
  if (first.length === 0) return;
  if (!reducer) throw noReducer();
  const s = reducer.emptyState();
  for (let rows = first; rows.length > 0; rows = page.all(rows[rows.length - 1].seq, PAGE) as EventRow[])
    for (const r of rows) reducer.apply(s, { ...r, data: JSON.parse(r.data) } as unknown as E);
  const put = db.prepare("INSERT INTO balances (kind, id, mineral, member, tons, row) VALUES (?, ?, ?, ?, ?, ?)");
  for (const r of reducer.balanceRows(s)) put.run(r.kind, r.id, r.mineral, r.member ?? null, r.tons, JSON.stringify(r));
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
        "INSERT INTO balances (kind, id, mineral, member, tons, row) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET mineral = excluded.mineral, member = excluded.member, tons = excluded.tons, row = excluded.row",
      ),
      balances: db.prepare("SELECT row FROM balances ORDER BY kind, id").pluck(),
      ofKind: db.prepare("SELECT row FROM balances WHERE kind = ? ORDER BY kind, id").pluck(),
      ofMember: db.prepare("SELECT row FROM balances WHERE member = ? ORDER BY kind, id").pluck(),
      ofBoth: db.prepare("SELECT row FROM balances WHERE member = ? AND kind = ? ORDER BY kind, id").pluck(),
      lastAt: db.prepare("SELECT max(at) FROM events").pluck(),
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
    for (const r of rows) this.q.balance.run(r.kind, r.id, r.mineral, r.member ?? null, r.tons, JSON.stringify(r));
  }
  async balances(query: BalanceQuery = {}) {
    const { kind, member } = query;
    const rows =
      member !== undefined
        ? kind !== undefined
          ? this.q.ofBoth.all(member, kind)
          : this.q.ofMember.all(member)
        : kind !== undefined
          ? this.q.ofKind.all(kind)
          : this.q.balances.all();
    return (rows as string[]).map((r) => JSON.parse(r) as B);
  }
  async lastAt() {
    return (this.q.lastAt.get() as string | null) ?? undefined;
  }
  async durability() {
    // synchronous reads back as a number: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
    const sync = ["off", "normal", "full", "extra"][this.db.pragma("synchronous", { simple: true }) as number] ?? "unknown";
    return { journal_mode: String(this.db.pragma("journal_mode", { simple: true })), synchronous: sync };
  }
  async version() {
    return this.q.version.get() as number;
  }
  async close() {
    this.db.close();
  }
}
