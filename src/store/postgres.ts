import pg from "pg";
import { LodestoneError } from "../index.js";
import { type Backend, DEFAULT_MAX_BATCH, Engine } from "./engine.js";
import { LATEST, MIGRATIONS, needsRebuild, newerSchema, noReducer } from "./migrations.js";
import type { BalanceQuery, LedgerStore, Reducer, StoredBalance, StoredEvent, StoreOptions } from "./types.js";

/** Advisory lock ids (per database): the one writer lock, and the migration lock. "Lode" and "Migr" in ASCII. */
const WRITER_LOCK = 0x4c6f6465;
const MIGRATE_LOCK = 0x4d696772;

interface EventRow {
  seq: string;
  type: string;
  at: string;
  actor: string;
  key: string;
  data: unknown;
}

/**
 * The server store: one connection per store. Each batch of commands is one transaction that first
 * takes a transaction-scoped advisory lock, so writers from every process queue on it (no
 * serialization failures to retry), and READ COMMITTED statements after the lock see every earlier
 * commit. synchronous_commit is forced on for the session: COMMIT returns once the WAL is flushed.
 */
export async function openPostgres<S, E extends StoredEvent, B extends StoredBalance>(
  url: string,
  reducer: Reducer<S, E, B>,
  options: StoreOptions = {},
): Promise<LedgerStore<S, E, B>> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw new LodestoneError("bad-input", { field: "url", message: `cannot connect to the ledger database: ${(e as Error).message}` });
  }
  client.on("error", () => {}); // a dropped connection surfaces as the next query's error
  await client.query("SET synchronous_commit = on");
  await migratePostgres(client, LATEST, reducer);
  return new Engine<S, E, B>(new PostgresBackend<E, B>(client), reducer, options.maxBatch ?? DEFAULT_MAX_BATCH);
}

/**
 * Bring the database to `target` (default the latest) in one transaction under the migration lock. A
 * step that changes the balance rows (REBUILDS) rebuilds them from the log with `reducer`, in the same transaction.
 */
export async function migratePostgres<S, E extends StoredEvent, B extends StoredBalance>(
  client: pg.Client,
  target = LATEST,
  reducer?: Reducer<S, E, B>,
): Promise<number> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATE_LOCK]);
    await client.query("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    const row = (await client.query("SELECT version FROM schema_version")).rows[0] as { version: number } | undefined;
    const from = row?.version ?? 0;
    if (from > LATEST) throw newerSchema(from);
    for (let v = from + 1; v <= target; v++) await client.query(MIGRATIONS.postgres[v - 1]);
    if (from > 0 && needsRebuild(from, target)) await rebuildBalances(client, reducer);
    if (!row) await client.query("INSERT INTO schema_version (version) VALUES ($1)", [Math.max(from, target)]);
    else if (target > from) await client.query("UPDATE schema_version SET version = $1", [target]);
    await client.query("COMMIT");
    return Math.max(from, target);
  } catch (e) {
    await client.query("ROLLBACK");
    throw e;
  }
}

const PAGE = 20_000;
const UPSERT =
  "INSERT INTO balances (kind, id, mineral, member, tons, row) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::json[]) ON CONFLICT (kind, id) DO UPDATE SET mineral = excluded.mineral, member = excluded.member, tons = excluded.tons, row = excluded.row";

async function putRows(c: pg.Client, rows: StoredBalance[]): Promise<void> {
  for (let i = 0; i < rows.length; i += PAGE) {
    const part = rows.slice(i, i + PAGE);
    await c.query(UPSERT, [
      part.map((r) => r.kind),
      part.map((r) => r.id),
      part.map((r) => r.mineral),
      part.map((r) => r.member ?? null),
      part.map((r) => r.tons),
      part.map((r) => JSON.stringify(r)),
    ]);
  }
}

/** Replace the balances table by the rows of a full replay of the log (inside the caller's transaction). */
async function rebuildBalances<S, E extends StoredEvent, B extends StoredBalance>(c: pg.Client, reducer: Reducer<S, E, B> | undefined): Promise<void> {
  await c.query("DELETE FROM balances");
  const page = async (after: number) =>
    (await c.query({ text: "SELECT seq, type, at, actor, key, data FROM events WHERE seq > $1 ORDER BY seq LIMIT $2", values: [after, PAGE] }))
      .rows as EventRow[];
  let rows = await page(0);
  if (rows.length === 0) return;
  if (!reducer) throw noReducer();
  const s = reducer.emptyState();
  for (; rows.length > 0; rows = await page(Number(rows[rows.length - 1].seq)))
    for (const r of rows) reducer.apply(s, { ...r, seq: Number(r.seq) } as unknown as E);
  await putRows(c, reducer.balanceRows(s));
}

class PostgresBackend<E extends StoredEvent, B extends StoredBalance> implements Backend<E, B> {
  constructor(private readonly c: pg.Client) {}
  async begin() {
    await this.c.query("BEGIN");
    await this.c.query("SELECT pg_advisory_xact_lock($1)", [WRITER_LOCK]);
  }
  async commit() {
    await this.c.query("COMMIT");
  }
  async rollback() {
    await this.c.query("ROLLBACK");
  }
  async command(actor: string, key: string) {
    const r = await this.c.query("SELECT fingerprint, first_seq, last_seq FROM commands WHERE actor = $1 AND key = $2", [actor, key]);
    const row = r.rows[0] as { fingerprint: string; first_seq: string; last_seq: string } | undefined;
    return row && { fingerprint: row.fingerprint, first: Number(row.first_seq), last: Number(row.last_seq) };
  }
  async events(after: number, limit: number, upTo = Number.MAX_SAFE_INTEGER) {
    const r = await this.c.query({
      text: "SELECT seq, type, at, actor, key, data FROM events WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3",
      values: [after, upTo, limit],
    });
    return (r.rows as EventRow[]).map((row) => ({ ...row, seq: Number(row.seq) }) as unknown as E);
  }
  async append(events: E[], actor: string, key: string, fingerprint: string, first: number, rows: B[]) {
    if (events.length > 0)
      await this.c.query(
        "INSERT INTO events (seq, type, at, actor, key, data) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::json[])",
        [
          events.map((e) => e.seq),
          events.map((e) => e.type),
          events.map((e) => e.at),
          events.map((e) => e.actor),
          events.map((e) => e.key),
          events.map((e) => JSON.stringify(e.data)),
        ],
      );
    await this.c.query("INSERT INTO commands (actor, key, fingerprint, first_seq, last_seq, committed_at) VALUES ($1, $2, $3, $4, $5, now())", [
      actor,
      key,
      fingerprint,
      first,
      first + events.length - 1,
    ]);
    if (rows.length > 0) await putRows(this.c, rows);
  }
  async balances(query: BalanceQuery = {}) {
    const where: string[] = [];
    const values: string[] = [];
    if (query.member !== undefined) where.push(`member = $${values.push(query.member)}`);
    if (query.kind !== undefined) where.push(`kind = $${values.push(query.kind)}`);
    const r = await this.c.query(
      `SELECT row FROM balances ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY kind COLLATE "C", id COLLATE "C"`,
      values,
    );
    return r.rows.map((x: { row: B }) => x.row);
  }
  async lastAt() {
    return ((await this.c.query("SELECT max(at) AS at FROM events")).rows[0].at as string | null) ?? undefined;
  }
  async durability() {
    return { synchronous_commit: String((await this.c.query("SHOW synchronous_commit")).rows[0].synchronous_commit) };
  }
  async version() {
    return (await this.c.query("SELECT version FROM schema_version")).rows[0].version as number;
  }
  async close() {
    await this.c.end();
  }
}
