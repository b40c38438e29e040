import pg from "pg";
import { describe, expect, it } from "vitest";
import { migratePostgres, openPostgres, SCHEMA_VERSION } from "../../src/store/index.js";
import { checkInvariants, contractSuite, exec } from "./contract.js";
import { PG_MISSING, PG_URL, throwaway } from "./pg.js";
import { processSuite } from "./processes.js";
import { fingerprint, reducer } from "./stand-in.js";

// No silent skip: without a server this file fails, naming what to set.
it("has a PostgreSQL server to test against (LODESTONE_PG_URL)", () => {
  expect(PG_URL, PG_MISSING).toBeTruthy();
});

contractSuite("PostgreSQL", {
  async fresh() {
    const db = await throwaway();
    return { open: () => openPostgres(db.url, reducer), drop: db.drop };
  },
});

describe("PostgreSQL store migrations", () => {
  it("migrates an empty database to the latest schema version", async () => {
    const db = await throwaway();
    const s = await openPostgres(db.url, reducer);
    expect(await s.version()).toBe(SCHEMA_VERSION);
    await s.close();
    await db.drop();
  });

  it("migrates a version-1 database with data to the latest and keeps its events, keys and balances", async () => {
    const db = await throwaway();
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    expect(await migratePostgres(c, 1)).toBe(1);
    await c.query("INSERT INTO events VALUES (1, 'lot.received', '2026-01-01', 'op-1', 'k1', $1)", [
      JSON.stringify({ lot: "L1", mineral: "antimony", tons: 7 }),
    ]);
    await c.query("INSERT INTO commands VALUES ('k1', $1, 1, 1)", [
      fingerprint({ type: "receive", lot: "L1", mineral: "antimony", tons: 7, at: "2026-01-01" }),
    ]);
    await c.query("INSERT INTO balances VALUES ('lot', 'L1', 'antimony', 7, $1)", [
      JSON.stringify({ kind: "lot", id: "L1", mineral: "antimony", tons: 7, received: 7, released: 0 }),
    ]);
    await c.query("INSERT INTO balances VALUES ('mineral', 'antimony', 'antimony', 7, $1)", [
      JSON.stringify({ kind: "mineral", id: "antimony", mineral: "antimony", tons: 7 }),
    ]);
    await c.end();
    const s = await openPostgres(db.url, reducer);
    expect(await s.version()).toBe(2);
    expect((await exec(s, "k1", { type: "receive", lot: "L1", mineral: "antimony", tons: 7, at: "2026-01-01" })).replayed).toBe(true);
    await exec(s, "k2", { type: "release", draw: "d1", member: "m-1", lots: [{ lot: "L1", tons: 2 }], at: "2026-01-02" });
    const { state } = await checkInvariants(s);
    expect(state.lots.get("L1")).toEqual({ mineral: "antimony", received: 7, released: 2 });
    await s.close();
    await db.drop();
  });
});

processSuite("PostgreSQL", {
  store: "postgres",
  async fresh() {
    const db = await throwaway();
    return { target: db.url, open: () => openPostgres(db.url, reducer), drop: db.drop };
  },
});
