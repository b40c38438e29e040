import { describe, expect, it } from "vitest";
import { RunRng } from "../../src/internal.js";
import { CHI2_99_1PCT, chiSquareUniform, ksCritical, ksStatistic } from "./stats.js";

/*
 * RunRng is the Monte Carlo's only source of randomness. Two kinds of sample matter: the stream of
 * one run (a run draws its params one after another from it) and the same position across runs
 * (param j of runs 0, 1, 2, … is the j-th output of each run's stream, so neighbouring runs must not
 * be correlated). Both are tested for uniformity on [0, 1) by KS (critical value 1.63/√n, α = 1 %)
 * and by χ² on 100 equal bins (99 degrees of freedom: 134.64 at α = 1 %), and pairs by χ² on a
 * 10 × 10 grid. Seeds are fixed, so the outcomes are too.
 */

const N = 20_000;
const SEED = 7;

const stream = (seed: number, run: number, n: number) => {
  const rng = new RunRng(seed, run);
  return Float64Array.from({ length: n }, () => rng.next());
};

/** Output number `k` (0-based) of runs 0..n−1. */
const acrossRuns = (seed: number, k: number, n: number) => {
  const rng = new RunRng();
  return Float64Array.from({ length: n }, (_, run) => {
    rng.reset(seed, run);
    for (let i = 0; i < k; i++) rng.next();
    return rng.next();
  });
};

const bins100 = (xs: Float64Array) => {
  const c = new Float64Array(100);
  for (const x of xs) c[Math.floor(x * 100)]++;
  return c;
};

/** Counts of (x, y) pairs on a 10 × 10 grid of [0, 1)². */
const grid10 = (xs: Float64Array, ys: Float64Array) => {
  const c = new Float64Array(100);
  for (let i = 0; i < xs.length; i++) c[Math.floor(xs[i] * 10) * 10 + Math.floor(ys[i] * 10)]++;
  return c;
};

const uniform01 = (x: number) => Math.min(1, Math.max(0, x));

describe("RunRng is uniform on [0, 1)", () => {
  const xs = stream(SEED, 0, 2 * N);

  it("stays in [0, 1)", () => {
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("one run's stream passes KS against U(0, 1) and χ² on 100 bins", () => {
    const first = xs.subarray(0, N);
    expect(ksStatistic(first, uniform01)).toBeLessThan(ksCritical(N));
    expect(chiSquareUniform(bins100(first))).toBeLessThan(CHI2_99_1PCT);
  });

  it("successive outputs of a stream are independent: (x_2i, x_2i+1) fill a 10 × 10 grid evenly", () => {
    const a = Float64Array.from({ length: N }, (_, i) => xs[2 * i]);
    const b = Float64Array.from({ length: N }, (_, i) => xs[2 * i + 1]);
    expect(chiSquareUniform(grid10(a, b))).toBeLessThan(CHI2_99_1PCT);
  });

  it("the first and the third output across runs 0..19,999 are uniform (KS and χ²)", () => {
    for (const k of [0, 2]) {
      const ys = acrossRuns(SEED, k, N);
      expect(ksStatistic(ys, uniform01), `output ${k}`).toBeLessThan(ksCritical(N));
      expect(chiSquareUniform(bins100(ys)), `output ${k}`).toBeLessThan(CHI2_99_1PCT);
    }
  });

  it("neighbouring runs are independent: (first of run r, first of run r + 1) fill a 10 × 10 grid evenly", () => {
    const ys = acrossRuns(SEED, 0, N + 1);
    expect(chiSquareUniform(grid10(ys.subarray(0, N), ys.subarray(1, N + 1)))).toBeLessThan(CHI2_99_1PCT);
  });

  it("neighbouring seeds are independent: (run 0 of seed s, run 0 of seed s + 1) fill a 10 × 10 grid evenly", () => {
    const first = (seed: number) => new RunRng(seed, 0).next();
    const a = Float64Array.from({ length: N }, (_, s) => first(2 * s));
    const b = Float64Array.from({ length: N }, (_, s) => first(2 * s + 1));
    expect(chiSquareUniform(grid10(a, b))).toBeLessThan(CHI2_99_1PCT);
  });
});

describe("RunRng is deterministic per (seed, run)", () => {
  it("the same seed and run give the same stream, however the generator got there", () => {
    const a = stream(42, 17, 1000);
    expect(stream(42, 17, 1000)).toEqual(a);
    // one RunRng reset in place, after other runs, in any order (as a worker does)
    const rng = new RunRng(3, 9);
    for (let i = 0; i < 50; i++) rng.next();
    rng.reset(42, 99).next();
    rng.reset(42, 17);
    expect(Float64Array.from({ length: 1000 }, () => rng.next())).toEqual(a);
  });

  it("different runs of a seed, and the same run of different seeds, give different streams", () => {
    const key = (seed: number, run: number) => Array.from(stream(seed, run, 4)).join(",");
    const seen = new Set<string>();
    for (let run = 0; run < 10_000; run++) seen.add(key(1, run));
    expect(seen.size).toBe(10_000);
    for (let seed = 0; seed < 1000; seed++) seen.add(key(seed + 2, 0));
    expect(seen.size).toBe(11_000);
  });
});
