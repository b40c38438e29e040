import { describe, expect, it } from "vitest";
import { type Column, textLines, toCsv, toTable, wrapText } from "../../src/index.js";

describe("toTable: note columns go below the table, numbered", () => {
  const columns: Column[] = [{ key: "id" }, { key: "t", label: "short t" }, { key: "note", note: true }];
  const rows = [
    { id: "a", t: 1200, note: "lower bound: a producer's figure is unpublished" },
    { id: "bb", t: 3, note: null },
    { id: "c", t: 0.5, note: "lower bound: a producer's figure is unpublished" },
    { id: "d", t: 10, note: "no price" },
  ];

  it("a note cell holds only its number; the same text gets the same number; the texts follow the table", () => {
    expect(toTable(rows, columns)).toBe(
      [
        "id  short t  note",
        "--  -------  ----",
        "a     1,200  [1]",
        "bb        3",
        "c       0.5  [1]",
        "d        10  [2]",
        "",
        "[1] lower bound: a producer's figure is unpublished",
        "[2] no price",
        "",
      ].join("\n"),
    );
  });

  it("CSV keeps the full text of a note column", () => {
    expect(toCsv(rows.slice(0, 1), columns)).toBe("id,short t,note\r\na,1200,lower bound: a producer's figure is unpublished\r\n");
  });

  it("a table without notes has nothing below it", () => {
    expect(toTable([{ id: "a", t: 1, note: "" }], columns)).toBe("id  short t  note\n--  -------  ----\na         1\n");
  });
});

describe("wrapText", () => {
  it("wraps at spaces within the width, continuation lines indented two more", () => {
    expect(wrapText("note: aaa bbb ccc ddd", 12)).toBe("note: aaa\n  bbb ccc\n  ddd");
    expect(wrapText("  cites: aaaa bbbb", 12)).toBe("  cites:\n    aaaa\n    bbbb");
  });

  it("leaves lines that fit as they are and cuts a word longer than the width", () => {
    expect(wrapText("short\nline", 12)).toBe("short\nline");
    expect(wrapText("x abcdefghijklmnop", 8)).toBe("x\n  abcdef\n  ghijkl\n  mnop");
  });

  it("textLines prefixes, wraps to 120 and ends with a newline; nothing for no lines", () => {
    expect(textLines([])).toBe("");
    const out = textLines([`${"word ".repeat(40).trim()}`], "note: ");
    expect(out.endsWith("\n")).toBe(true);
    for (const line of out.trimEnd().split("\n")) expect([...line].length).toBeLessThanOrEqual(120);
    expect(out.replace(/\n {2,}/g, " ")).toBe(`note: ${"word ".repeat(40).trim()}\n`);
  });
});
