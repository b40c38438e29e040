import { describe, expect, it } from "vitest";
import { compileScenario, drawBlock, drawScenario, parseScenario } from "../../src/internal.js";
import { tinyDataset } from "../simulate/tiny.js";
import { ksCritical, ksDiscrete, ksStatistic, phi } from "./stats.js";

/*
 * Each distribution a scenario file can give is drawn through the path the Monte Carlo uses
 * (parseScenario → compileScenario → drawBlock, which the in-process run and every worker call)
 * and compared with its CDF by a one-sample Kolmogorov–Smirnov test: n = 20,000 draws at a fixed
 * seed, critical value 1.63/√n = 0.0115 (α = 1 %). The seed is fixed, so the outcome is too; a
 * sampler that draws from another distribution gives D several times the critical value. Each
 * test also checks that the sample is far from the nearest wrong answer (uniform instead of
 * triangular, an untruncated normal), so n is large enough to tell them apart.
 */

const ds = tinyDataset();
const N = 20_000;
const SEED = 20_251_125;
const CRIT = ksCritical(N);

const scenario = `name: samplers
horizon_months: 24
events:
  - type: export_restriction
    countries: [CHN]
    minerals: [testium]
    start_month: 1
    duration_months: { triangular: [2, 5, 14] }
    severity: { triangular: [0.1, 0.3, 0.9] }
  - type: export_restriction
    countries: [CHN]
    minerals: [testium]
    start_month: 1
    duration_months: 12
    severity: { normal: [0.8, 0.3] }
  - type: new_supply
    minerals: [testium]
    tons_per_year: { uniform: [10, 20] }
    online_month: 3
    probability: 0.3
  - type: new_supply
    minerals: [testium]
    tons_per_year: { normal: [100, 80] }
    online_month: 3
    probability: { uniform: [0.2, 0.6] }
  - type: new_supply
    minerals: [testium]
    tons_per_year: { triangular: [0, 0, 50] }
    online_month: 3
`;

const compiled = compileScenario(parseScenario(scenario, "samplers.yaml", ds), ds);
const block = drawBlock(compiled, SEED, N);

/** The N drawn values of the param from field `field` (e.g. "events[0].severity"). */
function drawsOf(field: string): Float64Array {
  const P = compiled.params.length;
  const j = compiled.params.findIndex((p) => p.field === field);
  if (j < 0) throw new Error(`no param ${field}`);
  const out = new Float64Array(N);
  for (let r = 0; r < N; r++) out[r] = block[r * P + j];
  return out;
}

/** Triangular(a, c, b) CDF: (x−a)²/((b−a)(c−a)) up to the mode c, 1 − (b−x)²/((b−a)(b−c)) after. */
const triangularCdf = (a: number, c: number, b: number) => (x: number) =>
  x <= a ? 0 : x >= b ? 1 : x <= c ? (x - a) ** 2 / ((b - a) * (c - a)) : 1 - (b - x) ** 2 / ((b - a) * (b - c));

const uniformCdf = (a: number, b: number) => (x: number) => (x <= a ? 0 : x >= b ? 1 : (x - a) / (b - a));

/** Normal(μ, σ) truncated to [lo, hi]: (Φ(z(x)) − Φ(z(lo))) / (Φ(z(hi)) − Φ(z(lo))), z(x) = (x − μ)/σ. */
const truncatedNormalCdf = (mu: number, sd: number, lo: number, hi: number) => {
  const P = (x: number) => (x === Infinity ? 1 : x === -Infinity ? 0 : phi((x - mu) / sd));
  return (x: number) => (x <= lo ? 0 : x >= hi ? 1 : (P(x) - P(lo)) / (P(hi) - P(lo)));
};

describe("Monte Carlo samplers match their distributions (KS, n = 20,000, α = 1 %)", () => {
  it("triangular [0.1, 0.3, 0.9] (a severity) follows the triangular CDF, not a uniform one", () => {
    const x = drawsOf("events[0].severity");
    expect(ksStatistic(x, triangularCdf(0.1, 0.3, 0.9))).toBeLessThan(CRIT);
    // power: the same sample is far from U(0.1, 0.9), the draw a wrong sampler would give
    expect(ksStatistic(x, uniformCdf(0.1, 0.9))).toBeGreaterThan(5 * CRIT);
  });

  it("triangular [0, 0, 50] with the mode at the minimum (tons a year) follows its CDF", () => {
    const x = drawsOf("events[4].tons_per_year");
    expect(ksStatistic(x, triangularCdf(0, 0, 50))).toBeLessThan(CRIT);
    expect(ksStatistic(x, uniformCdf(0, 50))).toBeGreaterThan(5 * CRIT);
  });

  it("triangular months [2, 5, 14] are rounded: P(month ≤ k) = F(k + 0.5)", () => {
    const x = drawsOf("events[0].duration_months");
    expect(x.every((v) => Number.isInteger(v) && v >= 2 && v <= 14)).toBe(true);
    const F = triangularCdf(2, 5, 14);
    expect(ksDiscrete(x, (k) => F(k + 0.5))).toBeLessThan(CRIT);
    expect(ksDiscrete(x, (k) => uniformCdf(2, 14)(k + 0.5))).toBeGreaterThan(5 * CRIT);
  });

  it("uniform [10, 20] (tons a year) follows the uniform CDF", () => {
    const x = drawsOf("events[2].tons_per_year");
    expect(ksStatistic(x, uniformCdf(10, 20))).toBeLessThan(CRIT);
    // power: a triangular with its mode in the middle is told apart
    expect(ksStatistic(x, triangularCdf(10, 15, 20))).toBeGreaterThan(5 * CRIT);
  });

  it("normal [0.8, 0.3] on a severity is truncated to the field's range [0, 1], not clamped", () => {
    const x = drawsOf("events[1].severity");
    expect(x.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(ksStatistic(x, truncatedNormalCdf(0.8, 0.3, 0, 1))).toBeLessThan(CRIT);
    // Clamping instead would put P(X > 1) = 1 − Φ(0.667) ≈ 25 % of the draws on exactly 1
    expect(x.filter((v) => v === 1).length).toBe(0);
    // power: the untruncated normal CDF is far off (it leaves 25 % of the mass above 1)
    expect(ksStatistic(x, (v) => phi((v - 0.8) / 0.3))).toBeGreaterThan(5 * CRIT);
  });

  it("normal [100, 80] on tons a year is truncated at 0 only (the range is [0, ∞))", () => {
    const x = drawsOf("events[3].tons_per_year");
    expect(x.every((v) => v >= 0)).toBe(true);
    expect(ksStatistic(x, truncatedNormalCdf(100, 80, 0, Infinity))).toBeLessThan(CRIT);
    // untruncated, Φ(−1.25) ≈ 10.6 % of the draws would be negative
    expect(ksStatistic(x, (v) => phi((v - 100) / 80))).toBeGreaterThan(5 * CRIT);
  });

  it("a fixed probability 0.3 is a Bernoulli(0.3) yes/no per run", () => {
    const x = drawsOf("events[2].probability");
    expect(x.every((v) => v === 0 || v === 1)).toBe(true);
    // CDF of Bernoulli(p): 1 − p at 0, 1 at 1
    expect(ksDiscrete(x, (k) => (k < 0 ? 0 : k < 1 ? 0.7 : 1))).toBeLessThan(CRIT);
    expect(ksDiscrete(x, (k) => (k < 0 ? 0 : k < 1 ? 0.5 : 1))).toBeGreaterThan(5 * CRIT);
  });

  it("a probability drawn from uniform [0.2, 0.6] is a Bernoulli of its mean, 0.4", () => {
    // P(yes) = E[p] = (0.2 + 0.6) / 2 = 0.4
    const x = drawsOf("events[3].probability");
    expect(x.every((v) => v === 0 || v === 1)).toBe(true);
    expect(ksDiscrete(x, (k) => (k < 0 ? 0 : k < 1 ? 0.6 : 1))).toBeLessThan(CRIT);
  });

  it("drawBlock row r is drawScenario(seed, r): the block the workers draw is the per-run draw", () => {
    const P = compiled.params.length;
    for (const r of [0, 1, 777, N - 1]) expect(Array.from(block.subarray(r * P, (r + 1) * P))).toEqual(Array.from(drawScenario(compiled, SEED, r).values));
  });
});
