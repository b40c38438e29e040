import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

const work = mkdtempSync(join(tmpdir(), "lodestone-unwritable-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = join(work, "a-file");
writeFileSync(file, "x");

/** The two kinds of path that cannot be created: a folder procfs refuses (Node's recursive mkdir spun on it) and a file used as a folder. */
const PATHS: [string, (name: string) => string, RegExp][] = [
  ["under /proc", (name) => `/proc/nope/${name}`, /cannot write: ENOENT no such directory \(mkdir \/proc\/nope\)/],
  ["below a file", (name) => join(file, name), /cannot write: ENOTDIR a part of the path is a file, not a folder/],
];

const COMMANDS: [string, (path: string) => string[], string][] = [
  ["plan --format xlsx --out", (p) => ["plan", "--budget", "1e9", "--format", "xlsx", "--out", p], "x.xlsx"],
  ["plan --export-lp", (p) => ["plan", "--budget", "1e9", "--export-lp", p], "x.lp"],
  ["frontier --chart", (p) => ["frontier", "--steps", "1", "--to", "1e9", "--chart", p], "x.svg"],
];

describe("an output path that cannot be created", () => {
  for (const [command, args, name] of COMMANDS) {
    for (const [where, path, problem] of PATHS) {
      it(`${command} ${where}: exit 2 at once, one stderr line naming the file, no stack trace`, async () => {
        const p = path(name);
        const r = await cli(args(p));
        expect(r.code).toBe(2);
        const lines = r.stderr.trim().split("\n");
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(new RegExp(`^lodestone: ${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: ${problem.source}.*, expected a writable path$`));
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }, 30_000);
    }
  }

  it("leaves no temporary file where the write failed", () => {
    expect(readdirSync(work)).toEqual(["a-file"]);
  });
});
