/**
 * `plan --vary KEY=V1,V2,...` (sensitivity): the base plan and one plan per value, for an
 * assumed figure (low/central/high or numbers) or a plan option (numbers only), and refusals.
 */
import { describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

interface Case {
  label: string;
  value: number;
  status: string;
  spentUsd: number;
  valueAfterUsd: number;
  minerals: { id: string; buyTons: number; shortfallAfterT: number }[];
  buyChanges?: { id: string; deltaTons: number }[];
}
interface Json {
  key: string;
  kind: string;
  base: Case;
  cases: Case[];
}

const ANTIMONY = ["--scenarios", "scenarios/antimony-2024.yaml"];
const json = async (args: string[]) => {
  const r = await cli(["plan", ...args, "--format", "json"]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Json;
};
const tons = (c: Case, id: string) => c.minerals.find((m) => m.id === id)?.buyTons ?? 0;

describe("plan --vary on a plan option", () => {
  it("storage=10,100: the base has no single figure (each mineral's own, by form), says so, and dearer storage buys no more", async () => {
    const j = (await json(["--budget", "1e9", "--runs", "0", ...ANTIMONY, "--vary", "storage=10,100"])) as Json & {
      base: { valueWhy?: string };
      notes: string[];
    };
    expect(j.base.value).toBeNull();
    expect(j.base.valueWhy).toMatch(/each mineral's own/);
    const [ten, hundred] = j.cases;
    expect([ten.value, hundred.value]).toEqual([10, 100]);
    expect(tons(hundred, "antimony")).toBeLessThanOrEqual(tons(ten, "antimony"));
    const table = await cli(["plan", "--budget", "1e9", "--runs", "0", ...ANTIMONY, "--vary", "storage=10,100"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/base: per mineral/);
    expect(table.stdout).toMatch(/applies to every mineral/);
  });

  it("premium=0,0.5 with a binding budget: the dearer premium buys fewer tons of antimony for the same money", async () => {
    // US$ 100 M buys less than pays for itself at either premium (the plan spends it all), so the tons are budget / unit cost
    const j = await json(["--budget", "1e8", ...ANTIMONY, "--vary", "premium=0,0.5"]);
    expect(j.kind).toBe("option");
    expect(j.base.value).toBe(0.1); // the default premium
    const [zero, half] = j.cases;
    expect([zero.value, half.value]).toEqual([0, 0.5]);
    expect(zero.spentUsd).toBeCloseTo(1e8, -3);
    expect(half.spentUsd).toBeCloseTo(1e8, -3);
    expect(tons(half, "antimony")).toBeLessThan(tons(zero, "antimony"));
    // the budget buys at price·(1 + premium), raised by the market impact of the tons bought: the ratio of tons
    // is 1.5 × (1 + λ·q_half/2W) / (1 + λ·q_zero/2W), below 1.5 since more tons move the price more
    const ratio = tons(zero, "antimony") / tons(half, "antimony");
    expect(ratio).toBeLessThan(1.5);
    expect(ratio).toBeGreaterThan(1.4);
    expect(half.valueAfterUsd).toBeGreaterThan(zero.valueAfterUsd);
    // the base (premium 0.1) lies between the two
    expect(tons(j.base, "antimony")).toBeLessThan(tons(zero, "antimony"));
    expect(tons(j.base, "antimony")).toBeGreaterThan(tons(half, "antimony"));
    // the change list is against the base
    expect(half.buyChanges?.[0].id).toBe("antimony");
    expect(half.buyChanges?.[0].deltaTons).toBeCloseTo(tons(half, "antimony") - tons(j.base, "antimony"), 6);
  });

  it("the table has the base row and one row per value, with the change in tons", async () => {
    const r = await cli(["plan", "--budget", "3e8", ...ANTIMONY, "--vary", "premium=0,0.5"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/sensitivity of the plan to premium/);
    expect(r.stdout).toMatch(/^base: 0\.1 /m);
    expect(r.stdout).toMatch(/^0\.5 .*antimony −[\d,]+$/m);
  });

  it("low/high on an option is refused: options have no range", async () => {
    const r = await cli(["plan", "--budget", "1e9", ...ANTIMONY, "--vary", "premium=low,high"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--vary premium: low names an assumption's range.*no range/);
    expect(r.stdout).toBe("");
  });

  it("an option value out of the flag's range is refused", async () => {
    const r = await cli(["plan", "--budget", "1e9", ...ANTIMONY, "--vary", "market-share=0.1,2"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--vary market-share: 2 is out of range/);
  });
});

describe("plan --vary on an assumed figure", () => {
  it("tungsten.consumption=low,high with the shipped assumptions: low uses the range's low end, and its tungsten shortfall is ≤ the high case's", async () => {
    const j = await json(["--budget", "12e9", "--vary", "tungsten.consumption=low,central,high"]);
    expect(j.kind).toBe("assumption");
    const [low, central, high] = j.cases;
    expect(low.value).toBeLessThan(j.base.value);
    expect(high.value).toBeGreaterThan(j.base.value);
    expect(central.value).toBe(j.base.value);
    const short = (c: Case) => c.minerals.find((m) => m.id === "tungsten")!.shortfallAfterT;
    expect(short(low)).toBeLessThanOrEqual(short(high));
    // the central case is the base plan again
    expect(central.valueAfterUsd).toBeCloseTo(j.base.valueAfterUsd, 0);
    expect(central.buyChanges).toEqual([]);
    // more consumption, more expected shortfall value before any purchase
    expect(high.valueAfterUsd).toBeGreaterThan(low.valueAfterUsd);
  });

  it("a number is taken in the entry's unit (t/yr); the plan's tungsten changes with it", async () => {
    const j = await json(["--budget", "12e9", "--vary", "tungsten.consumption=20000"]);
    expect(j.cases[0].value).toBe(20000);
    expect(j.cases[0].minerals.find((m) => m.id === "tungsten")!.shortfallAfterT).toBeGreaterThan(
      j.base.minerals.find((m) => m.id === "tungsten")!.shortfallAfterT,
    );
  });
});

describe("plan --vary refusals", () => {
  it("an unknown key: exit 2, the valid keys named, the closest suggested", async () => {
    const r = await cli(["plan", "--budget", "1e9", "--vary", "tungstn.consumption=low,high"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"tungstn\.consumption" is not a figure/);
    expect(r.stderr).toMatch(/one of tungsten\.consumption, .*premium, loan-rate, storage, market-share, value-multiplier/);
    expect(r.stderr).toMatch(/did you mean: tungsten\.consumption/);
  });

  it("a quantity the file has no entry for, and a held entry (uranium: no dataset mineral), are refused", async () => {
    const price = await cli(["plan", "--budget", "1e9", "--vary", "tungsten.price=1e5"]);
    expect(price.code).toBe(2);
    expect(price.stderr).toMatch(/has no price entry for tungsten/);
    const held = await cli(["plan", "--budget", "1e9", "--vary", "uranium.consumption=low"]);
    expect(held.code).toBe(2);
    expect(held.stderr).toMatch(/applies to no mineral of the dataset/);
  });

  it("with --assumptions none only the options can be varied", async () => {
    const r = await cli(["plan", "--budget", "1e9", "--assumptions", "none", "--vary", "tungsten.consumption=low"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no assumptions are loaded/);
  });

  it("malformed specs, a repeated flag, and --compare alongside are refused", async () => {
    for (const spec of ["premium", "premium=", "premium=0,,1", "=1"]) {
      const r = await cli(["plan", "--budget", "1e9", ...ANTIMONY, "--vary", spec]);
      expect(r.code, spec).toBe(2);
      expect(r.stderr, spec).toMatch(/--vary/);
    }
    const twice = await cli(["plan", "--budget", "1e9", ...ANTIMONY, "--vary", "premium=0", "--vary", "storage=0"]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/--vary: given 2 times/);
    const both = await cli(["plan", "--budget", "1e9", ...ANTIMONY, "--vary", "premium=0", "--compare", "2e9"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/does not combine with --compare/);
  });

  it("a word that is not a range end, on an assumption, is refused", async () => {
    const r = await cli(["plan", "--budget", "1e9", "--vary", "tungsten.consumption=lowest"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--vary tungsten\.consumption: "lowest" is not a number/);
    expect(r.stderr).toMatch(/low, high/);
  });
});
