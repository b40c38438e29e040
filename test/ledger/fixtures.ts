import { type Actor, apply, type Command, decide, emptyState, type LedgerEvent, type LedgerState, LodestoneError } from "../../src/index.js";

export const OP: Actor = { id: "op-1", role: "operator" };
export const AUDITOR: Actor = { id: "aud-1", role: "auditor" };
export const ANALYST: Actor = { id: "ana-1", role: "analyst" };
export const ACME: Actor = { id: "acme-user", role: "member", member: "acme" };
export const BOLT: Actor = { id: "bolt-user", role: "member", member: "bolt" };

/**
 * A ledger in memory: decide, number the events as a store would, apply them, keep the log. The
 * worked examples are recorded as they happen: the clock (decide's `now`) reads the command's own
 * date when it has one, else the book's `now`; a test of dating passes its own clock.
 */
export class Book {
  state: LedgerState = emptyState();
  log: LedgerEvent[] = [];
  private n = 0;
  constructor(readonly now = "2026-06-01T00:00:00Z") {}

  run(cmd: Command, actor: Actor = OP, key = `k${++this.n}`, clock = cmd.at ?? this.now): LedgerEvent[] {
    const events = decide(this.state, cmd, actor, key, clock);
    for (const e of events) {
      e.seq = this.log.length + 1;
      apply(this.state, e);
      this.log.push(e);
    }
    return events;
  }
}

/** The LodestoneError `f` throws (failing the test when it throws nothing or something else). */
export function refusal(f: () => unknown): LodestoneError {
  try {
    f();
  } catch (e) {
    if (e instanceof LodestoneError) return e;
    throw e;
  }
  throw new Error("expected a LodestoneError, nothing was thrown");
}

/**
 * The hand-worked reserve: member acme holds 30 t/yr of ndpr (defence, fixed 120 000 USD/t); order
 * O-1 of 100 t at 100 000 USD/t is received as 60 t into lot A (expires 2028-06-30) and 40 t into
 * lot B (expires 2027-12-31, so it goes first).
 */
export function stocked(): Book {
  const b = new Book();
  b.run({ type: "register-member", member: "acme", name: "Acme Magnets", at: "2026-01-02" });
  b.run({
    type: "set-entitlement",
    member: "acme",
    mineral: "ndpr",
    basis: { kind: "tons", tonsPerYear: 30 },
    priceRule: { kind: "fixed", price: 120_000 },
    priority: "defence",
    at: "2026-01-02",
  });
  b.run({
    type: "order",
    order: "O-1",
    mineral: "ndpr",
    form: "oxide",
    spec: "NdPr oxide ≥ 99.5 %",
    tons: 100,
    price: 100_000,
    contract: "C-2026-01",
    at: "2026-01-05",
  });
  b.run({ type: "receive", order: "O-1", lot: "A", tons: 60, location: "Depot North", expires: "2028-06-30", at: "2026-01-20" });
  b.run({ type: "receive", order: "O-1", lot: "B", tons: 40, location: "Depot South", expires: "2027-12-31", at: "2026-02-10" });
  return b;
}

/** A member of the small antimony reserve the API and browser tests set up. */
export interface SetupMember {
  member: string;
  name: string;
  tonsPerYear: number;
  priority: "defence" | "critical-infrastructure" | "commercial";
}

/**
 * The commands (key, date, command) that set up a small antimony reserve through the API: each member
 * registered with a fixed-price entitlement, 100 t ordered and received into L-1 (60 t, Depot A, to 2030)
 * and L-2 (40 t, Depot B, to 2029).
 */
export function antimonyReserveSetup(members: readonly SetupMember[]): [string, string, Record<string, unknown>][] {
  return [
    ...members.flatMap((m, i): [string, string, Record<string, unknown>][] => [
      [`m${i + 1}`, "2026-01-05", { type: "register-member", member: m.member, name: m.name }],
      [
        `e${i + 1}`,
        "2026-01-05",
        {
          type: "set-entitlement",
          member: m.member,
          mineral: "antimony",
          basis: { kind: "tons", tonsPerYear: m.tonsPerYear },
          priceRule: { kind: "fixed", price: 50000 },
          priority: m.priority,
        },
      ],
    ]),
    ["o1", "2026-01-10", { type: "order", order: "O-1", mineral: "antimony", form: "ingot", spec: "99.65 %", tons: 100, price: 60000, contract: "C-1" }],
    ["r1", "2026-02-01", { type: "receive", order: "O-1", lot: "L-1", tons: 60, location: "Depot A", expires: "2030-01-01" }],
    ["r2", "2026-03-01", { type: "receive", order: "O-1", lot: "L-2", tons: 40, location: "Depot B", expires: "2029-01-01" }],
  ];
}
