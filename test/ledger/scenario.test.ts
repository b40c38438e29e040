import { describe, expect, it } from "vitest";
import { balanceRows, decide, replay, statement } from "../../src/index.js";
import { ACME, Book, OP, refusal, stocked } from "./fixtures.js";

describe("a hand-worked reserve", () => {
  it("receives an order of 100 t as 60 t and 40 t into two lots and closes the order", () => {
    const b = stocked();
    expect(b.state.lots.get("A")?.tons).toBe(60);
    expect(b.state.lots.get("B")?.tons).toBe(40);
    const o = b.state.orders.get("O-1");
    expect(o?.received).toBe(100);
    expect(o?.lots).toEqual(["A", "B"]);
    // A costs 60 × 100 000 USD, B 40 × 100 000 USD
    expect(b.state.lots.get("A")?.cost).toBe(6_000_000);
    expect(b.state.lots.get("B")?.cost).toBe(4_000_000);
  });

  it("approves 20 t for a member with 30 t/yr, releases it from the first-expiring lot and delivers it", () => {
    const b = stocked();
    b.run({ type: "request-draw", member: "acme", draw: "D-1", mineral: "ndpr", tons: 20, at: "2026-03-01" });
    b.run({ type: "approve-draw", draw: "D-1", at: "2026-03-02" });
    const [rel] = b.run({ type: "release", draw: "D-1", at: "2026-03-03" });
    // B expires 2027-12-31, before A (2028-06-30): all 20 t come from B, at the fixed 120 000 USD/t
    expect(rel.data).toEqual({ draw: "D-1", lots: [{ lot: "B", tons: 20, price: 120_000 }], amount: 2_400_000 });
    b.run({ type: "deliver", draw: "D-1", at: "2026-03-10" });
    expect(b.state.lots.get("A")?.tons).toBe(60);
    expect(b.state.lots.get("B")?.tons).toBe(20);
    expect(b.state.draws.get("D-1")?.status).toBe("delivered");
    const st = statement(b.state, "acme", ACME);
    expect(st.entitlements[0]).toMatchObject({ mineral: "ndpr", tonsPerYear: 30, year: "2026", used: 20, left: 10 });
    expect(st.draws[0]).toMatchObject({ draw: "D-1", status: "delivered", released: 20, amount: 2_400_000 });
  });

  it("refuses a second request of 15 t above the 10 t left of the entitlement, naming the field, and writes nothing", () => {
    const b = stocked();
    b.run({ type: "request-draw", member: "acme", draw: "D-1", mineral: "ndpr", tons: 20, at: "2026-03-01" });
    b.run({ type: "approve-draw", draw: "D-1" });
    const before = b.log.length;
    const e = refusal(() => b.run({ type: "request-draw", mineral: "ndpr", tons: 15, at: "2026-04-01" }, ACME));
    expect(e.code).toBe("conflict");
    expect(e.issues[0].field).toBe("tons");
    expect(e.message).toMatch(/above entitlement: acme has used 20 t of 30 t of ndpr in 2026, 10 t left; 15 t requested/);
    expect(b.log.length).toBe(before);
    // exactly the 10 t left still fits
    b.run({ type: "request-draw", mineral: "ndpr", tons: 10, at: "2026-04-01" }, ACME);
    expect(b.state.entitlements.get("acme/ndpr")?.used["2026"]).toBe(30);
  });

  it("counts the entitlement per calendar year of the request", () => {
    const b = stocked();
    b.run({ type: "request-draw", mineral: "ndpr", tons: 30, at: "2026-12-31T23:00:00Z" }, ACME);
    b.run({ type: "request-draw", mineral: "ndpr", tons: 30, at: "2027-01-01" }, ACME);
    expect(b.state.entitlements.get("acme/ndpr")?.used).toEqual({ "2026": 30, "2027": 30 });
  });

  it("a refused draw gives its tons back to the entitlement, with the reason kept", () => {
    const b = stocked();
    b.run({ type: "request-draw", member: "acme", draw: "D-1", mineral: "ndpr", tons: 25, at: "2026-03-01" });
    b.run({ type: "refuse-draw", draw: "D-1", reason: "stock held for a defence order" });
    expect(b.state.draws.get("D-1")).toMatchObject({ status: "refused", reason: "stock held for a defence order" });
    expect(b.state.entitlements.get("acme/ndpr")?.used["2026"]).toBe(0);
  });

  it("releases across lots when the first-expiring lot runs out, and a return goes back to the named lot", () => {
    const b = stocked();
    b.run({
      type: "set-entitlement",
      member: "acme",
      mineral: "ndpr",
      basis: { kind: "tons", tonsPerYear: 100 },
      priceRule: { kind: "cost-plus", margin: 0.1 },
      priority: "defence",
    });
    b.run({ type: "request-draw", member: "acme", draw: "D-1", mineral: "ndpr", tons: 50, at: "2026-03-01" });
    b.run({ type: "approve-draw", draw: "D-1", tons: 45, at: "2026-03-01" });
    const [rel] = b.run({ type: "release", draw: "D-1", at: "2026-03-02" });
    // 40 t from B, then 5 t from A; cost plus 10 %: 100 000 × 1.1 = 110 000 USD/t
    expect(rel.data).toMatchObject({
      lots: [
        { lot: "B", tons: 40 },
        { lot: "A", tons: 5 },
      ],
    });
    expect((rel.data as { amount: number }).amount).toBeCloseTo(45 * 110_000, 3);
    // the return needs a lot while the draw holds tons from several
    expect(refusal(() => b.run({ type: "return", draw: "D-1", tons: 1 })).issues[0].field).toBe("lot");
    b.run({ type: "return", draw: "D-1", lot: "A", tons: 5 });
    expect(b.state.lots.get("A")?.tons).toBe(60);
    expect(b.state.entitlements.get("acme/ndpr")?.used["2026"]).toBe(40);
    // now only B: the lot may be left out
    b.run({ type: "return", draw: "D-1", tons: 4 });
    expect(b.state.lots.get("B")?.tons).toBe(4);
  });

  it("an entitlement in days of the member's supply is supply × days / 365 tons a year", () => {
    const b = stocked();
    b.run({
      type: "set-entitlement",
      member: "acme",
      mineral: "ndpr",
      basis: { kind: "days", days: 60, supplyTonsPerYear: 365 },
      priceRule: { kind: "market", premium: 0 },
      priority: "commercial",
    });
    expect(b.state.entitlements.get("acme/ndpr")?.tonsPerYear).toBe(60);
  });

  it("prices a market-rule release at the latest price on or before its date", () => {
    const b = stocked();
    b.run({
      type: "set-entitlement",
      member: "acme",
      mineral: "ndpr",
      basis: { kind: "tons", tonsPerYear: 30 },
      priceRule: { kind: "market", premium: 0.05 },
      priority: "defence",
    });
    b.run({ type: "set-price", mineral: "ndpr", date: "2026-01-01", price: 80_000, source: "index" });
    b.run({ type: "set-price", mineral: "ndpr", date: "2026-03-01", price: 90_000, source: "index" });
    b.run({ type: "set-price", mineral: "ndpr", date: "2026-05-01", price: 99_000, source: "index" });
    b.run({ type: "request-draw", member: "acme", draw: "D-1", mineral: "ndpr", tons: 2, at: "2026-03-15" });
    b.run({ type: "approve-draw", draw: "D-1" });
    const [rel] = b.run({ type: "release", draw: "D-1", at: "2026-04-30" });
    expect((rel.data as { lots: { price: number }[] }).lots[0].price).toBeCloseTo(90_000 * 1.05, 6);
  });

  it("cancels the open rest of an order, transfers, writes off, re-assays and rotates a lot", () => {
    const b = stocked();
    b.run({ type: "order", order: "O-2", mineral: "sb", form: "ingot", spec: "antimony ingot 99.65 %", tons: 50, price: 20_000, contract: "C-2" });
    b.run({ type: "receive", order: "O-2", lot: "S1", tons: 20, location: "Depot North" });
    b.run({ type: "cancel-order", order: "O-2", reason: "supplier default" });
    expect(b.state.orders.get("O-2")).toMatchObject({ received: 20, cancelled: 30 });
    b.run({ type: "transfer", lot: "S1", to: "Depot South" });
    expect(b.state.lots.get("S1")?.location).toBe("Depot South");
    b.run({ type: "write-off", lot: "S1", tons: 1.5, reason: "spillage" });
    b.run({ type: "reassay", lot: "S1", tons: 18, spec: "antimony ingot 99.6 %", expires: "2030-01-01" });
    expect(b.state.lots.get("S1")).toMatchObject({ tons: 18, spec: "antimony ingot 99.6 %", expires: "2030-01-01", writtenOff: 1.5, reassayed: -0.5 });
    b.run({
      type: "rotate",
      lot: "S1",
      tons: 10,
      into: {
        lot: "S2",
        form: "ingot",
        spec: "antimony ingot 99.65 %",
        tons: 10,
        location: "Depot South",
        cost: 210_000,
        contract: "C-3",
        expires: "2032-01-01",
      },
    });
    expect(b.state.lots.get("S1")?.tons).toBe(8);
    expect(b.state.lots.get("S2")).toMatchObject({ mineral: "sb", tons: 10, received: 10 });
    // the balance table agrees with a replay of the log
    expect(balanceRows(b.state)).toEqual(balanceRows(replay(b.log)));
    expect(balanceRows(b.state).find((r) => r.kind === "mineral" && r.id === "sb")?.tons).toBe(18);
  });

  it("refuses to release from a lot dated before its receipt, and keeps past balances from going negative", () => {
    const b = stocked();
    b.run({ type: "request-draw", member: "acme", draw: "D-1", mineral: "ndpr", tons: 20, at: "2026-01-25" });
    b.run({ type: "approve-draw", draw: "D-1", at: "2026-01-25" });
    // B came in on 2026-02-10: on 2026-02-01 only A may be released, by default or by name
    const e = refusal(() => b.run({ type: "release", draw: "D-1", lots: [{ lot: "B", tons: 5 }], at: "2026-02-01" }));
    expect({ code: e.code, field: e.issues[0].field }).toEqual({ code: "conflict", field: "lots[0].lot" });
    const [rel] = b.run({ type: "release", draw: "D-1", at: "2026-02-01" });
    expect(rel.data).toMatchObject({ lots: [{ lot: "A", tons: 20 }] });
  });

  it("treats ids such as constructor or toString as plain ids", () => {
    const b = new Book();
    b.run({ type: "register-member", member: "toString", name: "x" });
    b.run({
      type: "set-entitlement",
      member: "toString",
      mineral: "constructor",
      basis: { kind: "tons", tonsPerYear: 5 },
      priceRule: { kind: "fixed", price: 1 },
      priority: "defence",
    });
    b.run({ type: "order", order: "hasOwnProperty", mineral: "constructor", form: "f", spec: "s", tons: 5, price: 1, contract: "C" });
    b.run({ type: "receive", order: "hasOwnProperty", lot: "constructor", tons: 5, location: "X" });
    b.run({ type: "request-draw", member: "toString", draw: "valueOf", mineral: "constructor", tons: 5 });
    b.run({ type: "approve-draw", draw: "valueOf" });
    b.run({ type: "release", draw: "valueOf" });
    b.run({ type: "return", draw: "valueOf", tons: 2 });
    expect(b.state.draws.get("valueOf")?.lots.constructor).toBe(3);
    expect(b.state.lots.get("constructor")?.tons).toBe(2);
  });

  it("decide is pure: the state changes only when its events are applied", () => {
    const b = stocked();
    b.run({ type: "request-draw", member: "acme", draw: "D-1", mineral: "ndpr", tons: 20 });
    b.run({ type: "approve-draw", draw: "D-1" });
    const before = structuredClone(b.state);
    const events = decide(b.state, { type: "release", draw: "D-1" }, OP, "key-1", "2026-06-01T12:00:00+02:00");
    expect(b.state).toEqual(before);
    expect(events).toEqual([
      {
        seq: 0,
        type: "draw.released",
        at: "2026-06-01T10:00:00.000Z",
        actor: "op-1",
        key: "key-1",
        data: { draw: "D-1", lots: [{ lot: "B", tons: 20, price: 120_000 }], amount: 2_400_000 },
      },
    ]);
  });

  it("numbers ids a command leaves out from the state", () => {
    const b = stocked();
    const [o] = b.run({ type: "order", mineral: "ga", form: "metal", spec: "4N", tons: 5, price: 1, contract: "C" }, OP);
    expect((o.data as { order: string }).order).toBe("O-2");
    const [r] = b.run({ type: "receive", order: "O-2", tons: 5, location: "X" });
    expect((r.data as { lot: string }).lot).toBe("L-3");
  });
});

describe("a lot's movements are dated in order", () => {
  it("a write-off dated before a release from the same lot is refused (the lot's last movement moves with every release)", () => {
    const b = stocked();
    b.run({ type: "request-draw", member: "acme", draw: "D-1", mineral: "ndpr", tons: 5, at: "2026-03-01" });
    b.run({ type: "approve-draw", draw: "D-1", at: "2026-03-02" });
    b.run({ type: "release", draw: "D-1", at: "2026-05-01" });
    const before = b.log.length;
    const e = refusal(() => b.run({ type: "write-off", lot: "B", tons: 1, reason: "damaged", at: "2026-04-01" }));
    expect(e.code).toBe("conflict");
    expect(e.issues[0].field).toBe("at");
    expect(b.log.length).toBe(before);
    // dated after the release it is fine
    b.run({ type: "write-off", lot: "B", tons: 1, reason: "damaged", at: "2026-05-02" });
    expect(b.state.lots.get("B")?.tons).toBe(34);
  });
});
