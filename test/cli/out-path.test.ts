/**
 * Output paths (workbook, model files, chart, briefing) are checked before anything is loaded or
 * solved. The proof needs no clock: each run also names a scenario file that does not exist, so a
 * command that loaded its input first would report that file instead of the output path.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

const MISSING = "no-such-scenario.yaml";
const dir = mkdtempSync(join(tmpdir(), "lodestone-out-"));
const FILE = join(dir, "a-file");
writeFileSync(FILE, "");

/** exit 2 with one line naming `path`, and nothing about the scenario file (never loaded) */
function refused(r: { code: number; stderr: string }, path: string) {
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toContain(`${path}: cannot write`);
  expect(r.stderr).not.toContain(MISSING);
}

describe("output paths are refused before any input is loaded", () => {
  it("plan --format xlsx --out under a folder that cannot be made", async () => {
    refused(
      await cli(["plan", "--budget", "1e9", "--runs", "1000", "--scenarios", MISSING, "--format", "xlsx", "--out", "/proc/nope/x.xlsx"]),
      "/proc/nope/x.xlsx",
    );
  });

  it("plan --format xlsx --out under a file", async () => {
    refused(await cli(["plan", "--budget", "1e9", "--scenarios", MISSING, "--format", "xlsx", "--out", `${FILE}/x.xlsx`]), `${FILE}/x.xlsx`);
  });

  it("plan --export-lp: an .lp path that is a folder", async () => {
    const lp = join(dir, "folder.lp");
    mkdirSync(lp);
    refused(await cli(["plan", "--budget", "1e9", "--scenarios", MISSING, "--export-lp", lp]), lp);
  });

  it("plan --export-lp: the .mps sibling is a folder, and no .lp is left behind", async () => {
    const sub = join(dir, "half");
    mkdirSync(join(sub, "x.mps"), { recursive: true });
    const lp = join(sub, "x.lp");
    refused(await cli(["plan", "--budget", "1e9", "--scenarios", MISSING, "--export-lp", lp]), join(sub, "x.mps"));
    // with a valid input too: refused before solving, so nothing is half written
    const r = await cli(["plan", "--budget", "1e8", "--scenarios", "scenarios/antimony-2024.yaml", "--runs", "0", "--export-lp", lp]);
    expect(r.code).toBe(2);
    expect(existsSync(lp)).toBe(false);
    expect(readdirSync(sub)).toEqual(["x.mps"]);
  });

  it("frontier --chart under a folder that cannot be made, and --out under a file", async () => {
    refused(await cli(["frontier", "--steps", "2", "--scenarios", MISSING, "--chart", "/proc/nope/x.svg"]), "/proc/nope/x.svg");
    refused(await cli(["frontier", "--steps", "2", "--scenarios", MISSING, "--format", "xlsx", "--out", `${FILE}/f.xlsx`]), `${FILE}/f.xlsx`);
  });

  it("briefing --out under a folder that cannot be made", async () => {
    const r = await cli(["briefing", "--format", "html", "--out", "/proc/nope/brief.html"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("lodestone: /proc/nope/brief.html: cannot write: ENOENT no such directory (mkdir /proc/nope), expected a writable path\n");
  });

  it("a good path is checked without leaving anything behind", async () => {
    const ok = join(dir, "ok");
    mkdirSync(ok);
    const r = await cli(["plan", "--budget", "1e8", "--scenarios", "scenarios/antimony-2024.yaml", "--runs", "0", "--export-lp", join(ok, "m.lp")]);
    expect(r.code).toBe(0);
    expect(readdirSync(ok).sort()).toEqual(["m.lp", "m.mps"]);
  });
});
