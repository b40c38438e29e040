// A version-1 (and version-2) ledger database's contents made with the real core in memory (decide,
// apply, balanceRows), for the migration tests to write by hand into a database left at an older
// schema version. Draw D-acme-1 is requested by the member acme's own actor; the last command is an order
// a plan wrote (writeOrders: its key plan:…, its fingerprint the plan's, shared by every operator).

import { expect } from "vitest";
import { type Actor, apply, type BalanceRow, balanceRows, type Command, decide, emptyState, type LedgerEvent } from "../../src/index.js";
import { commandFingerprint, type Ledger, PLAN_SCOPE, readPosition, readStatement, SCHEMA_VERSION, writeOrders } from "../../src/store/index.js";
import { checkInvariants, exec, NOW, OP } from "./contract.js";

export const ACME: Actor = { id: "acme-user", role: "member", member: "acme" };
export const PLAN_KEY = "plan:abc123def456:antimony:1";
export const PLAN_ORDER: Extract<Command, { type: "order" }> = {
  type: "order",
  order: PLAN_KEY,
  mineral: "antimony",
  form: "ingot",
  spec: "Sb 99.65 %",
  tons: 5,
  price: 12_000,
  contract: "plan:abc123def456",
  plan: "abc123def456",
  at: "2027-01-01T00:00:00Z",
};

export const V1_COMMANDS: [string, Command, Actor][] = [
  ["k1", { type: "register-member", member: "acme", name: "Acme Magnets" }, OP],
  [
    "k2",
    {
      type: "set-entitlement",
      member: "acme",
      mineral: "antimony",
      basis: { kind: "tons", tonsPerYear: 50 },
      priceRule: { kind: "fixed", price: 15_000 },
      priority: "defence",
    },
    OP,
  ],
  ["k3", { type: "order", order: "O-1", mineral: "antimony", form: "ingot", spec: "Sb 99.65 %", tons: 10, price: 12_000, contract: "C-1" }, OP],
  ["k4", { type: "receive", order: "O-1", lot: "L1", tons: 7, location: "Depot" }, OP],
  ["k5", { type: "request-draw", member: "acme", mineral: "antimony", tons: 2 }, ACME],
  ["k6", { type: "approve-draw", draw: "D-acme-1" }, OP],
  [PLAN_KEY, PLAN_ORDER, OP],
];

/** The events, command rows (key, fingerprint, first, last) and balance rows of V1_COMMANDS, each run by its actor at NOW. */
export function v1Log(): {
  events: LedgerEvent[];
  commands: [string, string, number, number][];
  balances: Pick<BalanceRow, "kind" | "id" | "mineral" | "tons">[];
} {
  const s = emptyState();
  const events: LedgerEvent[] = [];
  const commands: [string, string, number, number][] = [];
  for (const [key, cmd, actor] of V1_COMMANDS) {
    const made = decide(s, cmd, actor, key, NOW);
    const first = events.length + 1;
    for (const e of made) {
      e.seq = events.length + 1;
      apply(s, e);
      events.push(e);
    }
    const { at: _at, ...what } = cmd;
    const fingerprint = key === PLAN_KEY ? commandFingerprint("plan", "", what as Command) : commandFingerprint(actor.id, NOW, cmd);
    commands.push([key, fingerprint, first, events.length]);
  }
  // the rows as versions 1–3 kept them: lots, entitlements and minerals, with the head fields only
  const balances = balanceRows(s)
    .filter((r) => r.kind === "lot" || r.kind === "entitlement" || r.kind === "mineral")
    .map(({ kind, id, mineral, tons, used, left, year }) => ({ kind, id, mineral, tons, used, left, year }));
  return { events, commands, balances };
}

/** Each command's key scope after migration 3: the actor of its events, the shared plan scope for the plan's order. */
export function scopes(): [string, string][] {
  return V1_COMMANDS.map(([key, , actor]) => [key === PLAN_KEY ? PLAN_SCOPE : actor.id, key]);
}

/**
 * What an old database migrated to the latest keeps, checked through the store: every event, the
 * member's key answers the member's retry, the operator's use of the member's key is the operator's
 * own command, and the plan's order is still found by another operator writing the same plan.
 */
export async function checkMigrated(s: Ledger, v1: ReturnType<typeof v1Log>): Promise<void> {
  expect(await s.version()).toBe(SCHEMA_VERSION);
  expect(await s.events()).toEqual(v1.events);
  expect(await exec(s, "k4", V1_COMMANDS[3][1])).toEqual({ replayed: true, events: [v1.events[3]] });
  expect(await exec(s, "k5", V1_COMMANDS[4][1], ACME)).toEqual({ replayed: true, events: [v1.events[4]] });
  const theirs = await exec(s, "k5", { type: "set-price", mineral: "antimony", date: "2026-11-25", price: 14_000, source: "test" });
  expect([theirs.replayed, theirs.events[0].actor]).toEqual([false, OP.id]);
  const again = await writeOrders(s, { id: "op-2", role: "operator" }, [
    { key: PLAN_KEY, at: PLAN_ORDER.at as string, year: 1, delivery: "2027-01-01", command: PLAN_ORDER },
  ]);
  expect(again.map((o) => [o.written, o.seq])).toEqual([[false, 7]]);
  // the migration rebuilt the balances from the log: acme's statement and the position read them
  const auditor: Actor = { id: "aud", role: "auditor" };
  const before = await readStatement(s, "acme", auditor);
  expect(before).toMatchObject({ member: "acme", name: "Acme Magnets", draws: [{ draw: "D-acme-1", status: "approved", requested: 2, approved: 2 }] });
  expect((await readPosition(s, undefined, auditor)).position.lots).toEqual([
    { lot: "L1", mineral: "antimony", form: "ingot", spec: "Sb 99.65 %", location: "Depot", tons: 7, expires: null, expired: false },
  ]);
  await exec(s, "k7", { type: "release", draw: "D-acme-1", lots: [{ lot: "L1", tons: 2 }] });
  const { state } = await checkInvariants(s);
  expect(state.lots.get("L1")).toMatchObject({ mineral: "antimony", received: 7, released: 2, tons: 5 });
  expect([...state.orders.keys()]).toEqual(["O-1", PLAN_KEY]);
}
