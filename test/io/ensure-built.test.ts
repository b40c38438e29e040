/** `npm start` runs scripts/ensure-built.mjs first: it builds when the outputs are missing or older than a source, and only then. */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** A project folder with the script and a build that only records that it ran. */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), "ensure-built-"));
  mkdirSync(join(root, "scripts"));
  mkdirSync(join(root, "src"));
  copyFileSync(new URL("../../scripts/ensure-built.mjs", import.meta.url), join(root, "scripts", "ensure-built.mjs"));
  writeFileSync(join(root, "src", "a.ts"), "export {};\n");
  const build = "mkdir -p dist/cli dist/web && touch dist/cli/bin.js dist/web/index.html && echo built >> builds.log";
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "t", private: true, scripts: { build } }));
  return root;
}
const run = (root: string) => spawnSync(process.execPath, [join(root, "scripts", "ensure-built.mjs")], { cwd: root, encoding: "utf8" });
const builds = (root: string) => readFileSync(join(root, "builds.log"), "utf8").trim().split("\n").length;

describe("npm start's build check", () => {
  it("builds a clone with no build, then not again, then again once a source is newer", () => {
    const root = project();
    const first = run(root);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/no build yet/);
    expect(builds(root)).toBe(1);
    expect(run(root).status).toBe(0);
    expect(builds(root)).toBe(1);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, "src", "a.ts"), later, later);
    const third = run(root);
    expect(third.stderr).toMatch(/sources changed/);
    expect(builds(root)).toBe(2);
  });

  it("a failing build stops npm start with the build's exit code", () => {
    const root = project();
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "t", private: true, scripts: { build: "exit 3" } }));
    expect(run(root).status).toBe(3);
  });
});
