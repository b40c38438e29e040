// The one contract suite every LedgerStore passes (run by sqlite.test.ts and postgres.test.ts), in
// the manner of Hono's router/common.case.test.ts, with the real ledger core plugged in (openLedger:
// src/ledger's decide, apply and balanceRows). After every test the store is checked against a full
// replay of its own log: the balances table equals the replayed balances, no stock is negative, no
// lot or mineral released beyond what it received, sequence numbers 1..n without gaps, each command's
// events (actor and key) contiguous.
import { afterEach, describe, expect, it } from "vitest";
import {
  type Actor,
  type BalanceRow,
  balanceRows,
  type Command,
  decide,
  type LedgerEvent,
  type LedgerState,
  LodestoneError,
  position,
  replay,
  statement,
} from "../../src/index.js";
import { commandFingerprint, type Ledger, readPosition, readStatement } from "../../src/store/index.js";

export type Store = Ledger;
/** A fresh empty database per call; `open` may be called several times (several connections). */
export interface Harness {
  fresh(): Promise<{ open(): Promise<Store>; drop(): Promise<void> }>;
}

export const OP: Actor = { id: "op-1", role: "operator" };
/** The business date-time commands default to (decide's `now`). */
export const NOW = "2026-11-25T10:00:00Z";

/** Run a real command through a store: the fingerprint and decide the shells use (src/cli reserve run). */
export const exec = (store: Store, key: string, cmd: Command, actor: Actor = OP, now = NOW) =>
  store.run(actor.id, key, commandFingerprint(actor.id, now, cmd), (s) => decide(s, cmd, actor, key, now));

/** Tolerance for float sums of tons (the core's EPS). */
const EPS = 1e-6;
const byKey = (rows: BalanceRow[]) => [...rows].sort((a, b) => (a.kind + a.id < b.kind + b.id ? -1 : a.kind + a.id > b.kind + b.id ? 1 : 0));

/** The invariants, recomputed from the log alone. */
export async function checkInvariants(store: Store): Promise<{ events: LedgerEvent[]; state: LedgerState }> {
  const events = await store.events();
  expect(
    events.findIndex((e, i) => e.seq !== i + 1),
    "first event whose seq is not its position",
  ).toBe(-1);
  // a command is (actor, key): keys are per actor
  const ended = new Set<string>();
  const command = (e: LedgerEvent) => `${e.actor}\u0000${e.key}`;
  const scattered = events.filter((e, i) => {
    if (i > 0 && command(events[i - 1]) !== command(e)) ended.add(command(events[i - 1]));
    return ended.has(command(e));
  });
  expect(
    scattered.map((e) => e.seq),
    "events whose command's events are not contiguous",
  ).toEqual([]);
  const state = replay(events);
  same(byKey((await store.balances()) as BalanceRow[]), byKey(balanceRows(state)), "balances table = balances of a full replay");
  // the reports the shells read from that table equal the reports of a full replay: the position (each
  // lot's tons, place and expiry; its tons recounted from its dated movements) and every member's statement
  const auditor: Actor = { id: "check", role: "auditor" };
  const fast = (await readPosition(store, undefined, auditor)).position;
  const recount = position(state, "9999-12-31", auditor, events);
  expect(
    fast.lots.map((l) => [l.lot, l.mineral, l.location, l.spec, l.expires]),
    "position lots = replay",
  ).toEqual(recount.lots.map((l) => [l.lot, l.mineral, l.location, l.spec, l.expires]));
  fast.lots.forEach((l, i) => expect(Math.abs(l.tons - recount.lots[i].tons), `lot ${l.lot}: tons = its movements`).toBeLessThan(EPS));
  fast.minerals.forEach((m, i) => expect(Math.abs(m.tons - recount.minerals[i].tons), `${m.mineral}: tons = replay`).toBeLessThan(EPS));
  for (const m of state.members.keys()) same(await readStatement(store, m, auditor), statement(state, m, auditor), `statement of ${m} = replay`);
  // a date before the latest event is read by paging through the log: the same as a replay of it all
  const first = events.find((e) => e.type === "acquisition.received" || e.type === "lot.rotated");
  if (first) {
    const day = first.at.slice(0, 10);
    same((await readPosition(store, day, auditor)).position, position(state, day, auditor, events), `position as of ${day} = replay`);
  }
  const lots = [...state.lots.values()];
  expect(
    lots.filter((l) => l.tons < 0 || l.released < 0 || l.returned < 0).map((l) => l.id),
    "lots with negative stock",
  ).toEqual([]);
  // releases never exceed receipts: a lot gives out (net of returns) at most what came in (plus what re-assays added)
  expect(
    lots.filter((l) => l.released - l.returned > l.received + Math.max(0, l.reassayed) + EPS).map((l) => l.id),
    "lots released beyond what they received",
  ).toEqual([]);
  expect(
    lots.filter((l) => Math.abs(l.tons - (l.received - l.released + l.returned - l.writtenOff - l.rotatedOut + l.reassayed)) > EPS).map((l) => l.id),
    "lots whose tons are not receipts less releases, write-offs and rotations",
  ).toEqual([]);
  for (const [mineral, m] of state.minerals) {
    const of = lots.filter((l) => l.mineral === mineral);
    expect(m.tons, `${mineral}: held ≥ 0`).toBeGreaterThanOrEqual(0);
    expect(Math.abs(m.tons - of.reduce((s, l) => s + l.tons, 0)), `${mineral}: held = sum of its lots`).toBeLessThan(EPS);
    expect(Math.abs(m.drawn - of.reduce((s, l) => s + l.released - l.returned, 0)), `${mineral}: drawn = released less returned`).toBeLessThan(EPS);
    expect(m.drawn, `${mineral}: drawn ≤ received`).toBeLessThanOrEqual(of.reduce((s, l) => s + l.received + Math.max(0, l.reassayed), 0) + EPS);
  }
  expect(
    [...state.draws.values()].filter((d) => d.released > d.approved + EPS || d.returned > d.released + EPS).map((d) => d.id),
    "draws released beyond approval or returned beyond release",
  ).toEqual([]);
  expect(
    [...state.entitlements.values()].filter((e) => Object.values(e.used).some((u) => u < 0)).map((e) => `${e.member}/${e.mineral}`),
    "entitlements with negative use",
  ).toEqual([]);
  const cached = await store.state();
  for (const part of ["lots", "orders", "members", "entitlements", "draws", "minerals"] as const)
    same([...cached[part]], [...state[part]], `cached ${part} = replayed ${part}`);
  same(cached.prices, state.prices, "cached prices = replayed prices");
  return { events, state };
}

/** Deep equality that stays fast on 100k rows: compare as JSON, and let toEqual draw the diff only on a mismatch. */
function same(a: unknown, b: unknown, what: string): void {
  if (JSON.stringify(a) !== JSON.stringify(b)) expect(a, what).toEqual(b);
}

export async function refused(p: Promise<unknown>): Promise<LodestoneError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(LodestoneError);
  return e as LodestoneError;
}

/**
 * A member `acme` entitled to `entitled` t/yr of ndpr (fixed 120 000 USD/t), order O-1 of 1000 t,
 * received into the lots given (lot id → tons; each expires a year later than the one before, so
 * the first named goes first). Keys s1, s2, …
 */
export async function stock(s: Store, lots: Record<string, number>, entitled = 100): Promise<void> {
  await exec(s, "s1", { type: "register-member", member: "acme", name: "Acme Magnets" });
  await exec(s, "s2", {
    type: "set-entitlement",
    member: "acme",
    mineral: "ndpr",
    basis: { kind: "tons", tonsPerYear: entitled },
    priceRule: { kind: "fixed", price: 120_000 },
    priority: "defence",
  });
  await exec(s, "s3", {
    type: "order",
    order: "O-1",
    mineral: "ndpr",
    form: "oxide",
    spec: "NdPr oxide ≥ 99.5 %",
    tons: 1000,
    price: 100_000,
    contract: "C-1",
  });
  let n = 4;
  for (const [lot, tons] of Object.entries(lots))
    await exec(s, `s${n++}`, { type: "receive", order: "O-1", lot, tons, location: "Depot North", expires: `${2023 + n}-06-30` });
}

/** Request and approve draw `draw` of `tons` for acme (keys `${draw}-r`, `${draw}-a`). */
export async function approved(s: Store, draw: string, tons: number): Promise<void> {
  await exec(s, `${draw}-r`, { type: "request-draw", draw, member: "acme", mineral: "ndpr", tons });
  await exec(s, `${draw}-a`, { type: "approve-draw", draw });
}

const ACME: Actor = { id: "acme-user", role: "member", member: "acme" };
const ACME_2: Actor = { id: "acme-user-2", role: "member", member: "acme" };
const BOLT: Actor = { id: "bolt-user", role: "member", member: "bolt" };

export function contractSuite(name: string, harness: Harness): void {
  describe(`${name} store contract (real ledger core)`, () => {
    const open: Store[] = [];
    const drops: (() => Promise<void>)[] = [];
    async function store(): Promise<Store> {
      const db = await harness.fresh();
      drops.push(db.drop);
      const s = await db.open();
      open.push(s);
      return s;
    }
    async function twin(): Promise<[Store, Store, () => Promise<Store>]> {
      const db = await harness.fresh();
      drops.push(db.drop);
      const a = await db.open();
      const b = await db.open();
      open.push(a, b);
      const more = async () => {
        const s = await db.open();
        open.push(s);
        return s;
      };
      return [a, b, more];
    }
    afterEach(async () => {
      const stores = open.splice(0);
      const dbs = drops.splice(0);
      try {
        for (const s of stores) await checkInvariants(s);
      } finally {
        for (const s of stores) await s.close().catch(() => {});
        for (const d of dbs) await d();
      }
    });

    it("appends a command's events with seq 1, 2, … and keeps the balances derived from them", async () => {
      const s = await store();
      const r1 = await exec(s, "k1", { type: "register-member", member: "acme", name: "Acme Magnets" });
      expect(r1).toEqual({
        replayed: false,
        events: [
          { seq: 1, type: "member.registered", at: "2026-11-25T10:00:00.000Z", actor: "op-1", key: "k1", data: { member: "acme", name: "Acme Magnets" } },
        ],
      });
      await exec(s, "k2", {
        type: "set-entitlement",
        member: "acme",
        mineral: "ndpr",
        basis: { kind: "tons", tonsPerYear: 30 },
        priceRule: { kind: "fixed", price: 120_000 },
        priority: "defence",
      });
      await exec(s, "k3", { type: "order", order: "O-1", mineral: "ndpr", form: "oxide", spec: "NdPr oxide", tons: 100, price: 100_000, contract: "C-1" });
      await exec(s, "k4", { type: "receive", order: "O-1", lot: "A", tons: 60, location: "North" });
      await exec(s, "k5", { type: "receive", order: "O-1", lot: "B", tons: 40, location: "South" });
      await exec(s, "k6", { type: "request-draw", draw: "D-1", member: "acme", mineral: "ndpr", tons: 10 });
      await exec(s, "k7", { type: "approve-draw", draw: "D-1" });
      const r8 = await exec(s, "k8", {
        type: "release",
        draw: "D-1",
        lots: [
          { lot: "A", tons: 4 },
          { lot: "B", tons: 1 },
        ],
      });
      expect(r8.events.map((e) => [e.seq, e.key, e.type])).toEqual([[8, "k8", "draw.released"]]);
      expect(r8.events[0].data).toEqual({
        draw: "D-1",
        lots: [
          { lot: "A", tons: 4, price: 120_000 },
          { lot: "B", tons: 1, price: 120_000 },
        ],
        amount: 600_000,
      });
      const rows = byKey((await s.balances()) as BalanceRow[]);
      // hand-worked: A 60 − 4 = 56, B 40 − 1 = 39, ndpr 100 − 5 = 95 with 5 drawn; acme charged the 10 t requested of 30 t/yr
      const head = ({ kind, id, mineral, tons, used, left, year }: BalanceRow) => ({ kind, id, mineral, tons, used, left, year });
      expect(rows.filter((r) => r.kind !== "member" && r.kind !== "draw").map(head)).toEqual([
        { kind: "entitlement", id: "acme/ndpr", mineral: "ndpr", tons: 30, used: 10, left: 20, year: "2026" },
        { kind: "lot", id: "A", mineral: "ndpr", tons: 56, used: 4, left: null, year: null },
        { kind: "lot", id: "B", mineral: "ndpr", tons: 39, used: 1, left: null, year: null },
        { kind: "mineral", id: "ndpr", mineral: "ndpr", tons: 95, used: 5, left: null, year: null },
      ]);
      // the draw's own row, under its member (what acme's statement reads)
      expect(await s.balances({ kind: "draw" })).toMatchObject([
        { id: "D-1", member: "acme", tons: 5, requested: 10, approved: 10, released: 5, status: "released" },
      ]);
      expect((await s.balances({ member: "acme" })).map((r) => `${r.kind}:${r.id}`)).toEqual(["draw:D-1", "entitlement:acme/ndpr", "member:acme"]);
      expect((await s.balances({ kind: "lot" })).map((r) => r.id)).toEqual(["A", "B"]);
    });

    it("refuses a release above the lot and writes nothing; the key stays free", async () => {
      const s = await store();
      await stock(s, { A: 3 });
      await approved(s, "D-1", 5);
      const before = [await s.events(), await s.balances()];
      const e = await refused(
        exec(s, "k2", {
          type: "release",
          draw: "D-1",
          lots: [
            { lot: "A", tons: 2 },
            { lot: "A", tons: 2 },
          ],
        }),
      );
      expect([e.code, e.issues[0].field]).toEqual(["conflict", "lots[1].tons"]);
      expect([await s.events(), await s.balances()]).toEqual(before);
      // the key was not used up by the refusal
      expect((await exec(s, "k2", { type: "release", draw: "D-1", lots: [{ lot: "A", tons: 3 }] })).replayed).toBe(false);
      expect((await s.state()).lots.get("A")?.tons).toBe(0);
    });

    it.each([
      ["an unknown lot", { type: "release", draw: "D-1", lots: [{ lot: "nope", tons: 1 }] }, OP, "bad-input", "lots[0].lot"],
      ["a negative quantity", { type: "release", draw: "D-1", lots: [{ lot: "A", tons: -1 }] }, OP, "bad-input", "lots[0].tons"],
      ["an infinite quantity", { type: "release", draw: "D-1", lots: [{ lot: "A", tons: Number.POSITIVE_INFINITY }] }, OP, "bad-input", "lots[0].tons"],
      ["NaN tons", { type: "request-draw", member: "acme", mineral: "ndpr", tons: Number.NaN }, OP, "bad-input", "tons"],
      ["a negative write-off", { type: "write-off", lot: "A", tons: -2, reason: "spill" }, OP, "bad-input", "tons"],
      ["a date in the wrong format", { type: "request-draw", member: "acme", mineral: "ndpr", tons: 1, at: "25/11/2026" }, OP, "bad-input", "at"],
      ["an impossible day", { type: "receive", order: "O-1", tons: 1, location: "North", expires: "2027-02-30" }, OP, "bad-input", "expires"],
      ["a member acting for another", { type: "request-draw", member: "bolt", mineral: "ndpr", tons: 1 }, ACME, "forbidden", "member"],
      ["a member releasing", { type: "release", draw: "D-1", lots: [{ lot: "A", tons: 1 }] }, ACME, "forbidden", "actor.role"],
    ] as [string, Command, Actor, string, string][])(
      "refuses %s with a typed error naming the field and writes nothing",
      async (_, cmd, actor, code, field) => {
        const s = await store();
        await stock(s, { A: 3 });
        await approved(s, "D-1", 2);
        const before = [await s.events(), await s.balances()];
        const e = await refused(exec(s, "bad", cmd, actor));
        expect([e.code, e.issues[0].field]).toEqual([code, field]);
        expect([await s.events(), await s.balances()]).toEqual(before);
      },
    );

    it("refuses an empty or oversized idempotency key before deciding anything", async () => {
      const s = await store();
      for (const key of ["", "x".repeat(201)]) {
        const e = await refused(exec(s, key, { type: "register-member", member: "acme", name: "Acme" }));
        expect([e.code, e.issues[0].field]).toEqual(["bad-input", "key"]);
      }
      expect(await s.events()).toEqual([]);
    });

    it("returns the stored events for a retried key and writes nothing, also from another connection", async () => {
      const [s, , more] = await twin();
      await stock(s, { A: 10 });
      await approved(s, "D-1", 5);
      const cmd: Command = {
        type: "release",
        draw: "D-1",
        lots: [
          { lot: "A", tons: 2 },
          { lot: "A", tons: 3 },
        ],
      };
      const first = await exec(s, "k2", cmd);
      const n = (await s.events()).length;
      expect(await exec(s, "k2", cmd)).toEqual({ replayed: true, events: first.events });
      const other = await more();
      expect(await exec(other, "k2", cmd)).toEqual({ replayed: true, events: first.events });
      expect((await s.events()).length).toBe(n);
      expect((await s.balances()).find((r) => r.id === "A")?.tons).toBe(5);
    });

    it("answers the same key with a different command as a conflict and writes nothing", async () => {
      const s = await store();
      await exec(s, "k1", { type: "register-member", member: "acme", name: "Acme" });
      const e = await refused(exec(s, "k1", { type: "register-member", member: "acme", name: "Acme Ltd" }));
      expect([e.code, e.issues[0].field]).toEqual(["conflict", "key"]);
      expect((await s.events()).length).toBe(1);
    });

    it("keeps idempotency keys per actor: another actor's same key is its own command, never a replay or a conflict with the first", async () => {
      const [s, , more] = await twin();
      await stock(s, { A: 10 });
      await exec(s, "b1", { type: "register-member", member: "bolt", name: "Bolt Grid" });
      await exec(s, "b2", {
        type: "set-entitlement",
        member: "bolt",
        mineral: "ndpr",
        basis: { kind: "tons", tonsPerYear: 50 },
        priceRule: { kind: "fixed", price: 120_000 },
        priority: "commercial",
      });
      const ask = (tons: number): Command => ({ type: "request-draw", mineral: "ndpr", tons });
      const acme = await exec(s, "r1", ask(1), ACME);
      // the same command text under the same key from another actor of the same member: a new draw
      const acme2 = await exec(s, "r1", ask(1), ACME_2);
      expect([acme2.replayed, acme2.events[0].actor, acme2.events[0].data]).toEqual([
        false,
        "acme-user-2",
        { draw: "D-acme-2", member: "acme", mineral: "ndpr", tons: 1 },
      ]);
      // another member, another command under the key: its own draw, nothing of acme's (its draw's number counts only its own draws)
      const bolt = await exec(s, "r1", ask(2), BOLT);
      expect([bolt.replayed, bolt.events[0].data]).toEqual([false, { draw: "D-bolt-1", member: "bolt", mineral: "ndpr", tons: 2 }]);
      // each actor's retry (from any connection) replays its own events
      const other = await more();
      expect(await exec(other, "r1", ask(1), ACME)).toEqual({ replayed: true, events: acme.events });
      expect(await exec(other, "r1", ask(2), BOLT)).toEqual({ replayed: true, events: bolt.events });
      // the same actor with another command under its key: a conflict naming the key, saying nothing of the others
      const e = await refused(exec(s, "r1", ask(3), BOLT));
      expect([e.code, e.issues[0].field]).toEqual(["conflict", "key"]);
      expect(JSON.stringify(e.issues)).not.toMatch(/acme|D-1|D-acme/);
      expect((await s.state()).draws.size).toBe(3);
    });

    it("writes nothing when apply rejects an event decide let through, and keeps working", async () => {
      const s = await store();
      await stock(s, { A: 2 });
      const n = (await s.events()).length;
      // a buggy decide: three write-offs of 1 t from a 2 t lot; the real apply takes two, then throws integrity
      const bad: LedgerEvent = { seq: 0, type: "lot.written_off", at: NOW, actor: "op-1", key: "k2", data: { lot: "A", tons: 1, reason: "bug" } };
      const e = await refused(s.run("op-1", "k2", "fp", () => [bad, bad, bad]));
      expect(e.code).toBe("integrity");
      expect((await s.events()).length).toBe(n);
      expect((await s.state()).lots.get("A")?.tons).toBe(2);
      await exec(s, "k3", { type: "write-off", lot: "A", tons: 2, reason: "spill" });
      expect((await s.state()).lots.get("A")?.tons).toBe(0);
    });

    it("refuses a malformed event from decide as an internal error and writes nothing", async () => {
      const s = await store();
      const e = await refused(s.run("op-1", "k1", "fp", () => [{ seq: 0, type: "member.registered" } as unknown as LedgerEvent]));
      expect(e.code).toBe("internal");
      expect(await s.events()).toEqual([]);
    });

    it("commits a burst of concurrent draws from one process (group commit) without over-releasing", async () => {
      const s = await store();
      await stock(s, { A: 100, B: 50 }, 1000);
      const ids = Array.from({ length: 200 }, (_, i) => `D${i}`);
      await Promise.all(ids.map((d) => exec(s, `${d}-r`, { type: "request-draw", draw: d, member: "acme", mineral: "ndpr", tons: 1 })));
      await Promise.all(ids.map((d) => exec(s, `${d}-a`, { type: "approve-draw", draw: d })));
      // releases without named lots: first expiring first (A, then B)
      const results = await Promise.allSettled(ids.map((d) => exec(s, `${d}-x`, { type: "release", draw: d })));
      expect(results.filter((r) => r.status === "fulfilled").length).toBe(150);
      expect(
        results
          .filter((r) => r.status === "rejected")
          .map((r) => [(r as PromiseRejectedResult).reason.code, (r as PromiseRejectedResult).reason.issues[0].field]),
      ).toEqual(Array(50).fill(["conflict", "tons"]));
      const rows = await s.balances();
      expect(rows.filter((r) => r.kind === "lot").map((r) => [r.id, r.tons])).toEqual([
        ["A", 0],
        ["B", 0],
      ]);
      expect(rows.find((r) => r.kind === "mineral")).toMatchObject({ tons: 0, used: 150 });
    });

    it("catches up on events another connection wrote before deciding", async () => {
      const [a, b] = await twin();
      await stock(a, { A: 5 });
      await approved(a, "D-1", 4);
      await approved(a, "D-2", 2);
      await exec(b, "k1", { type: "release", draw: "D-1", lots: [{ lot: "A", tons: 4 }] });
      const e = await refused(exec(a, "k2", { type: "release", draw: "D-2", lots: [{ lot: "A", tons: 2 }] }));
      expect(e.issues[0].message).toMatch(/holds 1 t/);
      expect((await a.state()).lots.get("A")?.released).toBe(4);
      expect((await b.balances()).find((r) => r.id === "A")?.tons).toBe(1);
    });

    it("keeps everything across close and reopen", async () => {
      const db = await harness.fresh();
      drops.push(db.drop);
      const s = await db.open();
      await stock(s, { A: 5 });
      await approved(s, "D-1", 1);
      await exec(s, "k1", { type: "release", draw: "D-1" });
      const events = await s.events();
      await s.close();
      const t = await db.open();
      open.push(t);
      expect(await t.events()).toEqual(events);
      expect(await t.events(1)).toEqual(events.slice(1));
      expect((await t.state()).lots.get("A")).toMatchObject({ mineral: "ndpr", received: 5, released: 1, tons: 4 });
      await expect(s.events()).rejects.toThrow(/closed/);
    });
  });
}
