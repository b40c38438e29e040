// The ledger stores (`lodestone/store`): SQLite embedded, PostgreSQL for many users, one interface.
// Each takes the pure core as a Reducer: `openSqlite(path, { emptyState, apply, balanceRows })` with
// src/ledger's functions; a command is `store.run(actor.id, key, fingerprint, (state) => decide(state, cmd, actor, key, now))`,
// where keys are per actor and the fingerprint is a hash of the command and the actor (at most 200 characters).

export { commandFingerprint, DEFAULT_LEDGER, type Ledger, openLedger, runCommand } from "./ledger.js";
export { ledgerInputs } from "./ledger-inputs.js";
export {
  coverDemand,
  demandFor,
  holdingsAt,
  holdingsLabel,
  holdingsOf,
  ledgerHoldings,
  ledgerSpec,
  memberShortfallRuns,
  memberShortfalls,
  openLedgerToRead,
  type PlanOrder,
  planId,
  planOrders,
  readLedgerHoldings,
  valuationPrices,
  writeOrders,
} from "./loop.js";
export { LATEST as SCHEMA_VERSION, PLAN_SCOPE } from "./migrations.js";
export { migratePostgres, openPostgres } from "./postgres.js";
export { type ReadPosition, readCover, readPosition, readStatement } from "./reports.js";
export { migrateSqlite, openSqlite } from "./sqlite.js";
export type { BalanceQuery, Decide, LedgerStore, Reducer, RunResult, StoredBalance, StoredEvent, StoreOptions } from "./types.js";
