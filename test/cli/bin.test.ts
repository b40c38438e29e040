/** Smoke tests of the real bin shim (every other CLI test runs `main` in-process). */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, spawnCli } from "../helpers.js";

describe("the lodestone bin", () => {
  it("prints the version and exits 0", () => {
    const r = spawnCli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^lodestone \d+\.\d+\.\d+\n$/);
  });

  it("exits 2 with one line on stderr for bad input, and 2 with the usage for no command", () => {
    const r = spawnCli(["mineral", "galium"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^lodestone: mineral: unknown mineral "galium".*gallium/);
    const none = spawnCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^lodestone <command> \[options\]/);
  });

  it("a closed pipe (260 kB of CSV into head -1) is not an error", () => {
    // pipefail: the pipeline fails if lodestone exits non-zero after head has gone
    const r = spawnSync(
      "bash",
      ["-o", "pipefail", "-c", `node ${join(ROOT, "dist", "cli", "bin.js")} simulate coalition-chn-rus-irn --monthly --format csv | head -1`],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^[^\n]+\n$/);
    expect(r.stderr).toBe("");
  });
});
