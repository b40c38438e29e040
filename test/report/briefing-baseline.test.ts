import { describe, expect, it } from "vitest";
import { createPlanner } from "../../src/index.js";
import { loadPlanInput } from "../../src/io/plan-input.js";
import { baselineLine, briefingHtml } from "../../src/report/briefing.js";

/* The briefing's assumptions section states the baseline US demand stands on, in one line. */

describe("briefing: the baseline", () => {
  it("one line from the plan's d0 notes: the rule, who chose it, and the years", () => {
    const line = baselineLine([
      "*1 tungsten: assumed consumption 8,085 t (2024; …)",
      "d0 baseline mean:3 (default): mean of the last 3 reported (not estimated) years of US apparent consumption",
      "d0 years: mean of 2022, 2023, 2024, except germanium 2021e (e: USGS estimate)",
    ]);
    expect(line).toBe(
      "Baseline US demand (d0): mean:3 (default): mean of the last 3 reported (not estimated) years of US apparent consumption; years mean of 2022, 2023, 2024, except germanium 2021e (e: USGS estimate).",
    );
    expect(baselineLine([])).toMatch(/not stated/);
  });

  it("the page lists it under the main assumptions, with --baseline latest when the plan used it", async () => {
    const req = { options: { budget: 1e9 }, runs: 0, scenarios: [{ ref: "scenarios/antimony-2024.yaml" }], baseline: { kind: "latest" as const } };
    const { input, notes } = loadPlanInput(req);
    const planner = await createPlanner(input);
    const html = briefingHtml({ plan: planner.solve(1e9), cut: planner.solve(1e9 / 3), notes });
    const section = html.slice(html.indexOf("Main assumptions"));
    expect(section).toMatch(/<li>Baseline US demand \(d0\): latest \(flag\): latest year of US apparent consumption \(estimate or not\); years 2025e/);
  });
});
