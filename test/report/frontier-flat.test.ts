import { describe, expect, it } from "vitest";
import { type FrontierPoint, flattening, frontierReport, frontierSvg } from "../../src/index.js";
import { cli } from "../helpers.js";

const pt = (budget: number, spent: number, marginalValue: number): FrontierPoint => ({
  budget,
  status: "optimal",
  valueAfter: 1e9 - spent,
  objective: 1e9 - spent / 2,
  spent,
  marginalValue,
  stepValue: null,
  stepNet: null,
});

describe("where the frontier flattens", () => {
  const points = [pt(0, 0, 0.8), pt(1e9, 1e9, 0.2), pt(2e9, 1.4e9, 0), pt(3e9, 1.4e9, 0)];

  it("is the first budget that no longer binds, with what the plan spends there", () => {
    expect(flattening(points)).toEqual({ budget: 2e9, spent: 1.4e9 });
    expect(flattening(points.slice(0, 2))).toBeUndefined();
  });

  it("the table says it, and the SVG marks it with a dashed line at the spend (US$ 1.40 bn)", () => {
    expect(frontierReport({ points, path: "fast" }, "table").text).toMatch(
      /^frontier flattens by US\$ 2,000 M: beyond US\$ 1,400\.0 M no purchase avoids more expected loss than it costs/m,
    );
    const svg = frontierSvg(points);
    // x axis 0..3 bn over 80..700 px: 1.4 bn at 80 + 1.4/3 × 620
    const x = (80 + (1.4 / 3) * 620).toFixed(1);
    expect(svg).toContain(`<line class="flattens" x1="${x}"`);
    expect(svg).toContain("flattens: US$ 1.40 bn pays for itself");
    expect(frontierSvg(points.slice(0, 2))).not.toContain("flattens");
  });

  it("the default frontier flattens well below the US$ 12 bn programme, and its JSON says where", async () => {
    const r = await cli(["frontier", "--from", "0", "--to", "12e9", "--steps", "5", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.flattensAt.budgetUsd).toBeLessThan(12e9);
    expect(j.flattensAt.spentUsd).toBeLessThan(j.flattensAt.budgetUsd);
    const at = j.points.find((p: { budgetUsd: number }) => p.budgetUsd === j.flattensAt.budgetUsd);
    expect(at.marginalValue).toBe(0);
  });
});
