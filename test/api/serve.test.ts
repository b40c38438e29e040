import { describe, expect, it } from "vitest";
import { serve } from "../../src/api/serve.js";
import { cli } from "../helpers.js";

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
});
