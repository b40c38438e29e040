import { describe, expect, it } from "vitest";
import { COMMAND_TYPES, type Command, lotsAsOf, position } from "../../src/index.js";
import { COMMAND_FIELDS } from "../../src/ledger/validate.js";
import { AUDITOR, refusal, stocked } from "./fixtures.js";

describe("a command's fields", () => {
  it("a field the command does not take is refused by the core, naming it with the valid ones; nothing is decided", () => {
    const b = stocked();
    const e = refusal(() => b.run({ type: "receive", order: "O-1", tons: 1, location: "X", expiry: "2030-01-01" } as unknown as Command));
    expect(e.code).toBe("bad-input");
    expect(e.issues).toEqual([
      {
        field: "expiry",
        message: 'receive takes no field "expiry"',
        expected: "one of type, at, order, lot, tons, location, cost, expires",
        suggestions: expect.arrayContaining(["expires"]),
      },
    ]);
    // a rotation's new lot and a release's lots are checked too
    const into = refusal(() =>
      b.run({
        type: "rotate",
        lot: "A",
        tons: 1,
        into: { form: "f", spec: "s", tons: 1, location: "X", cost: 1, contract: "C", expiry: "2030-01-01" },
      } as unknown as Command),
    );
    expect(into.issues[0]).toMatchObject({ field: "into.expiry" });
    b.run({ type: "request-draw", member: "acme", draw: "D-1", mineral: "ndpr", tons: 2, at: "2026-03-01" });
    b.run({ type: "approve-draw", draw: "D-1", at: "2026-03-01" });
    const lots = refusal(() => b.run({ type: "release", draw: "D-1", lots: [{ lot: "B", ton: 2 }], at: "2026-03-02" } as unknown as Command));
    expect(lots.issues[0]).toMatchObject({ field: "lots[0].ton" });
    expect(b.state.draws.get("D-1")?.released).toBe(0);
  });

  it("every command type is listed with its fields, so none escapes the check (set-allocation-rule: a misspelt floor is refused)", () => {
    const b = stocked();
    const e = refusal(() => b.run({ type: "set-allocation-rule", mineral: "ndpr", stockFloorTon: 5 } as unknown as Command));
    expect(e.issues[0]).toMatchObject({ field: "stockFloorTon", suggestions: expect.arrayContaining(["stockFloorTons"]) });
    for (const type of COMMAND_TYPES) expect(COMMAND_FIELDS[type], type).toBeDefined();
  });
});

describe("a dated position shows each lot as it stood that day", () => {
  it("a lot transferred and re-assayed later is at its first place, with its first spec and expiry, on an earlier day", () => {
    const b = stocked();
    b.run({ type: "transfer", lot: "B", to: "Depot East", at: "2026-05-01" });
    b.run({ type: "reassay", lot: "B", spec: "NdPr oxide ≥ 99.7 %", expires: "2031-01-01", at: "2026-05-02" });
    const then = position(b.state, "2026-03-01", AUDITOR, b.log).lots.find((l) => l.lot === "B");
    expect(then).toMatchObject({ location: "Depot South", spec: "NdPr oxide ≥ 99.5 %", expires: "2027-12-31" });
    const mid = lotsAsOf(b.log, "2026-05-01T23:59:59.999Z").get("B");
    expect(mid).toEqual({ location: "Depot East", spec: "NdPr oxide ≥ 99.5 %", expires: "2027-12-31" });
    expect(position(b.state, undefined, AUDITOR).lots.find((l) => l.lot === "B")).toMatchObject({
      location: "Depot East",
      spec: "NdPr oxide ≥ 99.7 %",
      expires: "2031-01-01",
    });
  });
});
