import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrateSqlite, openLedger, SCHEMA_VERSION } from "../../src/store/index.js";
import { contractSuite } from "./contract.js";
import { processSuite } from "./processes.js";
import { checkMigrated, scopes, v1Log } from "./v1.js";

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

describe("the ledger spec", () => {
  it("refuses another database's URL and an empty file name, naming --ledger and the two forms", async () => {
    for (const [spec, message] of [
      ["mysql://db/reserve", '"mysql" is not a ledger store'],
      ["sqlite:", "no file named"],
    ]) {
      const e = await openLedger(spec).then(
        () => undefined,
        (x: unknown) => x as { code: string; issues: { field: string; message: string; expected: string }[] },
      );
      expect(e?.code).toBe("bad-input");
      expect(e?.issues[0]).toMatchObject({ field: "--ledger", message, expected: "sqlite:FILE or postgres://user@host/db" });
    }
  });
});

describe("SQLite store settings and migrations", () => {
  it("opens the database in WAL mode with synchronous=FULL on the store's own connection (a commit is fsynced before it is acknowledged)", async () => {
    const { path, drop } = tmpDb();
    const s = await openLedger(`sqlite:${path}`);
    // synchronous is per connection (a new one reads SQLite's compiled default), so ask the store's
    expect(await s.durability()).toEqual({ journal_mode: "wal", synchronous: "full" });
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
    expect(SCHEMA_VERSION).toBe(4);
    await s.close();
    const db = new Database(path);
    expect(db.prepare("SELECT name FROM pragma_table_info('commands')").pluck().all()).toEqual([
      "actor",
      "key",
      "fingerprint",
      "first_seq",
      "last_seq",
      "committed_at",
    ]);
    // the key of a command is (actor, key)
    expect(db.prepare("SELECT name FROM pragma_table_info('commands') WHERE pk > 0 ORDER BY pk").pluck().all()).toEqual(["actor", "key"]);
    db.close();
    await drop();
  });

  /** A database left at `version` holding V1_COMMANDS' log, written by hand (made by the real core). */
  function oldDatabase(path: string, version: 1 | 2 | 3) {
    const db = new Database(path);
    expect(migrateSqlite(db, version)).toBe(version);
    const v1 = v1Log();
    for (const e of v1.events) db.prepare("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)").run(e.seq, e.type, e.at, e.actor, e.key, JSON.stringify(e.data));
    for (const c of v1.commands)
      if (version === 1) db.prepare("INSERT INTO commands VALUES (?, ?, ?, ?)").run(...c);
      else if (version === 2) db.prepare("INSERT INTO commands VALUES (?, ?, ?, ?, ?)").run(...c, `2026-11-25T10:00:0${c[2]}.000Z`);
      else db.prepare("INSERT INTO commands VALUES (?, ?, ?, ?, ?, ?)").run(scopes()[c[2] - 1][0], ...c, `2026-11-25T10:00:0${c[2]}.000Z`);
    for (const r of v1.balances) db.prepare("INSERT INTO balances VALUES (?, ?, ?, ?, ?)").run(r.kind, r.id, r.mineral, r.tons, JSON.stringify(r));
    db.close();
    return v1;
  }

  it.each([1, 2, 3] as const)(
    "migrates a version-%i database with data to the latest: every event, key and balance kept, each key under its actor",
    async (version) => {
      const { path, drop } = tmpDb();
      const v1 = oldDatabase(path, version);
      const s = await openLedger(`sqlite:${path}`);
      const db = new Database(path, { readonly: true });
      const rows = db.prepare("SELECT actor, key, fingerprint, first_seq, last_seq, committed_at FROM commands ORDER BY first_seq").raw().all();
      db.close();
      expect(rows).toEqual(v1.commands.map((c, i) => [...scopes()[i], c[1], c[2], c[3], version === 1 ? null : `2026-11-25T10:00:0${c[2]}.000Z`]));
      await checkMigrated(s, v1);
      await s.close();
      await drop();
    },
  );

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
