import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { DEFAULT_SCENARIO_PROBABILITY, scenarioWeights } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { listScenarioFiles, loadScenario, SCENARIOS_DIR, scenarioListings } from "../../src/io/scenario-file.js";

const dataset = loadDataset();
const files = listScenarioFiles();
const scenarios = files.map((f) => loadScenario(f, dataset));

/** λ, Λ and H as each file's probability_why states them. */
function stated(why: string): { lambda: number; Lambda: number; H: number } {
  const m = /λ = ([\d.]+)\/yr, Λ = ([\d.]+)\/yr .* H = (\d+) months/s.exec(why);
  if (!m) throw new Error(`no λ, Λ, H in: ${why}`);
  return { lambda: Number(m[1]), Lambda: Number(m[2]), H: Number(m[3]) };
}

describe("the built-in library's probabilities (docs/scenarios.md)", () => {
  it("every built-in file states a probability with its reason", () => {
    for (const s of scenarios) expect(s.probability?.why, s.file).toMatch(/JUDGEMENT/);
  });

  it("sum to at most 1, so the default plan can weigh them (0.975; no disruption 0.025)", () => {
    const w = scenarioWeights(scenarios);
    expect(w.weights.reduce((a, x) => a + x, 0)).toBeCloseTo(0.975, 9);
    expect(w.none).toBeCloseTo(0.025, 9);
  });

  it("each is (λ/Λ)·(1 − e^(−Λ·H/12)) with the λ, Λ and H its reason states, Λ the sum of the stated λ and H the file's horizon", () => {
    const parts = scenarios.map((s) => ({ s, ...stated(s.probability!.why) }));
    const Lambda = parts.reduce((a, p) => a + p.lambda, 0);
    for (const p of parts) {
      expect(p.Lambda, p.s.file).toBeCloseTo(Lambda, 9);
      expect(p.H, p.s.file).toBe(p.s.horizon);
      const want = (p.lambda / p.Lambda) * (1 - Math.exp((-p.Lambda * p.H) / 12));
      expect(p.s.probability!.value, p.s.file).toBeCloseTo(want, 3);
    }
  });

  it("docs/scenarios.md has a row for every built-in file", () => {
    const doc = readFileSync(new URL("../../docs/scenarios.md", import.meta.url), "utf8");
    for (const f of files) expect(doc, f).toContain(`| \`${basename(f).replace(/\.yaml$/, "")}\` |`);
  });
});

describe("the scenario listing (lodestone scenarios, GET /scenarios, the Plan page's scenario set)", () => {
  it("carries each file's probability and its reason, read from the file, and marks a file without one as on the default", () => {
    const dir = mkdtempSync(join(tmpdir(), "lodestone-listing-"));
    try {
      const doc = parse(readFileSync(join(SCENARIOS_DIR, "antimony-2024.yaml"), "utf8"));
      writeFileSync(join(dir, "stated.yaml"), stringify({ ...doc, probability: 0.3 }));
      const { probability: _p, probability_why: _w, ...bare } = doc;
      writeFileSync(join(dir, "unstated.yaml"), stringify(bare));
      const [stated, unstated] = scenarioListings(loadDataset(), dir);
      expect(stated.id).toBe("stated");
      expect(stated.probability.value).toBe(0.3);
      expect(stated.probability.defaulted).toBe(false);
      expect(stated.probability.why.length).toBeGreaterThan(10);
      expect(unstated.probability).toEqual({ ...DEFAULT_SCENARIO_PROBABILITY, defaulted: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
