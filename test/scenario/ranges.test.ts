import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BASKET_RANGES, inRange, type NumberRange, PROJECT_RANGES, SCENARIO_RANGES } from "../../src/index.js";
import { ROOT } from "../helpers.js";

const num = (v: number) => (Math.abs(v) >= 1e6 ? v.toExponential().replace("e+", "e") : String(v));
/** One row of the docs table: field, range, why. */
const row = (field: string, r: NumberRange) =>
  `| \`${field}\` | ${r.loOpen ? ">" : "≥"} ${num(r.lo)} and ≤ ${num(r.hi)}${r.integer ? ", whole" : ""} | ${r.why} |`;

const TABLES = { scenario: SCENARIO_RANGES, projects: PROJECT_RANGES, basket: BASKET_RANGES } as Record<string, Record<string, NumberRange>>;

describe("documented input ranges", () => {
  const doc = readFileSync(join(ROOT, "docs", "input-ranges.md"), "utf8");
  for (const [kind, table] of Object.entries(TABLES)) {
    it(`docs/input-ranges.md states every ${kind} range as the parser checks it`, () => {
      const missing = Object.entries(table)
        .map(([f, r]) => row(f, r))
        .filter((line) => !doc.includes(line));
      expect(missing, "rows of src/scenario/ranges.ts missing from docs/input-ranges.md (copy them in)").toEqual([]);
    });
  }

  it("no range admits a non-finite number, and every bound is finite", () => {
    for (const table of Object.values(TABLES)) {
      for (const r of Object.values(table)) {
        expect(Number.isFinite(r.lo) && Number.isFinite(r.hi)).toBe(true);
        for (const v of [Number.NaN, Infinity, -Infinity]) expect(inRange(v, r)).toBe(false);
      }
    }
  });
});
