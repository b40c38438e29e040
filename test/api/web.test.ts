import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { call, testApp } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "lodestone-web-"));
mkdirSync(join(dir, "assets"));
writeFileSync(join(dir, "index.html"), "<!doctype html><main id=view></main>");
writeFileSync(join(dir, "assets", "index-abc123.js"), "console.log(1)");
writeFileSync(join(dir, "secret.txt"), "not served");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the dashboard's static files", () => {
  const { app } = testApp({ webDir: dir });

  it("serves the dashboard's index.html at /", async () => {
    const r = await call(app, "GET", "/");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/html");
    expect(r.text).toContain("<main id=view>");
  });

  it("serves a bundle from /assets with its type, cached as immutable", async () => {
    const r = await call(app, "GET", "/assets/index-abc123.js");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/javascript");
    expect(r.headers.get("cache-control")).toContain("immutable");
  });

  it("answers a missing asset or a name reaching outside the folder with the JSON 404", async () => {
    for (const path of ["/assets/nope.js", "/assets/..%2Fsecret.txt", "/assets/%2e%2e%2fsecret.txt", "/assets/.hidden", "/secret.txt"]) {
      const r = await call(app, "GET", path);
      expect(r.status, path).toBe(404);
      expect(r.text, path).not.toContain("not served");
    }
  });

  it("without a build, / goes to the API's reference page", async () => {
    const { app: bare } = testApp({ webDir: join(dir, "missing") });
    const r = await call(bare, "GET", "/");
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toBe("/docs");
  });
});
