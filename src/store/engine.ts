import { LodestoneError } from "../index.js";
import type { BalanceQuery, Decide, LedgerStore, Reducer, RunResult, StoredBalance, StoredEvent } from "./types.js";

/** What a database gives the engine: one writer transaction at a time, the three tables, nothing else. */
export interface Backend<E extends StoredEvent, B extends StoredBalance> {
  /** Open the write transaction and take the writer lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock). */
  begin(): Promise<void>;
  /** Commit durably: resolves only once the commit is on disk. */
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** The command `actor` wrote under `key` (keys are per actor: another actor's same key is not it). */
  command(actor: string, key: string): Promise<{ fingerprint: string; first: number; last: number } | undefined>;
  /** Events with after < seq ≤ upTo (upTo: no bound), in order, at most `limit`. */
  events(after: number, limit: number, upTo?: number): Promise<E[]>;
  /** Append the events, record the command under (actor, key) and upsert its balance rows (inside the open transaction). */
  append(events: E[], actor: string, key: string, fingerprint: string, first: number, rows: B[]): Promise<void>;
  balances(query?: BalanceQuery): Promise<B[]>;
  lastAt(): Promise<string | undefined>;
  durability(): Promise<Record<string, string>>;
  version(): Promise<number>;
  close(): Promise<void>;
}

/** Rows read from the log per query while catching up (bounds memory on a 1M-event replay). */
const PAGE = 20_000;
/** Longest idempotency key or fingerprint accepted (a UUID is 36, a SHA-256 hex 64). */
const MAX_KEY = 200;
/** Default most commands per commit. */
export const DEFAULT_MAX_BATCH = 256;

type Outcome<E> = { ok: RunResult<E> } | { err: unknown };
interface Pending<S, E> {
  actor: string;
  key: string;
  fingerprint: string;
  decide: Decide<S, E>;
  resolve(r: RunResult<E>): void;
  reject(e: unknown): void;
}
type Job<S, E> = { cmd: Pending<S, E> } | { read: () => Promise<void> };

/**
 * The one write path both stores share. Commands queue; the pump takes every queued command (up to
 * maxBatch) into one transaction: catch up on the log, then for each command check its key, run
 * decide on the current state, apply the events, append them with their balance rows. One commit
 * (one fsync) then acknowledges the batch — group commit: nothing resolves before its commit is
 * durable. A command that throws in decide or apply writes nothing and does not disturb the others
 * (its events were never appended; the cached state is rebuilt from the log inside the transaction if
 * apply had already changed it). A database error fails the whole batch and drops the cache.
 */
export class Engine<S, E extends StoredEvent, B extends StoredBalance> implements LedgerStore<S, E, B> {
  private cached: S;
  private seq = 0;
  private readonly queue: Job<S, E>[] = [];
  private busy = false;
  private closed = false;

  constructor(
    private readonly db: Backend<E, B>,
    private readonly reducer: Reducer<S, E, B>,
    private readonly maxBatch = DEFAULT_MAX_BATCH,
  ) {
    this.cached = reducer.emptyState();
  }

  run(actor: string, key: string, fingerprint: string, decide: Decide<S, E>): Promise<RunResult<E>> {
    if (this.closed) return Promise.reject(new LodestoneError("internal", "ledger store is closed"));
    const bad = checkKey("actor", actor) ?? checkKey("key", key) ?? checkKey("fingerprint", fingerprint);
    if (bad) return Promise.reject(bad);
    if (typeof decide !== "function") return Promise.reject(new LodestoneError("internal", "run needs a decide function"));
    return new Promise((resolve, reject) => {
      this.queue.push({ cmd: { actor, key, fingerprint, decide, resolve, reject } });
      void this.pump();
    });
  }

  events(after = 0, limit?: number): Promise<E[]> {
    if (limit !== undefined) return this.read(() => this.db.events(after, Math.max(0, Math.floor(limit))));
    return this.read(async () => {
      const out: E[] = [];
      for (let page = await this.db.events(after, PAGE); page.length > 0; page = await this.db.events(out[out.length - 1].seq, PAGE)) out.push(...page);
      return out;
    });
  }

  state(): Promise<S> {
    return this.read(async () => {
      await this.catchUp();
      return this.cached;
    });
  }

  balances(query: BalanceQuery = {}): Promise<B[]> {
    return this.read(() => this.db.balances(query));
  }

  lastAt(): Promise<string | undefined> {
    return this.read(() => this.db.lastAt());
  }

  durability(): Promise<Record<string, string>> {
    return this.read(() => this.db.durability());
  }

  version(): Promise<number> {
    return this.read(() => this.db.version());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.read(async () => {});
    this.closed = true;
    await this.db.close();
  }

  /** Run a read between batches, so it never sees the cached state half-way through one. */
  private read<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new LodestoneError("internal", "ledger store is closed"));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ read: () => fn().then(resolve, reject) });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length > 0) {
        const head = this.queue[0];
        if ("read" in head) {
          this.queue.shift();
          await head.read();
          continue;
        }
        const batch: Pending<S, E>[] = [];
        while (batch.length < this.maxBatch && this.queue.length > 0 && "cmd" in this.queue[0]) batch.push((this.queue.shift() as { cmd: Pending<S, E> }).cmd);
        await this.batch(batch);
      }
    } finally {
      this.busy = false;
    }
  }

  private async batch(cmds: Pending<S, E>[]): Promise<void> {
    const outcomes: Outcome<E>[] = [];
    try {
      await this.db.begin();
    } catch (e) {
      for (const c of cmds) c.reject(e);
      return;
    }
    try {
      await this.catchUp();
      for (const c of cmds) outcomes.push(await this.one(c));
      await this.db.commit();
    } catch (e) {
      await this.db.rollback().catch(() => {});
      this.drop();
      for (const c of cmds) c.reject(e);
      return;
    }
    cmds.forEach((c, i) => {
      const o = outcomes[i];
      if ("ok" in o) c.resolve(o.ok);
      else c.reject(o.err);
    });
  }

  /** One command inside the open transaction. Refusals come back as `err`; database errors throw. */
  private async one(c: Pending<S, E>): Promise<Outcome<E>> {
    // keys are per actor: only this actor's own earlier command under the key is a retry or a conflict,
    // so nothing about another actor's writes (not even that the key was used) comes back
    const prior = await this.db.command(c.actor, c.key);
    if (prior) {
      if (prior.fingerprint !== c.fingerprint)
        return {
          err: new LodestoneError("conflict", {
            field: "key",
            message: `idempotency key ${JSON.stringify(c.key)} was already used by this actor for a different command`,
            expected: "a new key, or the same command as the first time",
          }),
        };
      return { ok: { events: await this.db.events(prior.first - 1, prior.last - prior.first + 1, prior.last), replayed: true } };
    }
    let made: E[];
    try {
      made = c.decide(this.cached);
      checkEvents(made);
    } catch (e) {
      return { err: e };
    }
    const events = made.map((e, i) => ({ ...e, seq: this.seq + 1 + i, key: c.key }));
    let rows: B[];
    try {
      for (const e of events) this.reducer.apply(this.cached, e);
      rows = unique(this.reducer.balanceRows(this.cached, events));
    } catch (e) {
      // apply may have changed the state part-way: rebuild it from the log (our own writes included)
      this.drop();
      await this.catchUp();
      return { err: e };
    }
    await this.db.append(events, c.actor, c.key, c.fingerprint, this.seq + 1, rows);
    this.seq += events.length;
    return { ok: { events, replayed: false } };
  }

  /** Fold every event after the cached state's last one into it (events other processes committed). */
  private async catchUp(): Promise<void> {
    for (let page = await this.db.events(this.seq, PAGE); page.length > 0; page = await this.db.events(this.seq, PAGE)) {
      for (const e of page) {
        this.reducer.apply(this.cached, e);
        this.seq = e.seq;
      }
    }
  }

  private drop(): void {
    this.cached = this.reducer.emptyState();
    this.seq = 0;
  }
}

function checkKey(field: string, v: unknown): LodestoneError | undefined {
  if (typeof v === "string" && v.length > 0 && v.length <= MAX_KEY) return undefined;
  return new LodestoneError("bad-input", {
    field,
    message: `${field} must be a non-empty string of at most ${MAX_KEY} characters`,
    expected: field === "actor" ? "the acting actor's id" : "e.g. a UUID",
  });
}

/** decide's output, checked before anything is written: a bug in a decide function must not reach the log. */
function checkEvents(made: unknown): asserts made is StoredEvent[] {
  if (!Array.isArray(made)) throw new LodestoneError("internal", "decide must return an array of events");
  for (const e of made) {
    const ok = e && typeof e === "object" && typeof e.type === "string" && typeof e.at === "string" && typeof e.actor === "string" && e.data !== undefined;
    if (!ok) throw new LodestoneError("internal", `decide returned a malformed event: ${JSON.stringify(e)?.slice(0, 200)}`);
  }
}

/** Last row per (kind, id): one upsert statement may not touch a row twice. */
function unique<B extends StoredBalance>(rows: B[]): B[] {
  const m = new Map<string, B>();
  for (const r of rows) m.set(`${r.kind}\u0000${r.id}`, r);
  return [...m.values()];
}
