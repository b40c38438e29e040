import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { serve } from "../../src/api/serve.js";
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

  it("serve --summary (npm start) prints the default plan's summary, then the dashboard's address, and serves it", async () => {
    const child = spawn(process.execPath, [join(ROOT, "dist", "cli", "bin.js"), "serve", "--summary", "--port", "0"], { cwd: ROOT });
    let out = "";
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (b: Buffer) => {
          out += b.toString();
          const m = /dashboard at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
          if (m) resolve(m[1]);
        });
        child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      // the same plan as lodestone plan --budget 12e9
      const plan = (await createPlanner(loadPlanInput({ options: { budget: 12e9 } }).input)).solve(12e9);
      const spent = (plan.spent / 1e6).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      expect(out).toContain(`spends US$ ${spent} M`);
      expect(out).toMatch(/^buys: antimony /m);
      expect((await fetch(`${url}/`)).status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
