import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { primarySeries, total } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { cli } from "../helpers.js";

const d = loadDataset();
const dir = mkdtempSync(join(tmpdir(), "lodestone-basket-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const basket = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

type Plan = {
  minerals: { id: string; cap: number | null; capReason: string | null; valueBeforeUsd: number; shortfallBefore: number; priceUsdPerTon: number }[];
  notes: string[];
};

describe("plan --basket", () => {
  it("narrows the plan to the basket and applies its per-mineral market share and value multiplier", async () => {
    const file = basket("b.yaml", "minerals: [gallium, graphite]\nmarket_share: { gallium: 0.05 }\nvalue_multiplier: { graphite: 4 }\nwhy: test weights\n");
    const r = await cli(["plan", "--budget", "1e9", "--basket", file, "--format", "json"]);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as Plan;
    expect(plan.minerals.map((m) => m.id).sort()).toEqual(["gallium", "graphite"]);
    const ga = plan.minerals.find((m) => m.id === "gallium")!;
    const world = total(primarySeries(d.minerals.find((m) => m.id === "gallium")!)!);
    expect(ga.cap).toBeCloseTo(0.05 * world, 9);
    // the loss of a ton short scales with the multiplier: 4 × the loss without it
    const gr = plan.minerals.find((m) => m.id === "graphite")!;
    const plain = basket("b1.yaml", "minerals: [gallium, graphite]\n");
    const one = (JSON.parse((await cli(["plan", "--budget", "1e9", "--basket", plain, "--format", "json"])).stdout) as Plan).minerals.find(
      (m) => m.id === "graphite",
    )!;
    expect(gr.valueBeforeUsd).toBeCloseTo(4 * one.valueBeforeUsd, 3);
    expect(gr.valueBeforeUsd).toBeGreaterThan(0);
    expect(plan.notes.join("\n")).toContain("test weights");
  });

  it("intersects with --minerals", async () => {
    const file = basket("c.yaml", "minerals: [gallium, graphite]\n");
    const plan = JSON.parse((await cli(["plan", "--budget", "1e9", "--basket", file, "--minerals", "graphite,antimony", "--format", "json"])).stdout) as Plan;
    expect(plan.minerals.map((m) => m.id)).toEqual(["graphite"]);
  });

  it("names the line and the closest id of an unknown mineral, exit 2", async () => {
    const file = basket("bad.yaml", "minerals:\n  - gallium\n  - galium\n");
    const r = await cli(["plan", "--budget", "1e9", "--basket", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:3: minerals[1]: unknown mineral "galium"`);
    expect(r.stderr).toMatch(/did you mean: gallium/);
  });

  it("refuses overrides without a reason and a share above 1, naming the fields", async () => {
    const r1 = await cli(["plan", "--budget", "1e9", "--basket", basket("nowhy.yaml", "market_share: { gallium: 0.2 }\n")]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/why: per-mineral overrides without a reason/);
    const r2 = await cli(["plan", "--budget", "1e9", "--basket", basket("big.yaml", "market_share: { gallium: 2 }\nwhy: x\n")]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/big\.yaml:1: market_share\.gallium: /);
  });
});
