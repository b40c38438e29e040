// The store's view of the ledger: only what it needs to persist and replay events. The core
// (src/ledger) has the closed unions; its LedgerEvent and BalanceRow are assignable to these, so the
// store takes the core's functions as a Reducer and never depends on which events exist.

/** One entry of the append-only log as the store keeps it (`seq` assigned on append; 0 before). */
export interface StoredEvent {
  seq: number;
  type: string;
  at: string;
  actor: string;
  key: string;
  data: unknown;
}

/** One row of the derived balances table: `(kind, id)` is its key; any further fields are kept as JSON. */
export interface StoredBalance {
  kind: string;
  id: string;
  mineral: string;
  /** the member the row belongs to, if any (indexed: a member's statement reads its rows) */
  member?: string | null;
  tons: number;
}

/** Which balance rows to read: of one kind, of one member, or both (every row when empty). */
export interface BalanceQuery {
  kind?: string;
  member?: string;
}

/**
 * The pure core the store folds events with: the same signatures as src/ledger's `emptyState`,
 * `apply` (mutates; throws on an impossible event) and `balanceRows` (the rows the touched events
 * changed, read from the state after they were applied; every row when `touched` is left out, which
 * a migration that adds to the rows uses to rebuild the table from the log).
 */
export interface Reducer<S, E extends StoredEvent = StoredEvent, B extends StoredBalance = StoredBalance> {
  emptyState(): S;
  apply(state: S, e: E): void;
  balanceRows(state: S, touched?: E[]): B[];
}

export interface RunResult<E> {
  events: E[];
  /** true when the key was seen before: the stored events are returned and nothing is written */
  replayed: boolean;
}

/** The events a command makes from the current state, with `seq` 0 (the store numbers them and sets `key`). Throws to refuse; nothing is written then. */
export type Decide<S, E> = (state: S) => E[];

export interface LedgerStore<S, E extends StoredEvent = StoredEvent, B extends StoredBalance = StoredBalance> {
  /**
   * One command as one transaction: lock, catch up on events other processes wrote, run `decide`
   * on the current state, append its events and update the derived balances in the same
   * transaction, commit durably, then resolve. Keys are per `actor` (the acting actor's id, or a
   * shared scope such as a plan's): a key this actor used before resolves to the events stored for
   * it and writes nothing (`replayed: true`); the same key with another fingerprint is a `conflict`;
   * another actor's same key is another command, and nothing of it is seen.
   */
  run(actor: string, key: string, fingerprint: string, decide: Decide<S, E>): Promise<RunResult<E>>;
  /** Every event with seq > after, in order (at most `limit` of them when given: page through a long log without holding it all). */
  events(after?: number, limit?: number): Promise<E[]>;
  /** The state after every committed event (cached; caught up on other processes' events). */
  state(): Promise<S>;
  /** The derived balances table (what the position, cover and statements read), ordered by kind and id; `query` narrows it to a kind and/or a member. */
  balances(query?: BalanceQuery): Promise<B[]>;
  /** The latest business date-time of any event (undefined: an empty log); indexed, so cheap. */
  lastAt(): Promise<string | undefined>;
  /**
   * The open connection's durability settings as the database reports them (SQLite: journal_mode and
   * synchronous, which must be "wal" and "full"; PostgreSQL: synchronous_commit, "on").
   */
  durability(): Promise<Record<string, string>>;
  /** The schema version of the open database. */
  version(): Promise<number>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /**
   * Most commands one commit carries (group commit). Commands queued while a commit is under way go
   * into the next one, so a single awaiting caller still gets one commit per command; every command
   * is durable before its promise resolves either way.
   */
  maxBatch?: number;
}
