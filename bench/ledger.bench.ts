import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type LedgerStore, openPostgres, openSqlite } from "../src/store/index.js";
// The test-only stand-in core (lots received, draws released): swap in src/ledger's apply/balanceRows once it lands.
import { type Cmd, type Ev, exec, type Row, reducer, type State } from "../test/store/stand-in.js";
import type { BenchResult } from "./types.js";

type Store = LedgerStore<State, Ev, Row>;
interface Target {
  name: string;
  store: "sqlite" | "postgres";
  fresh(): Promise<{ target: string; open(): Promise<Store>; drop(): Promise<void> }>;
}

const ROOT = new URL("..", import.meta.url).pathname;
const at = "2026-11-25T12:00:00Z";
const draw = (i: number, lot = "L0", tons = 0.001): Cmd => ({ type: "release", draw: `d${i}`, member: `m-${i % 1000}`, lots: [{ lot, tons }], at });

/** Draws per second: one awaited command at a time (one commit each), then 64 in flight from the same writer (group commit). */
async function singleWriter(s: Store, n: number): Promise<{ serial: number; pipelined: number }> {
  await exec(s, "big", { type: "receive", lot: "L0", mineral: "antimony", tons: 1e9, at });
  let t0 = performance.now();
  for (let i = 0; i < n; i++) await exec(s, `s${i}`, draw(i));
  const serial = n / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  let next = n;
  const end = 2 * n + n;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < end) {
        const i = next++;
        await exec(s, `p${i}`, draw(i));
      }
    }),
  );
  return { serial, pipelined: (end - n) / ((performance.now() - t0) / 1000) };
}

/** Four writer processes at once (test/store/writer.ts under tsx), each with 8 draws in flight, started together. */
async function concurrent(t: Target, dbTarget: string, perProcess: number): Promise<number> {
  const startAt = Date.now() + 4000;
  const runs = [0, 1, 2, 3].map(
    (p) =>
      new Promise<{ acks: number; end: number }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [
            "--import",
            "tsx",
            join(ROOT, "test/store/writer.ts"),
            JSON.stringify({ store: t.store, target: dbTarget, mode: "draw", prefix: `c${p}-`, start: 0, count: perProcess, inflight: 8, startAt }),
          ],
          { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
        );
        let acks = 0;
        let last = 0;
        child.stdout.on("data", (d: Buffer) => {
          acks += String(d).split("ack ").length - 1;
          last = Date.now();
        });
        child.on("close", (code) => (code === 0 ? resolve({ acks, end: last }) : reject(new Error(`writer exited ${code}`))));
      }),
  );
  const done = await Promise.all(runs);
  const acks = done.reduce((a, r) => a + r.acks, 0);
  return acks / ((Math.max(...done.map((r) => r.end)) - startAt) / 1000);
}

/** 1,000,000 events: 10,000 lots received (one event each), then 9,900 draws of 100 releases each. */
async function load(s: Store): Promise<number> {
  const t0 = performance.now();
  const cmds: [string, Cmd][] = [];
  for (let l = 0; l < 10_000; l++) cmds.push([`r${l}`, { type: "receive", lot: `L${l}`, mineral: `mineral-${l % 50}`, tons: 1000, at }]);
  for (let c = 0; c < 9_900; c++)
    cmds.push([
      `m${c}`,
      {
        type: "release",
        draw: `D${c}`,
        member: `m-${c % 1000}`,
        lots: Array.from({ length: 100 }, (_, j) => ({ lot: `L${(c * 100 + j) % 10_000}`, tons: 0.001 })),
        at,
      },
    ]);
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < cmds.length) {
        const [k, c] = cmds[next++];
        await exec(s, k, c);
      }
    }),
  );
  return performance.now() - t0;
}

/** Tons per mineral from the derived balances table. */
async function position(s: Store): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  for (const r of await s.balances()) if (r.kind === "lot") m.set(r.mineral, (m.get(r.mineral) ?? 0) + r.tons);
  return m;
}
/** A member statement: its tons drawn and its draws, from the state. */
async function statement(s: Store, member: string) {
  const st = await s.state();
  return st.members.get(member);
}

async function median(fn: () => Promise<unknown>, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

async function benchStore(t: Target): Promise<BenchResult> {
  const f: Record<string, string | number> = {};
  let db = await t.fresh();
  let s = await db.open();
  const n = 2000;
  const w = await singleWriter(s, n);
  f["one writer, one command at a time (a commit each): durable draws/s"] = Math.round(w.serial).toLocaleString("en-US");
  f["one writer, 64 commands in flight (group commit): durable draws/s"] = Math.round(w.pipelined).toLocaleString("en-US");
  f["4 writer processes × 8 in flight, one lot: durable draws/s (total)"] = Math.round(await concurrent(t, db.target, 1500)).toLocaleString("en-US");
  await s.close();
  await db.drop();

  db = await t.fresh();
  s = await db.open();
  f["write 1,000,000 events (19,900 commands, 32 in flight)"] = `${((await load(s)) / 1000).toFixed(1)} s`;
  const events = (await s.events(999_999)).at(-1)?.seq;
  f["events in the log"] = (events ?? 0).toLocaleString("en-US");
  const pos = await position(s);
  f["position report from the balances table (10,000 lots, 50 minerals; median of 5)"] = `${(await median(() => position(s), 5)).toFixed(0)} ms`;
  f["minerals in the position"] = pos.size;
  await s.close();
  let st: unknown;
  const cold = await median(async () => {
    const c = await db.open();
    st = await statement(c, "m-7");
    await c.close();
  }, 3);
  f["member statement, cold: open + replay 1M events + statement (median of 3)"] = `${(cold / 1000).toFixed(2)} s`;
  s = await db.open();
  await s.state();
  f["member statement, warm (state cached, caught up; median of 5)"] = `${(await median(() => statement(s, "m-7"), 5)).toFixed(2)} ms`;
  f["member m-7: draws, tons"] = `${(st as { draws: string[] }).draws.length}, ${(st as { tons: number }).tons.toFixed(3)}`;
  await s.close();
  await db.drop();
  return {
    name: t.name,
    note: `The stand-in reducer of test/store (lots and releases) until src/ledger's core is plugged in. Every acknowledged command is durable (SQLite: WAL, synchronous=FULL; PostgreSQL: synchronous_commit on). Load average at the end: ${loadavg()[0].toFixed(1)} (other jobs share the machine).`,
    figures: f,
  };
}

const sqlite: Target = {
  name: "SQLite store (better-sqlite3 12, WAL, synchronous=FULL)",
  store: "sqlite",
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), "lodestone-bench-"));
    const path = join(dir, "ledger.db");
    return { target: path, open: () => openSqlite(path, reducer), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

const postgres = (url: string): Target => ({
  name: "PostgreSQL store (pg, advisory writer lock)",
  store: "postgres",
  async fresh() {
    const name = `lodestone_bench_${process.pid}_${Date.now().toString(36)}`;
    const admin = async (sql: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(sql);
      await c.end();
    };
    await admin(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    return {
      target: u.toString(),
      open: () => openPostgres(u.toString(), reducer),
      drop: async () => {
        await new Promise((r) => setTimeout(r, 500)); // let the closed connection's backend exit
        await admin(`DROP DATABASE IF EXISTS ${name}`);
      },
    };
  },
});

/** Ledger store throughput and reports over 1M events, both stores (PostgreSQL from LODESTONE_PG_URL). */
export default async function (): Promise<BenchResult[]> {
  const out = [await benchStore(sqlite)];
  const url = process.env.LODESTONE_PG_URL;
  if (url) out.push(await benchStore(postgres(url)));
  else out.push({ name: "PostgreSQL store", note: "not run: LODESTONE_PG_URL is not set", figures: {} });
  return out;
}
