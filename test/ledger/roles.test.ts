import { describe, expect, it } from "vitest";
import { auditTrail, COMMAND_TYPES, type Command, cover, position, statement, valuation } from "../../src/index.js";
import { ACME, ANALYST, AUDITOR, BOLT, OP, refusal, stocked } from "./fixtures.js";

/** stocked() plus member bolt with its own ndpr entitlement and a draw each. */
function twoMembers() {
  const b = stocked();
  b.run({ type: "register-member", member: "bolt", name: "Bolt Grid" });
  b.run({
    type: "set-entitlement",
    member: "bolt",
    mineral: "ndpr",
    basis: { kind: "tons", tonsPerYear: 12 },
    priceRule: { kind: "fixed", price: 1 },
    priority: "critical-infrastructure",
  });
  b.run({ type: "request-draw", mineral: "ndpr", tons: 5 }, ACME);
  b.run({ type: "request-draw", mineral: "ndpr", tons: 6 }, BOLT);
  b.run({ type: "pay-fee", member: "bolt", amount: 5000, period: "2026" });
  return b;
}

describe("roles", () => {
  it("an auditor and an analyst may run no command at all, whatever its fields", () => {
    const b = twoMembers();
    for (const actor of [AUDITOR, ANALYST])
      for (const type of COMMAND_TYPES) {
        const e = refusal(() => b.run({ type } as Command, actor));
        expect([type, e.code, e.issues[0].field]).toEqual([type, "forbidden", "actor.role"]);
      }
  });

  it("a member may request only for itself, and run no other command", () => {
    const b = twoMembers();
    expect(refusal(() => b.run({ type: "request-draw", member: "bolt", mineral: "ndpr", tons: 1 }, ACME)).code).toBe("forbidden");
    for (const type of COMMAND_TYPES.filter((t) => t !== "request-draw")) expect(refusal(() => b.run({ type } as Command, ACME)).code).toBe("forbidden");
    // for itself, named or not
    b.run({ type: "request-draw", member: "acme", mineral: "ndpr", tons: 1 }, ACME);
    expect([...b.state.draws.values()].filter((d) => d.member === "acme").length).toBe(2);
  });

  it("a member's request is dated by the clock: a date in another entitlement year, or minutes away, is refused naming at; nothing changes", () => {
    // the clock on 1 June 2026; acme holds 30 t/yr, 2025 and 2027 unused
    const clock = "2026-06-01T12:00:00Z";
    for (const at of ["2025-06-01", "2025-12-31T23:59:00Z", "2027-01-01", "2040-06-01T12:00:00Z", "2026-06-01T12:06:00Z", "2026-05-01"]) {
      const b = stocked();
      const before = structuredClone(b.state);
      const e = refusal(() => b.run({ type: "request-draw", mineral: "ndpr", tons: 30, at }, ACME, "k", clock));
      expect([at, e.code, e.issues[0].field]).toEqual([at, "forbidden", "at"]);
      expect(e.issues[0].message).toContain("server's clock (2026-06-01T12:00:00.000Z)");
      expect(b.state).toEqual(before);
    }
    // within five minutes of the clock in its year: dated as given; with no date: the clock's
    const b = stocked();
    expect(b.run({ type: "request-draw", mineral: "ndpr", tons: 1, at: "2026-06-01T11:56:00Z" }, ACME, "k1", clock)[0].at).toBe("2026-06-01T11:56:00.000Z");
    expect(b.run({ type: "request-draw", mineral: "ndpr", tons: 1 }, ACME, "k2", clock)[0].at).toBe("2026-06-01T12:00:00.000Z");
    // a minute either side of New Year is still another entitlement year
    const e = refusal(() => b.run({ type: "request-draw", mineral: "ndpr", tons: 1, at: "2027-01-01T00:01:00Z" }, ACME, "k3", "2026-12-31T23:59:00Z"));
    expect([e.code, e.issues[0].field, e.issues[0].message]).toEqual(["forbidden", "at", expect.stringContaining("entitlement year 2027, not 2026")]);
  });

  it("an operator may date a request into a past year (recording a member's earlier request); it counts in that year", () => {
    const b = stocked();
    const [ev] = b.run({ type: "request-draw", member: "acme", mineral: "ndpr", tons: 30, at: "2025-06-01" }, OP, "k1", "2026-06-01T12:00:00Z");
    expect([ev.at, ev.actor]).toEqual(["2025-06-01T00:00:00.000Z", OP.id]);
    expect(b.state.entitlements.get("acme/ndpr")?.used).toEqual({ "2025": 30 });
  });

  it("a member reads its own statement and never another member's", () => {
    const b = twoMembers();
    const own = statement(b.state, "acme", ACME);
    expect(own.draws.map((d) => d.draw)).toEqual(["D-acme-1"]);
    expect(own.entitlements.map((e) => e.mineral)).toEqual(["ndpr"]);
    const e = refusal(() => statement(b.state, "bolt", ACME));
    expect({ code: e.code, field: e.issues[0].field }).toEqual({ code: "forbidden", field: "member" });
    // an auditor reads either
    expect(statement(b.state, "bolt", AUDITOR)).toMatchObject({ fees: 5000, draws: [{ draw: "D-bolt-1", requested: 6 }] });
  });

  it("a member may not name its draw, so a name cannot tell it whether another member's draw exists", () => {
    const b = twoMembers();
    // acme's draw is D-acme-1; bolt asking for that name, or for a free one, gets the same refusal, and nothing is written
    const before = b.log.length;
    const taken = refusal(() => b.run({ type: "request-draw", draw: "D-acme-1", mineral: "ndpr", tons: 1 }, BOLT));
    const free = refusal(() => b.run({ type: "request-draw", draw: "D-acme-99", mineral: "ndpr", tons: 1 }, BOLT));
    expect([taken.code, taken.issues[0].field, taken.issues[0].message]).toEqual([free.code, free.issues[0].field, free.issues[0].message]);
    expect([taken.code, taken.issues[0].field]).toEqual(["bad-input", "draw"]);
    expect(b.log.length).toBe(before);
    // the operator may name a draw it requests for a member
    expect(b.run({ type: "request-draw", draw: "D-X", member: "bolt", mineral: "ndpr", tons: 1 }, OP)[0].data).toMatchObject({ draw: "D-X", member: "bolt" });
  });

  it("a member's audit trail holds only its own events, and a member reads no lot's trail", () => {
    const b = twoMembers();
    const trail = auditTrail(b.log, { member: "acme" }, ACME);
    expect(trail.map((e) => e.type)).toEqual(["member.registered", "entitlement.set", "draw.requested"]);
    expect(trail.every((e) => JSON.stringify(e.data).includes("bolt") === false)).toBe(true);
    expect(refusal(() => auditTrail(b.log, { member: "bolt" }, ACME)).code).toBe("forbidden");
    expect(refusal(() => auditTrail(b.log, { lot: "A" }, ACME)).code).toBe("forbidden");
    expect(auditTrail(b.log, { member: "bolt" }, ANALYST).map((e) => e.type)).toEqual(["member.registered", "entitlement.set", "draw.requested", "fee.paid"]);
  });

  it("a member's trail is numbered within itself and shows no other actor's key; a reader sees the log's numbers and keys", () => {
    const b = twoMembers();
    const own = auditTrail(b.log, { member: "acme" }, ACME);
    expect(own.map((e) => e.seq)).toEqual(own.map((_, i) => i + 1));
    for (const e of own) expect(e.key === "" ? e.actor !== ACME.id : e.actor === ACME.id).toBe(true);
    // the operator wrote acme's registration and entitlement: their keys are hidden from acme, shown to an analyst
    const read = auditTrail(b.log, { member: "acme" }, ANALYST);
    expect(read.map((e) => e.seq)).toEqual(b.log.filter((e) => read.some((r) => r.seq === e.seq)).map((e) => e.seq));
    expect(read.filter((e) => e.actor !== ACME.id).every((e) => e.key !== "")).toBe(true);
    expect(own.filter((e) => e.actor !== ACME.id).length).toBeGreaterThan(0);
    // bolt's events sit between acme's in the log: the log's numbers have gaps the member's copy does not
    expect(read.at(-1)!.seq).toBeGreaterThan(read.length);
  });

  it("a member reads no whole-reserve report", () => {
    const b = twoMembers();
    for (const f of [
      () => position(b.state, undefined, ACME),
      () => cover(b.state, new Map(), 60, undefined, ACME),
      () => valuation(b.state, undefined, "2026-06-01", ACME),
    ])
      expect(refusal(f).code).toBe("forbidden");
    expect(position(b.state, undefined, OP).minerals[0].tons).toBe(100);
  });
});
