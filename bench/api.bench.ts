/**
 * The HTTP API under a loopback load, and the dashboard's first paint. The real server
 * (`node dist/cli/bin.js serve --port 0`) runs in its own process, so autocannon (here) and the
 * server do not share a thread; on 2 cores they still share the machine. Each route: 50
 * connections, pipelining 1, API_BENCH_SECONDS (default 10) seconds, after 2,000 warm-up requests of every route.
 * Target: ≥ 5,000 requests/s. Then the time from spawning `lodestone serve` to the overview page
 * rendered in Chromium (the risk matrix's svg and the table's rows), median of 5.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { loadavg } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { chromium } from "playwright-core";
import { ROOT } from "../src/io/dataset.js";
import { CHROMIUM, CHROMIUM_ARGS } from "../src/io/pdf.js";
import type { BenchResult } from "./types.js";

const BIN = join(ROOT, "dist", "cli", "bin.js");
const SECONDS = Number(process.env.API_BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
/** What Chromium sends: the server answers with brotli. */
const BROWSER = { "accept-encoding": "gzip, deflate, br, zstd" };

/** `lodestone serve --port 0` in a child process; resolves with its URL once it listens. */
function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr!.on("data", (b) => (err += b));
    child.stdout!.on("data", (b) => {
      out += b;
      const m = out.match(/dashboard at (http:\/\/\S+?)\/ /);
      if (m) resolve({ url: m[1], child });
    });
    child.once("exit", (code) => reject(new Error(`lodestone serve exited ${code}: ${err}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once("exit", () => done());
    child.kill("SIGTERM");
  });
}

/** One GET's status, headers and body bytes as sent (no decompression). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; bytes: number }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      let bytes = 0;
      res.on("data", (b: Buffer) => (bytes += b.length));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
    })
      .on("error", reject)
      .end();
  });
}

const kb = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1e3).toFixed(1)} kB`);
const int = (n: number) => Math.round(n).toLocaleString("en-US");

interface Load {
  label: string;
  path: string;
  headers: Record<string, string>;
}

/** The server process's CPU seconds so far (user + system, from /proc; undefined off Linux). */
function cpuSeconds(pid: number | undefined): number | undefined {
  const stat = pid !== undefined && existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, "utf8") : undefined;
  if (!stat) return undefined;
  // the fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks (100 a second on Linux)
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12])) / 100;
}

async function load(base: string, l: Load, pid: number | undefined): Promise<Record<string, string>> {
  const cpu0 = cpuSeconds(pid);
  const r = await autocannon({ url: `${base}${l.path}`, connections: CONNECTIONS, pipelining: 1, duration: SECONDS, headers: l.headers });
  const cpu1 = cpuSeconds(pid);
  const perRequest = cpu0 !== undefined && cpu1 !== undefined ? `${(((cpu1 - cpu0) / r.requests.total) * 1e6).toFixed(0)} µs` : "n/a";
  const line = `${int(r.requests.average)} req/s (p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms; ${kb(r.throughput.average)}/s; non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}; server CPU ${perRequest}/request)`;
  process.stderr.write(`  ${l.label}: ${line}\n`);
  return {
    [`${l.label}: requests/s (mean)`]: int(r.requests.average),
    [`${l.label}: latency p50 / p99`]: `${r.latency.p50} / ${r.latency.p99} ms`,
    [`${l.label}: bytes/s (mean)`]: `${kb(r.throughput.average)}/s`,
    [`${l.label}: non-2xx / errors / timeouts`]: `${r.non2xx} / ${r.errors} / ${r.timeouts}`,
    [`${l.label}: server CPU per request`]: perRequest,
  };
}

async function throughput(): Promise<BenchResult> {
  const { url, child } = await startServer();
  try {
    const sizes: Record<string, string> = {};
    const routes = ["/minerals", "/minerals/gallium", "/risk", "/risk/gallium", "/risk?detail=full"];
    for (const path of routes) {
      // the warm-up: the first request builds, serialises and compresses; the load then measures the kept bytes
      const plain = await get(`${url}${path}`);
      const br = await get(`${url}${path}`, BROWSER);
      if (plain.status !== 200 || br.status !== 200) throw new Error(`GET ${path}: ${plain.status} / ${br.status}`);
      sizes[`GET ${path}: body, plain / as Chromium asks`] =
        `${kb(plain.bytes)} / ${kb(br.bytes)} (${br.headers["content-encoding"] ?? "not compressed: under 1 kB"})`;
    }
    const etag = String((await get(`${url}/risk`, BROWSER)).headers.etag);
    const loads: Load[] = [
      { label: "GET /minerals", path: "/minerals", headers: BROWSER },
      { label: "GET /minerals/gallium", path: "/minerals/gallium", headers: BROWSER },
      { label: "GET /risk", path: "/risk", headers: BROWSER },
      { label: "GET /risk/gallium", path: "/risk/gallium", headers: BROWSER },
      { label: "GET /risk, not compressed", path: "/risk", headers: {} },
      { label: "GET /risk, revalidated (If-None-Match → 304)", path: "/risk", headers: { ...BROWSER, "if-none-match": etag } },
    ];
    const figures: Record<string, string> = { ...sizes };
    // 2,000 requests of each first, not measured: the server's (and autocannon's) JIT warms up on every path
    for (const l of loads) await autocannon({ url: `${url}${l.path}`, connections: CONNECTIONS, pipelining: 1, amount: 2000, headers: l.headers });
    for (const l of loads) Object.assign(figures, await load(url, l, child.pid));
    return {
      name: `minerals and risk routes under load (autocannon: ${CONNECTIONS} connections, pipelining 1, ${SECONDS} s per route)`,
      note: `The server is \`node dist/cli/bin.js serve --port 0\` in its own process; autocannon runs in the bench's process on the same 2 cores. Requests send \`accept-encoding: ${BROWSER["accept-encoding"]}\` as Chromium does (the server answers with brotli) unless the row says not compressed. Each route's JSON is built, serialised, hashed and compressed once per server (the first request, not measured), then 2,000 requests of each route warm the server up before the measured runs; the 304 row sends the ETag back (its non-2xx are the 304s). Target ≥ 5,000 requests/s. Before this change (5 s runs without compression or warm-up, load average 2.9) GET /risk sent its 2.8 MB record (every mineral's inputs and sources) on every request: 51 req/s; GET /minerals 438 req/s (its kept 207 kB text re-encoded per request); GET /risk/gallium, computed per request, 294 req/s. Server CPU per request (from /proc, user + system) does not depend on what else runs on the machine, the requests/s do. Load average at the end: ${loadavg()
        .map((x) => x.toFixed(1))
        .join(" / ")} (1 / 5 / 15 min; other jobs share the machine).`,
      figures,
    };
  } finally {
    await stop(child);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function firstPaint(runs = 5): Promise<BenchResult> {
  const name = `time from \`lodestone serve\` to the rendered overview in Chromium (median of ${runs})`;
  if (!existsSync(CHROMIUM)) return { name, note: `not run: ${CHROMIUM} is missing (apt-get install chromium)`, figures: {} };
  if (!existsSync(join(ROOT, "dist", "web", "index.html"))) return { name, note: "not run: no dashboard build (npm run build)", figures: {} };
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const listening: number[] = [];
  const rendered: number[] = [];
  const again: number[] = [];
  try {
    for (let i = 0; i <= runs; i++) {
      // a fresh context (empty cache) per run; run 0 is a warm-up (the OS file cache, Chromium's first page)
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const t0 = performance.now();
      const { url, child } = await startServer();
      const t1 = performance.now();
      try {
        const page = await context.newPage();
        await page.goto(`${url}/#/`);
        await page.waitForSelector("#matrix svg", { timeout: 60_000 });
        await page.waitForSelector("#risk-table tbody tr", { timeout: 60_000 });
        const t2 = performance.now();
        // the same page again in the same browser: the JSON revalidated by its ETag (304), the bundles from the cache
        const t3 = performance.now();
        await page.reload();
        await page.waitForSelector("#matrix svg", { timeout: 60_000 });
        await page.waitForSelector("#risk-table tbody tr", { timeout: 60_000 });
        const t4 = performance.now();
        if (i > 0) {
          listening.push(t1 - t0);
          rendered.push(t2 - t0);
          again.push(t4 - t3);
        }
      } finally {
        await context.close();
        await stop(child);
      }
    }
  } finally {
    await browser.close();
  }
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  return {
    name,
    note: `Each run spawns \`node dist/cli/bin.js serve --port 0\` and opens \`#/\` in a fresh browser context (Chromium launched once, with the e2e tests' flags) until the risk matrix's svg and the table's rows are on the page; a warm-up run first. Load average at the end: ${loadavg()[0].toFixed(1)}.`,
    figures: {
      "spawn → listening (the URL printed)": ms(median(listening)),
      "spawn → overview rendered (matrix and table)": ms(median(rendered)),
      "reload of the rendered overview (same browser: 304s and cached bundles)": ms(median(again)),
      "spawn → overview rendered, fastest / slowest": `${ms(Math.min(...rendered))} / ${ms(Math.max(...rendered))}`,
    },
  };
}

/**
 * The server answering while a long job computes: a 25-budget frontier (POST /frontier, 0 to 12 bn,
 * the default input) runs in the job worker while this process asks GET /minerals/gallium one
 * request after another until the job is done; each answer's latency is kept.
 */
async function duringJob(): Promise<BenchResult> {
  const { url, child } = await startServer();
  try {
    await get(`${url}/minerals/gallium`, BROWSER);
    const t0 = performance.now();
    const posted = await fetch(`${url}/frontier`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ to: 12e9, steps: 25 }),
    });
    const job = (await posted.json()) as { id: string; status: string };
    const latencies: number[] = [];
    let status = job.status;
    while (status === "queued" || status === "running") {
      const a = performance.now();
      const r = await get(`${url}/minerals/gallium`, BROWSER);
      if (r.status !== 200) throw new Error(`GET /minerals/gallium during the job: ${r.status}`);
      latencies.push(performance.now() - a);
      if (latencies.length % 25 === 0) status = ((await (await fetch(`${url}/jobs/${job.id}`)).json()) as { status: string }).status;
    }
    const jobMs = performance.now() - t0;
    if (status !== "done") throw new Error(`the frontier job ended ${status}`);
    const sorted = [...latencies].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    return {
      name: "answering while a job runs (a 25-budget frontier in the job worker)",
      note: `POST /frontier (0 to 12 bn, 25 budgets, the default input: the scenarios drawn, then 25 solves) runs in the job worker thread; meanwhile one client asks GET /minerals/gallium again as soon as each answer arrives (every 25th request also reads the job's status). (Before the job worker, jobs ran on the HTTP thread, and a request arriving during one of the job's synchronous steps, the draws or a solve, waited for it to end; not measured here.) Load average at the end: ${loadavg()[0].toFixed(1)}.`,
      figures: {
        "frontier job, wall": `${(jobMs / 1000).toFixed(1)} s`,
        "GET /minerals/gallium answered during the job": int(latencies.length),
        "latency p50 / p99 / longest": `${ms(at(0.5))} / ${ms(at(0.99))} / ${ms(sorted[sorted.length - 1])}`,
      },
    };
  } finally {
    await stop(child);
  }
}

export default async function (): Promise<BenchResult[]> {
  return [await throughput(), await duringJob(), await firstPaint()];
}
