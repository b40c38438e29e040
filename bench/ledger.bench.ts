import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Actor, apply, type Command, decide, emptyState, type LedgerEvent, position, replay } from "../src/index.js";
import { commandFingerprint, type Ledger, openLedger, readPosition, readStatement } from "../src/store/index.js";
import type { BenchResult } from "./types.js";

// The reserve ledger's stores with the real core (openLedger: src/ledger's decide, apply,
// balanceRows): durable draws per second from one writer and from four processes, then a log of
// 1,000,000 events and the reports over it. Every acknowledged command is durable.

interface Target {
  name: string;
  fresh(): Promise<{ spec: string; open(): Promise<Ledger>; drop(): Promise<void> }>;
}

const ROOT = new URL("..", import.meta.url).pathname;
const OP: Actor = { id: "op-1", role: "operator" };
const AT = "2026-11-25T12:00:00Z";

const exec = (s: Ledger, key: string, cmd: Command, now = AT, actor = OP) =>
  s.run(actor.id, key, commandFingerprint(actor.id, now, cmd), (st) => decide(st, cmd, actor, key, now));

/** Members m0…m3 with 1e6 t/yr of antimony each, and lot L0 of 1e9 t. */
async function setup(s: Ledger): Promise<void> {
  for (const m of ["m0", "m1", "m2", "m3"]) {
    await exec(s, `${m}-reg`, { type: "register-member", member: m, name: `Member ${m}` });
    await exec(s, `${m}-ent`, {
      type: "set-entitlement",
      member: m,
      mineral: "antimony",
      basis: { kind: "tons", tonsPerYear: 1e6 },
      priceRule: { kind: "fixed", price: 15_000 },
      priority: "commercial",
    });
  }
  await exec(s, "o", { type: "order", order: "O-1", mineral: "antimony", form: "ingot", spec: "Sb 99.65 %", tons: 1e9, price: 12_000, contract: "C-1" });
  await exec(s, "r", { type: "receive", order: "O-1", lot: "L0", tons: 1e9, location: "Depot" });
}

async function inFlight(n: number, k: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: k }, async () => {
      while (next < n) await fn(next++);
    }),
  );
}

const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString("en-US");

/**
 * One writer: releases of 0.001 t against one approved draw (one command, one durable commit each
 * when awaited one at a time; group commit with 64 in flight), then whole draws (the member
 * requests, the operator approves and releases: three commands) with 64 in flight.
 */
async function singleWriter(s: Ledger, n: number, f: Record<string, string | number>): Promise<void> {
  await setup(s);
  await exec(s, "big-r", { type: "request-draw", draw: "BIG", member: "m0", mineral: "antimony", tons: 1e5 });
  await exec(s, "big-a", { type: "approve-draw", draw: "BIG" });
  const rel = (i: number) => exec(s, `x${i}`, { type: "release", draw: "BIG", lots: [{ lot: "L0", tons: 0.001 }] });
  let t0 = performance.now();
  for (let i = 0; i < n; i++) await rel(i);
  f["one writer, one release at a time (a commit each): durable releases/s"] = perSecond(n, performance.now() - t0);
  t0 = performance.now();
  await inFlight(3 * n, 64, (i) => rel(n + i));
  f["one writer, 64 releases in flight (group commit): durable releases/s"] = perSecond(3 * n, performance.now() - t0);
  const member: Actor = { id: "m1-user", role: "member", member: "m1" };
  t0 = performance.now();
  await inFlight(n, 64, async (i) => {
    // a member's own request: the ledger names the draw (D-m1-n), the answer says which
    const asked = await exec(s, `W${i}-r`, { type: "request-draw", member: "m1", mineral: "antimony", tons: 1 }, AT, member);
    const d = (asked.events[0].data as { draw: string }).draw;
    await exec(s, `${d}-a`, { type: "approve-draw", draw: d });
    await exec(s, `${d}-x`, { type: "release", draw: d, lots: [{ lot: "L0", tons: 1 }] });
  });
  f["one writer, 64 whole draws in flight (request, approve, release: 3 commands each): durable draws/s"] = perSecond(n, performance.now() - t0);
}

/** Four writer processes (test/store/writer.ts under tsx, draw mode: request, approve, release from L0), each with 8 draws in flight, started together. */
async function concurrent(spec: string, perProcess: number): Promise<number> {
  const startAt = Date.now() + 5000;
  const sqlite = spec.startsWith("sqlite:");
  const runs = [0, 1, 2, 3].map(
    (p) =>
      new Promise<{ acks: number; end: number }>((resolve, reject) => {
        const args = { store: sqlite ? "sqlite" : "postgres", target: sqlite ? spec.slice(7) : spec, mode: "draw", prefix: `c${p}-`, member: `m${p}` };
        const child = spawn(
          process.execPath,
          ["--import", "tsx", join(ROOT, "test/store/writer.ts"), JSON.stringify({ ...args, start: 0, count: perProcess, inflight: 8, startAt })],
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
  if (acks !== 4 * perProcess) throw new Error(`concurrent writers: ${acks} of ${4 * perProcess} draws acknowledged`);
  return acks / ((Math.max(...done.map((r) => r.end)) - startAt) / 1000);
}

const EVENTS = 1_000_000;
const MEMBERS = 1000;
const MINERALS = 50;
const LOTS = 10_000;

/**
 * The commands of a 1,000,000-event reserve, in order, each with its business date-time (one second
 * apart from 2026-01-01): 50 minerals each ordered once and priced, 10,000 lots of 1,000 t, 1,000
 * members each entitled to 5 minerals, then draws (request, approve, release 1 t from a lot of the
 * mineral, deliver) until the log holds 1,000,000 events (every command here makes one event).
 */
function* reserveCommands(): Generator<[Command, string]> {
  let tick = Date.parse("2026-01-01T00:00:00Z");
  const at = () => {
    tick += 1000;
    return new Date(tick).toISOString();
  };
  const mineral = (k: number) => `mineral-${k}`;
  for (let k = 0; k < MINERALS; k++) {
    yield [
      { type: "order", order: `O-${k}`, mineral: mineral(k), form: "oxide", spec: "99.5 %", tons: (LOTS / MINERALS) * 1000, price: 50_000, contract: `C-${k}` },
      at(),
    ];
    yield [{ type: "set-price", mineral: mineral(k), date: "2026-01-01", price: 55_000, source: "bench" }, at()];
  }
  for (let l = 0; l < LOTS; l++) yield [{ type: "receive", order: `O-${l % MINERALS}`, lot: `L${l}`, tons: 1000, location: `Depot ${l % 7}` }, at()];
  for (let m = 0; m < MEMBERS; m++) {
    yield [{ type: "register-member", member: `m-${m}`, name: `Member ${m}` }, at()];
    for (let j = 0; j < 5; j++)
      yield [
        {
          type: "set-entitlement",
          member: `m-${m}`,
          mineral: mineral((m + 10 * j) % MINERALS),
          basis: { kind: "tons", tonsPerYear: 10_000 },
          priceRule: j % 2 === 0 ? { kind: "cost-plus", margin: 0.1 } : { kind: "market", premium: 0.05 },
          priority: m % 3 === 0 ? "defence" : m % 3 === 1 ? "critical-infrastructure" : "commercial",
        },
        at(),
      ];
  }
  for (let d = 0; ; d++) {
    const m = d % MEMBERS;
    const k = (m + 10 * (Math.floor(d / MEMBERS) % 5)) % MINERALS;
    const lot = `L${k + MINERALS * (Math.floor(d / MINERALS) % (LOTS / MINERALS))}`;
    const draw = `D-${d}`;
    yield [{ type: "request-draw", draw, member: `m-${m}`, mineral: mineral(k), tons: 1 }, at()];
    yield [{ type: "approve-draw", draw }, at()];
    yield [{ type: "release", draw, lots: [{ lot, tons: 1 }] }, at()];
    yield [{ type: "deliver", draw }, at()];
  }
}

/**
 * Write the 1,000,000 events: each command decided by the real core against an in-memory state
 * (as the store would), the events handed to the store 2,000 at a time as one command each (the
 * store applies them with the real apply and writes their balance rows), 4 in flight.
 */
async function load(s: Ledger): Promise<{ ms: number; chunks: number }> {
  const t0 = performance.now();
  const mem = emptyState();
  const chunks: LedgerEvent[][] = [[]];
  let n = 0;
  for (const [cmd, at] of reserveCommands()) {
    if (n >= EVENTS) break;
    for (const e of decide(mem, cmd, OP, `c${n}`, at)) {
      e.seq = ++n;
      apply(mem, e);
      if (chunks[chunks.length - 1].length === 2000) chunks.push([]);
      chunks[chunks.length - 1].push(e);
    }
  }
  await inFlight(chunks.length, 4, (c) =>
    s.run(OP.id, `load-${c}`, `load-${c}`, () => {
      const out = chunks[c].map((e) => ({ ...e, seq: 0 }));
      chunks[c] = [];
      return out;
    }),
  );
  return { ms: performance.now() - t0, chunks: chunks.length };
}

/** `lodestone reserve ARGS` as a user runs it: a new Node process on the built CLI (dist/), its wall-clock time and peak memory (/usr/bin/time). */
function cliRun(args: string[]): Promise<{ ms: number; rssMb: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn("/usr/bin/time", ["-f", "maxrss=%M", process.execPath, join(ROOT, "dist/cli/bin.js"), ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d;
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d;
    });
    child.on("close", (code) => {
      const ms = performance.now() - t0;
      const rss = Number(/maxrss=(\d+)/.exec(stderr)?.[1] ?? Number.NaN) / 1024;
      if (code !== 0) reject(new Error(`lodestone ${args.join(" ")} exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ ms, rssMb: rss, stdout, stderr });
    });
  });
}

/** Median wall-clock time and the peak memory of `runs` CLI runs, as "0.31 s, 95 MB". */
async function cliFigure(args: string[], runs: number): Promise<{ text: string; stdout: string; stderr: string }> {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await cliRun(args));
  all.sort((a, b) => a.ms - b.ms);
  const mid = all[Math.floor(runs / 2)];
  return { text: `${(mid.ms / 1000).toFixed(2)} s, ${Math.max(...all.map((r) => r.rssMb)).toFixed(0)} MB`, stdout: mid.stdout, stderr: mid.stderr };
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
  const loadAtStart = loadavg()[0];
  let db = await t.fresh();
  let s = await db.open();
  await singleWriter(s, 2000, f);
  await s.close();
  f["4 writer processes × 8 draws in flight on one lot (3 commands each): durable draws/s (total)"] = perSecond(await concurrent(db.spec, 500), 1000);
  await db.drop();

  db = await t.fresh();
  s = await db.open();
  const loaded = await load(s);
  f[`write 1,000,000 events (decided by the core in memory, stored as ${loaded.chunks} commands of 2,000 events, 4 in flight)`] =
    `${(loaded.ms / 1000).toFixed(1)} s`;
  const last = (await s.events(EVENTS - 1)).at(-1)?.seq;
  f["events in the log"] = (last ?? 0).toLocaleString("en-US");
  const rows = (await s.balances()).length;
  const AUD: Actor = { id: "bench-auditor", role: "auditor" };
  // in this process, the store open: the reports as the shells read them (from the balances table)
  const fast = (await readPosition(s, undefined, AUD)).position;
  f[
    `position report read from the balances table in process (readPosition: ${fast.lots.length.toLocaleString("en-US")} lot rows of ${rows.toLocaleString("en-US")}; median of 5)`
  ] = `${(await median(() => readPosition(s, undefined, AUD), 5)).toFixed(0)} ms`;
  f["member statement read from the member's balance rows in process (readStatement m-7; median of 5)"] =
    `${(await median(() => readStatement(s, "m-7", AUD), 5)).toFixed(1)} ms`;
  const st = await readStatement(s, "m-7", AUD);
  f["member m-7: draws; tons released"] = `${st.draws.length}; ${st.draws.reduce((a, d) => a + d.released, 0)}`;
  // the balances equal a full replay of the log (what the contract tests check after every test)
  const t0 = performance.now();
  const replayed = position(replay(await s.events()), undefined, AUD);
  f[
    "for comparison: read and replay all 1,000,000 events, then the position (what every report cost before, and what a dated one before the latest event still costs)"
  ] = `${((performance.now() - t0) / 1000).toFixed(2)} s`;
  const off = fast.minerals.filter((m, i) => Math.abs(m.tons - replayed.minerals[i].tons) > 1e-6 || m.mineral !== replayed.minerals[i].mineral);
  if (off.length || fast.lots.length !== replayed.lots.length)
    throw new Error(`the balances table differs from a replay: ${off.map((m) => m.mineral).join(", ")}`);
  f["minerals in the position; tons held in all (equal to the replay's)"] =
    `${fast.minerals.length}; ${fast.minerals.reduce((a, m) => a + m.tons, 0).toLocaleString("en-US")}`;
  await s.close();
  // the CLI path: a new process each time, as a user runs it (Node start-up, opening the store, the dataset for cover)
  const as = ["--ledger", db.spec, "--as", "auditor:bench", "--format", "json"];
  f["CLI start-up alone: lodestone --version (median of 3; wall clock, peak memory)"] = (await cliFigure(["--version"], 3)).text;
  f["CLI: lodestone reserve position over 1M events (new process; median of 3; wall clock, peak memory)"] = (
    await cliFigure(["reserve", "position", ...as], 3)
  ).text;
  f["CLI: lodestone reserve cover over 1M events (loads the dataset for demand; median of 3)"] = (await cliFigure(["reserve", "cover", ...as], 3)).text;
  f["CLI: lodestone reserve statement m-7 over 1M events (median of 3)"] = (await cliFigure(["reserve", "statement", "m-7", ...as], 3)).text;
  const dated = await cliFigure(["reserve", "position", "--at", "2026-01-10", ...as], 1);
  if (!dated.stderr.includes("replaying the log")) throw new Error("a position dated before the latest event should say it replayed the log");
  f["CLI: lodestone reserve position --at 2026-01-10, before the latest event: replays the log up to it (one run)"] = dated.text;
  await db.drop();
  return {
    name: t.name,
    note: `The real ledger core (src/ledger's decide, apply, balanceRows through openLedger). Every acknowledged command is durable (SQLite: WAL, synchronous=FULL; PostgreSQL: synchronous_commit on); group commit batches the fsyncs, never skips them. Target on SQLite: ≥ 2,000 durable draws/s from one writer; a position report over 1M events < 0.5 s. The reports (position, cover, a member's statement) read the balances table the store keeps in each event's transaction; the CLI figures are whole new processes (Node start-up included, see the --version line), a dated position before the latest event replays the log. Load average at the start ${loadAtStart.toFixed(1)}, at the end ${loadavg()[0].toFixed(1)} (2 cores, other jobs share the machine: a load far above 2 slows every figure here several times, the replay line shows by how much against earlier runs).`,
    figures: f,
  };
}

const sqlite: Target = {
  name: "SQLite store (better-sqlite3 12, WAL, synchronous=FULL)",
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), "lodestone-bench-"));
    const spec = `sqlite:${join(dir, "ledger.db")}`;
    return { spec, open: () => openLedger(spec), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

const postgres = (url: string): Target => ({
  name: "PostgreSQL store (pg, advisory writer lock)",
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
    const spec = u.toString();
    return {
      spec,
      open: () => openLedger(spec),
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
