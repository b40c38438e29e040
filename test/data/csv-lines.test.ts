import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/index.js";

describe("parseCsv line numbers", () => {
  it("are file lines for LF and CRLF files alike (the header is line 1), and a quoted multi-line cell adds its lines", () => {
    // before, an LF file's record kept its "\n" in the raw text and was counted twice: lines 1, 3, 5, …
    for (const eol of ["\n", "\r\n"]) {
      const t = parseCsv(["a,b", "1,2", '"x', 'y",3', "4,5", ""].join(eol), "t.csv");
      expect(t.rows.map((r) => r.line)).toEqual([2, 3, 5]);
    }
  });
});
