import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrateSqlite, openSqlite, SCHEMA_VERSION } from "../../src/store/index.js";
import { checkInvariants, contractSuite, exec } from "./contract.js";
import { processSuite } from "./processes.js";
import { fingerprint, reducer } from "./stand-in.js";

function tmpDb() {
  const dir = mkdtempSync(join(tmpdir(), "lodestone-sqlite-"));
  return { path: join(dir, "ledger.db"), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

contractSuite("SQLite", {
  async fresh() {
    const { path, drop } = tmpDb();
    return { open: () => openSqlite(path, reducer), drop };
  },
});

describe("SQLite store settings and migrations", () => {
  it("opens the database in WAL mode", async () => {
    const { path, drop } = tmpDb();
    const s = await openSqlite(path, reducer);
    await s.close();
    const db = new Database(path);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
    await drop();
  });

  it("migrates an empty database to the latest schema version", async () => {
    const { path, drop } = tmpDb();
    const s = await openSqlite(path, reducer);
    expect(await s.version()).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(2);
    await s.close();
    const db = new Database(path);
    expect(db.prepare("SELECT name FROM pragma_table_info('commands')").pluck().all()).toEqual(["key", "fingerprint", "first_seq", "last_seq", "committed_at"]);
    db.close();
    await drop();
  });

  it("migrates a version-1 database with data to the latest and keeps its events, keys and balances", async () => {
    const { path, drop } = tmpDb();
    const db = new Database(path);
    expect(migrateSqlite(db, 1)).toBe(1);
    // a version-1 log written by hand: lot L1 of 7 t
    db.prepare("INSERT INTO events VALUES (1, 'lot.received', '2026-01-01', 'op-1', 'k1', ?)").run(JSON.stringify({ lot: "L1", mineral: "antimony", tons: 7 }));
    db.prepare("INSERT INTO commands VALUES ('k1', ?, 1, 1)").run(fingerprint({ type: "receive", lot: "L1", mineral: "antimony", tons: 7, at: "2026-01-01" }));
    db.prepare("INSERT INTO balances VALUES ('lot', 'L1', 'antimony', 7, ?)").run(
      JSON.stringify({ kind: "lot", id: "L1", mineral: "antimony", tons: 7, received: 7, released: 0 }),
    );
    db.prepare("INSERT INTO balances VALUES ('mineral', 'antimony', 'antimony', 7, ?)").run(
      JSON.stringify({ kind: "mineral", id: "antimony", mineral: "antimony", tons: 7 }),
    );
    db.close();
    const s = await openSqlite(path, reducer);
    expect(await s.version()).toBe(2);
    const replayed = await exec(s, "k1", { type: "receive", lot: "L1", mineral: "antimony", tons: 7, at: "2026-01-01" });
    expect(replayed.replayed).toBe(true);
    await exec(s, "k2", { type: "release", draw: "d1", member: "m-1", lots: [{ lot: "L1", tons: 2 }], at: "2026-01-02" });
    const { state } = await checkInvariants(s);
    expect(state.lots.get("L1")).toEqual({ mineral: "antimony", received: 7, released: 2 });
    await s.close();
    await drop();
  });

  it("refuses a database from a newer Lodestone", async () => {
    const { path, drop } = tmpDb();
    const db = new Database(path);
    migrateSqlite(db);
    db.prepare("UPDATE schema_version SET version = 99").run();
    db.close();
    await expect(openSqlite(path, reducer)).rejects.toMatchObject({ code: "integrity", issues: [{ field: "schema_version" }] });
    await drop();
  });
});

processSuite("SQLite", {
  store: "sqlite",
  async fresh() {
    const { path, drop } = tmpDb();
    return { target: path, open: () => openSqlite(path, reducer), drop };
  },
});
