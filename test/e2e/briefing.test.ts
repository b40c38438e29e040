import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlanner } from "../../src/index.js";
import { loadPlanInput } from "../../src/io/plan-input.js";
import { briefingHtml, shortAssumed } from "../../src/report/briefing.js";
import { musd } from "../../src/report/plan.js";
import { cli } from "../helpers.js";

/*
 * `lodestone briefing`: the HTML carries the plan's figures; the PDF (Debian's Chromium, as in the
 * dashboard tests) is a PDF of exactly one page.
 */

const CHROMIUM = "/usr/bin/chromium";
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lodestone-briefing-test-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The page objects of a PDF (`/Type /Page`, not the `/Type /Pages` tree node). */
const pageCount = (pdf: string) => (pdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

describe("lodestone briefing", () => {
  it("the HTML names the plan's spending, its largest purchase and what a cut to a third loses", async () => {
    const budget = 12e9;
    const { input, notes } = loadPlanInput({ options: { budget } });
    const planner = await createPlanner(input);
    const plan = planner.solve(budget);
    const html = briefingHtml({ plan, cut: planner.solve(budget / 3), notes });
    const top = [...plan.minerals].sort((a, b) => b.dollars - a.dollars)[0];
    expect(top.buyTons).toBeGreaterThan(0);
    expect(html).toContain(`US$ ${musd(plan.spent)} M`);
    expect(html).toContain(`<td>${top.id}`);
    expect(html).toContain(`What a cut to US$ ${musd(budget / 3, 0)} M loses`);
    // self-contained: no script, stylesheet or image from anywhere
    expect(html).not.toMatch(/<(script|link|img)\b/i);

    // the CLI writes the same page with --format html
    const out = join(dir, "brief.html");
    const r = await cli(["briefing", "--format", "html", "--out", out, "--budget", "12e9"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const written = readFileSync(out, "utf8");
    expect(written).toContain(`US$ ${musd(plan.spent)} M`);
    expect(written).toContain(`<td>${top.id}`);
  });

  it("a cut that binds lists what it loses, mineral by mineral", async () => {
    const { input, notes } = loadPlanInput({ options: { budget: 600e6 } });
    const planner = await createPlanner(input);
    const plan = planner.solve(600e6);
    const html = briefingHtml({ plan, cut: planner.solve(200e6), notes });
    expect(html).toContain("cutting the budget from US$ 600 M to US$ 200 M adds".replace(/^./, "C"));
    expect(html).toContain("expected loss added US$ M");
  });

  it("an assumed figure is shortened to its value, range, source and where it is kept", () => {
    const note =
      "*2 dysprosium: assumed consumption 63 t (2019; range 28–281; Dy2O3 equivalent (REO) contained in magnets): China customs (2019); derived; Heim & Vander Wal, https://www.mdpi.com/x; SMEM https://me.smenet.org/y [assumptions/public-estimates.yaml:95]";
    expect(shortAssumed(note)).toBe(
      "*2 dysprosium: assumed consumption 63 t (2019; range 28–281); source https://me.smenet.org/y [assumptions/public-estimates.yaml:95]",
    );
  });

  it("refuses a missing --out, a wrong extension and an unknown format, with exit 2", async () => {
    for (const args of [["briefing"], ["briefing", "--out", "brief.html"], ["briefing", "--format", "docx", "--out", "b.docx"]]) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--out|--format/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("prints one page of PDF with Chromium", async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
    // the default plan on A4; on Letter's shorter sheet a budget whose cut binds (the page lists what the cut loses)
    for (const [paper, budget] of [
      ["a4", "12e9"],
      ["letter", "3e9"],
    ]) {
      const out = join(dir, `brief-${paper}.pdf`);
      const r = await cli(["briefing", "--out", out, "--paper", paper, "--budget", budget]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const pdf = readFileSync(out).toString("latin1");
      expect(pdf.startsWith("%PDF")).toBe(true);
      expect(pageCount(pdf)).toBe(1);
    }
  }, 120_000);
});
