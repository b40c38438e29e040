import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AllocationInput, type AllocationRequest, allocate, allocationFor, PRIORITIES, proRata } from "../../src/index.js";
import { refusal, stocked } from "./fixtures.js";

const req = (draw: string, priority: AllocationRequest["priority"], entitlement: number, requested: number): AllocationRequest => ({
  draw,
  member: `m-${draw}`,
  priority,
  entitlement,
  requested,
});
const got = (r: ReturnType<typeof allocate>) => Object.fromEntries(r.lines.map((l) => [l.draw, l.allocated]));

describe("crisis allocation, hand-worked", () => {
  it("fills defence, shares critical infrastructure pro rata to entitlement and leaves commercial empty", () => {
    // 100 t less a 10 t stock floor = 90 t; defence asks 50 t (filled); 40 t left for 80 t asked in
    // critical infrastructure, entitlements 100 : 60 → 25 t and 15 t; commercial gets nothing
    const r = allocate({
      stock: 100,
      stockFloor: 10,
      requests: [
        req("d1", "defence", 30, 30),
        req("d2", "defence", 10, 20),
        req("c1", "critical-infrastructure", 100, 40),
        req("c2", "critical-infrastructure", 60, 40),
        req("m1", "commercial", 50, 5),
      ],
    });
    expect(got(r)).toEqual({ d1: 30, d2: 20, c1: 25, c2: 15, m1: 0 });
    expect(r).toMatchObject({ available: 90, allocated: 90, left: 0 });
    expect(r.classes).toEqual([
      { priority: "defence", requested: 50, allocated: 50, filled: true },
      { priority: "critical-infrastructure", requested: 80, allocated: 40, filled: false },
      { priority: "commercial", requested: 5, allocated: 0, filled: false },
    ]);
    expect(r.lines[0]).toMatchObject({ rule: "full", reason: "all 30 t requested: class defence is filled" });
    expect(r.lines[2]).toMatchObject({ rule: "pro-rata", reason: "25 t of 40 t: class critical-infrastructure is short, pro rata to entitlement 100 t" });
    expect(r.lines[4]).toMatchObject({ rule: "none", reason: "nothing: the higher class critical-infrastructure is not filled" });
  });

  it("caps a share at the request and shares the excess among the others", () => {
    // 40 t, entitlements 100 : 60 → 25 : 15, but c1 asks only 10 t: c1 10 t, c2 the other 30 t
    const r = allocate({ stock: 40, requests: [req("c1", "critical-infrastructure", 100, 10), req("c2", "critical-infrastructure", 60, 60)] });
    expect(got(r)).toEqual({ c1: 10, c2: 30 });
    expect(r.lines[0].reason).toContain("(capped at the request)");
  });

  it("gives each member its floor first, then the rest pro rata", () => {
    // 10 t, floor 3 t each → 9 t; the last 1 t pro rata 1 : 1 : 8 → 0.1, 0.1, 0.8
    const r = allocate({ stock: 10, memberFloor: 3, requests: [req("a", "commercial", 1, 10), req("b", "commercial", 1, 10), req("c", "commercial", 8, 10)] });
    expect(got(r)).toEqual({ a: 3.1, b: 3.1, c: 3.8 });
    expect(r.lines.map((l) => l.fromFloor)).toEqual([3, 3, 3]);
  });

  it("shares the floors themselves pro rata when even they do not fit", () => {
    // 5 t for floors of 3 t, entitlements 1 : 4 → 1 : 4, capped at 3 → b 3 t, a the other 2 t
    const r = allocate({ stock: 5, memberFloor: 3, requests: [req("a", "defence", 1, 10), req("b", "defence", 4, 10)] });
    expect(got(r)).toEqual({ a: 2, b: 3 });
    expect(r.lines.map((l) => l.rule)).toEqual(["floor", "floor"]);
  });

  it("keeps the stock floor back, saying so", () => {
    const r = allocate({ stock: 8, stockFloor: 10, requests: [req("a", "defence", 1, 5)] });
    expect(got(r)).toEqual({ a: 0 });
    expect(r.lines[0].reason).toBe("nothing: the stock floor of 10 t keeps back all 8 t");
  });

  it("rounds down to kilograms and gives the leftover kilogram to the largest remainder, first in order on ties", () => {
    const r = allocate({ stock: 10, requests: [req("a", "defence", 1, 10), req("b", "defence", 1, 10), req("c", "defence", 1, 10)] });
    expect(got(r)).toEqual({ a: 3.334, b: 3.333, c: 3.333 });
    expect(proRata(7, [1, 1, 1], [5, 5, 5])).toEqual([3, 2, 2]);
    expect(proRata(10, [0, 0], [3, 20])).toEqual([3, 7]);
  });

  it("shares per member, not per draw: two draws of A and one of B, equal entitlements, get 5 t and 5 t", () => {
    const r = allocate({
      stock: 10,
      requests: [
        { draw: "a1", member: "A", priority: "commercial", entitlement: 1, requested: 10 },
        { draw: "a2", member: "A", priority: "commercial", entitlement: 1, requested: 10 },
        { draw: "b1", member: "B", priority: "commercial", entitlement: 1, requested: 10 },
      ],
    });
    expect(r.members.map((m) => [m.member, m.requested, m.allocated, m.draws])).toEqual([
      ["A", 20, 5, ["a1", "a2"]],
      ["B", 10, 5, ["b1"]],
    ]);
    // A's share fills its draws in order
    expect(got(r)).toEqual({ a1: 5, a2: 0, b1: 5 });
    expect(r.lines[1].reason).toBe("0 t of 10 t: A's share fills its 2 draws in order; A: 5 t of 20 t: class commercial is short, pro rata to entitlement 1 t");
  });

  it("counts a member's floor once over its draws, and takes a member's own floor over the common one", () => {
    // 6 t, floor 2 t each: A (two draws) 2 t, B 2 t, then 2 t pro rata 1 : 1 → A 3 t, B 3 t (per draw, A would have had 4 t of floors)
    const two = [
      { draw: "a1", member: "A", priority: "defence" as const, entitlement: 1, requested: 5 },
      { draw: "a2", member: "A", priority: "defence" as const, entitlement: 1, requested: 5 },
      { draw: "b1", member: "B", priority: "defence" as const, entitlement: 1, requested: 5 },
    ];
    const r = allocate({ stock: 6, memberFloor: 2, requests: two });
    expect(r.members.map((m) => [m.member, m.allocated, m.fromFloor])).toEqual([
      ["A", 3, 2],
      ["B", 3, 2],
    ]);
    // B's own floor of 4 t: floors 2 + 4, nothing left over
    const own = allocate({ stock: 6, memberFloor: 2, memberFloors: { B: 4 }, requests: two });
    expect(own.members.map((m) => [m.member, m.floor, m.allocated])).toEqual([
      ["A", 2, 2],
      ["B", 4, 4],
    ]);
    expect(own.members.map((m) => m.rule)).toEqual(["floor", "floor"]);
  });

  it("refuses a member listed with two classes or two entitlements", () => {
    const a = { draw: "a1", member: "A", priority: "defence" as const, entitlement: 1, requested: 5 };
    expect(refusal(() => allocate({ stock: 1, requests: [a, { ...a, draw: "a2", priority: "commercial" }] })).issues[0].field).toBe("requests[1].priority");
    expect(refusal(() => allocate({ stock: 1, requests: [a, { ...a, draw: "a2", entitlement: 2 }] })).issues[0].field).toBe("requests[1].entitlement");
  });

  it("refuses malformed input naming the field", () => {
    expect(refusal(() => allocate({ stock: -1, requests: [] })).issues[0].field).toBe("stock");
    expect(refusal(() => allocate({ stock: 1, requests: [req("a", "defence", 1, Number.NaN)] })).issues[0].field).toBe("requests[0].requested");
    expect(refusal(() => allocate({ stock: 1, requests: [req("a", "defence", 1, 1), req("a", "defence", 1, 1)] })).issues[0].field).toBe("requests[1].draw");
  });

  it("builds the problem from the ledger: approved tons not yet released against releasable stock", () => {
    const b = stocked();
    b.run({
      type: "set-entitlement",
      member: "acme",
      mineral: "ndpr",
      basis: { kind: "tons", tonsPerYear: 200 },
      priceRule: { kind: "fixed", price: 1 },
      priority: "commercial",
    });
    b.run({ type: "register-member", member: "bolt", name: "Bolt Grid" });
    b.run({
      type: "set-entitlement",
      member: "bolt",
      mineral: "ndpr",
      basis: { kind: "tons", tonsPerYear: 70 },
      priceRule: { kind: "fixed", price: 1 },
      priority: "defence",
    });
    b.run({ type: "request-draw", member: "acme", draw: "D-1", mineral: "ndpr", tons: 80 });
    b.run({ type: "request-draw", member: "bolt", draw: "D-2", mineral: "ndpr", tons: 70 });
    b.run({ type: "approve-draw", draw: "D-1" });
    b.run({ type: "approve-draw", draw: "D-2" });
    // 100 t held, 20 t kept back: bolt (defence) 70 t in full, acme (commercial) the 10 t left
    const r = allocationFor(b.state, "ndpr", "2026-06-01", { stockFloor: 20 });
    expect(got(r)).toEqual({ "D-1": 10, "D-2": 70 });
  });
});

const priority = fc.constantFrom(...PRIORITIES);
const tons = (max: number) => fc.double({ min: 0, max, noNaN: true, noDefaultInfinity: true });
const input = (memberFloor: fc.Arbitrary<number>): fc.Arbitrary<AllocationInput> =>
  fc.record({
    stock: tons(1000),
    stockFloor: tons(200),
    memberFloor,
    requests: fc
      .array(fc.record({ priority, entitlement: fc.double({ min: 1, max: 100, noNaN: true }), requested: tons(300) }), { maxLength: 8 })
      .map((rs) => rs.map((r, i) => ({ ...r, draw: `d${i}`, member: `m${i}` }))),
  });
const UNIT = 1e-3;

describe("crisis allocation, properties", () => {
  it("never gives more than stock less the floor, nor more than asked; gives out all it can", () => {
    fc.assert(
      fc.property(input(tons(20)), (x) => {
        const r = allocate(x);
        const avail = Math.max(0, x.stock - (x.stockFloor ?? 0));
        expect(r.allocated).toBeLessThanOrEqual(avail + 1e-9);
        for (const l of r.lines) {
          expect(l.allocated).toBeGreaterThanOrEqual(0);
          expect(l.allocated).toBeLessThanOrEqual(l.requested + 1e-9);
        }
        const asked = x.requests.reduce((s, q) => s + q.requested, 0);
        expect(r.allocated).toBeGreaterThanOrEqual(Math.min(avail, asked) - (x.requests.length + 1) * UNIT);
      }),
      { seed: 12, numRuns: 300 },
    );
  });

  it("a lower class gets nothing while a higher class is unfilled", () => {
    fc.assert(
      fc.property(input(tons(20)), (x) => {
        const r = allocate(x);
        const rank = (p: string) => PRIORITIES.indexOf(p as never);
        for (const low of r.lines.filter((l) => l.allocated > 0))
          for (const high of r.lines.filter((l) => rank(l.priority) < rank(low.priority))) expect(high.allocated).toBeGreaterThanOrEqual(high.requested - UNIT);
      }),
      { seed: 13, numRuns: 300 },
    );
  });

  it("splitting a member's request into several draws never changes what any member gets", () => {
    const split = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(input(tons(20)), split, fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }), (x0, parts, cuts) => {
        // requests in whole kilograms, cut into 1–4 draws of whole kilograms that add up to them
        const x = { ...x0, requests: x0.requests.map((r) => ({ ...r, requested: Math.round(r.requested * 1000) / 1000 })) };
        const whole = allocate(x);
        const requests = x.requests.flatMap((r, i) => {
          const kg = Math.round(r.requested * 1000);
          const w = cuts.slice(0, parts[i]);
          const sum = w.reduce((s, v) => s + v, 0);
          const sizes = w.map((v) => Math.floor((kg * v) / sum));
          sizes[sizes.length - 1] += kg - sizes.reduce((s, v) => s + v, 0);
          return sizes.map((q, k) => ({ ...r, draw: `${r.draw}.${k}`, requested: q / 1000 }));
        });
        const cut = allocate({ ...x, requests });
        const by = (r: ReturnType<typeof allocate>) => r.members.map((m) => [m.member, m.allocated, m.fromFloor, m.rule]);
        expect(by(cut)).toEqual(by(whole));
        expect(cut.allocated).toBeCloseTo(whole.allocated, 9);
      }),
      { seed: 16, numRuns: 300 },
    );
  });

  it("same input, same output", () => {
    fc.assert(
      fc.property(input(tons(20)), (x) => {
        expect(allocate(structuredClone(x))).toEqual(allocate(x));
      }),
      { seed: 14, numRuns: 100 },
    );
  });

  it("within the class that runs short, uncapped shares are equal per ton of entitlement up to a kilogram", () => {
    fc.assert(
      fc.property(input(fc.constant(0)), (x) => {
        const r = allocate(x);
        const short = r.classes.find((c) => !c.filled && c.allocated > 0);
        if (!short) return;
        const open = r.lines.filter((l) => l.priority === short.priority && l.allocated < l.requested - UNIT);
        for (const a of open)
          for (const b of open)
            expect(Math.abs(a.allocated / a.entitlement - b.allocated / b.entitlement)).toBeLessThanOrEqual(UNIT / a.entitlement + UNIT / b.entitlement + 1e-9);
      }),
      { seed: 15, numRuns: 300 },
    );
  });
});
