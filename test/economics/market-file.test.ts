import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LodestoneError, MARKET_DEFAULTS, MARKET_KEYS, marketMarkOf, marketParamsOf, priceMultiple } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { loadMarket, SHIPPED_MARKET } from "../../src/io/market-file.js";
import { SCENARIO_DEFAULTS } from "../../src/scenario/defaults.js";

const dataset = loadDataset();

function fails(ref: string): LodestoneError {
  try {
    loadMarket(ref, dataset);
  } catch (e) {
    if (e instanceof LodestoneError) return e;
    throw e;
  }
  throw new Error("expected an error");
}

describe("the shipped market file", () => {
  const set = loadMarket(undefined, dataset);

  it("loads, and every mineral in it is a mineral of the dataset", () => {
    expect(set.file).toBe("assumptions/market.yaml");
    const ids = new Set(dataset.minerals.map((m) => m.id));
    expect(Object.keys(set.byMineral).length).toBeGreaterThan(10);
    for (const id of Object.keys(set.byMineral)) expect(ids.has(id), id).toBe(true);
  });

  it("gives every default in the file itself, each with a range and a source or judgement", () => {
    for (const k of MARKET_KEYS) {
      const m = set.marks[`default.${k}`];
      expect(m.at.file, k).toBe("assumptions/market.yaml");
      expect(m.range, k).toBeDefined();
      expect(Boolean(m.source) !== Boolean(m.judgement), k).toBe(true);
    }
    for (const m of Object.values(set.marks)) expect((m.judgement ?? m.source?.title ?? "").length).toBeGreaterThan(20);
  });

  it("holds the research groups: base metals −0.15 / λ 0.5, battery −0.10 / λ 1, minor metals −0.07 / λ 2, light rare earths −0.10", () => {
    for (const id of ["copper", "aluminum", "nickel"]) expect(marketParamsOf(set, id)).toMatchObject({ elasticity: -0.15, impact: 0.5, resaleHaircut: 0.03 });
    for (const id of ["cobalt", "lithium", "graphite"]) expect(marketParamsOf(set, id)).toMatchObject({ elasticity: -0.1, impact: 1 });
    for (const id of ["gallium", "germanium", "tungsten", "dysprosium", "terbium", "platinum", "palladium", "rhodium"])
      expect(marketParamsOf(set, id)).toMatchObject({ elasticity: -0.07, impact: 2 });
    for (const id of ["ndpr", "rare-earths"]) expect(marketParamsOf(set, id)).toMatchObject({ elasticity: -0.1, resaleHaircut: 0.1 });
    expect(marketParamsOf(set, "lithium").resaleHaircut).toBe(0.25);
    // antimony: minor-metal impact, but its own ε, calibrated on the 2024 episode (below)
    expect(marketParamsOf(set, "antimony")).toMatchObject({ elasticity: -0.285, impact: 2 });
    // a mineral the file does not name takes the file's defaults
    expect(marketParamsOf(set, "zinc")).toEqual(set.defaults);
  });
});

describe("antimony's ε, calibrated on the 2024 episode in the model's terms", () => {
  it("reproduces the recorded ×3.5 at the episode's 30 % US shortfall, where the minor-metals −0.07 hit the ×10 cap", () => {
    const set = loadMarket(undefined, dataset);
    const { elasticity, chokeMultiple } = marketParamsOf(set, "antimony");
    // hand-worked: ε = ln(1 − 0.300) / ln 3.5 = −0.3567 / 1.2528 = −0.285; back: 0.7^(1/−0.285) = e^(0.3567/0.285) = e^1.2515 = 3.496
    expect(Math.log(1 - 0.3) / Math.log(3.5)).toBeCloseTo(-0.285, 3);
    expect(priceMultiple(0.3, elasticity, chokeMultiple)).toBeCloseTo(3.5, 1);
    expect(priceMultiple(0.3, -0.07, chokeMultiple)).toBe(10);
    // the mark says how: the derivation and its range, from the world reading (−0.13) to a ×3 reading (−0.33)
    const mark = marketMarkOf(set, "antimony", "elasticity")!;
    expect(mark.range).toEqual([-0.33, -0.13]);
    expect(mark.judgement).toMatch(/ln\(1 − 0\.300\) \/ ln 3\.5/);
  });
});

describe("loadMarket", () => {
  it("none gives the built-in defaults", () => {
    const set = loadMarket("none", dataset);
    expect(set.defaults).toEqual(MARKET_DEFAULTS);
    expect(set.byMineral).toEqual({});
    expect(set.marks["default.elasticity"].at.file).toBe("src/economics/defaults.ts");
  });

  it("reads a named file and reports its problems under the path given", () => {
    const dir = mkdtempSync(join(tmpdir(), "market-"));
    const good = join(dir, "good.yaml");
    writeFileSync(good, 'version: 1\ndefaults:\n  impact: { value: 3, range: [1, 4], judgement: "thin market" }\n');
    expect(loadMarket(good, dataset).defaults.impact).toBe(3);
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, 'version: 1\ndefaults:\n  resale_haircut: { value: 1.2, range: [0, 0.5], judgement: "x" }\n');
    const e = fails(bad);
    expect(e.code).toBe("invalid");
    expect(e.issues[0]).toMatchObject({ file: bad, line: 3, field: "defaults.resale_haircut.value" });
  });

  it("a missing file is not-found, a directory bad-input, an oversized file too-large", () => {
    const dir = mkdtempSync(join(tmpdir(), "market-"));
    expect(fails(join(dir, "nope.yaml")).code).toBe("not-found");
    expect(fails(dir).code).toBe("bad-input");
    const big = join(dir, "big.yaml");
    writeFileSync(big, `version: 1\n#${"x".repeat(SCENARIO_DEFAULTS.maxInputBytes)}\n`);
    expect(fails(big).code).toBe("too-large");
  });

  it("the shipped path is assumptions/market.yaml under the package root", () => {
    expect(readFileSync(SHIPPED_MARKET, "utf8")).toMatch(/^version: 1$/m);
  });
});
