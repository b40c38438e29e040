import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileScenario, createPlanner, loadHighsSolver, modelFiles, planScenarios } from "../../src/index.js";
import { safeNames } from "../../src/internal.js";
import { loadDataset } from "../../src/io/dataset.js";
import { exportPlanModel } from "../../src/io/plan-export.js";
import { readProjects } from "../../src/io/projects-file.js";
import { listScenarioFiles, loadScenario } from "../../src/io/scenario-file.js";
import { B_PROJECT, handCase } from "./fixtures.js";

/** Solve a model file with Debian's coinor-cbc (CI installs it; a missing cbc fails the test). */
function cbc(path: string): { objective: number; values: Map<string, number> } {
  const sol = `${path}.sol`;
  execFileSync("cbc", [path, "solve", "solu", sol], { stdio: "pipe" });
  const lines = readFileSync(sol, "utf8").split("\n");
  const head = lines[0];
  expect(head).toMatch(/^Optimal/);
  const values = new Map<string, number>();
  for (const l of lines.slice(1)) {
    const p = l.trim().split(/\s+/);
    if (p.length >= 3) values.set(p[1], Number(p[2]));
  }
  return { objective: Number(head.match(/objective value\s+(-?[\d.eE+-]+)/)![1]), values };
}

const dir = mkdtempSync(join(tmpdir(), "lodestone-lp-"));

describe("the exported LP and MPS, solved by CBC, give HiGHS' objective", () => {
  it("hand case with a project: readable names, the same objective and the same purchases", async () => {
    const planner = await createPlanner(handCase(1100, [B_PROJECT]), await loadHighsSolver());
    const plan = planner.solve(1100);
    const { lp, mps } = exportPlanModel(join(dir, "hand.lp"), await modelFiles(planner, 1100));
    const text = readFileSync(lp, "utf8");
    expect(text).toMatch(/^\\ Lodestone reserve plan/);
    expect(text).toContain("\\ s1 = s1");
    expect(text).toMatch(/budget: .*<= \+?0.0011\n/); // millions of USD
    expect(text).toContain("fund.b_mine");
    expect(text).toMatch(/cover\.b\.s1\.1: .*>= \+?5\n/);
    expect(readFileSync(mps, "utf8")).toMatch(/^\* Lodestone reserve plan/);
    for (const file of [lp, mps]) {
      const r = cbc(file);
      expect(r.objective).toBeCloseTo(plan.objective, 6);
      expect(r.values.get("buy.a")).toBeCloseTo(10, 6);
      expect(r.values.get("fund.b_mine")).toBe(1);
    }
  });

  it("two built-in scenarios with the project library at 12 billion: CBC's objective within 1e-6 relative", async () => {
    const dataset = loadDataset();
    const projects = readProjects(new URL("../../projects/us-candidates.yaml", import.meta.url).pathname, dataset);
    // the two that were first before the issue-11 library grew: a one-mineral file and the all-minerals coalition
    const files = listScenarioFiles()
      .filter((f) => /(antimony-2024|coalition-chn-rus-irn)\.yaml$/.test(f))
      .map((f) => ({ compiled: compileScenario(loadScenario(f, dataset), dataset) }));
    const set = planScenarios(files, dataset, { projects });
    const planner = await createPlanner(
      { scenarios: set.scenarios, economics: set.economics, projects, options: { budget: 12e9, solver: "highs" } },
      await loadHighsSolver(),
    );
    const plan = planner.solve(12e9);
    const { lp } = exportPlanModel(join(dir, "builtin.lp"), await modelFiles(planner, 12e9));
    // hyphenated ids are written LP-safe, so HiGHS keeps every name (one bad name makes it write c0, c1, … for all)
    const text = readFileSync(lp, "utf8");
    expect(text).toMatch(/ buy\.rare_earths /);
    expect(text).toMatch(/ short\.rare_earths\.s2\.\d+\.k\d+ /);
    expect(text).not.toMatch(/ [cr]\d+ /);
    const r = cbc(lp);
    expect(Math.abs(r.objective - plan.objective)).toBeLessThanOrEqual(1e-6 * Math.abs(plan.objective));
  });

  it("the file written at a budget is that budget's model, whatever was solved before", async () => {
    const planner = await createPlanner(handCase(1100, [B_PROJECT]), await loadHighsSolver());
    const low = planner.solve(500);
    const { lp } = exportPlanModel(join(dir, "after-low.lp"), await modelFiles(planner, 1100));
    expect(readFileSync(lp, "utf8")).toMatch(/budget: .*<= \+?0.0011\n/);
    const r = cbc(lp);
    expect(r.objective).toBeCloseTo(planner.solve(1100).objective, 6);
    expect(r.objective).not.toBeCloseTo(low.objective, 0);
  });

  it("names that are not LP-safe become unique safe names", () => {
    expect(safeNames(["buy.rare-earths", "buy.rare_earths", "1x", "a b"])).toEqual(["buy.rare_earths", "buy.rare_earths_2", "n_1x", "a_b"]);
  });

  it("an empty budget writes a valid file too", async () => {
    const planner = await createPlanner(handCase(0), await loadHighsSolver());
    const plan = planner.solve(0);
    const { lp } = exportPlanModel(join(dir, "zero.lp"), await modelFiles(planner, 0));
    expect(cbc(lp).objective).toBeCloseTo(plan.objective, 6);
  });
});
