// The ledger stores (`lodestone/store`): SQLite embedded, PostgreSQL for many users, one interface.
export { LATEST as SCHEMA_VERSION } from "./migrations.js";
export { migratePostgres, openPostgres } from "./postgres.js";
export { migrateSqlite, openSqlite } from "./sqlite.js";
export type { Decide, LedgerStore, Reducer, RunResult, StoredBalance, StoredEvent, StoreOptions } from "./types.js";
