import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue, LodestoneError, parseHoldings } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { ROOT } from "../helpers.js";

const d = loadDataset();
const F = "h.yaml";

/** Every issue of a file that must fail, as printed lines (file:line: field: problem, expected …). */
function lines(text: string): string[] {
  try {
    parseHoldings(text, F, d);
  } catch (e) {
    if (e instanceof LodestoneError) return e.issues.map(formatIssue);
    throw e;
  }
  throw new Error("parsed");
}

const SRC = "source: { title: T, publisher: P, date: 2024-05, url: 'https://example.org/t' }";

describe("parseHoldings", () => {
  it("reads ids and listed names, the source or the judgement, and the as-of date", () => {
    const h = parseHoldings(
      [
        "version: 1",
        "as_of: 2025-09-30",
        "holdings:",
        "  - { mineral: Antimony, tons: 1200.5, form: ingot, judgement: our count }",
        `  - { mineral: gallium, tons: 0, ${SRC} }`,
      ].join("\n"),
      F,
      d,
    );
    expect(h.asOf).toBe("2025-09-30");
    expect(h.holdings).toEqual([
      { mineral: "antimony", name: "Antimony", tons: 1200.5, form: "ingot", judgement: "our count" },
      { mineral: "gallium", name: "gallium", tons: 0, source: { title: "T", publisher: "P", date: "2024-05", url: "https://example.org/t" } },
    ]);
  });

  it("reads the same file as JSON", () => {
    const h = parseHoldings(JSON.stringify({ version: 1, as_of: "2025-01-31", holdings: [{ mineral: "tungsten", tons: 5, judgement: "j" }] }), "h.json", d);
    expect(h.holdings.map((x) => [x.mineral, x.tons])).toEqual([["tungsten", 5]]);
  });

  it("names every bad entry at its line, with what was expected", () => {
    const text = [
      "version: 1", // 1
      "as_of: 2025-02-30", // 2
      "holdings:", // 3
      "  - mineral: antimny", // 4
      "    tons: 5", // 5
      "    judgement: j", // 6
      "  - mineral: gallium", // 7
      "    tons: -3", // 8
      "    judgement: j", // 9
      "  - mineral: germanium", // 10
      "    tons: .inf", // 11
      "    judgement: j", // 12
      "  - mineral: Gallium", // 13
      "    tons: 1", // 14
      "    judgement: j", // 15
      "  - mineral: hafnium", // 16
      "    tons: 1", // 17
      "    judgement: j", // 18
      "  - mineral: tungsten", // 19
      "    tons: 2", // 20
      "  - mineral: indium", // 21
      "    tonnes: 2", // 22
      "    judgement: j", // 23
    ].join("\n");
    const got = lines(text);
    expect(got).toEqual([
      "h.yaml:2: as_of: not a date, expected a date YYYY-MM-DD",
      expect.stringMatching(/^h\.yaml:4: holdings\[0\]\.mineral: unknown mineral "antimny", expected .*\(did you mean: antimony/),
      "h.yaml:8: holdings[1].tons: -3 is out of range, expected metric tons between 0 and 1e9",
      "h.yaml:11: holdings[2].tons: not a finite number (.inf, read as Infinity), expected metric tons between 0 and 1e9",
      expect.stringMatching(/^h\.yaml:13: holdings\[3\]\.mineral: gallium is held twice \(also at holdings\[1\] as "gallium"\), expected each mineral once/),
      expect.stringMatching(/^h\.yaml:16: holdings\[4\]\.mineral: "hafnium" is only a part of zirconium-hafnium .*, expected a whole mineral/),
      expect.stringMatching(/^h\.yaml:19: holdings\[5\]: neither a source nor a judgement, expected source: \{title, publisher, date, url\}/),
      expect.stringMatching(/^h\.yaml:21: holdings\[6\]\.tons: missing, expected metric tons/),
      expect.stringMatching(/^h\.yaml:22: holdings\[6\]\.tonnes: unknown field, expected a field of a holding \(did you mean: tons/),
    ]);
  });

  it("refuses a bad source, a source with a judgement, a wrong version and an empty list", () => {
    expect(
      lines(
        `version: 1\nas_of: 2025-01-01\nholdings:\n  - mineral: tin\n    tons: 1\n    judgement: j\n    source: { title: T, publisher: P, date: May 2024, url: 'ftp://x' }`,
      ),
    ).toEqual([
      "h.yaml:6: holdings[0].judgement: both a source and a judgement, expected one of them: a source for a published figure, a judgement for your own",
      'h.yaml:7: holdings[0].source.date: invalid value "May 2024", expected a date YYYY, YYYY-MM or YYYY-MM-DD',
      'h.yaml:7: holdings[0].source.url: invalid value "ftp://x", expected an http(s) URL',
    ]);
    expect(lines("version: 2\nas_of: 2025-01-01\nholdings: []")).toEqual([
      "h.yaml:1: version: invalid value 2, expected 1",
      "h.yaml:3: holdings: empty, expected at least one entry",
    ]);
  });

  it("parses the shipped example, whose every entry cites a source", () => {
    const file = join(ROOT, "holdings", "nds-example.yaml");
    const h = parseHoldings(readFileSync(file, "utf8"), file, d);
    expect(h.asOf).toBe("2015-12-31");
    expect(h.holdings).toHaveLength(1);
    expect(h.holdings[0]).toMatchObject({
      mineral: "beryllium",
      tons: 78,
      source: { publisher: "U.S. Geological Survey", url: "https://doi.org/10.3133/fs20163081" },
    });
    expect(h.holdings.every((x) => x.source && !x.judgement)).toBe(true);
  });
});
