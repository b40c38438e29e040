// Tests with real processes (test/store/writer.ts with the real ledger core, bundled once with esbuild
// so each spawn starts in ~0.2 s instead of ~0.8 s under tsx): a crash test that SIGKILLs writers at
// random moments and a concurrency test where several processes draw on one lot at once.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";
import { checkInvariants, exec, type Store } from "./contract.js";

export interface ProcTarget {
  store: "sqlite" | "postgres";
  fresh(): Promise<{ target: string; open(): Promise<Store>; drop(): Promise<void> }>;
}

let bundled: Promise<string> | undefined;
function writerBundle(): Promise<string> {
  bundled ??= (async () => {
    const dir = join(ROOT, "node_modules", ".cache", "lodestone-test");
    mkdirSync(dir, { recursive: true });
    const outdir = join(dir, `writer-${process.pid}`);
    await build({
      entryPoints: [join(ROOT, "test/store/writer.ts")],
      bundle: true,
      splitting: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      outdir,
      logLevel: "error",
    });
    return join(outdir, "writer.js");
  })();
  return bundled;
}

/** mulberry32: the kill moments come from a fixed seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Run {
  lines: string[];
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}
/** Spawn a writer; `kill(child, firstOutput)` may SIGKILL it. Resolves when its pipes are drained. */
async function writer(
  store: string,
  target: string,
  args: Record<string, unknown>,
  kill?: (child: ChildProcess, started: Promise<void>) => void,
): Promise<Run> {
  const child = spawn(process.execPath, [await writerBundle(), JSON.stringify({ store, target, ...args })], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let stderr = "";
  const started = new Promise<void>((r) => child.stdout?.once("data", () => r()));
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  kill?.(child, started);
  return new Promise((resolve) => child.on("close", (code, signal) => resolve({ lines: out.split("\n").filter(Boolean), stderr, code, signal })));
}

export function processSuite(name: string, t: ProcTarget): void {
  describe(`${name} store under crashing and concurrent processes`, () => {
    it("keeps every acknowledged command exactly once through 102 SIGKILLs of three writers under load", { timeout: 180_000 }, async () => {
      const db = await t.fresh();
      const random = rng(12);
      const lanes = 3;
      const rounds = 34;
      const next = Array.from({ length: lanes }, () => 0);
      const acked = new Set<string>();
      let kills = 0;
      for (let round = 0; round < rounds; round++) {
        const runs = await Promise.all(
          next.map((start, lane) =>
            writer(t.store, db.target, { mode: "crash", prefix: `w${lane}-`, start, count: 1e6, inflight: 4 }, (child, started) => {
              const delay = random();
              // most kills land while commands are in flight; every eighth round anywhere from spawn on (start-up, migration)
              if (round % 8 === 0) setTimeout(() => child.kill("SIGKILL"), delay * 250);
              else void started.then(() => setTimeout(() => child.kill("SIGKILL"), delay * 40));
            }),
          ),
        );
        runs.forEach((r, lane) => {
          expect(r.signal, r.stderr).toBe("SIGKILL");
          kills++;
          for (const line of r.lines) {
            const [what, key] = line.split(" ");
            expect(what, line).toBe("ack");
            acked.add(key);
          }
          while (acked.has(`w${lane}-${next[lane]}`)) next[lane]++;
        });
        // after each restart: every acknowledged key is there, none is doubled, the invariants hold
        const s = await db.open();
        const { events } = await checkInvariants(s);
        const perKey = new Map<string, number>();
        for (const e of events) perKey.set(e.key, (perKey.get(e.key) ?? 0) + 1);
        for (const k of acked) expect(perKey.get(k), `acknowledged ${k}`).toBe(1);
        for (const [k, n] of perKey) expect(n, `events of ${k}`).toBe(1);
        await s.close();
      }
      expect(kills).toBeGreaterThanOrEqual(100);
      expect(acked.size).toBeGreaterThan(rounds * lanes);
      // and the store still takes writes to completion afterwards
      const done = await Promise.all(
        next.map((start, lane) => writer(t.store, db.target, { mode: "crash", prefix: `w${lane}-`, start, count: 20, inflight: 4 })),
      );
      for (const r of done) expect([r.code, r.stderr]).toEqual([0, ""]);
      const s = await db.open();
      await checkInvariants(s);
      await s.close();
      await db.drop();
    });

    it("never releases more than the lot when four processes draw on it at once", async () => {
      const db = await t.fresh();
      const s = await db.open();
      const members = ["m0", "m1", "m2", "m3"];
      for (const m of members) {
        await exec(s, `${m}-reg`, { type: "register-member", member: m, name: `Member ${m}` });
        await exec(s, `${m}-ent`, {
          type: "set-entitlement",
          member: m,
          mineral: "antimony",
          basis: { kind: "tons", tonsPerYear: 1000 },
          priceRule: { kind: "fixed", price: 15_000 },
          priority: "commercial",
        });
      }
      await exec(s, "o", { type: "order", order: "O-1", mineral: "antimony", form: "ingot", spec: "Sb 99.65 %", tons: 100, price: 12_000, contract: "C-1" });
      await exec(s, "r", { type: "receive", order: "O-1", lot: "L0", tons: 100, location: "Depot" });
      const startAt = Date.now() + 1500;
      const runs = await Promise.all(
        members.map((m) => writer(t.store, db.target, { mode: "draw", prefix: `${m}-`, member: m, start: 0, count: 50, inflight: 4, startAt })),
      );
      const lines = runs.flatMap((r) => r.lines);
      for (const r of runs) expect([r.code, r.stderr]).toEqual([0, ""]);
      // 200 draws of 1 t on a 100 t lot: exactly 100 released, the other 100 refused at release as a conflict
      expect(lines.filter((l) => l.startsWith("ack ")).length).toBe(100);
      expect(lines.filter((l) => l.startsWith("refused ")).map((l) => l.split(" ")[2])).toEqual(Array(100).fill("conflict"));
      const { state } = await checkInvariants(s);
      expect(state.lots.get("L0")).toMatchObject({ mineral: "antimony", received: 100, released: 100, tons: 0 });
      expect(state.minerals.get("antimony")).toEqual({ tons: 0, drawn: 100 });
      // each member got exactly the draws its process was told were released
      runs.forEach((r, p) => {
        const released = [...state.draws.values()].filter((d) => d.member === members[p] && d.released > 0);
        expect(released.map((d) => d.id).sort()).toEqual(
          r.lines
            .filter((l) => l.startsWith("ack "))
            .map((l) => l.split(" ")[1])
            .sort(),
        );
        expect(released.every((d) => d.released === 1 && d.lots.L0 === 1)).toBe(true);
      });
      await s.close();
      await db.drop();
    });
  });
}
