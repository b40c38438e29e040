import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { serve } from "../../src/api/serve.js";
import { hashToken, oneRunOperator } from "../../src/api/tokens.js";
import { withoutCredentials } from "../../src/cli/commands/serve.js";
import { createPlanner } from "../../src/index.js";
import { loadPlanInput } from "../../src/io/plan-input.js";
import { cli, ROOT } from "../helpers.js";

describe("serve", () => {
  it("binds 127.0.0.1 on a free port and answers over HTTP", async () => {
    const server = await serve({ port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const r = await fetch(`${server.url}/minerals/gallium`);
      expect(r.status).toBe(200);
      expect(((await r.json()) as { mineral: { id: string } }).mineral.id).toBe("gallium");
      const bad = await fetch(`${server.url}/plans`, { method: "POST", body: "{", headers: { "content-type": "application/json" } });
      expect(bad.status).toBe(400);
    } finally {
      await server.close();
    }
  });

  it("lodestone serve refuses a port that is not one, naming the flag", async () => {
    const r = await cli(["serve", "--port", "http"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--port");
    expect((await cli(["serve", "--port", "70000"])).stderr).toContain("out of range");
  });

  it("lodestone serve is in the command list, and its help names the reference page", async () => {
    expect((await cli(["--help"])).stdout).toMatch(/serve\s+serve the HTTP API/);
    const help = await cli(["serve", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("/docs");
  });

  it("a port in use is a clear error, not a stack trace", async () => {
    const first = await serve({ port: 0 });
    try {
      const port = new URL(first.url).port;
      const r = await cli(["serve", "--port", port]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/);
    } finally {
      await first.close();
    }
  });

  it("npm start (serve --summary --local-ledger) prints the default plan's summary, the dashboard's address and a one-run operator token for the embedded ledger, and serves both", async () => {
    // the same arguments as package.json's start script, the ledger in a temporary folder
    const start = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts.start as string;
    const args = start.replace(/^node dist\/cli\/bin\.js /, "").split(" ");
    expect(args).toEqual(["serve", "--summary", "--local-ledger"]);
    const dir = mkdtempSync(join(tmpdir(), "lodestone-start-"));
    const child = spawn(process.execPath, [join(ROOT, "dist", "cli", "bin.js"), ...args, "--port", "0"], {
      cwd: ROOT,
      env: { ...process.env, LODESTONE_LEDGER: `sqlite:${join(dir, "reserve.sqlite")}` },
    });
    let out = "";
    try {
      const [url, token] = await new Promise<[string, string]>((resolve, reject) => {
        child.stdout.on("data", (b: Buffer) => {
          out += b.toString();
          const m = /dashboard at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
          const t = /operator token for this run: (\S+) /.exec(out);
          if (m && t) resolve([m[1], t[1]]);
        });
        child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      // the same plan as lodestone plan --budget 12e9
      const plan = (await createPlanner(loadPlanInput({ options: { budget: 12e9 } }).input)).solve(12e9);
      const spent = (plan.spent / 1e6).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      expect(out).toContain(`spends US$ ${spent} M`);
      expect(out).toMatch(/^buys: antimony /m);
      expect((await fetch(`${url}/`)).status).toBe(200);
      // the ledger answers the printed token as the run's operator, and nobody without it
      expect(out).toContain(`reserve ledger sqlite:${join(dir, "reserve.sqlite")}`);
      const me = await fetch(`${url}/ledger/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ id: "local-operator", role: "operator" });
      expect((await fetch(`${url}/ledger/me`)).status).toBe(401);
      expect((await fetch(`${url}/ledger/me`, { headers: { authorization: "Bearer another" } })).status).toBe(401);
      expect(existsSync(join(dir, "reserve.sqlite"))).toBe(true);
    } finally {
      child.kill("SIGTERM");
      await new Promise((done) => (child.exitCode === null ? child.once("exit", done) : done(undefined)));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("two runs make two different tokens, and the token is not stored anywhere the server writes", () => {
    const a = oneRunOperator();
    const b = oneRunOperator();
    expect(a.token).not.toBe(b.token);
    expect(a.token.length).toBeGreaterThanOrEqual(32);
    expect([...a.tokens.keys()]).toEqual([hashToken(a.token)]);
    expect(JSON.stringify([...a.tokens])).not.toContain(a.token);
  });
});

describe("serve: what the one-run token line prints of the ledger", () => {
  it("a postgres URL without its user and password; a SQLite spec as it is", () => {
    expect(withoutCredentials("postgres://lodestone:s3cret@db.example:5432/reserve")).toBe("postgres://db.example:5432/reserve");
    expect(withoutCredentials("postgresql://u@db/reserve")).not.toContain("u@");
    expect(withoutCredentials("postgres://db/reserve")).toBe("postgres://db/reserve");
    expect(withoutCredentials("sqlite:reserve.sqlite")).toBe("sqlite:reserve.sqlite");
  });
});
