import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LodestoneError, loadHighsSolver, type PlanInput, parseAssumptions, planReserve } from "../../src/index.js";
import { worldSupply } from "../../src/internal.js";
import { loadDataset } from "../../src/io/dataset.js";
import { cli, ROOT } from "../helpers.js";
import { LINEAR } from "./fixtures.js";

const dataset = loadDataset();
const SHIPPED = join(ROOT, "assumptions", "public-estimates.yaml");
const shipped = parseAssumptions(readFileSync(SHIPPED, "utf8"), "assumptions/public-estimates.yaml", dataset);
/** The 1-based line of the shipped file's `quantity: world_production` entry for a mineral (its `- mineral:` line). */
const lineOf = (mineral: string) => {
  const lines = readFileSync(SHIPPED, "utf8").split("\n");
  return lines.findIndex((l, i) => l.trim() === `- mineral: ${mineral}` && lines[i + 1].trim() === "quantity: world_production") + 1;
};

describe("world production of a mineral split out of a chapter", () => {
  it("palladium and platinum use their own published world mine output (MCS PGM chapter): 190 t and 170 t", () => {
    expect(worldSupply(dataset, "palladium", shipped)).toEqual({ tons: 190, basis: "published" });
    expect(worldSupply(dataset, "platinum", shipped)).toEqual({ tons: 170, basis: "published" });
  });

  it("without an assumption, dysprosium inherits all rare earths' 390,000 t and rhodium platinum's 170 t, each marked as a stand-in", () => {
    expect(worldSupply(dataset, "dysprosium")).toMatchObject({ tons: 390000, basis: "stand-in", standInFor: "rare-earths" });
    expect(worldSupply(dataset, "rhodium")).toMatchObject({ tons: 170, basis: "stand-in", standInFor: "platinum" });
    // terbium: no public figure found, so it stays a stand-in even with the shipped file
    expect(worldSupply(dataset, "terbium", shipped)).toMatchObject({ tons: 390000, basis: "stand-in", standInFor: "rare-earths" });
  });

  it("the shipped assumptions replace the stand-in: dysprosium 1,850 t Dy2O3, NdPr 70,000 t oxide, rhodium 29.02 t, each with its file and line", () => {
    for (const [id, tons] of [
      ["dysprosium", 1850],
      ["ndpr", 70000],
      ["rhodium", 29.02],
    ] as const) {
      const w = worldSupply(dataset, id, shipped);
      expect(w).toMatchObject({ tons, basis: "assumed" });
      expect(w.assumed?.at).toEqual({ file: "assumptions/public-estimates.yaml", row: lineOf(id), column: "assumptions" });
      expect(w.assumed?.source?.url).toMatch(/^https:\/\//);
    }
  });
});

/**
 * One mineral at US$ 100/t (no premium, no holding, no resale), certain to be 100 t a month short for
 * 3 months (300 t), a ton short costing 300 USD (linear loss ×3), market impact λ = 1, 10 % of a
 * year's world output buyable. Every ton pays (the last ton at the cap costs 100·(1 + 0.1) = 110 < 300),
 * so the plan buys up to the cap.
 * - World output 1,000 t (an assumed element figure): cap 10 % × 1,000 = 100 t, bought at
 *   100·q·(1 + q/(2W)) = 100·100·1.05 = 10,500 USD, an average 105 USD/t (+5 %).
 * - The chapter's 390,000 t standing in: cap 39,000 t, so all 300 t are bought, on the first
 *   piece of the impact curve (0 to 0.5 % of W = 1,950 t, secant price 100·(1 + 0.005/2) = 100.25):
 *   300 × 100.25 = 30,075 USD, +0.25 %, a twentieth of the element's +5 % for a third of the tons.
 */
function oneElement(world: number, basis: "assumed" | "stand-in"): PlanInput {
  const f = (xs: number[]) => Float64Array.from(xs);
  return {
    scenarios: [{ id: "s", weight: 1, horizon: 3, minerals: [{ id: "dy", stock1: 0, demand: f([200, 200, 200]), supply: f([100, 100, 100]) }] }],
    economics: [
      {
        id: "dy",
        price: 100,
        d0: 200,
        r: 1,
        worldProduction: world,
        worldBasis: basis,
        ...(basis === "stand-in" ? { worldStandIn: { for: "rare-earths", why: "no output by element" } } : {}),
        market: { ...LINEAR, impact: 1 },
      },
    ],
    projects: [],
    options: { budget: 1e6, acquisitionPremium: 0, storageUsdPerTonYear: 0, loanRate: 0, valueMultiplier: 3, marketShare: 0.1 },
  };
}

describe("the cap and the market impact use the element's own world output, by hand", () => {
  it("world 1,000 t: cap 100 t (10 % × 1,000), bought at 10,500 USD (average 105, +5 % over the price)", async () => {
    const r = await planReserve(oneElement(1000, "assumed"), await loadHighsSolver());
    const m = r.minerals[0];
    expect(m.cap).toBeCloseTo(100, 9);
    expect(m.capReason).toBe("10.0 % of world production (assumed: 1,000 t)");
    expect(m.world).toEqual({ tons: 1000, basis: "assumed" });
    expect(m.buyTons).toBeCloseTo(100, 6);
    expect(m.dollars).toBeCloseTo(10500, 6);
    expect(m.unitCost).toBeCloseTo(105, 6);
  });

  it("the chapter total standing in (390,000 t): cap 39,000 t, all 300 t bought at 100.25 USD (+0.25 %), and the note says it is a stand-in", async () => {
    const r = await planReserve(oneElement(390000, "stand-in"), await loadHighsSolver());
    const m = r.minerals[0];
    expect(m.cap).toBeCloseTo(39000, 6);
    expect(m.capReason).toBe("10.0 % of world production (stand-in: the world total of rare-earths, 390,000 t)");
    expect(m.world).toEqual({ tons: 390000, basis: "stand-in", standInFor: "rare-earths" });
    expect(m.buyTons).toBeCloseTo(300, 6);
    expect(m.dollars).toBeCloseTo(30075, 6);
    expect(m.unitCost).toBeCloseTo(100.25, 9);
    expect(r.notes.join("\n")).toMatch(/dy: world production: USGS publishes none for dy .*use the world total of rare-earths, 390,000 t, as a stand-in/);
  });
});

describe("plan with the shipped assumptions", () => {
  it("caps dysprosium at 185 t (10 % × 1,850 t), marks the figure in the table and in JSON", async () => {
    const json = await cli(["plan", "--budget", "12e9", "--minerals", "dysprosium", "--runs", "0", "--format", "json"]);
    expect(json.code).toBe(0);
    const j = JSON.parse(json.stdout);
    const dy = j.minerals.find((m: { id: string }) => m.id === "dysprosium");
    expect(dy.cap).toBeCloseTo(185, 9);
    expect(dy.capReason).toBe("10.0 % of world production (assumed: 1,850 t)");
    expect(dy.world).toEqual({ tons: 1850, basis: "assumed" });
    expect(dy.assumed.world).toMatchObject({ range: [1388, 2313], unit: "t", year: 2020, at: { row: lineOf("dysprosium") } });
    const note = j.notes.find((n: string) => /^\*\d+ dysprosium: assumed world production 1,850 t\/yr/.test(n));
    expect(note).toMatch(/used for the purchase cap and the market impact/);
    const table = await cli(["plan", "--budget", "12e9", "--minerals", "dysprosium", "--runs", "0"]);
    const n = /^\*(\d+) dysprosium: assumed world production/m.exec(table.stdout.replace(/^note: /gm, ""))?.[1];
    expect(n).toBeDefined();
    expect(table.stdout).toMatch(new RegExp(`^dysprosium \\*[\\d,]*\\b${n}\\b`, "m"));
  });

  const dir = mkdtempSync(join(tmpdir(), "lodestone-world-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("an assumptions file without dysprosium's world production: the plan says rare earths' total stands in, in its notes and JSON", async () => {
    // the shipped dysprosium consumption entry alone (so dysprosium is simulated), and no world_production
    const text = readFileSync(SHIPPED, "utf8");
    const start = text.indexOf("  - mineral: dysprosium\n    quantity: consumption");
    const end = text.indexOf("\n\n", start);
    const file = join(dir, "dy-only.yaml");
    writeFileSync(file, `version: 1\nassumptions:\n${text.slice(start, end)}\n`);
    const r = await cli(["plan", "--budget", "12e9", "--minerals", "dysprosium", "--runs", "0", "--assumptions", file, "--format", "json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const dy = j.minerals.find((m: { id: string }) => m.id === "dysprosium");
    expect(dy.cap).toBeCloseTo(39000, 6);
    expect(dy.world).toEqual({ tons: 390000, basis: "stand-in", standInFor: "rare-earths" });
    expect(dy.assumed.world).toBeUndefined();
    expect(j.notes.join("\n")).toMatch(
      /dysprosium: world production: USGS publishes none for dysprosium .*the world total of rare-earths, 390,000 t, as a stand-in/,
    );
  });
});

describe("a world_production entry is validated like any other", () => {
  const entry = (over: string) =>
    `version: 1\nassumptions:\n  - mineral: dysprosium\n    quantity: world_production\n    value: 1850\n    range: [1388, 2313]\n    unit: ${over}\n    year: 2020\n    method: "a test"\n    judgement: "a test"\n`;
  const problems = (text: string) => {
    try {
      parseAssumptions(text, "a.yaml", dataset);
      return [];
    } catch (e) {
      if (e instanceof LodestoneError)
        return e.issues.map((i) => `${i.file}:${i.line}: ${i.field}: ${i.message}${i.expected ? `, expected ${i.expected}` : ""}`);
      throw e;
    }
  };

  it("parses with unit t, at its line", () => {
    const set = parseAssumptions(entry("t"), "a.yaml", dataset);
    expect(set.entries[0]).toMatchObject({ mineral: "dysprosium", quantity: "world_production", value: 1850, at: { file: "a.yaml", row: 3 } });
  });

  it("refuses another unit and a zero figure at file:line: field", () => {
    expect(problems(entry("USD/t"))).toEqual(["a.yaml:7: assumptions[0].unit: USD/t does not fit world_production, expected t for world_production"]);
    expect(problems(entry("t").replace("value: 1850\n    range: [1388, 2313]", "value: 0\n    range: [0, 2313]"))).toEqual([
      "a.yaml:5: assumptions[0].value: 0 is not a figure to simulate with, expected a positive figure",
    ]);
  });
});
