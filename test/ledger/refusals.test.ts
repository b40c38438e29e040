import { describe, expect, it } from "vitest";
import type { Actor, Command } from "../../src/index.js";
import { ACME, ANALYST, AUDITOR, type Book, OP, refusal, stocked } from "./fixtures.js";

/**
 * stocked() plus: lot E of ndpr (5 t, expires 2026-04-01, so expired by June), lot S1 of antimony,
 * member bolt, and draw D-1 of acme: 20 t approved, nothing released yet.
 */
function busy(): Book {
  const b = stocked();
  b.run({
    type: "order",
    order: "O-3",
    mineral: "ndpr",
    form: "oxide",
    spec: "NdPr oxide ≥ 99.5 %",
    tons: 5,
    price: 90_000,
    contract: "C-3",
    at: "2026-01-10",
  });
  b.run({ type: "receive", order: "O-3", lot: "E", tons: 5, location: "Depot North", expires: "2026-04-01", at: "2026-01-11" });
  b.run({
    type: "order",
    order: "O-2",
    mineral: "sb",
    form: "ingot",
    spec: "antimony ingot 99.65 %",
    tons: 10,
    price: 20_000,
    contract: "C-2",
    at: "2026-01-10",
  });
  b.run({ type: "receive", order: "O-2", lot: "S1", tons: 10, location: "Depot North", at: "2026-01-11" });
  b.run({ type: "register-member", member: "bolt", name: "Bolt Grid" });
  b.run({ type: "request-draw", member: "acme", draw: "D-1", mineral: "ndpr", tons: 20, at: "2026-03-01" });
  b.run({ type: "approve-draw", draw: "D-1" });
  return b;
}

type Case = [name: string, cmd: Command, actor: Actor, code: string, field: string];
const rel = (lots: { lot: string; tons: number }[]): Command => ({ type: "release", draw: "D-1", lots });

const CASES: Case[] = [
  // malformed values: bad-input
  ["an unknown lot in a release", rel([{ lot: "NOPE", tons: 1 }]), OP, "bad-input", "lots[0].lot"],
  ["an unknown lot to write off", { type: "write-off", lot: "NOPE", tons: 1, reason: "x" }, OP, "bad-input", "lot"],
  ["an unknown order", { type: "receive", order: "O-9", tons: 1, location: "X" }, OP, "bad-input", "order"],
  ["an unknown draw", { type: "approve-draw", draw: "D-9" }, OP, "bad-input", "draw"],
  ["an unknown member", { type: "pay-fee", member: "nobody", amount: 10, period: "2026" }, OP, "bad-input", "member"],
  ["a negative quantity", { type: "order", mineral: "ndpr", form: "oxide", spec: "s", tons: -5, price: 1, contract: "C" }, OP, "bad-input", "tons"],
  ["a zero quantity", { type: "write-off", lot: "A", tons: 0, reason: "x" }, OP, "bad-input", "tons"],
  ["a non-finite quantity", { type: "request-draw", mineral: "ndpr", tons: Number.NaN }, ACME, "bad-input", "tons"],
  ["an infinite price", { type: "set-price", mineral: "ndpr", date: "2026-01-01", price: Number.POSITIVE_INFINITY, source: "x" }, OP, "bad-input", "price"],
  ["a quantity above 1e9 t", { type: "write-off", lot: "A", tons: 2e9, reason: "x" }, OP, "bad-input", "tons"],
  ["tons given as a string", { type: "write-off", lot: "A", tons: "5" as unknown as number, reason: "x" }, OP, "bad-input", "tons"],
  ["a month 13", { type: "transfer", lot: "A", to: "Depot South", at: "2026-13-01" }, OP, "bad-input", "at"],
  ["a date in the wrong format", { type: "transfer", lot: "A", to: "Depot South", at: "01/02/2026" }, OP, "bad-input", "at"],
  ["a 30 February expiry", { type: "reassay", lot: "A", expires: "2027-02-30" }, OP, "bad-input", "expires"],
  ["a price date with a time", { type: "set-price", mineral: "ndpr", date: "2026-01-01T00:00:00Z", price: 1, source: "x" }, OP, "bad-input", "date"],
  ["an id with a slash", { type: "register-member", member: "a/b", name: "x" }, OP, "bad-input", "member"],
  [
    "an unknown priority class",
    {
      type: "set-entitlement",
      member: "bolt",
      mineral: "ndpr",
      basis: { kind: "tons", tonsPerYear: 1 },
      priceRule: { kind: "fixed", price: 1 },
      priority: "vip" as "defence",
    },
    OP,
    "bad-input",
    "priority",
  ],
  [
    "an unknown entitlement basis",
    {
      type: "set-entitlement",
      member: "bolt",
      mineral: "ndpr",
      basis: { kind: "weeks" } as never,
      priceRule: { kind: "fixed", price: 1 },
      priority: "defence",
    },
    OP,
    "bad-input",
    "basis.kind",
  ],
  [
    "an unknown price rule",
    {
      type: "set-entitlement",
      member: "bolt",
      mineral: "ndpr",
      basis: { kind: "tons", tonsPerYear: 1 },
      priceRule: { kind: "auction" } as never,
      priority: "defence",
    },
    OP,
    "bad-input",
    "priceRule.kind",
  ],
  ["an unknown command", { type: "steal" } as unknown as Command, OP, "bad-input", "type"],
  ["release tons that differ from the named lots", { type: "release", draw: "D-1", lots: [{ lot: "A", tons: 3 }], tons: 4 }, OP, "bad-input", "tons"],
  ["a re-assay that changes nothing", { type: "reassay", lot: "A" }, OP, "bad-input", "tons"],
  // roles: forbidden
  ["an auditor ordering", { type: "order", mineral: "ndpr", form: "oxide", spec: "s", tons: 5, price: 1, contract: "C" }, AUDITOR, "forbidden", "actor.role"],
  ["an analyst releasing", { type: "release", draw: "D-1" }, ANALYST, "forbidden", "actor.role"],
  ["a member approving its own draw", { type: "approve-draw", draw: "D-1" }, ACME, "forbidden", "actor.role"],
  ["a member requesting for another member", { type: "request-draw", member: "bolt", mineral: "ndpr", tons: 1 }, ACME, "forbidden", "member"],
  ["an actor with an unknown role", { type: "transfer", lot: "A", to: "Y" }, { id: "x", role: "root" as "operator" }, "bad-input", "actor.role"],
  ["a member actor speaking for no member", { type: "request-draw", mineral: "ndpr", tons: 1 }, { id: "x", role: "member" }, "bad-input", "actor.member"],
  // the state forbids it: conflict
  ["a write-off that makes a lot negative", { type: "write-off", lot: "B", tons: 40.5, reason: "x" }, OP, "conflict", "tons"],
  [
    "a rotation that makes a lot negative",
    { type: "rotate", lot: "B", tons: 41, into: { form: "oxide", spec: "s", tons: 41, location: "X", cost: 1, contract: "C" } },
    OP,
    "conflict",
    "tons",
  ],
  ["a release from an expired lot", rel([{ lot: "E", tons: 1 }]), OP, "conflict", "lots[0].lot"],
  ["a release from another mineral's lot", rel([{ lot: "S1", tons: 1 }]), OP, "conflict", "lots[0].lot"],
  [
    "a release of more than a lot holds",
    rel([
      { lot: "B", tons: 15 },
      { lot: "B", tons: 26 },
    ]),
    OP,
    "conflict",
    "lots[1].tons",
  ],
  ["a release of more than approved", { type: "release", draw: "D-1", tons: 25 }, OP, "conflict", "tons"],
  ["a request above entitlement", { type: "request-draw", mineral: "ndpr", tons: 10.5 }, ACME, "conflict", "tons"],
  ["a request with no entitlement to the mineral", { type: "request-draw", mineral: "sb", tons: 1 }, ACME, "conflict", "mineral"],
  ["a receipt above the open order", { type: "receive", order: "O-3", tons: 1, location: "X" }, OP, "conflict", "tons"],
  ["a cancellation of a received order", { type: "cancel-order", order: "O-1", reason: "x" }, OP, "conflict", "order"],
  ["an approval of an approved draw", { type: "approve-draw", draw: "D-1" }, OP, "conflict", "draw"],
  ["a delivery before any release", { type: "deliver", draw: "D-1" }, OP, "conflict", "draw"],
  ["a return before any release", { type: "return", draw: "D-1", tons: 1 }, OP, "conflict", "draw"],
  ["a member registered twice", { type: "register-member", member: "acme", name: "x" }, OP, "conflict", "member"],
  [
    "a lot id reused",
    { type: "rotate", lot: "A", tons: 1, into: { lot: "B", form: "oxide", spec: "s", tons: 1, location: "X", cost: 1, contract: "C" } },
    OP,
    "conflict",
    "into.lot",
  ],
  ["a write-off dated before the lot's last movement", { type: "write-off", lot: "B", tons: 1, reason: "x", at: "2026-02-09" }, OP, "conflict", "at"],
  ["an approval dated before the request", { type: "refuse-draw", draw: "D-1", reason: "x", at: "2026-02-28" }, OP, "conflict", "at"],
  ["a receipt dated before its order", { type: "receive", order: "O-3", tons: 1, location: "X", at: "2026-01-09" }, OP, "conflict", "at"],
  ["a transfer to where the lot is", { type: "transfer", lot: "A", to: "Depot North" }, OP, "conflict", "to"],
];

describe("every refusal names its field and writes nothing", () => {
  it.each(CASES)("refuses %s", (_name, cmd, actor, code, field) => {
    const b = busy();
    const before = structuredClone(b.state);
    const logged = b.log.length;
    const e = refusal(() => b.run(cmd, actor));
    expect({ code: e.code, field: e.issues[0].field }).toEqual({ code, field });
    expect(b.log.length).toBe(logged);
    expect(b.state).toEqual(before);
  });

  it("refuses a receipt whose expiry is not after its date", () => {
    const b = busy();
    b.run({ type: "order", order: "O-4", mineral: "ndpr", form: "oxide", spec: "s", tons: 5, price: 1, contract: "C" });
    const e = refusal(() => b.run({ type: "receive", order: "O-4", tons: 5, location: "X", expires: "2026-05-31", at: "2026-06-01" }));
    expect({ code: e.code, field: e.issues[0].field }).toEqual({ code: "conflict", field: "expires" });
  });

  it("refuses a default release when less is releasable than approved, counting the expired lot out", () => {
    const b = busy();
    b.run({
      type: "set-entitlement",
      member: "acme",
      mineral: "ndpr",
      basis: { kind: "tons", tonsPerYear: 1000 },
      priceRule: { kind: "fixed", price: 1 },
      priority: "defence",
    });
    b.run({ type: "request-draw", member: "acme", draw: "D-2", mineral: "ndpr", tons: 105 });
    b.run({ type: "approve-draw", draw: "D-2" });
    const e = refusal(() => b.run({ type: "release", draw: "D-2" }));
    // A 60 t + B 40 t = 100 t releasable (D-1's 20 t are not yet out); E (5 t) expired on 2026-04-01
    expect({ code: e.code, field: e.issues[0].field }).toEqual({ code: "conflict", field: "tons" });
    expect(e.message).toContain("only 100 t of ndpr may be released on 2026-06-01; 105 t asked");
    // 85 t fits
    b.run({ type: "release", draw: "D-2", tons: 85 });
    expect(b.state.lots.get("B")?.tons).toBe(0);
    expect(b.state.lots.get("A")?.tons).toBe(15);
  });

  it("names the closest known ids for an unknown one", () => {
    const e = refusal(() => busy().run({ type: "write-off", lot: "a", tons: 1, reason: "x" }));
    expect(e.issues[0].suggestions).toContain("A");
  });
});
