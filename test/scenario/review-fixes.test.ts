import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/index.js";
import { tinyDataset } from "../simulate/tiny.js";
import { fails } from "./fails.js";

const ds = tinyDataset();

const head = "name: t\nhorizon_months: 12\n";
const event = (lines: string) => `${head}events:\n  - type: export_restriction\n    severity: 0.5\n${lines}`;

describe("scenario files: keys and lists that were silently accepted", () => {
  it("refuses __proto__ as a key, naming the line", () => {
    for (const [text, line] of [
      [`${head}stock:\n  __proto__: 5\n`, 4],
      [`${head}sectors:\n  __proto__: {a: 0.5}\n`, 4],
      [`${head}stock:\n  testium: 5\n  __proto__: 3\n`, 5],
      [`{"name": "t", "horizon_months": 12, "stock": {"__proto__": 5}}`, 1],
    ] as const) {
      const e = fails(text);
      expect(e.code).toBe("bad-input");
      expect(e.issues[0].line).toBe(line);
      expect(e.message).toMatch(/cannot be used as a key/);
    }
  });

  it("refuses a country or mineral given twice in one event", () => {
    const c = fails(event("    countries: [CHN, CHN]\n    minerals: [testium]\n"));
    expect(c.issues).toHaveLength(1);
    expect(c.issues[0]).toMatchObject({ line: 6, field: "events[0].countries[1]" });
    expect(c.issues[0].message).toMatch(/"CHN" is given twice/);
    const m = fails(event("    countries: [CHN]\n    minerals: [testium, testium]\n"));
    expect(m.issues[0]).toMatchObject({ line: 7, field: "events[0].minerals[1]" });
    expect(m.issues[0].message).toMatch(/"testium" is given twice/);
  });

  it("refuses a start_month distribution that reaches past the horizon", () => {
    const e = fails(event("    countries: [CHN]\n    minerals: [testium]\n    start_month: {triangular: [1, 20, 30]}\n"));
    expect(e.issues[0]).toMatchObject({ line: 8, field: "events[0].start_month" });
    expect(e.issues[0].message).toMatch(/may start in month 30, after the horizon \(12 months\)/);
    expect(fails(event("    countries: [CHN]\n    minerals: [testium]\n    start_month: {uniform: [1, 13]}\n")).message).toMatch(/month 13/);
    expect(fails(event("    countries: [CHN]\n    minerals: [testium]\n    start_month: {normal: [6, 3]}\n")).message).toMatch(/month 15 \(mean \+ 3 sd\)/);
    // inside the horizon it stands
    const ok = parseScenario(event("    countries: [CHN]\n    minerals: [testium]\n    start_month: {uniform: [1, 12]}\n"), "ok.yaml", ds);
    expect(ok.events).toHaveLength(1);
  });
});

describe("scenario texts that are printed as they are", () => {
  it("refuses a terminal escape, a C1 control or a bidi override in name (and a newline there), naming the line", () => {
    for (const name of ['"evil\\u001b[2J"', '"a\\u202Eb"', '"a\\u009bb"', '"two\\nlines"'])
      expect(fails(`description: d\nname: ${name}\nhorizon_months: 12\n`).issues[0]).toMatchObject({
        line: 2,
        field: "name",
        message: expect.stringMatching(/^holds the control character U\+/),
      });
    expect(fails(`${head}description: "x\\u001b[31m"\n`).issues[0]).toMatchObject({ line: 3, field: "description" });
    expect(fails(`${head}events:\n  - { type: demand_surge, minerals: all, factor: 2, note: "\\u2066" }\n`).issues[0]).toMatchObject({
      line: 4,
      field: "events[0].note",
    });
    // line breaks in a description are fine
    expect(parseScenario(`${head}description: |\n  one\n  two\n`, "ok.yaml", ds).description).toBe("one\ntwo\n");
  });
});
