/**
 * Inputs that used to be accepted without a word, and error messages that named the wrong thing:
 * each is now refused with exit 2 and one line that names the flag or file.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "lodestone-refusals-"));
const ANTIMONY = "scenarios/antimony-2024.yaml";

/** exit 2 and exactly `line` on standard error */
async function refused(args: string[], line: string | RegExp) {
  const r = await cli(args);
  expect(r.code, r.stdout).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr.trim()).toMatch(line);
}

describe("a flag that would be silently ignored is refused", () => {
  const seedLine = /^lodestone: --seed: only applies to a Monte Carlo; --runs 0 is each file's deterministic run, expected --runs N \(N ≥ 1\) with --seed/;

  it("plan and frontier --runs 0 --seed S, as simulate --seed without --runs", async () => {
    await refused(["plan", "--budget", "1e9", "--runs", "0", "--seed", "5", "--scenarios", ANTIMONY], seedLine);
    await refused(["frontier", "--steps", "1", "--runs", "0", "--seed", "5", "--scenarios", ANTIMONY], seedLine);
    await refused(["simulate", "antimony-2024", "--seed", "3"], /--seed\/--workers: only apply to a Monte Carlo/);
    // a seed with draws, or --runs 0 alone, is fine
    expect((await cli(["plan", "--budget", "1e8", "--runs", "0", "--scenarios", ANTIMONY])).code).toBe(0);
  });

  it("--onset without --years names both flags", async () => {
    await refused(
      ["plan", "--budget", "1e9", "--onset", "end", "--scenarios", ANTIMONY, "--runs", "0"],
      "lodestone: --onset: applies to a purchase schedule, and without --years the plan buys everything at once, expected --years N with --onset, or no --onset",
    );
    await refused(
      ["frontier", "--steps", "1", "--onset", "0.5,0.5", "--scenarios", ANTIMONY, "--runs", "0"],
      /^lodestone: --onset: .* expected --years N with --onset/,
    );
  });
});

describe("a byte-identical copy of a scenario file is refused like the same path", () => {
  it("names both files", async () => {
    const copy = join(dir, "antimony-copy.yaml");
    copyFileSync(ANTIMONY, copy);
    const line = `lodestone: --scenarios: ${copy} has the same content as ${ANTIMONY} (a copy would count the scenario twice), expected each scenario once`;
    await refused(["plan", "--budget", "1e9", "--runs", "0", "--scenarios", `${ANTIMONY},${copy}`], line);
    // also when the copy comes in through a folder
    const folder = mkdtempSync(join(dir, "lib-"));
    copyFileSync(ANTIMONY, join(folder, "a.yaml"));
    await refused(["plan", "--budget", "1e9", "--runs", "0", "--scenarios", `${ANTIMONY},${folder}`], /has the same content as scenarios\/antimony-2024\.yaml/);
  });
});

describe("error messages name the flag or the file as the user wrote it", () => {
  it("a flag with no value asks for the value", async () => {
    await refused(["plan", "--budget"], "lodestone: --budget: needs a value, expected --budget VALUE (a value that starts with a dash as --budget=-VALUE)");
    await refused(["plan", "--budget", "--runs", "0"], /^lodestone: --budget: needs a value, and --runs is the next flag/);
  });

  it("--onset and --weights problems name the flag", async () => {
    await refused(
      ["plan", "--budget", "1e9", "--years", "2", "--onset", "1,1,1", "--scenarios", ANTIMONY],
      /^lodestone: --onset: 3 weight\(s\) for a 2-year schedule \(--years 2\)/,
    );
    await refused(["plan", "--budget", "1e9", "--years", "2", "--onset", "0,0", "--scenarios", ANTIMONY], /^lodestone: --onset: every weight is 0/);
    await refused(["risk", "--weights", "hhi=0,hhiWgi=0,nir=0,geopolrisk=0"], /^lodestone: --weights: every composite weight is 0/);
  });

  it("an input file's kind takes its article; a file of /proc is not a regular file, not an empty one", async () => {
    const big = join(dir, "big.yaml");
    writeFileSync(big, `# ${"x".repeat(1_100_000)}\n`);
    await refused(["plan", "--budget", "1e9", "--assumptions", big], / is too large for an assumptions file, expected an assumptions file of at most/);
    await refused(
      ["simulate", "/proc/self/status"],
      "lodestone: /proc/self/status: is a special file of the kernel (/proc or /sys), not a regular file, expected a YAML or JSON scenario mapping with name, horizon_months and events",
    );
    const empty = join(dir, "empty.yaml");
    writeFileSync(empty, "");
    await refused(["simulate", empty], /is empty \(0 bytes\)/);
  });

  it("simulate's CSV headers are spaced like the others", async () => {
    const r = await cli(["simulate", "antimony-2024", "--format", "csv"]);
    expect(r.code).toBe(0);
    const head = r.stdout.split("\r\n")[0].split(",");
    expect(head).toContain("shortfall low t");
    expect(head).toContain("shortfall high t");
    expect(head.filter((h) => h.includes("_"))).toEqual([]);
  });
});
