import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LodestoneError, planReserve } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { parseProjects } from "../../src/io/projects-file.js";
import { cli as run } from "../helpers.js";
import { B_PROJECT, handCase } from "./fixtures.js";

const cli = async (...args: string[]) => {
  const r = await run(args);
  return { ...r, status: r.code };
};
const dir = mkdtempSync(join(tmpdir(), "lodestone-plan-"));

describe("infeasible set-ups are results with a reason, bad input is an error", () => {
  for (const solver of ["fast", "highs"] as const) {
    it(`${solver}: a required project above the budget is infeasible, with the forced spend named`, async () => {
      const input = handCase(10, [{ ...B_PROJECT, required: true }]);
      input.options.solver = solver;
      const r = await planReserve(input);
      expect(r.status).toBe("infeasible");
      expect(r.reason).toMatch(/forced minimum spend of US\$ 30 .* exceeds the budget of US\$ 10$/);
    });
  }

  it("a purchase floor above the market cap is infeasible, naming both", async () => {
    const input = handCase(1e6);
    input.economics = input.economics.map((e) => ({ ...e, worldProduction: 10 }));
    input.options.minDaysOfCover = 1000;
    const r = await planReserve(input);
    expect(r.status).toBe("infeasible");
    expect(r.reason).toMatch(/^a: the floor of .* exceeds the cap of 1\.0 t \(10\.0 % of world production\)/);
  });

  it("a negative budget throws LodestoneError invalid", async () => {
    await expect(planReserve(handCase(-1))).rejects.toThrow(LodestoneError);
    await expect(planReserve(handCase(-1))).rejects.toMatchObject({ code: "invalid" });
  });

  it("the fast path refuses divisible projects when asked for explicitly", async () => {
    const input = handCase(100, [B_PROJECT]);
    Object.assign(input.options, { divisible: true, solver: "fast" });
    await expect(planReserve(input)).rejects.toThrow(/divisible projects/);
  });

  it("a projects file with an unknown mineral names the line and suggests the closest id", async () => {
    const text =
      "projects:\n  - id: x\n    name: X\n    mineral: lithum\n    kind: refinery\n    tons_per_year: 1\n    online_month: 1\n    ramp_months: 0\n    probability: 1\n    capex: 1\n    assumption: true\n    why: test\n";
    try {
      parseProjects(text, "p.yaml", loadDataset());
      expect.unreachable();
    } catch (e) {
      expect((e as LodestoneError).code).toBe("not-found");
      expect((e as LodestoneError).issues[0]).toMatchObject({
        file: "p.yaml",
        line: 4,
        field: "projects[0].mineral",
        suggestions: expect.arrayContaining(["lithium"]),
      });
    }
  });

  it("a project with neither source nor assumption is refused", async () => {
    const text =
      "projects:\n  - id: x\n    name: X\n    mineral: lithium\n    kind: refinery\n    tons_per_year: 1\n    online_month: 1\n    ramp_months: 0\n    probability: 1\n    capex: 1\n";
    expect(() => parseProjects(text, "p.yaml", loadDataset())).toThrow(/neither a source nor `assumption: true`/);
  });

  it("the shipped project library parses", async () => {
    const text = readFileSync(new URL("../../projects/us-candidates.yaml", import.meta.url), "utf8");
    expect(parseProjects(text, "us-candidates.yaml", loadDataset()).length).toBeGreaterThanOrEqual(6);
  });
});

describe("lodestone plan and frontier (CLI)", () => {
  it("plan --format json gives a plan within budget; exit 0", async () => {
    // US$ 500 M binds: the default plan would spend about US$ 1.2 bn
    const r = await cli("plan", "--budget", "5e8", "--projects", "projects/us-candidates.yaml", "--format", "json");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const plan = JSON.parse(r.stdout);
    expect(plan.status).toBe("optimal");
    expect(plan.spentUsd).toBeLessThanOrEqual(5e8 * (1 + 1e-9));
    expect(plan.valueAfterUsd).toBeLessThan(plan.valueBeforeUsd);
    expect(plan.marginalValue).toBeGreaterThan(0);
  });

  it("plan --compare shows what the cut loses, and the loss equals the difference of the two plans", async () => {
    const full = JSON.parse((await cli("plan", "--budget", "12e9", "--format", "json")).stdout);
    const cut = JSON.parse((await cli("plan", "--budget", "5e8", "--format", "json")).stdout);
    const cmp = JSON.parse((await cli("plan", "--budget", "12e9", "--compare", "5e8", "--format", "json")).stdout);
    expect(cmp.valueLostBySmallerUsd).toBeCloseTo(cut.valueAfterUsd - full.valueAfterUsd, 0);
    expect(cmp.valueLostBySmallerUsd).toBeGreaterThan(0);
    const table = (await cli("plan", "--budget", "12e9", "--compare", "5e8")).stdout;
    expect(table).toMatch(/cutting the budget from US\$ 12,000 M to US\$ 500 M adds US\$ [\d,.]+ M/);
  });

  it("plan --export-lp writes .lp and .mps", async () => {
    const lp = join(dir, "plan.lp");
    const r = await cli("plan", "--budget", "1e9", "--scenarios", "scenarios/antimony-2024.yaml", "--export-lp", lp);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(lp, "utf8")).toMatch(/^ budget: .*<= \+?1000$/m); // HiGHS writes signed numbers (+1000)
    expect(readFileSync(lp.replace(/\.lp$/, ".mps"), "utf8")).toContain("ENDATA");
  });

  it("frontier: value falls as the budget grows; the chart is an SVG", async () => {
    const svg = join(dir, "f.svg");
    const r = await cli("frontier", "--from", "0", "--to", "12e9", "--steps", "7", "--chart", svg, "--format", "json");
    expect(r.status, r.stderr).toBe(0);
    const { points } = JSON.parse(r.stdout);
    expect(points).toHaveLength(7);
    for (let i = 1; i < points.length; i++) expect(points[i].valueAfterUsd).toBeLessThanOrEqual(points[i - 1].valueAfterUsd + 1e-6);
    // the sweep's net steps are bracketed by the duals at their ends (the objective is convex in B)
    for (let i = 1; i < points.length; i++) {
      expect(points[i].stepNet).toBeLessThanOrEqual(points[i - 1].marginalValue + 1e-9);
      expect(points[i].stepNet).toBeGreaterThanOrEqual(points[i].marginalValue - 1e-9);
    }
    expect(readFileSync(svg, "utf8")).toMatch(/^<svg[\s\S]*<polyline[\s\S]*<\/svg>\n$/);
  });

  it("a negative budget, a bad solver or a missing budget exits 2 with the field named", async () => {
    expect((await cli("plan", "--budget", "-5")).status).toBe(2);
    expect((await cli("plan", "--budget", "-5")).stderr).toMatch(/budget/);
    const bad = await cli("plan", "--budget", "1e9", "--solver", "cplex");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/solver: invalid value "cplex", expected auto \| highs \| fast/);
    expect((await cli("plan")).status).toBe(2);
    expect((await cli("plan", "--budget", "1e9", "--minerals", "lithum")).status).toBe(2);
  });

  it("writes the projects file it is given, not others (unknown projects path → exit 2)", async () => {
    writeFileSync(join(dir, "bad.yaml"), "projects: 3\n");
    expect((await cli("plan", "--budget", "1e9", "--projects", join(dir, "bad.yaml"))).status).toBe(2);
    expect((await cli("plan", "--budget", "1e9", "--projects", join(dir, "none.yaml"))).status).toBe(2);
  });
});
