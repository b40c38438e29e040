// A version-1 ledger database's contents made with the real core in memory (decide, apply,
// balanceRows), for the migration tests to write by hand into a database left at schema version 1.
import { type Actor, apply, type BalanceRow, balanceRows, type Command, decide, emptyState, type LedgerEvent } from "../../src/index.js";
import { commandFingerprint } from "../../src/store/index.js";
import { NOW, OP } from "./contract.js";

export const V1_COMMANDS: [string, Command][] = [
  ["k1", { type: "register-member", member: "acme", name: "Acme Magnets" }],
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
  ],
  ["k3", { type: "order", order: "O-1", mineral: "antimony", form: "ingot", spec: "Sb 99.65 %", tons: 10, price: 12_000, contract: "C-1" }],
  ["k4", { type: "receive", order: "O-1", lot: "L1", tons: 7, location: "Depot" }],
  ["k5", { type: "request-draw", draw: "D-1", member: "acme", mineral: "antimony", tons: 2 }],
  ["k6", { type: "approve-draw", draw: "D-1" }],
];

/** The events, command rows (key, fingerprint, first, last) and balance rows of V1_COMMANDS run by the operator at NOW. */
export function v1Log(actor: Actor = OP): { events: LedgerEvent[]; commands: [string, string, number, number][]; balances: BalanceRow[] } {
  const s = emptyState();
  const events: LedgerEvent[] = [];
  const commands: [string, string, number, number][] = [];
  for (const [key, cmd] of V1_COMMANDS) {
    const made = decide(s, cmd, actor, key, NOW);
    const first = events.length + 1;
    for (const e of made) {
      e.seq = events.length + 1;
      apply(s, e);
      events.push(e);
    }
    commands.push([key, commandFingerprint(actor.id, NOW, cmd), first, events.length]);
  }
  return { events, commands, balances: balanceRows(s) };
}
