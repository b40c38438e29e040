import { describe, expect, it } from "vitest";
import { LodestoneError, parseAssumptions } from "../../src/index.js";
import { loadAssumptions } from "../../src/io/assumptions-file.js";
import { loadDataset } from "../../src/io/dataset.js";

const dataset = loadDataset();
const loadShipped = () => loadAssumptions(undefined, dataset);

/** The problems of a file, as the CLI prints them (file:line: field: message). */
function problems(text: string): string[] {
  try {
    parseAssumptions(text, "a.yaml", dataset);
  } catch (e) {
    if (e instanceof LodestoneError) return e.issues.map((i) => `${i.file}:${i.line}: ${i.field}: ${i.message}`);
    throw e;
  }
  return [];
}

const ENTRY = `  - mineral: tungsten
    quantity: consumption
    value: 12000
    range: [9000, 15000]
    unit: t
    year: 2024
    method: "a test"
    judgement: "a test"
`;

describe("assumptions file", () => {
  it("parses a judgement entry with its line", () => {
    const set = parseAssumptions(`version: 1\nassumptions:\n${ENTRY}`, "a.yaml", dataset);
    expect(set.entries).toHaveLength(1);
    expect(set.entries[0]).toMatchObject({ mineral: "tungsten", quantity: "consumption", value: 12000, range: [9000, 15000], judgement: "a test" });
    expect(set.entries[0].at).toEqual({ file: "a.yaml", row: 3, column: "assumptions" });
  });

  it("names an unknown mineral at its line and suggests the closest ids", () => {
    try {
      parseAssumptions(`version: 1\nassumptions:\n${ENTRY.replace("tungsten", "tungstn")}`, "a.yaml", dataset);
      expect.unreachable();
    } catch (e) {
      const i = (e as LodestoneError).issues[0];
      expect(i).toMatchObject({ file: "a.yaml", line: 3, field: "assumptions[0].mineral" });
      expect(i.suggestions).toContain("tungsten");
    }
  });

  it("refuses a range out of order, a value outside it, a wrong unit, and both source and judgement", () => {
    expect(problems(`version: 1\nassumptions:\n${ENTRY.replace("[9000, 15000]", "[15000, 9000]")}`)).toEqual([
      "a.yaml:6: assumptions[0].range: [15000, 9000] is out of order",
    ]);
    expect(problems(`version: 1\nassumptions:\n${ENTRY.replace("value: 12000", "value: 20000")}`)).toEqual([
      "a.yaml:5: assumptions[0].value: 20000 is outside the range [9000, 15000]",
    ]);
    expect(problems(`version: 1\nassumptions:\n${ENTRY.replace("unit: t", "unit: USD/t")}`)).toEqual([
      "a.yaml:7: assumptions[0].unit: USD/t does not fit consumption",
    ]);
    const both = ENTRY.replace(
      'judgement: "a test"',
      'judgement: "a test"\n    source: { title: T, publisher: P, date: "2026-01-30", url: "https://example.org" }',
    );
    expect(problems(`version: 1\nassumptions:\n${both}`)).toEqual(["a.yaml:10: assumptions[0].judgement: both source and judgement given"]);
    const neither = ENTRY.replace('    judgement: "a test"\n', "");
    expect(problems(`version: 1\nassumptions:\n${neither}`)).toEqual(["a.yaml:3: assumptions[0].source: missing (no source and no judgement)"]);
  });

  it("refuses the same mineral and quantity twice", () => {
    expect(problems(`version: 1\nassumptions:\n${ENTRY}${ENTRY}`)).toEqual([
      "a.yaml:12: assumptions[1].quantity: tungsten consumption is already given at assumptions[0] (line 3)",
    ]);
  });

  it("refuses an unknown field and a bad quantity with file:line: field", () => {
    expect(problems(`version: 1\nassumptions:\n${ENTRY.replace("quantity: consumption", "quantity: demand")}`)).toEqual([
      'a.yaml:4: assumptions[0].quantity: invalid value "demand"',
    ]);
    expect(problems(`version: 1\nassumptions:\n${ENTRY}    colour: red\n`)[0]).toBe("a.yaml:11: assumptions[0].colour: unknown field");
    expect(problems(`version: 2\nassumptions: []\n`)[0]).toMatch(/^a\.yaml:1: version: /);
  });

  it("keeps a sourced figure's range reasoning in range_basis, and holds a list name that is not a dataset mineral (uranium) without applying it", () => {
    const sourced = ENTRY.replace(
      'judgement: "a test"',
      'source: { title: T, publisher: P, date: "2014", url: "https://example.org" }\n    range_basis: "±25 %"',
    );
    const uranium = ENTRY.replace("tungsten", "uranium");
    const set = parseAssumptions(`version: 1\nassumptions:\n${sourced}${uranium}`, "a.yaml", dataset);
    expect(set.entries.map((e) => [e.mineral, e.rangeBasis])).toEqual([["tungsten", "±25 %"]]);
    expect(set.held.map((h) => [h.mineral, h.quantity, h.at.row])).toEqual([["uranium", "consumption", 12]]);
    expect(set.held[0].why).toMatch(/no Mineral Commodity Summaries chapter/);
  });
});

describe("assumptions file: missing figures", () => {
  const MISSING = `missing:
  - mineral: terbium
    quantity: consumption
    reason: "no public source found"
    looked_in: ["USGS MCS 2026"]
`;

  it("parses a missing: entry with its line, as the mineral id", () => {
    const set = parseAssumptions(`version: 1\nassumptions:\n${ENTRY}${MISSING}`, "a.yaml", dataset);
    expect(set.missing).toEqual([
      {
        mineral: "terbium",
        quantity: "consumption",
        reason: "no public source found",
        lookedIn: ["USGS MCS 2026"],
        at: { file: "a.yaml", row: 12, column: "missing" },
      },
    ]);
  });

  it("names a bad missing: entry at file:line: field (unknown field, empty looked_in, unknown mineral)", () => {
    expect(problems(`version: 1\nassumptions: []\n${MISSING.replace("looked_in:", "lookedin:")}`)).toEqual([
      "a.yaml:4: missing[0].looked_in: missing",
      "a.yaml:7: missing[0].lookedin: unknown field",
    ]);
    expect(problems(`version: 1\nassumptions: []\n${MISSING.replace('["USGS MCS 2026"]', "[]")}`)).toEqual([
      expect.stringMatching(/^a\.yaml:7: missing\[0\]\.looked_in: /),
    ]);
    expect(problems(`version: 1\nassumptions: []\n${MISSING.replace("terbium", "terbum")}`)).toEqual([
      'a.yaml:4: missing[0].mineral: unknown mineral "terbum"',
    ]);
  });

  it("refuses a figure both given and listed missing", () => {
    const given = MISSING.replace("terbium", "tungsten");
    expect(problems(`version: 1\nassumptions:\n${ENTRY}${given}`)).toEqual([
      "a.yaml:13: missing[0].quantity: tungsten consumption is given at assumptions[0] (line 3), so it is not missing",
    ]);
  });

  it("the shipped file lists terbium consumption as missing, naming docs/assumptions-sources.md", () => {
    const set = loadShipped();
    expect(set?.missing?.map((m) => `${m.mineral}.${m.quantity}`)).toEqual(["terbium.consumption"]);
    expect(set?.missing?.[0].reason).toMatch(/^no public source was found for US terbium consumption.*docs\/assumptions-sources\.md, "Still missing"/);
  });
});
