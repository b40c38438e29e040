import { describe, expect, it } from "vitest";
import { LodestoneError, MARKET_DEFAULTS, marketMarkOf, marketParamsOf, parseMarket } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";

const dataset = loadDataset();

/** The problems of a market file, as the CLI prints them (file:line: field: message), and the error's code. */
function problems(text: string): { code?: string; lines: string[]; issues: LodestoneError["issues"] } {
  try {
    parseMarket(text, "m.yaml", dataset);
  } catch (e) {
    if (e instanceof LodestoneError) return { code: e.code, lines: e.issues.map((i) => `${i.file}:${i.line}: ${i.field}: ${i.message}`), issues: e.issues };
    throw e;
  }
  return { lines: [], issues: [] };
}

const J = 'judgement: "a test"';

describe("market file", () => {
  it("reads defaults and a mineral's values with the line of each", () => {
    const text = [
      "version: 1", // 1
      "defaults:", // 2
      "  elasticity:", // 3
      `    { value: -0.2, range: [-0.3, -0.1], ${J} }`, // 4
      "minerals:", // 5
      "  - mineral: gallium", // 6
      "    impact: { value: 2, range: [0.5, 4], source: { title: T, publisher: P, date: 2024-10-08, url: 'https://example.org/x' } }", // 7
      "    resale_haircut: { value: 0.1, range: [0.05, 0.2], judgement: minor metal }", // 8
    ].join("\n");
    const set = parseMarket(text, "m.yaml", dataset);
    expect(set.defaults).toEqual({ ...MARKET_DEFAULTS, elasticity: -0.2 });
    expect(set.byMineral).toEqual({ gallium: { impact: 2, resaleHaircut: 0.1 } });
    expect(marketParamsOf(set, "gallium")).toEqual({ ...MARKET_DEFAULTS, elasticity: -0.2, impact: 2, resaleHaircut: 0.1 });
    expect(set.marks["default.elasticity"]).toEqual({
      value: -0.2,
      range: [-0.3, -0.1],
      judgement: "a test",
      at: { file: "m.yaml", row: 3, column: "market" },
    });
    expect(set.marks["gallium.impact"].source?.url).toBe("https://example.org/x");
    expect(set.marks["gallium.impact"].at).toEqual({ file: "m.yaml", row: 7, column: "market" });
    // a parameter the file leaves out keeps the built-in default and its mark
    expect(marketMarkOf(set, "gallium", "chokeMultiple")?.at.file).toBe("src/economics/defaults.ts");
    expect(marketMarkOf(set, "copper", "impact")?.at.file).toBe("src/economics/defaults.ts");
  });

  it("accepts a mineral by name and stores it under its id", () => {
    const set = parseMarket(`version: 1\nminerals:\n  - mineral: Gallium\n    impact: { value: 2, range: [1, 3], ${J} }\n`, "m.yaml", dataset);
    expect(Object.keys(set.byMineral)).toEqual(["gallium"]);
  });

  it("refuses an elasticity of the wrong sign at its line, with the valid range", () => {
    const r = problems(`version: 1\ndefaults:\n  elasticity: { value: 0.1, range: [-0.3, -0.05], ${J} }\n`);
    expect(r.code).toBe("invalid");
    expect(r.lines).toEqual(["m.yaml:3: defaults.elasticity.value: 0.1 is an elasticity of the wrong sign"]);
    expect(r.issues[0].expected).toMatch(/negative/);
  });

  it("refuses a wrong-sign end of a range even when the value is right", () => {
    const r = problems(`version: 1\ndefaults:\n  elasticity: { value: -0.1, range: [-0.3, 0.2], ${J} }\n`);
    expect(r.lines).toEqual(["m.yaml:3: defaults.elasticity.range: 0.2 is an elasticity of the wrong sign"]);
  });

  it("refuses a haircut above 1 and names [0, 1)", () => {
    const r = problems(`version: 1\nminerals:\n  - mineral: copper\n    resale_haircut: { value: 1.2, range: [0, 0.5], ${J} }\n`);
    expect(r.lines).toEqual(["m.yaml:4: minerals[0].resale_haircut.value: 1.2 is a haircut of 1 or above (stock worth nothing or less)"]);
    expect(r.issues[0].expected).toMatch(/\[0, 1\)/);
  });

  it("refuses a range out of order and a value outside its range", () => {
    const r = problems(
      [
        "version: 1",
        "defaults:",
        `  choke_multiple: { value: 10, range: [30, 5], ${J} }`,
        `  impact: { value: 5, range: [0.5, 2], ${J} }`,
        `  essentiality: { value: 0.5, range: [1, 3], ${J} }`,
        `  storage_usd_per_ton_year: { value: -1, range: [0, 10], ${J} }`,
      ].join("\n"),
    );
    expect(r.lines).toEqual([
      "m.yaml:3: defaults.choke_multiple.range: [30, 5] is out of order",
      "m.yaml:4: defaults.impact.value: 5 is outside the range [0.5, 2]",
      "m.yaml:5: defaults.essentiality.value: an essentiality of 0.5 is below 1",
      "m.yaml:6: defaults.storage_usd_per_ton_year.value: -1 is a negative storage cost",
    ]);
  });

  it("refuses a choke price not above the pre-crisis price (and does not also call it outside its range)", () => {
    const r = problems(`version: 1\ndefaults:\n  choke_multiple: { value: 1, range: [2, 5], ${J} }\n`);
    expect(r.lines).toEqual(["m.yaml:3: defaults.choke_multiple.value: a choke price of 1× the pre-crisis price is not above it"]);
  });

  it("names an unknown mineral and suggests the closest ids", () => {
    const r = problems(`version: 1\nminerals:\n  - mineral: galium\n    impact: { value: 2, range: [1, 3], ${J} }\n`);
    expect(r.code).toBe("not-found");
    expect(r.lines).toEqual(['m.yaml:3: minerals[0].mineral: unknown mineral "galium"']);
    expect(r.issues[0].suggestions).toContain("gallium");
  });

  it("refuses a mineral given twice (also under another name), pointing at the first", () => {
    const r = problems(
      `version: 1\nminerals:\n  - mineral: gallium\n    impact: { value: 2, range: [1, 3], ${J} }\n  - mineral: Gallium\n    impact: { value: 1, range: [1, 3], ${J} }\n`,
    );
    expect(r.lines).toEqual(["m.yaml:5: minerals[1].mineral: gallium is already given at minerals[0] (line 3)"]);
  });

  it("names unknown fields with the closest field name", () => {
    const r = problems(
      `version: 1\ndefaults:\n  elastcity: { value: -0.1, range: [-0.2, -0.05], ${J} }\n  impact: { vaule: 1, value: 1, range: [0, 2], ${J} }\n`,
    );
    expect(r.code).toBe("bad-input");
    expect(r.lines).toEqual(["m.yaml:3: defaults.elastcity: unknown field", "m.yaml:4: defaults.impact.vaule: unknown field"]);
    expect(r.issues[0].suggestions).toContain("elasticity");
    expect(r.issues[1].suggestions).toContain("value");
  });

  it("wants exactly one of source and judgement", () => {
    const r = problems(
      `version: 1\ndefaults:\n  impact: { value: 1, range: [0, 2] }\n  elasticity: { value: -0.1, range: [-0.2, -0.05], ${J}, source: { title: T, publisher: P, date: "2024", url: "https://x.org" } }\n`,
    );
    expect(r.lines).toEqual([
      "m.yaml:3: defaults.impact.source: missing (no source and no judgement)",
      "m.yaml:4: defaults.elasticity.judgement: both source and judgement given",
    ]);
  });

  it("reports every problem at once, in line order", () => {
    const r = problems(
      [
        "version: 1",
        "defaults:",
        `  elasticity: { value: 0.3, range: [0.1, 0.5], ${J} }`,
        "minerals:",
        `  - mineral: tungstn`,
        `    resale_haircut: { value: 1.2, range: [0, 2], ${J} }`,
      ].join("\n"),
    );
    expect(r.lines.map((l) => l.split(": ")[0])).toEqual(["m.yaml:3", "m.yaml:3", "m.yaml:5", "m.yaml:6", "m.yaml:6"]);
  });

  it("refuses a non-finite number and a missing version", () => {
    expect(problems(`version: 1\ndefaults:\n  impact: { value: .inf, range: [0, 2], ${J} }\n`).lines[0]).toMatch(
      /^m\.yaml:3: defaults\.impact\.value: not a finite number/,
    );
    expect(problems(`defaults: {}\n`).lines).toEqual(["m.yaml:1: version: missing"]);
  });

  it("refuses an alias bomb through the shared YAML reader", () => {
    const bomb = [
      "version: 1",
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
    ].join("\n");
    const r = problems(bomb);
    expect(r.code).toBe("bad-input");
    expect(r.lines[0]).toMatch(/alias/);
  });
});
