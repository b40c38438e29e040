import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrateSqlite, openLedger, SCHEMA_VERSION } from "../../src/store/index.js";
import { checkInvariants, contractSuite, exec } from "./contract.js";
import { processSuite } from "./processes.js";
import { V1_COMMANDS, v1Log } from "./v1.js";

function tmpDb() {
  const dir = mkdtempSync(join(tmpdir(), "lodestone-sqlite-"));
  return { path: join(dir, "ledger.db"), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

contractSuite("SQLite", {
  async fresh() {
    const { path, drop } = tmpDb();
    return { open: () => openLedger(`sqlite:${path}`), drop };
  },
});

describe("SQLite store settings and migrations", () => {
  it("opens the database in WAL mode", async () => {
    const { path, drop } = tmpDb();
    const s = await openLedger(`sqlite:${path}`);
    await s.close();
    const db = new Database(path);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
    await drop();
  });

  it("migrates an empty database to the latest schema version", async () => {
    const { path, drop } = tmpDb();
    const s = await openLedger(`sqlite:${path}`);
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
    // a version-1 log written by hand (made by the real core): member, entitlement, order, lot L1 of 7 t, draw D-1 of 2 t approved
    const v1 = v1Log();
    for (const e of v1.events) db.prepare("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)").run(e.seq, e.type, e.at, e.actor, e.key, JSON.stringify(e.data));
    for (const c of v1.commands) db.prepare("INSERT INTO commands VALUES (?, ?, ?, ?)").run(...c);
    for (const r of v1.balances) db.prepare("INSERT INTO balances VALUES (?, ?, ?, ?, ?)").run(r.kind, r.id, r.mineral, r.tons, JSON.stringify(r));
    db.close();
    const s = await openLedger(`sqlite:${path}`);
    expect(await s.version()).toBe(2);
    const replayed = await exec(s, "k4", V1_COMMANDS[3][1]);
    expect(replayed).toEqual({ replayed: true, events: [v1.events[3]] });
    await exec(s, "k7", { type: "release", draw: "D-1", lots: [{ lot: "L1", tons: 2 }] });
    const { state } = await checkInvariants(s);
    expect(state.lots.get("L1")).toMatchObject({ mineral: "antimony", received: 7, released: 2, tons: 5 });
    await s.close();
    await drop();
  });

  it("refuses a database from a newer Lodestone", async () => {
    const { path, drop } = tmpDb();
    const db = new Database(path);
    migrateSqlite(db);
    db.prepare("UPDATE schema_version SET version = 99").run();
    db.close();
    await expect(openLedger(`sqlite:${path}`)).rejects.toMatchObject({ code: "integrity", issues: [{ field: "schema_version" }] });
    await drop();
  });
});

processSuite("SQLite", {
  store: "sqlite",
  async fresh() {
    const { path, drop } = tmpDb();
    return { target: path, open: () => openLedger(`sqlite:${path}`), drop };
  },
});
