import { describe, expect, it } from "vitest";
import { compileScenario, deterministicDraw, drawScenario, parseScenario, SCENARIO_DEFAULTS } from "../../src/index.js";
import { tinyDataset } from "../simulate/tiny.js";
import { fails } from "./fails.js";

const ds = tinyDataset();

const base = (event: string) => `name: t\nhorizon_months: 12\nevents:\n  - type: export_restriction\n    countries: [CHN]\n    minerals: [testium]\n${event}`;

describe("scenario files: every bad input names file, line and field", () => {
  it("malformed YAML is bad-input at its line", () => {
    const e = fails("name: t\nhorizon_months: 12\nevents: [\n  { type: x\n");
    expect(e.code).toBe("bad-input");
    expect(e.issues[0].file).toBe("bad.yaml");
    expect(e.issues[0].line).toBeGreaterThanOrEqual(3);
    expect(e.message).toMatch(/malformed YAML/);
  });

  it("an empty file or a list is bad-input", () => {
    expect(fails("").code).toBe("bad-input");
    expect(fails("- 1\n- 2\n").message).toMatch(/top level is a list/);
  });

  it("a wrong field type names the field, its line and what was expected", () => {
    const e = fails(base("    severity: high\n"));
    expect(e.code).toBe("bad-input");
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ file: "bad.yaml", line: 7, field: "events[0].severity" });
    expect(e.issues[0].expected).toMatch(/a number or \{triangular/);
    const h = fails("name: t\nhorizon_months: twelve\nevents: []\n");
    expect(h.issues[0]).toMatchObject({ line: 2, field: "horizon_months", expected: "a whole number of months between 1 and 600" });
  });

  it("an unknown field and an unknown event type are reported with suggestions", () => {
    const e = fails(base("    severity: 1\n    sevrity: 1\n"));
    expect(e.issues[0]).toMatchObject({ line: 8, field: "events[0].sevrity", message: "unknown field" });
    expect(e.issues[0].suggestions).toContain("severity");
    const t = fails("name: t\nhorizon_months: 3\nevents:\n  - type: embargo\n    minerals: all\n");
    expect(t.message).toMatch(/unknown event type "embargo", expected export_restriction \| demand_surge \| new_supply/);
  });

  it("an unknown mineral is not-found with the closest valid ids", () => {
    const e = fails("name: t\nhorizon_months: 12\nevents:\n  - type: export_restriction\n    countries: [CHN]\n    minerals: [testum]\n    severity: 1\n");
    expect(e.code).toBe("not-found");
    expect(e.issues[0]).toMatchObject({ line: 6, field: "events[0].minerals[0]" });
    expect(e.issues[0].suggestions?.[0]).toBe("testium");
    expect(e.message).toMatch(/did you mean: testium/);
  });

  it("an unknown country is not-found with the closest codes (a name suggests its code)", () => {
    const e = fails(
      "name: t\nhorizon_months: 12\nevents:\n  - type: export_restriction\n    countries: [CHX, China]\n    minerals: [testium]\n    severity: 1\n",
    );
    expect(e.code).toBe("not-found");
    expect(e.issues.map((i) => i.field)).toEqual(["events[0].countries[0]", "events[0].countries[1]"]);
    expect(e.issues[0].suggestions).toContain("CHN");
    expect(e.issues[1].suggestions).toEqual(["CHN"]);
  });

  it("a negative severity and a severity above 1 are invalid, with the range expected", () => {
    const neg = fails(base("    severity: -0.2\n"));
    expect(neg.code).toBe("invalid");
    expect(neg.issues[0]).toMatchObject({
      line: 7,
      field: "events[0].severity",
      message: "-0.2 is out of range",
      expected: "a share of supply withheld between 0 and 1",
    });
    const big = fails(base("    severity: 1.5\n"));
    expect(big.code).toBe("invalid");
    expect(big.issues[0].message).toBe("1.5 is out of range");
    const dist = fails(base("    severity: { triangular: [0.5, 0.9, 1.2] }\n"));
    expect(dist.issues[0].message).toMatch(/leaves the range/);
    const order = fails(base("    severity: { triangular: [0.9, 0.5, 1] }\n"));
    expect(order.issues[0].expected).toMatch(/min ≤ mode ≤ max/);
  });

  it("too large a horizon is too-large", () => {
    const e = fails(`name: t\nhorizon_months: ${SCENARIO_DEFAULTS.maxHorizon + 1}\nevents: []\n`);
    expect(e.code).toBe("too-large");
    expect(e.issues[0]).toMatchObject({ line: 2, field: "horizon_months" });
  });

  it("all problems are listed at once", () => {
    const e = fails("name: t\nhorizon_months: 12\nevents:\n  - type: export_restriction\n    countries: [XXX]\n    minerals: [nope]\n    severity: 2\n");
    expect(e.issues.map((i) => i.field).sort()).toEqual(["events[0].countries[0]", "events[0].minerals[0]", "events[0].severity"]);
  });

  it("an unknown field does not hide the other problems: every one is listed, in file order", () => {
    const e = fails(`name: t
horizon_months: 12
colour: red
stock: { testium: -5 }
events:
  - type: export_restriction
    countries: [CHN, XXX]
    minerals: [testum]
    severity: 1.5
    start_month: 0
    duration_months: { triangular: [12, 6, 24] }
    colour: blue
  - type: demand_surge
    minerals: all
    factor: -1
  - type: new_supply
    minerals: [testium]
    tons_per_year: lots
    online_month: 2
`);
    expect(e.issues.map((i) => `${i.line}: ${i.field}: ${i.message}`)).toEqual([
      "3: colour: unknown field",
      "4: stock.testium: -5 is out of range",
      '7: events[0].countries[1]: unknown country code "XXX"',
      '8: events[0].minerals[0]: unknown mineral "testum"',
      "9: events[0].severity: 1.5 is out of range",
      "10: events[0].start_month: 0 is out of range",
      "11: events[0].duration_months: triangular [12, 6, 24] is not ordered",
      "12: events[0].colour: unknown field",
      "15: events[1].factor: -1 is out of range",
      '18: events[2].tons_per_year: wrong type or shape: string "lots"',
    ]);
    expect(e.code).toBe("bad-input"); // the most basic problem decides the code (exit 2 either way)
    expect(e.issues[0].suggestions?.length).toBeGreaterThan(0);
    expect(e.issues.find((i) => i.field === "events[0].minerals[0]")!.suggestions).toContain("testium");
  });

  it("an event with an unknown type is reported, and the events after it are still checked", () => {
    const e = fails("name: t\nhorizon_months: 3\nevents:\n  - { type: embargo, minerals: all }\n  - { type: demand_surge, minerals: [nope], factor: 2 }\n");
    expect(e.issues.map((i) => i.field)).toEqual(["events[0].type", "events[1].minerals[0]"]);
  });

  it("a missing required field is named", () => {
    const e = fails("horizon_months: 3\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [testium] }\n");
    expect(e.issues.map((i) => `${i.field}: ${i.message}`).sort()).toEqual(["events[0].severity: missing", "name: missing"]);
  });

  it("sector shares above 1 in total are invalid", () => {
    const e = fails("name: t\nhorizon_months: 2\nsectors: { testium: { defense: 0.6, civil: 0.6 } }\nevents: []\n");
    expect(e.code).toBe("invalid");
    expect(e.issues[0]).toMatchObject({ line: 3, field: "sectors.testium" });
  });
});

describe("scenario files: numbers and distributions", () => {
  it("JSON is accepted as well as YAML", () => {
    const s = parseScenario(
      JSON.stringify({ name: "j", horizon_months: 2, events: [{ type: "export_restriction", countries: ["CHN"], minerals: ["testium"], severity: 0.5 }] }),
      "j.json",
      ds,
    );
    expect(s.events).toHaveLength(1);
  });

  it("a deterministic run uses the mode, the midpoint and the mean; months are rounded", () => {
    const s = parseScenario(
      `name: d\nhorizon_months: 24\nevents:\n  - type: export_restriction\n    countries: [CHN]\n    minerals: [testium]\n    start_month: { uniform: [2, 5] }\n    duration_months: { triangular: [6, 12.4, 24] }\n    severity: { normal: [0.5, 0.1] }\n`,
      "d.yaml",
      ds,
    );
    const c = compileScenario(s, ds);
    const v = deterministicDraw(c).values;
    const e = s.events[0] as { start: number; duration: number; severity: number };
    expect(v[e.start]).toBe(4); // midpoint 3.5, rounded
    expect(v[e.duration]).toBe(12);
    expect(v[e.severity]).toBe(0.5);
  });

  it("draws stay in the field's range (normal truncated), months are whole, probabilities are 0 or 1", () => {
    const s = parseScenario(
      `name: d\nhorizon_months: 24\nevents:\n  - type: export_restriction\n    countries: [CHN]\n    minerals: [testium]\n    duration_months: { normal: [3, 10] }\n    severity: { normal: [0.9, 0.5] }\n  - type: new_supply\n    minerals: [testium]\n    tons_per_year: { uniform: [10, 20] }\n    online_month: 3\n    probability: { triangular: [0.2, 0.5, 0.9] }\n`,
      "d.yaml",
      ds,
    );
    const c = compileScenario(s, ds);
    const [r, n] = s.events as unknown as [{ duration: number; severity: number }, { tonsPerYear: number; probability: number }];
    let yes = 0;
    for (let run = 0; run < 2000; run++) {
      const v = drawScenario(c, 11, run).values;
      expect(v[r.severity]).toBeGreaterThanOrEqual(0);
      expect(v[r.severity]).toBeLessThanOrEqual(1);
      expect(Number.isInteger(v[r.duration]) && v[r.duration] >= 0).toBe(true);
      expect(v[n.tonsPerYear]).toBeGreaterThanOrEqual(10);
      expect(v[n.tonsPerYear]).toBeLessThanOrEqual(20);
      expect([0, 1]).toContain(v[n.probability]);
      yes += v[n.probability];
    }
    // E[p] of triangular(0.2, 0.5, 0.9) = 0.5333…; 2000 draws: within ±0.05
    expect(yes / 2000).toBeGreaterThan(0.48);
    expect(yes / 2000).toBeLessThan(0.59);
  });

  it("the same (seed, run) gives the same draw; another run or seed a different one", () => {
    const c = compileScenario(parseScenario(base("    severity: { uniform: [0, 1] }\n"), "s.yaml", ds), ds);
    expect(drawScenario(c, 5, 17).values).toEqual(drawScenario(c, 5, 17).values);
    expect(drawScenario(c, 5, 17).values).not.toEqual(drawScenario(c, 5, 18).values);
    expect(drawScenario(c, 5, 17).values).not.toEqual(drawScenario(c, 6, 17).values);
  });
});

describe("scenario files: events that can have no effect are errors", () => {
  const event = (fields: string, horizon = 12) =>
    `name: t\nhorizon_months: ${horizon}\nevents:\n  - type: export_restriction\n    countries: [CHN]\n    minerals: [testium]\n    severity: 1\n${fields}`;

  it("a start month after the horizon (fixed, or a distribution that reaches past it)", () => {
    const e = fails(event("    start_month: 13\n"));
    expect(e.code).toBe("invalid");
    expect(e.issues[0]).toMatchObject({
      line: 8,
      field: "events[0].start_month",
      message: "starts in month 13, after the horizon (12 months): the event has no effect",
      expected: "a month between 1 and 12",
    });
    expect(fails(event("    start_month: { triangular: [13, 14, 20] }\n")).issues[0].field).toBe("events[0].start_month");
    // a distribution that reaches past the horizon is refused too: those draws would do nothing
    expect(fails(event("    start_month: { uniform: [6, 20] }\n")).issues[0].message).toMatch(/may start in month 20, after the horizon/);
    expect(parseScenario(event("    start_month: { uniform: [6, 12] }\n"), "s.yaml", ds).events).toHaveLength(1);
    const n = fails("name: t\nhorizon_months: 6\nevents:\n  - { type: new_supply, minerals: [testium], tons_per_year: 10, online_month: 7 }\n");
    expect(n.issues[0]).toMatchObject({ line: 4, field: "events[0].online_month" });
    expect(n.issues[0].message).toMatch(/comes online in month 7, after the horizon \(6 months\)/);
  });

  it("duration_months: 0, or a distribution that cannot exceed 0", () => {
    const e = fails(event("    duration_months: 0\n"));
    expect(e.issues[0]).toMatchObject({ line: 8, field: "events[0].duration_months", message: "lasts 0 months: the event has no effect" });
    expect(fails(event("    duration_months: { uniform: [0, 0.4] }\n")).issues[0].field).toBe("events[0].duration_months");
    expect(parseScenario(event("    duration_months: { uniform: [0, 3] }\n"), "s.yaml", ds).events).toHaveLength(1);
  });

  it("a restriction on USA, the reserve's own country", () => {
    const e = fails(
      "name: t\nhorizon_months: 12\nevents:\n  - type: export_restriction\n    countries: [CHN, USA]\n    minerals: [testium]\n    severity: 1\n",
    );
    expect(e.code).toBe("invalid");
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ line: 5, field: "events[0].countries[1]" });
    expect(e.message).toMatch(/USA is the reserve's own country: a restriction on US exports does not cut the US supply the simulation models/);
  });

  it("an unknown stage lists the dataset's stages (those `risk --stage` accepts) and the closest", () => {
    const e = fails(event("    stage: refinry\n"));
    expect(e.code).toBe("not-found");
    expect(e.issues[0]).toMatchObject({ line: 8, field: "events[0].stage", message: 'unknown stage "refinry"', expected: "mine | refinery" });
    expect(e.issues[0].suggestions?.[0]).toBe("refinery");
    expect(parseScenario(event("    stage: mine\n"), "s.yaml", ds).events).toHaveLength(1);
  });

  it("a missing start_month is month 1, and the output says so", () => {
    const s = parseScenario(event(""), "s.yaml", ds);
    const c = compileScenario(s, ds);
    expect(deterministicDraw(c).values[(s.events[0] as { start: number }).start]).toBe(1);
    expect(c.notes).toContain("events[0]: no start_month, so it starts in month 1 (the default)");
    expect(compileScenario(parseScenario(event("    start_month: 1\n"), "s.yaml", ds), ds).notes.join("\n")).not.toMatch(/start_month/);
  });

  it("an event whose fixed size changes nothing is allowed, with a note", () => {
    const c = compileScenario(parseScenario(event("    start_month: 1\n").replace("severity: 1", "severity: 0"), "s.yaml", ds), ds);
    expect(c.notes).toContain("events[0]: severity 0 withholds nothing, so this restriction changes nothing");
  });
});

describe("scenario files: non-finite and absurd numbers", () => {
  it("says `not a finite number` for .nan, .inf, -.inf and 1e309, with the field's range", () => {
    for (const [raw, shown] of [
      [".nan", ".nan, read as NaN"],
      [".inf", ".inf, read as Infinity"],
      ["-.inf", "-.inf, read as -Infinity"],
      ["1e309", "1e309, read as Infinity"],
    ]) {
      const e = fails(base(`    severity: ${raw}\n`));
      expect(e.issues).toHaveLength(1);
      expect(e.issues[0]).toMatchObject({
        line: 7,
        field: "events[0].severity",
        message: `not a finite number (${shown})`,
        expected: "a share of supply withheld between 0 and 1",
      });
    }
  });

  it("finds a non-finite number inside a distribution and names its place", () => {
    const t = fails(base("    severity: { triangular: [0.1, .nan, 1] }\n"));
    expect(t.issues[0]).toMatchObject({ field: "events[0].severity.triangular[1]", message: "not a finite number (.nan, read as NaN)" });
    expect(fails(base("    severity: 1\n    duration_months: { uniform: [1, .inf] }\n")).issues[0]).toMatchObject({
      field: "events[0].duration_months.uniform[1]",
      expected: "a duration in months between 0 and 600",
    });
    expect(fails(base("    severity: { normal: [0.5, 1e309] }\n")).issues[0].field).toBe("events[0].severity.normal[1]");
  });

  it("refuses absurd sizes with the documented range (factor, stock, tons per year, normal sd)", () => {
    const e = fails(`name: t
horizon_months: 12
stock: { testium: 1e300, all: { days: 1e9 } }
events:
  - { type: demand_surge, minerals: all, factor: 1e306, start_month: 1 }
  - { type: new_supply, minerals: [testium], tons_per_year: 1e308, online_month: 1 }
  - { type: export_restriction, countries: [CHN], minerals: [testium], start_month: 1, severity: { normal: [0.5, 2] } }
`);
    expect(e.code).toBe("invalid");
    expect(e.issues.map((i) => `${i.field}: ${i.message}, expected ${i.expected}`)).toEqual([
      "stock.all.days: 1e9 is out of range, expected days of import cover between 0 and 36525 (100 years)",
      "stock.testium: 1e300 is out of range, expected tons between 0 and 1e12",
      "events[0].factor: 1e306 is out of range, expected a demand multiplier between 0 and 100 (1.3 = +30 %)",
      "events[1].tons_per_year: 1e308 is out of range, expected tons per year between 0 and 1e10",
      "events[2].severity: normal sd 2 is wider than the whole range (1), expected [mean, sd] with sd ≤ 1; a flatter spread is {uniform: [a, b]}",
    ]);
  });

  it("a bad stock entry does not hide the others", () => {
    const e = fails("name: t\nhorizon_months: 12\nstock: { testium: .nan, exportium: -1 }\nevents: []\n");
    expect(e.issues.map((i) => i.field)).toEqual(["stock.exportium", "stock.testium"]);
  });

  it("keys that name Object's own properties are unknown fields, not a crash", () => {
    expect(fails("name: t\nhorizon_months: 3\nconstructor: 1\n").issues[0]).toMatchObject({ line: 3, field: "constructor", message: "unknown field" });
    expect(fails("name: t\nhorizon_months: 3\nevents:\n  - { type: toString, minerals: all }\n").issues[0]).toMatchObject({
      line: 4,
      field: "events[0].type",
      message: 'unknown event type "toString"',
    });
    // __proto__ would be dropped by any plain object built from it: refused at its line
    expect(fails("name: t\nhorizon_months: 3\nevents:\n  - { type: demand_surge, minerals: all, factor: 2, __proto__: 1 }\n").issues[0]).toMatchObject({
      line: 4,
      field: "events[0].__proto__",
      message: expect.stringMatching(/^"__proto__" cannot be used as a key/),
    });
  });
});
