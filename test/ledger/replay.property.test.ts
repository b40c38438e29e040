import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Actor,
  apply,
  type BalanceRow,
  balanceRows,
  type Command,
  decide,
  emptyState,
  isLodestoneError,
  type LedgerEvent,
  releasableTons,
  replay,
} from "../../src/index.js";

const OP: Actor = { id: "op", role: "operator" };
const member = (m: string): Actor => ({ id: `${m}-user`, role: "member", member: m });
const MEMBERS = ["m1", "m2", "m3"];
const MINERALS = ["ndpr", "sb"];
const LOTS = ["L1", "L2", "L3", "L4", "L5"];
const ORDERS = ["O1", "O2", "O3", "O4"];
const DRAWS = ["D1", "D2", "D3", "D4"];
const DAYS = ["2026-01-05", "2026-02-10", "2026-03-15", "2026-06-30", "2026-12-31", "2027-01-02", "2027-07-01"];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const q = fc.oneof(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0.001, max: 60, noNaN: true }));
const at = pick(DAYS);

/** Commands over small pools of ids, so that most refer to something that exists and many succeed. */
const W: Partial<Record<Command["type"], number>> = { "request-draw": 6, "approve-draw": 6, "refuse-draw": 6, release: 6, deliver: 5, return: 6 };
const w = (type: Command["type"], arbitrary: fc.Arbitrary<[Command, Actor]>) => ({ arbitrary, weight: W[type] ?? 1 });
const command: fc.Arbitrary<[Command, Actor]> = fc.oneof(
  w(
    "order",
    fc
      .record({
        type: fc.constant("order" as const),
        order: pick(ORDERS),
        mineral: pick(MINERALS),
        form: fc.constant("f"),
        spec: fc.constant("s"),
        tons: q,
        price: fc.integer({ min: 1, max: 1000 }),
        contract: fc.constant("C"),
        at,
      })
      .map((c): [Command, Actor] => [c, OP]),
  ),
  w(
    "receive",
    fc
      .record({
        type: fc.constant("receive" as const),
        order: pick(ORDERS),
        lot: pick(LOTS),
        tons: q,
        location: pick(["N", "S"]),
        expires: fc.option(pick(["2026-06-01", "2027-06-01", "2030-01-01"]), { nil: undefined }),
        at,
      })
      .map((c): [Command, Actor] => [c, OP]),
  ),
  w(
    "cancel-order",
    fc
      .record({ type: fc.constant("cancel-order" as const), order: pick(ORDERS), tons: fc.option(q, { nil: undefined }), reason: fc.constant("r"), at })
      .map((c): [Command, Actor] => [c, OP]),
  ),
  w(
    "set-entitlement",
    fc
      .record({
        type: fc.constant("set-entitlement" as const),
        member: pick(MEMBERS),
        mineral: pick(MINERALS),
        basis: q.map((t) => ({ kind: "tons" as const, tonsPerYear: t * 2 })),
        priceRule: fc.constant({ kind: "cost-plus" as const, margin: 0.1 }),
        priority: pick(["defence", "commercial"] as const),
        at,
      })
      .map((c): [Command, Actor] => [c, OP]),
  ),
  w(
    "request-draw",
    fc
      .record({ type: fc.constant("request-draw" as const), draw: pick(DRAWS), m: pick(MEMBERS), mineral: pick(MINERALS), tons: q, at })
      // named draws (approvals and releases pick from DRAWS): the operator requests for the member, as a member may not name its draw
      .map(({ m, ...c }): [Command, Actor] => [{ ...c, member: m }, OP]),
  ),
  w(
    "approve-draw",
    fc
      .record({ type: fc.constant("approve-draw" as const), draw: pick(DRAWS), tons: fc.option(q, { nil: undefined, freq: 2 }), at })
      .map((c): [Command, Actor] => [c, OP]),
  ),
  w(
    "refuse-draw",
    fc.record({ type: fc.constant("refuse-draw" as const), draw: pick(DRAWS), reason: fc.constant("r"), at }).map((c): [Command, Actor] => [c, OP]),
  ),
  w(
    "release",
    fc
      .record({ type: fc.constant("release" as const), draw: pick(DRAWS), tons: fc.option(q, { nil: undefined, freq: 2 }), at })
      .map((c): [Command, Actor] => [c, OP]),
  ),
  w(
    "release",
    fc
      .record({
        type: fc.constant("release" as const),
        draw: pick(DRAWS),
        lots: fc.array(fc.record({ lot: pick(LOTS), tons: q }), { minLength: 1, maxLength: 2 }),
        at,
      })
      .map((c): [Command, Actor] => [c, OP]),
  ),
  w(
    "deliver",
    fc.record({ type: fc.constant("deliver" as const), draw: pick(DRAWS), at }).map((c): [Command, Actor] => [c, OP]),
  ),
  w(
    "return",
    fc
      .record({
        type: fc.constant("return" as const),
        draw: pick(DRAWS),
        lot: fc.option(pick(LOTS), { nil: undefined, freq: 2 }),
        tons: fc.double({ min: 0.001, max: 5, noNaN: true }),
        at,
      })
      .map((c): [Command, Actor] => [c, OP]),
  ),
  w(
    "write-off",
    fc.record({ type: fc.constant("write-off" as const), lot: pick(LOTS), tons: q, reason: fc.constant("r"), at }).map((c): [Command, Actor] => [c, OP]),
  ),
  w(
    "reassay",
    fc.record({ type: fc.constant("reassay" as const), lot: pick(LOTS), tons: q, at }).map((c): [Command, Actor] => [c, OP]),
  ),
  w(
    "transfer",
    fc.record({ type: fc.constant("transfer" as const), lot: pick(LOTS), to: pick(["N", "S", "W"]), at }).map((c): [Command, Actor] => [c, OP]),
  ),
  w(
    "rotate",
    fc
      .record({
        type: fc.constant("rotate" as const),
        lot: pick(LOTS),
        tons: q,
        into: fc.record({
          lot: pick(LOTS),
          form: fc.constant("f"),
          spec: fc.constant("s"),
          tons: q,
          location: fc.constant("N"),
          cost: fc.constant(100),
          contract: fc.constant("C"),
        }),
        at,
      })
      .map((c): [Command, Actor] => [c, OP]),
  ),
);

/** A draw's whole life in a row (request, approve, release, then maybe deliver and a return), so that later stages are reached often. */
const lifecycle: fc.Arbitrary<[Command, Actor][]> = fc
  .record({
    draw: pick(DRAWS),
    m: pick(MEMBERS),
    mineral: pick(MINERALS),
    tons: fc.double({ min: 0.001, max: 20, noNaN: true }),
    at,
    back: fc.double({ min: 0.001, max: 10, noNaN: true }),
    stage: fc.integer({ min: 3, max: 5 }),
  })
  .map(({ draw, m, mineral, tons, at, back, stage }) => {
    const steps: [Command, Actor][] = [
      [{ type: "request-draw", draw, mineral, tons, at }, member(m)],
      [{ type: "approve-draw", draw, at }, OP],
      [{ type: "release", draw, at }, OP],
      [{ type: "deliver", draw, at }, OP],
      [{ type: "return", draw, tons: back, at }, OP],
    ];
    return steps.slice(0, stage);
  });
const sequence = fc
  .array(fc.oneof({ arbitrary: command.map((c) => [c]), weight: 4 }, { arbitrary: lifecycle, weight: 1 }), { minLength: 10, maxLength: 60 })
  .map((xs) => xs.flat());

const key = (r: BalanceRow) => `${r.kind}:${r.id}`;
const EPS = 1e-6;

describe("the ledger over random command sequences", () => {
  it("replay equals the incremental state, the balance table equals a full recount, no lot goes negative, releases never exceed receipts", () => {
    let accepted = 0;
    const made = new Map<string, number>();
    let refused = 0;
    fc.assert(
      fc.property(sequence, (cmds) => {
        const state = emptyState();
        const log: LedgerEvent[] = [];
        const table = new Map<string, BalanceRow>(); // the store's derived table, kept row by row
        const run = (cmd: Command, actor: Actor, k: string) => {
          // recorded as it happens: the clock reads the command's own date (a member may date only near the clock)
          const events = decide(state, cmd, actor, k, cmd.at ?? "2026-01-01");
          for (const e of events) {
            e.seq = log.length + 1;
            apply(state, e);
            log.push(e);
          }
          for (const r of balanceRows(state, events)) table.set(key(r), r);
        };
        // a start that lets most commands find what they refer to: members with entitlements, orders, two lots
        for (const m of MEMBERS) {
          run({ type: "register-member", member: m, name: m }, OP, `reg-${m}`);
          for (const x of MINERALS)
            run(
              {
                type: "set-entitlement",
                member: m,
                mineral: x,
                basis: { kind: "tons", tonsPerYear: 100 },
                priceRule: { kind: "fixed", price: 1 },
                priority: "defence",
              },
              OP,
              `ent-${m}-${x}`,
            );
        }
        run({ type: "order", order: "O1", mineral: "ndpr", form: "f", spec: "s", tons: 200, price: 10, contract: "C", at: "2026-01-01" }, OP, "o1");
        run({ type: "order", order: "O2", mineral: "sb", form: "f", spec: "s", tons: 200, price: 10, contract: "C", at: "2026-01-01" }, OP, "o2");
        run({ type: "receive", order: "O1", lot: "L1", tons: 50, location: "N", expires: "2027-06-01", at: "2026-01-02" }, OP, "r1");
        run({ type: "receive", order: "O2", lot: "L2", tons: 50, location: "N", at: "2026-01-02" }, OP, "r2");
        // sb's releases are held to a declared crisis allocation rule (ndpr's to the default one: classes and pro rata, no floors)
        run({ type: "set-allocation-rule", mineral: "sb", stockFloorTons: 5, memberFloor: 1, at: "2026-01-02" }, OP, "rule-sb");
        cmds.forEach(([cmd, actor], i) => {
          const before = structuredClone(state);
          try {
            run(cmd, actor, `k${i}`);
            // a release under a rule that is on never takes the releasable stock below the declared floor
            const draw = cmd.type === "release" ? state.draws.get(cmd.draw) : undefined;
            const rule = draw && state.allocationRules.get(draw.mineral);
            if (draw && rule?.status === "on")
              expect(releasableTons(state, draw.mineral, log[log.length - 1].at)).toBeGreaterThanOrEqual(rule.stockFloor - EPS);
            accepted++;
            made.set(cmd.type, (made.get(cmd.type) ?? 0) + 1);
          } catch (e) {
            if (!isLodestoneError(e) || e.code === "integrity") throw e;
            refused++;
            expect(state).toEqual(before); // a refusal writes nothing
          }
        });
        const replayed = replay(log);
        expect(replayed).toEqual(state);
        expect([...table.values()].sort((a, b) => (key(a) < key(b) ? -1 : 1))).toEqual(balanceRows(replayed).sort((a, b) => (key(a) < key(b) ? -1 : 1)));
        let received = 0;
        let drawn = 0;
        for (const lot of state.lots.values()) {
          expect(lot.tons).toBeGreaterThanOrEqual(0);
          expect(lot.tons).toBeCloseTo(lot.received + lot.returned + lot.reassayed - lot.released - lot.writtenOff - lot.rotatedOut, 6);
          expect(lot.released - lot.returned).toBeLessThanOrEqual(lot.received + Math.max(0, lot.reassayed) + EPS);
          received += lot.received + Math.max(0, lot.reassayed);
          drawn += lot.released - lot.returned;
        }
        expect(drawn).toBeLessThanOrEqual(received + EPS);
        for (const d of state.draws.values()) expect(d.released).toBeLessThanOrEqual(d.approved + EPS);
        for (const o of state.orders.values()) expect(o.received + o.cancelled).toBeLessThanOrEqual(o.tons + EPS);
      }),
      { seed: 42, numRuns: 200 },
    );
    // the generator exercises both paths
    expect(accepted).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
    for (const type of ["release", "return", "deliver", "rotate", "reassay", "write-off", "cancel-order", "refuse-draw"])
      expect(made.get(type) ?? 0, type).toBeGreaterThan(10);
  });
});

describe("apply", () => {
  const ev = (e: Partial<LedgerEvent> & Pick<LedgerEvent, "type" | "data">) =>
    ({ seq: 1, at: "2026-01-01T00:00:00.000Z", actor: "op", key: "k", ...e }) as LedgerEvent;

  it("throws an integrity error on a release from an unknown lot", () => {
    const s = replay([
      ev({ type: "member.registered", data: { member: "m", name: "m" } }),
      ev({
        type: "entitlement.set",
        data: {
          member: "m",
          mineral: "x",
          basis: { kind: "tons", tonsPerYear: 9 },
          tonsPerYear: 9,
          priceRule: { kind: "fixed", price: 1 },
          priority: "defence",
        },
      }),
      ev({ type: "draw.requested", data: { draw: "d", member: "m", mineral: "x", tons: 5 } }),
      ev({ type: "draw.approved", data: { draw: "d", tons: 5 } }),
    ]);
    const before = structuredClone(s);
    let code = "";
    try {
      apply(s, ev({ seq: 5, type: "draw.released", data: { draw: "d", lots: [{ lot: "ghost", tons: 1, price: 1 }], amount: 1 } }));
    } catch (e) {
      code = isLodestoneError(e) ? `${e.code}: ${e.message}` : String(e);
    }
    expect(code).toBe('integrity: event 5 (draw.released): unknown lot "ghost"');
    expect(s).toEqual(before);
  });

  it("throws an integrity error on an event that would make a lot negative or an unknown event type", () => {
    const s = replay([
      ev({ type: "acquisition.ordered", data: { order: "o", mineral: "x", form: "f", spec: "s", tons: 5, price: 1, contract: "c" } }),
      ev({ type: "acquisition.received", data: { order: "o", lot: "l", mineral: "x", form: "f", spec: "s", tons: 5, location: "n", cost: 5, contract: "c" } }),
    ]);
    expect(() => apply(s, ev({ type: "lot.written_off", data: { lot: "l", tons: 6, reason: "r" } }))).toThrow(/integrity|would hold -1 t/);
    expect(() =>
      apply(
        s,
        ev({
          type: "acquisition.received",
          data: { order: "o", lot: "l2", mineral: "x", form: "f", spec: "s", tons: 1, location: "n", cost: 1, contract: "c" },
        }),
      ),
    ).toThrow(/would receive more than the 5 t ordered/);
    expect(() =>
      apply(s, {
        ...ev({ type: "price.set", data: { mineral: "x", date: "2026-01-01", price: 1, source: "s" } }),
        type: "lot.stolen",
      } as unknown as LedgerEvent),
    ).toThrow(/unknown event type/);
    // a name every object has is not an event type either
    expect(() =>
      apply(s, { ...ev({ type: "fee.paid", data: { member: "m", amount: 1, period: "p" } }), type: "constructor" } as unknown as LedgerEvent),
    ).toThrow(/unknown event type "constructor"/);
  });
});
