import { describe, expect, it } from "vitest";
import { compileScenario, DEFAULT_SCENARIO_PROBABILITY, LodestoneError, parseScenario, scenarioWeights } from "../../src/index.js";
import { tinyDataset } from "../simulate/tiny.js";
import { fails } from "./fails.js";

const ds = tinyDataset();

/** A one-event scenario with the given top-level lines after the horizon. */
const file = (top: string) =>
  `name: t\nhorizon_months: 12\n${top}events:\n  - type: export_restriction\n    countries: [CHN]\n    minerals: [testium]\n    severity: 1\n`;

/** The LodestoneError scenarioWeights raises (fails the test if none). */
function weightsFail(input: Parameters<typeof scenarioWeights>[0]): LodestoneError {
  try {
    scenarioWeights(input);
  } catch (e) {
    if (e instanceof LodestoneError) return e;
    throw e;
  }
  throw new Error("expected a LodestoneError");
}

describe("a scenario file's probability", () => {
  it("is carried with its reason and line into the parsed and compiled scenario", () => {
    const s = parseScenario(file("probability: 0.25\nprobability_why: one episode in four years\n"), "p.yaml", ds);
    expect(s.probability).toEqual({ value: 0.25, why: "one episode in four years", line: 3 });
    expect(compileScenario(s, ds).probability).toEqual({ value: 0.25, why: "one episode in four years", line: 3 });
  });

  it("is absent when the file gives none", () => {
    const s = parseScenario(file(""), "p.yaml", ds);
    expect(s.probability).toBeUndefined();
    expect("probability" in compileScenario(s, ds)).toBe(false);
  });

  it("0 and 1 are allowed (the ends of the range)", () => {
    expect(parseScenario(file("probability: 0\nprobability_why: switched off\n"), "p.yaml", ds).probability?.value).toBe(0);
    expect(parseScenario(file("probability: 1\nprobability_why: certain\n"), "p.yaml", ds).probability?.value).toBe(1);
  });

  it("outside [0, 1] is invalid at file:line: probability, with the range", () => {
    for (const v of ["1.5", "-0.1", "1.0000001"]) {
      const e = fails(file(`probability: ${v}\nprobability_why: x\n`));
      expect(e.code).toBe("invalid");
      expect(e.issues).toHaveLength(1);
      expect(e.issues[0]).toMatchObject({ file: "bad.yaml", line: 3, field: "probability", expected: "a probability in [0, 1]" });
      expect(e.message).toBe(`bad.yaml:3: probability: ${v} is out of range, expected a probability in [0, 1]`);
    }
  });

  it("of the wrong type names the range, and does not also call the reason orphaned", () => {
    const e = fails(file('probability: "likely"\nprobability_why: x\n'));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ line: 3, field: "probability", expected: "a probability in [0, 1]" });
    expect(e.issues[0].message).toMatch(/wrong type/);
  });

  it("without probability_why is an error at the probability's line", () => {
    const e = fails(file("probability: 0.2\n"));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ line: 3, field: "probability_why" });
    expect(e.issues[0].message).toMatch(/missing/);
  });

  it("probability_why without a probability is an error, and an empty reason is refused", () => {
    expect(fails(file("probability_why: a reason for nothing\n")).issues[0]).toMatchObject({ line: 3, field: "probability_why" });
    expect(fails(file('probability: 0.2\nprobability_why: ""\n')).issues[0]).toMatchObject({ line: 4, field: "probability_why", message: "empty" });
  });

  it("a misspelt probability_why suggests the field", () => {
    const e = fails(file("probability: 0.2\nprobability_wy: x\n"));
    expect(e.issues.find((i) => i.field === "probability_wy")?.suggestions).toContain("probability_why");
  });
});

describe("scenarioWeights: scenarios as mutually exclusive events over the horizon", () => {
  it("uses each file's probability and gives the rest to no disruption (0.2 + 0.05 + 0.3 → none 0.45)", () => {
    const w = scenarioWeights([
      { file: "a.yaml", probability: 0.2 },
      { file: "b.yaml", probability: { value: 0.05, why: "x", line: 3 } },
      { file: "c.yaml", probability: 0.3 },
    ]);
    expect(w.weights).toEqual([0.2, 0.05, 0.3]);
    expect(w.none).toBeCloseTo(0.45, 12);
    expect(w.notes.join("\n")).toMatch(/sum to 0\.55; no disruption has weight 0\.45/);
    expect(w.notes.join("\n")).not.toMatch(/no probability in the file/);
  });

  it("gives a file without a probability the stated default and names it in the notes", () => {
    expect(DEFAULT_SCENARIO_PROBABILITY.value).toBe(0.1);
    expect(DEFAULT_SCENARIO_PROBABILITY.why).toMatch(/JUDGEMENT/);
    const w = scenarioWeights([{ file: "mine.yaml" }, { file: "a.yaml", probability: 0.5 }]);
    expect(w.weights).toEqual([0.1, 0.5]);
    expect(w.none).toBeCloseTo(0.4, 12);
    expect(w.notes[0]).toMatch(/^mine\.yaml: no probability in the file, so 0\.1 over its horizon/);
  });

  it("probabilities summing to exactly 1 leave no weight to no disruption (floating-point rounding is not 'above 1')", () => {
    const w = scenarioWeights([
      { file: "a", probability: 0.01 },
      { file: "b", probability: 0.2 },
      { file: "c", probability: 0.68 },
      { file: "d", probability: 0.11 },
    ]);
    expect(0.01 + 0.2 + 0.68 + 0.11).toBeGreaterThan(1); // 1.0000000000000002: the rounding the tolerance is for
    expect(w.none).toBe(0);
  });

  it("no scenarios: no disruption is certain", () => {
    expect(scenarioWeights([])).toMatchObject({ weights: [], none: 1 });
  });

  it("a sum above 1 is invalid, naming every file (with its line) and the sum", () => {
    const e = weightsFail([{ file: "a.yaml", probability: { value: 0.6, why: "x", line: 4 } }, { file: "b.yaml", probability: 0.5 }, { file: "c.yaml" }]);
    expect(e.code).toBe("invalid");
    expect(e.issues.map((i) => [i.file, i.line, i.field])).toEqual([
      ["a.yaml", 4, "probability"],
      ["b.yaml", undefined, "probability"],
      ["c.yaml", undefined, "probability"],
    ]);
    for (const i of e.issues) expect(i.message).toMatch(/sum to 1\.2, sum above 1 \(a\.yaml 0\.6, b\.yaml 0\.5, c\.yaml 0\.1 \(default\)\)/);
    expect(e.issues[2].message).toMatch(/^0\.1 \(the default/);
    expect(e.message.split("\n")[0]).toMatch(/^a\.yaml:4: probability: 0\.6: the 3 scenario probabilities sum to 1\.2, sum above 1/);
  });

  it("defaults alone can push the sum above 1 (eleven files without a probability)", () => {
    const e = weightsFail(Array.from({ length: 11 }, (_, i) => ({ file: `f${i}.yaml` })));
    expect(e.issues).toHaveLength(11);
    expect(e.issues[0].message).toMatch(/sum to 1\.1, sum above 1/);
  });

  it("a probability outside [0, 1] or not a number is invalid, with the range", () => {
    for (const p of [1.2, -0.01, Number.NaN]) {
      const e = weightsFail([
        { file: "ok.yaml", probability: 0.1 },
        { file: "x.yaml", probability: p },
      ]);
      expect(e.issues).toHaveLength(1);
      expect(e.issues[0]).toMatchObject({ file: "x.yaml", field: "probability", expected: "a probability in [0, 1]" });
    }
  });
});
