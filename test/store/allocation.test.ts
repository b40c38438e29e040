/**
 * The crisis allocation rule through both stores: a burst of concurrent
 * releases (group commit) under a declared rule never takes a member past its share nor the stock
 * below the floor, and the contract suite's invariants hold afterwards (checkInvariants: balances =
 * a full replay, no stock negative, releases within receipts), the declared rule included.
 * Worked by hand: 12 t of ndpr, stock floor 2 t → 10 t may be released; acme and bolt, both
 * critical infrastructure with 20 t/yr, each have 10 t approved: 5 t each, whatever order the
 * 0.5 t releases land in.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { replay } from "../../src/index.js";
import { openLedger } from "../../src/store/index.js";
import { checkInvariants, exec, type Store } from "./contract.js";
import { PG_URL, throwaway } from "./pg.js";

const harnesses: [string, () => Promise<{ store: Store; drop: () => Promise<void> }>][] = [
  [
    "SQLite",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "lodestone-alloc-store-"));
      return { store: await openLedger(`sqlite:${join(dir, "ledger.db")}`), drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  ],
  [
    "PostgreSQL",
    async () => {
      expect(PG_URL, "LODESTONE_PG_URL").toBeTruthy();
      const db = await throwaway();
      return { store: await openLedger(db.url), drop: db.drop };
    },
  ],
];

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

describe.each(harnesses)("%s store: releases under the crisis allocation rule", (_name, open) => {
  it("a burst of concurrent releases gives each member its share and keeps the stock floor; the invariants hold", async () => {
    const { store: s, drop } = await open();
    cleanup.push(async () => {
      await s.close();
      await drop();
    });
    await exec(s, "o", { type: "order", order: "O-1", mineral: "ndpr", form: "oxide", spec: "99.5 %", tons: 12, price: 1, contract: "C-1" });
    await exec(s, "r", { type: "receive", order: "O-1", lot: "A", tons: 12, location: "Depot" });
    for (const m of ["acme", "bolt"]) {
      await exec(s, `m-${m}`, { type: "register-member", member: m, name: m });
      await exec(s, `e-${m}`, {
        type: "set-entitlement",
        member: m,
        mineral: "ndpr",
        basis: { kind: "tons", tonsPerYear: 20 },
        priceRule: { kind: "fixed", price: 1 },
        priority: "critical-infrastructure",
      });
      await exec(s, `q-${m}`, { type: "request-draw", draw: `D-${m}`, member: m, mineral: "ndpr", tons: 10 });
      await exec(s, `a-${m}`, { type: "approve-draw", draw: `D-${m}` });
    }
    await exec(s, "rule", { type: "set-allocation-rule", mineral: "ndpr", stockFloorTons: 2 });
    // 0.5 t at a time, interleaved: 20 tries each, 10 fit
    const tries = Array.from({ length: 40 }, (_, i) => {
      const m = i % 2 === 0 ? "acme" : "bolt";
      return exec(s, `x-${i}`, { type: "release", draw: `D-${m}`, tons: 0.5 });
    });
    const results = await Promise.allSettled(tries);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(20);
    const { state } = await checkInvariants(s);
    expect(state.draws.get("D-acme")?.released).toBe(5);
    expect(state.draws.get("D-bolt")?.released).toBe(5);
    expect(state.lots.get("A")?.tons).toBe(2);
    const cached = await s.state();
    expect([...cached.allocationRules]).toEqual([...replay(await s.events()).allocationRules]);
    expect(cached.allocationRules.get("ndpr")).toMatchObject({ status: "on", stockFloor: 2 });
  });
});
