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
    // US$ 100 M buys less than pays for itself at either premium (the plan spends it all), so the tons are budget / unit cost;
    // the built-in market (ε −0.1) keeps this independent of antimony's calibrated ε in the shipped file, at which a premium of 0.1 buys nothing here
    const j = await json(["--budget", "1e8", ...ANTIMONY, "--market", "none", "--vary", "premium=0,0.5"]);
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
    const r = await cli(["plan", "--budget", "3e8", ...ANTIMONY, "--market", "none", "--vary", "premium=0,0.5"]);
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
  it("dysprosium.world_production=low,high: the purchase cap follows 10 % of the varied world output", async () => {
    const j = (await json(["--budget", "12e9", "--runs", "0", "--minerals", "dysprosium", "--vary", "dysprosium.world_production=1000,2000"])) as Json & {
      cases: (Case & { minerals: { id: string; buyTons: number }[] })[];
    };
    expect(j.kind).toBe("assumption");
    const [small, large] = j.cases;
    expect([small.value, large.value]).toEqual([1000, 2000]);
    // the plan buys no more than the cap: 10 % of the world figure
    expect(tons(small, "dysprosium")).toBeLessThanOrEqual(100 + 1e-6);
    expect(tons(large, "dysprosium")).toBeLessThanOrEqual(200 + 1e-6);
    expect(tons(large, "dysprosium")).toBeGreaterThanOrEqual(tons(small, "dysprosium"));
  });

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
    expect(r.stderr).toMatch(/a plan option \(premium, loan-rate, storage, market-share, value-multiplier\), or an assumption as <mineral>\.<quantity>/);
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

describe("plan --vary on a market parameter (assumptions/market.yaml judgements)", () => {
  const valueBefore = (c: Case & { valueBeforeUsd?: number }) => c.valueBeforeUsd!;
  const mineralBefore = (c: Case, id: string) => (c.minerals.find((m) => m.id === id) as unknown as { valueBeforeUsd: number }).valueBeforeUsd;

  it("elasticity=low,high (every mineral at its own range end): a more elastic curve loses less, a steeper one more", async () => {
    const j = await json(["--budget", "12e9", "--runs", "0", "--vary", "elasticity=low,high"]);
    expect(j.kind).toBe("market");
    // the figures shown are the defaults' (-0.1 in [-0.3, -0.05]); each mineral takes its own range end
    expect(j.base.value).toBe(-0.1);
    const [low, high] = j.cases;
    expect([low.value, high.value]).toEqual([-0.3, -0.05]);
    expect(valueBefore(low)).toBeLessThan(valueBefore(j.base));
    expect(valueBefore(high)).toBeGreaterThan(valueBefore(j.base));
    expect((j as unknown as { notes: string[] }).notes.join("\n")).toMatch(/every mineral at its own low\/high figure.*antimony -0\.285/);
  });

  it("antimony.elasticity=-0.13,low: only antimony's loss moves; low is its own range end (−0.33)", async () => {
    const j = await json(["--budget", "1e9", "--runs", "0", "--vary", "antimony.elasticity=-0.13,low"]);
    expect(j.kind).toBe("market");
    expect(j.base.value).toBe(-0.285);
    const [steep, low] = j.cases;
    expect([steep.value, low.value]).toEqual([-0.13, -0.33]);
    expect(mineralBefore(steep, "antimony")).toBeGreaterThan(mineralBefore(j.base, "antimony"));
    expect(mineralBefore(low, "antimony")).toBeLessThan(mineralBefore(j.base, "antimony"));
    for (const m of j.base.minerals.filter((m) => m.id !== "antimony")) expect(mineralBefore(steep, m.id), m.id).toBeCloseTo(mineralBefore(j.base, m.id), 0);
    // the table names the mineral's shortfall after the plan
    const t = await cli(["plan", "--budget", "1e9", "--runs", "0", ...ANTIMONY, "--vary", "antimony.elasticity=-0.13"]);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/sensitivity of the plan to antimony\.elasticity \(market parameter\)/);
    expect(t.stdout).toMatch(/short t/);
  });

  it("essentiality=3 on every mineral triples the expected loss before any purchase (hand-worked: the loss is multiplied by it)", async () => {
    const j = await json(["--budget", "1e8", "--runs", "0", ...ANTIMONY, "--vary", "essentiality=3"]);
    expect(j.base.value).toBe(1);
    expect(valueBefore(j.cases[0])).toBeCloseTo(3 * valueBefore(j.base), -3);
  });

  it("choke and haircut, global and per mineral, take words and numbers", async () => {
    const choke = await json(["--budget", "1e9", "--runs", "0", ...ANTIMONY, "--vary", "antimony.choke=low,30"]);
    expect(choke.cases.map((c) => c.value)).toEqual([5, 30]);
    const haircut = await json(["--budget", "1e9", "--runs", "0", ...ANTIMONY, "--vary", "haircut=high,0"]);
    // antimony's own haircut range is [0.05, 0.2]: high is 0.2 for it, the default's 0.5 in the row
    expect(haircut.cases.map((c) => c.value)).toEqual([0.5, 0]);
    // a dearer resale never makes the plan buy more
    expect(tons(haircut.cases[0], "antimony")).toBeLessThanOrEqual(tons(haircut.cases[1], "antimony"));
  });

  it("refusals: a value outside the parameter's domain, a word that is not a range end, an unknown mineral: exit 2 naming --vary and what is valid", async () => {
    const sign = await cli(["plan", "--budget", "1e9", ...ANTIMONY, "--vary", "antimony.elasticity=0.1"]);
    expect(sign.code).toBe(2);
    expect(sign.stderr).toMatch(
      /--vary antimony\.elasticity: 0\.1 is an elasticity of the wrong sign, expected a negative number.*low, central or high \(antimony: -0\.285 in \[-0\.33, -0\.13\]\)/,
    );
    const haircut = await cli(["plan", "--budget", "1e9", ...ANTIMONY, "--vary", "haircut=1"]);
    expect(haircut.code).toBe(2);
    expect(haircut.stderr).toMatch(/--vary haircut: 1 is a haircut of 1 or above.*\[0, 1\)/);
    const choke = await cli(["plan", "--budget", "1e9", ...ANTIMONY, "--vary", "choke=0.5"]);
    expect(choke.code).toBe(2);
    expect(choke.stderr).toMatch(/--vary choke: .*not above it, expected a multiple above 1/);
    const word = await cli(["plan", "--budget", "1e9", ...ANTIMONY, "--vary", "essentiality=highest"]);
    expect(word.code).toBe(2);
    expect(word.stderr).toMatch(/--vary essentiality: "highest" is not a number, expected low, central, high/);
    const mineral = await cli(["plan", "--budget", "1e9", ...ANTIMONY, "--vary", "antimny.elasticity=low"]);
    expect(mineral.code).toBe(2);
    expect(mineral.stderr).toMatch(/"antimny" is not a mineral of the dataset.*did you mean: antimony\.elasticity/);
    const key = await cli(["plan", "--budget", "1e9", ...ANTIMONY, "--vary", "elastcity=low"]);
    expect(key.code).toBe(2);
    expect(key.stderr).toMatch(/a market parameter \(elasticity, choke, essentiality, haircut, impact, storage-share\)/);
    expect(key.stderr).toMatch(/did you mean: elasticity/);
    for (const r of [sign, haircut, choke, word, mineral, key]) expect(r.stdout).toBe("");
  });
});
