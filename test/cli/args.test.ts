import { describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

describe("numeric flags", () => {
  it.each([
    [["plan", "--budget", "-5"], /-5 is out of range, expected a number in \[0, Infinity\]/],
    [["risk", "--top", "-3"], /--top: -3 is out of range, expected a number in \[1, Infinity\]/],
    [["plan", "--budget", "12e9", "--compare", "-1"], /-1 is out of range/],
    [["plan", "--budget", "twelve"], /invalid number "twelve"|expected a number/],
  ])("%j exits 2 with the range or form expected, not a parser message", async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/ambiguous/);
  });
});
