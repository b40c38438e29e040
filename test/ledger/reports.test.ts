import { describe, expect, it } from "vitest";
import { auditTrail, balanceRows, cover, position, valuation } from "../../src/index.js";
import { AUDITOR, refusal, stocked } from "./fixtures.js";

/** stocked() with acme's 20 t released from B on 2026-03-03. */
function drawn() {
  const b = stocked();
  b.run({ type: "request-draw", member: "acme", draw: "D-1", mineral: "ndpr", tons: 20, at: "2026-03-01" });
  b.run({ type: "approve-draw", draw: "D-1", at: "2026-03-02" });
  b.run({ type: "release", draw: "D-1", at: "2026-03-03T09:30:00Z" });
  return b;
}

describe("ledger reports", () => {
  it("position as of a date counts only what had come in and gone out by the end of that day", () => {
    const b = drawn();
    const tonsOn = (d: string) => position(b.state, d).minerals.map((m) => [m.mineral, m.tons, m.lots]);
    expect(tonsOn("2026-01-19")).toEqual([]);
    expect(tonsOn("2026-01-31")).toEqual([["ndpr", 60, 1]]);
    expect(tonsOn("2026-03-02")).toEqual([["ndpr", 100, 2]]);
    expect(tonsOn("2026-03-03")).toEqual([["ndpr", 80, 2]]);
    expect(position(b.state, "2026-03-03T09:00:00Z").minerals[0].tons).toBe(100);
    expect(position(b.state).lots.map((l) => [l.lot, l.tons, l.location])).toEqual([
      ["A", 60, "Depot North"],
      ["B", 20, "Depot South"],
    ]);
  });

  it("counts an expired lot as held but not releasable", () => {
    const p = position(drawn().state, "2028-01-01");
    expect(p.minerals[0]).toEqual({ mineral: "ndpr", tons: 80, releasable: 60, lots: 2 });
    expect(p.lots.find((l) => l.lot === "B")?.expired).toBe(true);
  });

  it("cover in days is releasable tons over daily demand d0 / 30.4375, against 60 days", () => {
    // d0 = 30.4375 t/month is 1 t a day: 80 t is 80 days; gallium held 0 t against 2 t/day is 60 days × 2 t short
    const c = cover(
      drawn().state,
      new Map([
        ["ndpr", 30.4375],
        ["ga", 60.875],
      ]),
    );
    expect(c).toEqual([
      { mineral: "ga", tons: 0, d0: 60.875, days: 0, target: 60, short: 120, met: false },
      { mineral: "ndpr", tons: 80, d0: 30.4375, days: 80, target: 60, short: 0, met: true },
    ]);
    expect(cover(drawn().state, new Map(), 90)[0]).toMatchObject({ mineral: "ndpr", days: null, short: null });
    expect(cover(drawn().state, new Map([["ndpr", 30.4375]]), 100)[0]).toMatchObject({ short: 20, met: false });
  });

  it("values each lot at the latest price on or before the date, against its book cost", () => {
    const b = drawn();
    b.run({ type: "set-price", mineral: "ndpr", date: "2026-01-01", price: 80_000, source: "index" });
    b.run({ type: "set-price", mineral: "ndpr", date: "2026-06-01", price: 120_000, source: "index" });
    b.run({ type: "order", order: "O-2", mineral: "sb", form: "ingot", spec: "99.65 %", tons: 1, price: 10, contract: "C", at: "2026-04-01" });
    b.run({ type: "receive", order: "O-2", lot: "S", tons: 1, location: "X", at: "2026-05-01" });
    const may = valuation(b.state, undefined, "2026-05-31");
    // 80 t × 80 000; book: A 60 × 100 000, B 20 of 40 t at 4 000 000 → 2 000 000
    expect(may.minerals.find((m) => m.mineral === "ndpr")).toEqual({ mineral: "ndpr", tons: 80, value: 6_400_000, book: 8_000_000 });
    expect(may.missing).toEqual(["sb"]);
    expect(may.value).toBe(6_400_000);
    expect(valuation(b.state, undefined, "2026-06-01").minerals[0].value).toBe(9_600_000);
    // a price table passed in replaces the ledger's
    expect(
      valuation(b.state, [{ mineral: "sb", date: "2020-01-01", price: 5, source: "dataset" }], "2026-06-01", AUDITOR).minerals.map((m) => m.value),
    ).toEqual([null, 5]);
  });

  it("the audit trail of a lot lists its receipt and every release from it, in order", () => {
    const b = drawn();
    expect(auditTrail(b.log, { lot: "B" }, AUDITOR).map((e) => e.type)).toEqual(["acquisition.received", "draw.released"]);
    expect(auditTrail(b.log, { lot: "A" }, AUDITOR).map((e) => e.type)).toEqual(["acquisition.received"]);
    expect(refusal(() => auditTrail(b.log, {}, AUDITOR)).code).toBe("bad-input");
  });

  it("balance rows of a release: the lot, the member's entitlement and the mineral total", () => {
    const b = stocked();
    b.run({ type: "request-draw", member: "acme", draw: "D-1", mineral: "ndpr", tons: 20, at: "2026-03-01" });
    b.run({ type: "approve-draw", draw: "D-1" });
    const events = b.run({ type: "release", draw: "D-1" });
    expect(balanceRows(b.state, events)).toMatchObject([
      { kind: "lot", id: "B", mineral: "ndpr", member: null, tons: 20, used: 20, left: null, year: null },
      { kind: "entitlement", id: "acme/ndpr", mineral: "ndpr", member: "acme", tons: 30, used: 20, left: 10, year: "2026", byYear: { "2026": 20 } },
      { kind: "mineral", id: "ndpr", mineral: "ndpr", member: null, tons: 80, used: 20, left: null, year: null },
      { kind: "draw", id: "D-1", mineral: "ndpr", member: "acme", tons: 20, status: "released", requested: 20, approved: 20, released: 20 },
    ]);
    expect(balanceRows(b.state, events).map((r) => r.kind)).toEqual(["lot", "entitlement", "mineral", "draw"]);
    // a price changes no balance
    expect(balanceRows(b.state, b.run({ type: "set-price", mineral: "ndpr", date: "2026-01-01", price: 1, source: "x" }))).toEqual([]);
  });
});
