// The one contract suite every LedgerStore passes (run by sqlite.test.ts and postgres.test.ts), in
// the manner of Hono's router/common.case.test.ts. After every test the store is checked against
// a full replay of its own log: balances equal the replayed ones, nothing negative, no lot released
// beyond what it received, sequence numbers 1..n without gaps, each key's events contiguous.
import { afterEach, describe, expect, it } from "vitest";
import { LodestoneError } from "../../src/index.js";
import type { LedgerStore } from "../../src/store/index.js";
import { balanceRows, type Cmd, type Ev, exec, type Row, replay, type State } from "./stand-in.js";

export { exec };

export type Store = LedgerStore<State, Ev, Row>;
/** A fresh empty database per call; `open` may be called several times (several connections). */
export interface Harness {
  fresh(): Promise<{ open(): Promise<Store>; drop(): Promise<void> }>;
}

/** One row per (kind, id), the last one given (balanceRows names a row once per touching event), sorted. */
const sortRows = (rows: Row[]) =>
  [...new Map(rows.map((r) => [`${r.kind}\u0000${r.id}`, r])).values()].sort((a, b) => (a.kind + a.id < b.kind + b.id ? -1 : 1));

/** The invariants, recomputed from the log alone. */
export async function checkInvariants(store: Store): Promise<{ events: Ev[]; state: State }> {
  const events = await store.events();
  expect(
    events.findIndex((e, i) => e.seq !== i + 1),
    "first event whose seq is not its position",
  ).toBe(-1);
  const ended = new Set<string>();
  const scattered = events.filter((e, i) => {
    if (i > 0 && events[i - 1].key !== e.key) ended.add(events[i - 1].key);
    return ended.has(e.key);
  });
  expect(
    scattered.map((e) => e.seq),
    "events whose key's events are not contiguous",
  ).toEqual([]);
  const state = replay(events);
  same(sortRows(await store.balances()), sortRows(balanceRows(state, events)), "balances table = replayed balances");
  const bad = [...state.lots].filter(([, lot]) => !(lot.released <= lot.received && lot.received - lot.released >= 0));
  expect(bad, "lots released beyond receipt or negative").toEqual([]);
  expect(
    [...state.minerals].filter(([, t]) => t < 0),
    "negative minerals",
  ).toEqual([]);
  const cached = await store.state();
  same([...cached.lots], [...state.lots], "cached lots = replayed lots");
  same([...cached.members], [...state.members], "cached members = replayed members");
  return { events, state };
}

/** Deep equality that stays fast on 100k rows: compare as JSON, and let toEqual draw the diff only on a mismatch. */
function same(a: unknown, b: unknown, what: string): void {
  if (JSON.stringify(a) !== JSON.stringify(b)) expect(a, what).toEqual(b);
}

const receive = (lot: string, tons: number, mineral = "antimony"): Cmd => ({ type: "receive", lot, mineral, tons, at: "2026-11-25T10:00:00Z" });
const release = (draw: string, lots: { lot: string; tons: number }[], member = "m-1"): Cmd => ({
  type: "release",
  draw,
  member,
  lots,
  at: "2026-11-25T11:00:00Z",
});

async function refused(p: Promise<unknown>): Promise<LodestoneError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(LodestoneError);
  return e as LodestoneError;
}

export function contractSuite(name: string, harness: Harness): void {
  describe(`${name} store contract`, () => {
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
      for (const s of open) await checkInvariants(s);
      for (const s of open.splice(0)) await s.close();
      for (const d of drops.splice(0)) await d();
    });

    it("appends a command's events with seq 1, 2, … and keeps the balances derived from them", async () => {
      const s = await store();
      const r1 = await exec(s, "k1", receive("L1", 10));
      expect(r1).toEqual({
        replayed: false,
        events: [{ seq: 1, type: "lot.received", at: "2026-11-25T10:00:00Z", actor: "op-1", key: "k1", data: { lot: "L1", mineral: "antimony", tons: 10 } }],
      });
      await exec(s, "k2", receive("L2", 5));
      const r3 = await exec(
        s,
        "k3",
        release("d1", [
          { lot: "L1", tons: 4 },
          { lot: "L2", tons: 1 },
        ]),
      );
      expect(r3.events.map((e) => [e.seq, e.key])).toEqual([
        [3, "k3"],
        [4, "k3"],
      ]);
      const rows = await s.balances();
      // hand-worked: L1 10 − 4 = 6, L2 5 − 1 = 4, antimony 15 − 5 = 10, m-1 drew 5
      expect(rows.map((r) => [r.kind, r.id, r.tons])).toEqual([
        ["lot", "L1", 6],
        ["lot", "L2", 4],
        ["member", "m-1", 5],
        ["mineral", "antimony", 10],
      ]);
      expect(rows[0]).toEqual({ kind: "lot", id: "L1", mineral: "antimony", tons: 6, received: 10, released: 4 });
    });

    it("refuses a release above the lot and writes nothing", async () => {
      const s = await store();
      await exec(s, "k1", receive("L1", 3));
      const before = await s.balances();
      const e = await refused(
        exec(
          s,
          "k2",
          release("d1", [
            { lot: "L1", tons: 2 },
            { lot: "L1", tons: 2 },
          ]),
        ),
      );
      expect([e.code, e.issues[0].field]).toEqual(["invalid", "lots[1].tons"]);
      expect((await s.events()).length).toBe(1);
      expect(await s.balances()).toEqual(before);
      // the key was not used up by the refusal
      expect((await exec(s, "k2", release("d1", [{ lot: "L1", tons: 3 }]))).replayed).toBe(false);
    });

    it.each([
      ["a negative quantity", release("d", [{ lot: "L1", tons: -1 }]), "bad-input", "lots[0].tons"],
      ["a non-finite quantity", release("d", [{ lot: "L1", tons: Number.POSITIVE_INFINITY }]), "bad-input", "lots[0].tons"],
      ["NaN", receive("L9", Number.NaN), "bad-input", "tons"],
      ["an unknown lot", release("d", [{ lot: "nope", tons: 1 }]), "not-found", "lots[0].lot"],
      ["a date in the wrong format", { ...receive("L9", 1), at: "25/11/2026" }, "bad-input", "at"],
    ] as [string, Cmd, string, string][])("refuses %s with a typed error naming the field and writes nothing", async (_, cmd, code, field) => {
      const s = await store();
      await exec(s, "k1", receive("L1", 3));
      const e = await refused(exec(s, "k2", cmd));
      expect([e.code, e.issues[0].field]).toEqual([code, field]);
      expect((await s.events()).map((x) => x.key)).toEqual(["k1"]);
    });

    it("refuses a member acting for another member and writes nothing", async () => {
      const s = await store();
      await exec(s, "k1", receive("L1", 3));
      const e = await refused(exec(s, "k2", release("d1", [{ lot: "L1", tons: 1 }], "m-2"), { id: "u-7", role: "member", member: "m-1" }));
      expect([e.code, e.issues[0].field]).toEqual(["invalid", "member"]);
      expect((await s.events()).length).toBe(1);
    });

    it("refuses an empty or oversized idempotency key before deciding anything", async () => {
      const s = await store();
      for (const key of ["", "x".repeat(201)]) {
        const e = await refused(
          s.run(key, "fp", () => [{ seq: 0, type: "lot.received", at: "2026-01-01", actor: "a", key, data: { lot: "L", mineral: "m", tons: 1 } }]),
        );
        expect([e.code, e.issues[0].field]).toEqual(["bad-input", "key"]);
      }
      expect(await s.events()).toEqual([]);
    });

    it("returns the stored events for a retried key and writes nothing, also after reopening", async () => {
      const [s, , more] = await twin();
      await exec(s, "k1", receive("L1", 10));
      const first = await exec(
        s,
        "k2",
        release("d1", [
          { lot: "L1", tons: 2 },
          { lot: "L1", tons: 3 },
        ]),
      );
      const again = await exec(
        s,
        "k2",
        release("d1", [
          { lot: "L1", tons: 2 },
          { lot: "L1", tons: 3 },
        ]),
      );
      expect(again).toEqual({ replayed: true, events: first.events });
      const other = await more();
      expect(
        await exec(
          other,
          "k2",
          release("d1", [
            { lot: "L1", tons: 2 },
            { lot: "L1", tons: 3 },
          ]),
        ),
      ).toEqual({ replayed: true, events: first.events });
      expect((await s.events()).length).toBe(3);
      expect((await s.balances()).find((r) => r.id === "L1")?.tons).toBe(5);
    });

    it("answers the same key with a different command as a conflict and writes nothing", async () => {
      const s = await store();
      await exec(s, "k1", receive("L1", 10));
      const e = await refused(exec(s, "k1", receive("L1", 11)));
      expect([e.code, e.issues[0].field]).toEqual(["conflict", "key"]);
      expect((await s.events()).length).toBe(1);
    });

    it("writes nothing when apply rejects an event decide let through, and keeps working", async () => {
      const s = await store();
      await exec(s, "k1", receive("L1", 2));
      // a buggy decide: releases more than the lot holds; apply throws integrity
      const bad: Ev = { seq: 0, type: "draw.released", at: "2026-01-01", actor: "op-1", key: "k2", data: { draw: "d", member: "m-1", lot: "L1", tons: 1 } };
      const e = await refused(s.run("k2", "fp", () => [bad, bad, bad]));
      expect(e.code).toBe("integrity");
      expect((await s.events()).length).toBe(1);
      expect((await s.state()).lots.get("L1")?.released).toBe(0);
      await exec(s, "k3", release("d2", [{ lot: "L1", tons: 2 }]));
      expect((await s.state()).lots.get("L1")?.released).toBe(2);
    });

    it("refuses a malformed event from decide as an internal error and writes nothing", async () => {
      const s = await store();
      const e = await refused(s.run("k1", "fp", () => [{ seq: 0, type: "lot.received" } as unknown as Ev]));
      expect(e.code).toBe("internal");
      expect(await s.events()).toEqual([]);
    });

    it("commits a burst of concurrent commands from one process (group commit) without over-releasing", async () => {
      const s = await store();
      await exec(s, "k0", receive("L1", 150));
      const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => exec(s, `d${i}`, release(`d${i}`, [{ lot: "L1", tons: 1 }]))));
      expect(results.filter((r) => r.status === "fulfilled").length).toBe(150);
      expect(results.filter((r) => r.status === "rejected").every((r) => (r as PromiseRejectedResult).reason.code === "invalid")).toBe(true);
      expect((await s.balances()).find((r) => r.id === "L1")?.tons).toBe(0);
    });

    it("catches up on events another connection wrote before deciding", async () => {
      const [a, b] = await twin();
      await exec(a, "k1", receive("L1", 5));
      await exec(b, "k2", release("d1", [{ lot: "L1", tons: 4 }]));
      const e = await refused(exec(a, "k3", release("d2", [{ lot: "L1", tons: 2 }])));
      expect(e.issues[0].message).toMatch(/holds 1 t/);
      expect((await a.state()).lots.get("L1")?.released).toBe(4);
      expect((await b.balances()).find((r) => r.id === "L1")?.tons).toBe(1);
    });

    it("keeps everything across close and reopen", async () => {
      const db = await harness.fresh();
      drops.push(db.drop);
      const s = await db.open();
      await exec(s, "k1", receive("L1", 5));
      await exec(s, "k2", release("d1", [{ lot: "L1", tons: 1 }]));
      const events = await s.events();
      await s.close();
      const t = await db.open();
      open.push(t);
      expect(await t.events()).toEqual(events);
      expect(await t.events(1)).toEqual(events.slice(1));
      expect((await t.state()).lots.get("L1")).toEqual({ mineral: "antimony", received: 5, released: 1 });
      await expect(s.events()).rejects.toThrow(/closed/);
    });
  });
}
