/**
 * The crisis allocation rule governing the ledger: releases held to the
 * member's allocated share, the declared rule (stock floor in tons or days, member floors, on/off),
 * the allocation report with member isolation, and the market price falling back to the dataset's.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Actor, allocationReport, type Command, decide, type LedgerAllocation, type MemberAllocationView, type Priority } from "../../src/index.js";
import { ANALYST, Book, OP, refusal } from "./fixtures.js";

const ACME: Actor = { id: "acme-user", role: "member", member: "acme" };

/** A reserve of `tons` of tungsten in lot W (one receipt) and members with entitlements (t/yr) and classes. */
function tungsten(tons: number, members: [string, Priority, number][]): Book {
  const b = new Book("2026-03-01T00:00:00Z");
  b.run({ type: "order", order: "O-W", mineral: "tungsten", form: "APT", spec: "88.5 % WO3", tons, price: 400_000, contract: "C-W", at: "2026-01-05" });
  b.run({ type: "receive", order: "O-W", lot: "W", tons, location: "Depot", at: "2026-01-10" });
  for (const [m, priority, tonsPerYear] of members) {
    b.run({ type: "register-member", member: m, name: m, at: "2026-01-02" });
    b.run({
      type: "set-entitlement",
      member: m,
      mineral: "tungsten",
      basis: { kind: "tons", tonsPerYear },
      priceRule: { kind: "fixed", price: 500_000 },
      priority,
      at: "2026-01-02",
    });
  }
  return b;
}
const approve = (b: Book, draw: string, member: string, tons: number) => {
  b.run({ type: "request-draw", member, draw, mineral: "tungsten", tons, at: "2026-02-01" });
  b.run({ type: "approve-draw", draw, at: "2026-02-02" });
};
const released = (b: Book, member: string) => [...b.state.draws.values()].filter((d) => d.member === member).reduce((s, d) => s + d.released, 0);
const full = (b: Book, at = "2026-03-01") => allocationReport(b.state, "tungsten", at, OP) as LedgerAllocation;

describe("releases held to the member's allocated share", () => {
  it("the reviewer's repro: 10 t, acme (defence) and bolt (commercial) 10 t each approved: bolt is refused, acme released", () => {
    const b = tungsten(10, [
      ["acme", "defence", 10],
      ["bolt", "commercial", 10],
    ]);
    approve(b, "WD-A", "acme", 10);
    approve(b, "WD-B", "bolt", 10);
    const e = refusal(() => b.run({ type: "release", draw: "WD-B" }));
    expect({ code: e.code, field: e.issues[0].field }).toEqual({ code: "conflict", field: "tons" });
    expect(e.issues[0].message).toBe(
      "crisis allocation of tungsten: bolt may be released 0 t more on draw WD-B, 10 t asked: approved requests of 20 t exceed the 10 t that may be released (10 t held less the stock floor of 0 t); bolt (commercial) is allocated 0 t: nothing: the classes above took all 10 t that may be released",
    );
    expect(b.state.lots.get("W")?.tons).toBe(10);
    b.run({ type: "release", draw: "WD-A" });
    expect(released(b, "acme")).toBe(10);
    expect(refusal(() => b.run({ type: "release", draw: "WD-B", tons: 1 })).code).toBe("conflict");
  });

  it("a rule declared off lets releases go first come, first served (as before)", () => {
    const b = tungsten(10, [
      ["acme", "defence", 10],
      ["bolt", "commercial", 10],
    ]);
    approve(b, "WD-A", "acme", 10);
    approve(b, "WD-B", "bolt", 10);
    b.run({ type: "set-allocation-rule", mineral: "tungsten", status: "off" });
    b.run({ type: "release", draw: "WD-B" });
    expect(released(b, "bolt")).toBe(10);
    expect(full(b).governed).toBe(false);
  });

  // hand-worked: 20 t held, stock floor 4 t → 16 t may be released; approved: a (defence) 6 t, b
  // (commercial, 30 t/yr) 20 t in two draws of 10 t, c (commercial, 10 t/yr) 10 t; member floor 2 t.
  // Defence is filled: a 6 t. 10 t for commercial: floors 2 t + 2 t, the other 6 t pro rata 30 : 10
  // → 4.5 t : 1.5 t, so b 6.5 t (over its two draws, counted once) and c 3.5 t.
  function worked(): Book {
    const b = tungsten(20, [
      ["a", "defence", 10],
      ["b", "commercial", 30],
      ["c", "commercial", 10],
    ]);
    approve(b, "A1", "a", 6);
    approve(b, "B1", "b", 10);
    approve(b, "B2", "b", 10);
    approve(b, "C1", "c", 10);
    b.run({ type: "set-allocation-rule", mineral: "tungsten", stockFloorTons: 4, memberFloor: 2 });
    return b;
  }

  it("a hand-worked case: the report says who gets what and why", () => {
    const b = worked();
    const a = full(b);
    expect(a).toMatchObject({ held: 20, stockFloor: 4, available: 16, open: 36, crisis: true, governed: true });
    expect(a.members.map((m) => [m.member, m.allocated, m.fromFloor, m.left, m.rule])).toEqual([
      ["a", 6, 0, 6, "full"],
      ["b", 6.5, 2, 6.5, "pro-rata"],
      ["c", 3.5, 2, 3.5, "pro-rata"],
    ]);
    expect(a.members[1].reason).toBe("6.5 t of 20 t: class commercial is short, floor 2 t then pro rata to entitlement 30 t");
    expect(a.members[1].draws).toEqual(["B1", "B2"]);
    expect(a.lines.map((l) => [l.draw, l.allocated])).toEqual([
      ["A1", 6],
      ["B1", 6.5],
      ["B2", 0],
      ["C1", 3.5],
    ]);
  });

  it("a release within the share passes, one beyond it is refused with the allocation, and the stock floor is kept", () => {
    const b = worked();
    const e = refusal(() => b.run({ type: "release", draw: "B1" }));
    expect(e.issues[0].message).toContain("b may be released 6.5 t more on draw B1, 10 t asked");
    expect(e.issues[0].message).toContain("approved requests of 36 t exceed the 16 t that may be released (20 t held less the stock floor of 4 t)");
    expect(e.issues[0].message).toContain("b (commercial) is allocated 6.5 t: 6.5 t of 20 t: class commercial is short");
    b.run({ type: "release", draw: "B1", tons: 4 });
    // its share counts both draws: 2.5 t more, from either
    b.run({ type: "release", draw: "B2", tons: 2.5 });
    expect(refusal(() => b.run({ type: "release", draw: "B2", tons: 0.1 })).issues[0].message).toContain(
      "b may be released 0 t more on draw B2, 0.1 t asked: approved requests of 29.5 t exceed the 9.5 t that may be released (13.5 t held less the stock floor of 4 t); b (commercial) is allocated 6.5 t, of which 6.5 t released already: 6.5 t of 20 t",
    );
    b.run({ type: "release", draw: "C1", tons: 3.5 });
    b.run({ type: "release", draw: "A1" });
    expect(b.state.lots.get("W")?.tons).toBeCloseTo(4, 9);
    // the floor is kept back: nothing more for anyone
    expect(full(b).members.map((m) => m.left)).toEqual([0, 0, 0]);
    expect(refusal(() => b.run({ type: "release", draw: "C1", tons: 1 })).issues[0].message).toContain("c may be released 0 t more");
  });

  it("shares stay put whatever order the members are released in (each taking what the report says it may)", () => {
    const members = ["a", "b", "c"];
    fc.assert(
      fc.property(fc.shuffledSubarray(members, { minLength: 3, maxLength: 3 }), fc.boolean(), (order, halves) => {
        const b = worked();
        const before = Object.fromEntries(full(b).members.map((m) => [m.member, m.allocated]));
        for (const m of order) {
          const parts = halves ? 2 : 1;
          for (let k = 0; k < parts; k++) {
            const line = full(b).members.find((x) => x.member === m)!;
            const draw = [...b.state.draws.values()].find((d) => d.member === m && d.approved - d.released > 1e-9)!;
            const tons = Math.min(line.left / (parts - k), draw.approved - draw.released);
            if (tons > 1e-9) b.run({ type: "release", draw: draw.id, tons });
          }
        }
        for (const m of members) expect(released(b, m)).toBeCloseTo(before[m], 6);
        expect(b.state.lots.get("W")!.tons).toBeGreaterThanOrEqual(4 - 1e-9);
      }),
      { seed: 21, numRuns: 30 },
    );
  });

  it("a member that took more than its share before the crisis keeps it and gets nothing more; the others share the rest", () => {
    const b = tungsten(30, [
      ["acme", "commercial", 30],
      ["bolt", "commercial", 30],
    ]);
    approve(b, "A1", "acme", 20);
    b.run({ type: "release", draw: "A1", at: "2026-02-03" });
    approve(b, "A2", "acme", 5);
    approve(b, "B1", "bolt", 20);
    // 10 t held; acme asked 25 t in the year and took 20 t, bolt asks 20 t: equal shares of the 30 t would be 15 t each,
    // less than acme took; so acme keeps its 20 t and bolt gets all 10 t left
    const a = full(b);
    expect(a.members.map((m) => [m.member, m.allocated, m.taken, m.left])).toEqual([
      ["acme", 20, 20, 0],
      ["bolt", 10, 0, 10],
    ]);
    expect(a.members[0].reason).toBe("nothing more: released 20 t already, more than its share (15 t)");
    expect(refusal(() => b.run({ type: "release", draw: "A2" })).issues[0].message).toContain("acme may be released 0 t more");
    expect(refusal(() => b.run({ type: "release", draw: "B1" })).issues[0].message).toContain(
      "only 10 t of tungsten may be released on 2026-03-01; 20 t asked",
    );
    b.run({ type: "release", draw: "B1", tons: 10 });
  });
});

describe("declaring the rule", () => {
  const rule = (cmd: Partial<Extract<Command, { type: "set-allocation-rule" }>>, inputs = {}) =>
    decide(
      tungsten(10, [["acme", "defence", 10]]).state,
      { type: "set-allocation-rule", mineral: "tungsten", ...cmd },
      OP,
      "k",
      "2026-03-01T00:00:00Z",
      inputs,
    );

  it("records the stock floor in tons, or in days of demand turned into tons when declared", () => {
    expect(rule({ stockFloorTons: 2, memberFloor: 1, memberFloors: { acme: 3 } })[0]).toMatchObject({
      type: "allocation.rule_set",
      data: { mineral: "tungsten", status: "on", stockFloor: 2, stockFloorBasis: { kind: "tons" }, memberFloor: 1, memberFloors: { acme: 3 } },
    });
    // 30 days of 60.875 t/month (two mean months' demand a month) → 60 t
    const demand = new Map([["tungsten", { tonsPerMonth: 60.875, source: "the dataset's d0" }]]);
    expect(rule({ stockFloorDays: 30 }, { demand })[0].data).toMatchObject({
      stockFloor: 60,
      stockFloorBasis: { kind: "days", days: 30, demandTonsPerMonth: 60.875, source: "the dataset's d0" },
    });
    expect(rule({ stockFloorDays: 30, demandTonsPerMonth: 30.4375 })[0].data).toMatchObject({ stockFloor: 30 });
  });

  it("refuses a bad rule naming the field, and anyone but an operator", () => {
    const field = (f: () => unknown) => refusal(f).issues[0].field;
    expect(field(() => rule({ stockFloorDays: 30 }))).toBe("stockFloorDays");
    expect(field(() => rule({ stockFloorDays: 3, stockFloorTons: 1 }))).toBe("stockFloorDays");
    expect(field(() => rule({ stockFloorTons: -1 }))).toBe("stockFloorTons");
    expect(field(() => rule({ memberFloors: { zeta: 1 } }))).toBe("memberFloors.zeta");
    expect(field(() => rule({ status: "maybe" as "on" }))).toBe("status");
    const b = tungsten(10, [["acme", "defence", 10]]);
    expect(refusal(() => b.run({ type: "set-allocation-rule", mineral: "tungsten" }, ACME)).code).toBe("forbidden");
    expect(refusal(() => b.run({ type: "set-allocation-rule", mineral: "tungsten" }, ANALYST)).code).toBe("forbidden");
  });

  it("a later declaration replaces the rule whole", () => {
    const b = tungsten(10, [["acme", "defence", 10]]);
    b.run({ type: "set-allocation-rule", mineral: "tungsten", stockFloorTons: 5, memberFloor: 1 });
    b.run({ type: "set-allocation-rule", mineral: "tungsten", stockFloorTons: 2 });
    expect(b.state.allocationRules.get("tungsten")).toMatchObject({ stockFloor: 2, memberFloor: 0, status: "on" });
  });
});

describe("the allocation report", () => {
  it("shows a member only its own line, and refuses what it may not read", () => {
    const b = tungsten(10, [
      ["acme", "defence", 10],
      ["bolt", "commercial", 10],
    ]);
    approve(b, "WD-A", "acme", 10);
    approve(b, "WD-B", "bolt", 10);
    b.run({ type: "set-allocation-rule", mineral: "tungsten", memberFloors: { acme: 1, bolt: 2 } });
    const mine = allocationReport(b.state, "tungsten", "2026-03-01", ACME) as MemberAllocationView;
    expect(mine.members.map((m) => m.member)).toEqual(["acme"]);
    expect(mine.lines.map((l) => l.member)).toEqual(["acme"]);
    expect(mine.rule?.memberFloors).toEqual({ acme: 1 });
    expect(JSON.stringify(mine)).not.toContain("bolt");
    expect(JSON.stringify(mine)).not.toContain("WD-B");
    const all = allocationReport(b.state, "tungsten", "2026-03-01", ANALYST) as LedgerAllocation;
    expect(all.members.map((m) => m.member)).toEqual(["acme", "bolt"]);
    expect(refusal(() => allocationReport(b.state, "tungsten", "2026-03-01", { id: "x", role: "member" } as Actor)).code).toBe("forbidden");
    expect(refusal(() => allocationReport(b.state, "tung sten", "2026-03-01", OP)).issues[0].field).toBe("mineral");
  });
});

describe("a market-priced release with no ledger price", () => {
  function market(): Book {
    const b = tungsten(10, [["acme", "defence", 10]]);
    b.run({
      type: "set-entitlement",
      member: "acme",
      mineral: "tungsten",
      basis: { kind: "tons", tonsPerYear: 10 },
      priceRule: { kind: "market", premium: 0.1 },
      priority: "defence",
      at: "2026-01-02",
    });
    approve(b, "WD-A", "acme", 4);
    return b;
  }
  const DATASET = [{ mineral: "tungsten", date: "2025-12-31", price: 300_000, source: "MCS2026.csv:42 (price, APT)" }];
  const release = (b: Book, inputs = {}) => decide(b.state, { type: "release", draw: "WD-A", at: "2026-03-01" }, OP, "rel", "2026-03-01T00:00:00Z", inputs);

  it("falls back to the dataset's price, as the valuation does, and says so in the event", () => {
    const [e] = release(market(), { prices: DATASET });
    expect(e.type).toBe("draw.released");
    expect((e.data as { amount: number }).amount).toBeCloseTo(4 * 330_000, 6);
    expect(e.data).toMatchObject({
      market: { date: "2025-12-31", price: 300_000, source: "MCS2026.csv:42 (price, APT)", from: "dataset", premium: 0.1 },
    });
  });

  it("takes the ledger's own price when it is the latest, and refuses with neither", () => {
    const b = market();
    b.run({ type: "set-price", mineral: "tungsten", date: "2026-02-15", price: 350_000, source: "desk" });
    const [e0] = release(b, { prices: DATASET });
    expect(e0.data).toMatchObject({ market: { from: "ledger", date: "2026-02-15", price: 350_000 } });
    expect((e0.data as { amount: number }).amount).toBeCloseTo(4 * 385_000, 6);
    const e = refusal(() => release(market()));
    expect({ code: e.code, field: e.issues[0].field }).toEqual({ code: "conflict", field: "priceRule" });
  });
});
