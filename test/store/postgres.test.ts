import pg from "pg";
import { describe, expect, it } from "vitest";
import { migratePostgres, openLedger, SCHEMA_VERSION } from "../../src/store/index.js";
import { contractSuite } from "./contract.js";
import { PG_MISSING, PG_URL, throwaway } from "./pg.js";
import { processSuite } from "./processes.js";
import { checkMigrated, scopes, v1Log } from "./v1.js";

// No silent skip: without a server this file fails, naming what to set.
it("has a PostgreSQL server to test against (LODESTONE_PG_URL)", () => {
  expect(PG_URL, PG_MISSING).toBeTruthy();
});

contractSuite("PostgreSQL", {
  async fresh() {
    const db = await throwaway();
    return { open: () => openLedger(db.url), drop: db.drop };
  },
});

describe("PostgreSQL store migrations", () => {
  it("commits with synchronous_commit on (the store's own session: a commit is on disk before it is acknowledged)", async () => {
    const db = await throwaway();
    const s = await openLedger(db.url);
    expect(await s.durability()).toEqual({ synchronous_commit: "on" });
    await s.close();
    await db.drop();
  });

  it("migrates an empty database to the latest schema version", async () => {
    const db = await throwaway();
    const s = await openLedger(db.url);
    expect(await s.version()).toBe(SCHEMA_VERSION);
    await s.close();
    await db.drop();
  });

  it.each([1, 2, 3] as const)(
    "migrates a version-%i database with data to the latest: every event, key and balance kept, each key under its actor",
    async (version) => {
      const db = await throwaway();
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      expect(await migratePostgres(c, version)).toBe(version);
      // V1_COMMANDS' log written by hand (made by the real core)
      const v1 = v1Log();
      for (const e of v1.events)
        await c.query("INSERT INTO events VALUES ($1, $2, $3, $4, $5, $6)", [e.seq, e.type, e.at, e.actor, e.key, JSON.stringify(e.data)]);
      for (const row of v1.commands)
        if (version === 1) await c.query("INSERT INTO commands VALUES ($1, $2, $3, $4)", row);
        else if (version === 2) await c.query("INSERT INTO commands VALUES ($1, $2, $3, $4, $5)", [...row, `2026-11-25T10:00:0${row[2]}Z`]);
        else
          await c.query("INSERT INTO commands (actor, key, fingerprint, first_seq, last_seq, committed_at) VALUES ($1, $2, $3, $4, $5, $6)", [
            scopes()[row[2] - 1][0],
            ...row,
            `2026-11-25T10:00:0${row[2]}Z`,
          ]);
      for (const r of v1.balances) await c.query("INSERT INTO balances VALUES ($1, $2, $3, $4, $5)", [r.kind, r.id, r.mineral, r.tons, JSON.stringify(r)]);
      await c.end();
      const s = await openLedger(db.url);
      const check = new pg.Client({ connectionString: db.url });
      await check.connect();
      const rows = (
        await check.query(
          "SELECT actor, key, fingerprint, first_seq::int AS first, last_seq::int AS last, committed_at IS NOT NULL AS dated FROM commands ORDER BY first_seq",
        )
      ).rows.map((r) => [r.actor, r.key, r.fingerprint, r.first, r.last, r.dated]);
      const pk = (
        await check.query(
          "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indrelid = 'commands'::regclass AND i.indisprimary ORDER BY a.attnum",
        )
      ).rows.map((r) => r.attname);
      await check.end();
      expect(rows).toEqual(v1.commands.map((row, i) => [...scopes()[i], row[1], row[2], row[3], version >= 2]));
      expect(pk.sort()).toEqual(["actor", "key"]);
      await checkMigrated(s, v1);
      await s.close();
      await db.drop();
    },
  );
});

processSuite("PostgreSQL", {
  store: "postgres",
  async fresh() {
    const db = await throwaway();
    return { target: db.url, open: () => openLedger(db.url), drop: db.drop };
  },
});
