/**
 * `--format xlsx --out FILE`: the workbook is read back with exceljs and checked against the CSV
 * output of the same command (same rows, numbers stored as numbers and equal as numbers), and the
 * Summary against what the other sheets say.
 */

import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "lodestone-xlsx-"));
const PLAN = ["plan", "--budget", "12e9", "--projects", "projects/us-candidates.yaml"];

type Value = string | number | boolean | null;

async function readSheets(path: string): Promise<Map<string, Value[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out = new Map<string, Value[][]>();
  for (const ws of wb.worksheets) {
    const rows: Value[][] = [];
    const width = ws.getRow(1).cellCount;
    for (let i = 1; i <= ws.rowCount; i++) {
      const row = ws.getRow(i);
      rows.push(Array.from({ length: width }, (_, j) => (row.getCell(j + 1).value ?? null) as Value));
    }
    out.set(ws.name, rows);
  }
  return out;
}

/** Each CSV cell against its workbook cell: "" ↔ empty, a number ↔ the same number (not text). */
function expectSameRows(sheet: Value[][], csv: string) {
  const rows = parse(csv) as string[][];
  expect(sheet.length).toBe(rows.length);
  expect(rows.length).toBeGreaterThan(1);
  expect(sheet[0]).toEqual(rows[0]); // header row: the CSV's labels
  let numbers = 0;
  rows.slice(1).forEach((r, i) => {
    r.forEach((text, j) => {
      const cell = sheet[i + 1][j];
      if (text === "") expect(cell, `row ${i + 2} column ${rows[0][j]}`).toBeNull();
      else if (/^-?\d/.test(text)) {
        expect(typeof cell, `row ${i + 2} column ${rows[0][j]}: ${JSON.stringify(cell)}`).toBe("number");
        expect(cell).toBe(Number(text));
        numbers++;
      } else expect(cell).toBe(text);
    });
  });
  expect(numbers).toBeGreaterThan(rows.length); // the sheets are mostly numbers
}

const summaryOf = (sheet: Value[][]) => new Map(sheet.slice(1).map((r) => [r[0] as string, r.slice(1)]));

describe("plan --format xlsx", () => {
  it("writes Plan (the CSV's rows), Projects, Summary and Notes; spend ≤ budget and adds up", async () => {
    const out = join(dir, "plan.xlsx");
    const r = await cli([...PLAN, "--format", "xlsx", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(out);
    const csv = await cli([...PLAN, "--format", "csv"]);
    expect(csv.code).toBe(0);
    const sheets = await readSheets(out);
    expect([...sheets.keys()]).toEqual(["Plan", "Projects", "Summary", "Notes"]);
    expectSameRows(sheets.get("Plan")!, csv.stdout);

    const summary = summaryOf(sheets.get("Summary")!);
    const [budget] = summary.get("budget")!;
    const [spent] = summary.get("spent")!;
    expect(budget).toBe(12000); // money in US$ M on every sheet
    expect(typeof spent).toBe("number");
    expect(spent as number).toBeLessThanOrEqual((budget as number) * (1 + 1e-9));
    expect(summary.get("status")![0]).toBe("optimal");
    // spent = Σ minerals' US$ M + Σ projects' spent US$ M, recomputed from the other sheets
    const plan = sheets.get("Plan")!;
    const projects = sheets.get("Projects")!;
    expect(projects[0]).toEqual(["project", "mineral", "kind", "funded (share)", "capex US$ M", "spent US$ M"]);
    expect(projects.length).toBeGreaterThan(1);
    const minerals = plan.slice(1).reduce((a, row) => a + (row[2] as number), 0);
    const funded = projects.slice(1).reduce((a, row) => a + (row[5] as number), 0);
    expect(minerals + funded).toBeCloseTo(spent as number, 5);
    // expected loss: before ≥ after, each the sum of the Plan sheet's columns
    const [before] = summary.get("expected loss before")!;
    const [after] = summary.get("expected loss after")!;
    expect(after as number).toBeLessThanOrEqual(before as number);
    expect(plan.slice(1).reduce((a, row) => a + (row[7] as number), 0)).toBeCloseTo(after as number, 5);
    expect(typeof summary.get("marginal value of budget")![0]).toBe("number");
    expect(summary.get("setting: loan rate")![0]).toBe(0.045);

    // every note, the minerals left out among them
    const notes = sheets
      .get("Notes")!
      .slice(1)
      .map((row) => `${row[0]}: ${row[1]}`);
    const table = (await cli(PLAN)).stdout.replace(/\n {2,}/g, " "); // lines wrap at 120 columns
    const leftOut = table.match(/^left out: (.*)$/m)![1].split("; ");
    for (const item of leftOut) expect(notes).toContain(`left out: ${item.replace(/^(\S+) \((.*)\)$/, "$1: $2")}`);
    for (const n of table.match(/^note: .*$/gm)!) expect(notes.map((x) => x.replace(/^\w+: /, "note: "))).toContain(n);
    expect(notes.some((n) => /judgement call/.test(n))).toBe(true);
  });

  it("with --compare adds a Compare sheet equal to the --compare CSV, and the cut plan in Summary", async () => {
    const out = join(dir, "cut.xlsx");
    const r = await cli([...PLAN, "--compare", "5e8", "--format", "xlsx", "--out", out]);
    expect(r.code).toBe(0);
    const sheets = await readSheets(out);
    expect([...sheets.keys()]).toEqual(["Plan", "Projects", "Summary", "Notes", "Compare"]);
    expectSameRows(sheets.get("Compare")!, (await cli([...PLAN, "--compare", "5e8", "--format", "csv"])).stdout);
    const summary = summaryOf(sheets.get("Summary")!);
    expect(sheets.get("Summary")![0].slice(0, 3)).toEqual(["item", "plan", "cut plan"]);
    expect(summary.get("budget")!.slice(0, 2)).toEqual([12000, 500]);
    const [spentFull, spentCut] = summary.get("spent")! as number[];
    expect(spentFull).toBeLessThanOrEqual(12000 * (1 + 1e-9));
    expect(spentCut).toBeLessThanOrEqual(500 * (1 + 1e-9));
    const lost = summary.get("expected loss the cut adds")![1] as number;
    const [afterFull, afterCut] = summary.get("expected loss after")! as number[];
    expect(lost).toBeCloseTo(afterCut - afterFull, 6);
    expect(lost).toBeGreaterThan(0);
  });

  it("without --out, or with --out to standard output, exits 2 naming --out and writes nothing", async () => {
    const before = readdirSync(dir).length;
    for (const extra of [[], ["--out", "-"], ["--out", join(dir, "plan.csv")]]) {
      const r = await cli([...PLAN, "--format", "xlsx", ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--out/);
      expect(r.stdout).toBe("");
    }
    const r = await cli([...PLAN, "--format", "csv", "--out", join(dir, "x.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out is for --format xlsx/);
    expect(readdirSync(dir).length).toBe(before);
    expect(existsSync(join(dir, "x.xlsx"))).toBe(false);
  });
});

describe("frontier --format xlsx", () => {
  it("writes a Frontier sheet equal to the CSV, and exits 2 without --out", async () => {
    const args = ["frontier", "--from", "0", "--to", "12e9", "--steps", "4"];
    const out = join(dir, "frontier.xlsx");
    const r = await cli([...args, "--format", "xlsx", "--out", out]);
    expect(r.code).toBe(0);
    const sheets = await readSheets(out);
    expect([...sheets.keys()]).toEqual(["Frontier", "Notes"]);
    const frontier = sheets.get("Frontier")!;
    expectSameRows(frontier, (await cli([...args, "--format", "csv"])).stdout);
    expect(frontier.slice(1).map((row) => row[0])).toEqual([0, 4000, 8000, 12000]); // --steps 4: four budgets
    for (const row of frontier.slice(1)) expect(row[2] as number).toBeLessThanOrEqual((row[0] as number) * (1 + 1e-9));
    const missing = await cli([...args, "--format", "xlsx"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--out/);
  });

  it("no budget with a plan: the headline on stderr and first in Notes, the reason in each row, exit 4", async () => {
    const out = join(dir, "frontier-infeasible.xlsx");
    const args = ["frontier", "--steps", "2", "--min-days", "100", "--max-days", "10", "--scenarios", "scenarios/antimony-2024.yaml"];
    const r = await cli([...args, "--format", "xlsx", "--out", out]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^lodestone: INFEASIBLE at every budget swept \(2\): antimony: /);
    const sheets = await readSheets(out);
    expect(sheets.get("Notes")![1].slice(0, 2)).toEqual(["headline", expect.stringMatching(/^INFEASIBLE at every budget swept/)]);
    const frontier = sheets.get("Frontier")!;
    expect(frontier[0].at(-1)).toBe("reason");
    expect(frontier[1].at(-1)).toMatch(/^antimony: the floor of/);
  });
});
