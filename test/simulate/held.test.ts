import { describe, expect, it } from "vitest";
import { compileScenario, parseScenario, simulate, withHeld } from "../../src/index.js";
import { tinyDataset } from "./tiny.js";

// The hand case of hand.test.ts (d0 = 100, r = 0.5; a Chinese ban in months 2–3 leaves a gap of 30 t a month),
// with the scenario's own stock in days of import cover (30.4375 days = one month of imports, 50 t) and 20 t held.
const ds = tinyDataset();
const yaml = `name: t\nhorizon_months: 4\nstock: { testium: { days: 30.4375 } }\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [testium], start_month: 2, duration_months: 2, severity: 1 }\n`;
const arr = (a: Float64Array) => Array.from(a, (x) => Math.round(x * 1e9) / 1e9);

describe("withHeld: a reserve's holdings in store at month 1 of a simulation", () => {
  it("adds the held tons on top of the scenario's own stock (given in days), leaving the input as it was", () => {
    const c = compileScenario(parseScenario(yaml, "held.yaml", ds), ds);
    const { compiled, notes } = withHeld(
      c,
      new Map([
        ["testium", 20],
        ["zz", 4],
      ]),
      "the ledger as of 2026-04-01",
    );
    const m = simulate(compiled).minerals[0];
    // stock 50 + 20 = 70: covers the gaps of 30 and 30, 10 t left
    expect(m.stock1).toBe(70);
    expect(arr(m.release)).toEqual([0, 30, 30, 0]);
    expect(arr(m.shortfall)).toEqual([0, 0, 0, 0]);
    expect(arr(m.stock)).toEqual([70, 40, 10, 10]);
    // without: 50 t, 10 t short in month 3 (hand.test.ts)
    expect(arr(simulate(c).minerals[0].shortfall)).toEqual([0, 0, 10, 0]);
    expect(c.minerals[0].held).toBeUndefined();
    expect(notes).toEqual([
      "held: 20 t of testium from the ledger as of 2026-04-01, added to month-1 stock on top of the scenario's own stock",
      "held: 4 t of zz from the ledger as of 2026-04-01: the scenario does not simulate it, so the holding changes nothing",
    ]);
  });
});
