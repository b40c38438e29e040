import pg from "pg";
import { describe, expect, it } from "vitest";
import { migratePostgres, openLedger, SCHEMA_VERSION } from "../../src/store/index.js";
import { checkInvariants, contractSuite, exec } from "./contract.js";
import { PG_MISSING, PG_URL, throwaway } from "./pg.js";
import { processSuite } from "./processes.js";
import { V1_COMMANDS, v1Log } from "./v1.js";

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
  it("migrates an empty database to the latest schema version", async () => {
    const db = await throwaway();
    const s = await openLedger(db.url);
    expect(await s.version()).toBe(SCHEMA_VERSION);
    await s.close();
    await db.drop();
  });

  it("migrates a version-1 database with data to the latest and keeps its events, keys and balances", async () => {
    const db = await throwaway();
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    expect(await migratePostgres(c, 1)).toBe(1);
    // a version-1 log written by hand (made by the real core): member, entitlement, order, lot L1 of 7 t, draw D-1 of 2 t approved
    const v1 = v1Log();
    for (const e of v1.events)
      await c.query("INSERT INTO events VALUES ($1, $2, $3, $4, $5, $6)", [e.seq, e.type, e.at, e.actor, e.key, JSON.stringify(e.data)]);
    for (const row of v1.commands) await c.query("INSERT INTO commands VALUES ($1, $2, $3, $4)", row);
    for (const r of v1.balances) await c.query("INSERT INTO balances VALUES ($1, $2, $3, $4, $5)", [r.kind, r.id, r.mineral, r.tons, JSON.stringify(r)]);
    await c.end();
    const s = await openLedger(db.url);
    expect(await s.version()).toBe(2);
    expect(await exec(s, "k4", V1_COMMANDS[3][1])).toEqual({ replayed: true, events: [v1.events[3]] });
    await exec(s, "k7", { type: "release", draw: "D-1", lots: [{ lot: "L1", tons: 2 }] });
    const { state } = await checkInvariants(s);
    expect(state.lots.get("L1")).toMatchObject({ mineral: "antimony", received: 7, released: 2, tons: 5 });
    await s.close();
    await db.drop();
  });
});

processSuite("PostgreSQL", {
  store: "postgres",
  async fresh() {
    const db = await throwaway();
    return { target: db.url, open: () => openLedger(db.url), drop: db.drop };
  },
});
