import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../../src/index.js";
import { cli } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "lodestone-review-"));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const basket = (f: string) => cli(["plan", "--budget", "1e9", "--basket", f, "--format", "json", "--scenarios", "scenarios/antimony-2024.yaml"]);
/** stderr lines without the `lodestone: <file>:` prefix */
const lines = (stderr: string, f: string) =>
  stderr
    .trimEnd()
    .split("\n")
    .map((l) => l.replace(`lodestone: ${f}:`, ""));

describe("basket files: what was silently accepted", () => {
  it("a mineral given twice", async () => {
    const f = file("twice.yaml", "minerals: [gallium, antimony, gallium]\n");
    const r = await basket(f);
    expect(r.code).toBe(2);
    expect(lines(r.stderr, f)).toEqual(['1: minerals[2]: mineral "gallium" is given twice (also at [0]), expected each mineral once']);
  });

  it("an override for a mineral not in minerals has no effect: an error at its line", async () => {
    const f = file("outside.yaml", "minerals: [antimony]\nmarket_share: { antimony: 0.2 }\nvalue_multiplier:\n  gallium: 5\nwhy: test\n");
    const r = await basket(f);
    expect(r.code).toBe(2);
    expect(lines(r.stderr, f)).toEqual([
      '4: value_multiplier.gallium: "gallium" has no effect: not in minerals, expected overrides only for minerals listed in minerals (add it there, or drop the override)',
    ]);
  });

  it("minerals: null says a list of mineral ids is expected", async () => {
    const f = file("null.yaml", "minerals: null\n");
    const r = await basket(f);
    expect(r.code).toBe(2);
    expect(lines(r.stderr, f)).toEqual(["1: minerals: wrong type: null, expected a list of mineral ids such as [gallium, germanium]"]);
    const m = file("null-map.yaml", "market_share: 3\nwhy: x\n");
    expect(lines((await basket(m)).stderr, m)).toEqual([
      "1: market_share: wrong type: number 3, expected a mapping of mineral id to number such as { gallium: 0.2 }",
    ]);
  });
});

describe("error text is bounded and printable", () => {
  it("formatIssue shows control and bidi characters as escapes and caps each part", () => {
    const text = formatIssue({ file: "a\u001b[31m.yaml", line: 2, field: "name", message: "x\u202Ey\u009bz\nw", expected: "b\u2066c" });
    expect(text).toBe("a\\u001b[31m.yaml:2: name: x\\u202ey\\u009bz\\u000aw, expected b\\u2066c");
    const long = formatIssue({ field: "f".repeat(1000), message: "m".repeat(5000), expected: "e".repeat(301) });
    expect(long).toBe(
      `${"f".repeat(300)}… (700 more characters): ${"m".repeat(300)}… (4700 more characters), expected ${"e".repeat(300)}… (1 more characters)`,
    );
  });

  it("a 900 KB single-line scenario and a 100,000-digit --budget give short error lines", async () => {
    const f = file("one-line.json", `{"name": "t", "horizon_months": 12, "events": [], "${"a".repeat(900_000)}": 1}`);
    const r = await cli(["simulate", f, "--format", "json"]);
    expect(r.code).toBe(2);
    expect(r.stderr.length).toBeLessThan(2000);
    expect(r.stderr).toMatch(/… \(\d+ more characters\)/);
    // an unknown 900 KB mineral id: the message is capped, the suggestions still come (from its first 100 characters)
    const id = file("long-id.yaml", `name: t\nhorizon_months: 12\nevents:\n  - {type: demand_surge, factor: 2, minerals: [gallium${"x".repeat(900_000)}]}\n`);
    const l = await cli(["simulate", id, "--format", "json"]);
    expect(l.code).toBe(2);
    expect(l.stderr.length).toBeLessThan(2000);
    expect(l.stderr).toMatch(/unknown mineral "galliumxxx.*… \(\d+ more characters\), expected .*\(did you mean: gallium/);
    const b = await cli(["plan", "--budget", "9".repeat(100_000)]);
    expect(b.code).toBe(2);
    expect(b.stderr.length).toBeLessThan(2000);
    expect(b.stderr).toContain("--budget: 999");
  });
});
