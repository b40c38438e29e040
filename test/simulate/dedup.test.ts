import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CompiledScenario,
  combineMonteCarlo,
  compileScenario,
  createMonteCarloWorkspace,
  drawBlock,
  drawClasses,
  type MineralMonteCarlo,
  monteCarlo,
  monteCarloClasses,
  monteCarloMineral,
  parseScenario,
} from "../../src/internal.js";
import { loadDataset } from "../../src/io/dataset.js";
import { listScenarioFiles, loadScenario } from "../../src/io/scenario-file.js";
import { tinyDataset } from "./tiny.js";

/** Every mineral by class (classes given whatever their number) and run by run, on the same draws. */
function bothWays(c: CompiledScenario, draws: Float64Array, runs: number): { byClass: MineralMonteCarlo[]; full: MineralMonteCarlo[] } {
  const classes = drawClasses(draws, runs, c.params.length);
  const w = createMonteCarloWorkspace(c.horizon, runs);
  const byClass = c.minerals.map((_, i) => monteCarloMineral(c, i, draws, runs, w, classes));
  const full = c.minerals.map((_, i) => monteCarloMineral(c, i, draws, runs, w));
  return { byClass, full };
}

describe("classes of identical draws", () => {
  it("groups runs by the bits of their values (worked example, P = 2)", () => {
    const draws = Float64Array.from([1, 2, /* */ 1, 3, /* */ 1, 2, /* */ 0, 0, /* */ -0, 0, /* */ 1, 3, /* */ NaN, 5, /* */ NaN, 5]);
    const k = drawClasses(draws, 8, 2);
    expect(Array.from(k.classOf)).toEqual([0, 1, 0, 2, 3, 1, 4, 4]); // −0 and 0 differ in their bits
    expect(Array.from(k.representative)).toEqual([0, 1, 3, 4, 6]);
    expect(Array.from(k.count)).toEqual([2, 2, 1, 1, 2]);
  });

  it("with no parameters every run is one class", () => {
    const k = drawClasses(new Float64Array(0), 5, 0);
    expect(Array.from(k.classOf)).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(k.count)).toEqual([5]);
  });

  it("the classes partition the runs, and runs share a class exactly when their draws are equal (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(fc.constantFrom(0, 1, 2.5, 1e-300), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 60 }),
        (P, rows) => {
          const runs = rows.length;
          const draws = Float64Array.from(rows.flatMap((r) => r.slice(0, P)));
          const k = drawClasses(draws, runs, P);
          const key = (r: number) => rows[r].slice(0, P).join(",");
          expect(k.count.reduce((a, x) => a + x, 0)).toBe(runs);
          expect(k.count.length).toBe(new Set(rows.map((_, r) => key(r))).size);
          for (let r = 0; r < runs; r++) expect(key(k.representative[k.classOf[r]])).toBe(key(r));
          for (let j = 0; j < k.count.length; j++) expect(k.classOf[k.representative[j]]).toBe(j);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("Monte Carlo by class of identical draws = one path per run", () => {
  const ds = loadDataset();
  const files = listScenarioFiles();

  it("the coalition scenario takes the class path (few dozen classes in 2,000 runs)", () => {
    const c = compileScenario(loadScenario("coalition-chn-rus-irn", ds), ds);
    const cls = monteCarloClasses(c, drawBlock(c, 5, 2000), 2000);
    expect(cls).toBeDefined();
    expect(cls!.count.length).toBeLessThanOrEqual(2000 / 8);
    expect(cls!.count.length).toBeGreaterThan(1);
  });

  it.each(files.map((f) => [f.split("/").pop()!, f]))("%s: the same MonteCarloResult with and without dedup", (_, f) => {
    const c = compileScenario(loadScenario(f, ds), ds);
    for (const [runs, seed] of [
      [2000, 5],
      [97, 11],
    ] as const) {
      expect(monteCarlo(c, runs, seed)).toEqual(monteCarlo(c, runs, seed, undefined, { dedup: false }));
      // the class path itself, even where there are too many classes for it to be taken
      const draws = drawBlock(c, seed, runs);
      const { byClass, full } = bothWays(c, draws, runs);
      expect(byClass).toEqual(full);
      expect(combineMonteCarlo(c, byClass, runs, seed)).toEqual(combineMonteCarlo(c, full, runs, seed));
    }
  });

  it("random small scenarios with repeated draw rows: identical quantiles and totals (property)", () => {
    const tiny = tinyDataset();
    const num = (lo: number, hi: number, int: boolean) =>
      fc.oneof(
        int ? fc.integer({ min: lo, max: hi }) : fc.double({ min: lo, max: hi, noNaN: true }),
        fc.tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: lo, max: hi })).map(([a, b]) => `{ uniform: [${Math.min(a, b)}, ${Math.max(a, b) + 1}] }`),
        fc
          .tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))
          .map(([a, d1, d2]) => `{ triangular: [${a}, ${a + d1}, ${a + d1 + d2}] }`),
      );
    const scenario = fc.record({
      horizon: fc.integer({ min: 12, max: 18 }), // every start month below reaches at most 12, online months ≤ 6: an event (or part of a start distribution) after the horizon is an error
      exposure: fc.constantFrom("world", "imports"),
      stock: fc.oneof(
        fc.constant(""),
        num(0, 400, true).map((x) => `stock: { testium: ${x} }`),
        num(0, 90, true).map((x) => `stock: { all: { days: ${x} } }`),
      ),
      start: num(1, 6, true),
      duration: num(1, 8, true),
      severity: fc.oneof(fc.constantFrom("1", "0.5", "{ uniform: [0.2, 1] }", "{ normal: [0.8, 0.3] }")),
      surge: fc.boolean(),
      factor: num(1, 2, false),
      supply: fc.boolean(),
      probability: fc.constantFrom(0, 0.3, 1),
      ramp: num(0, 4, true),
    });
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 12 }), fc.array(fc.nat(), { minLength: 1, maxLength: 80 }), fc.nat(1000), (s, distinct, picks, seed) => {
        const yaml = [
          "name: prop",
          `horizon_months: ${s.horizon}`,
          `exposure: ${s.exposure}`,
          s.stock,
          "events:",
          "  - type: export_restriction",
          "    countries: [CHN]",
          "    minerals: [testium, exportium]",
          `    start_month: ${s.start}`,
          `    duration_months: ${s.duration}`,
          `    severity: ${s.severity}`,
          ...(s.surge ? ["  - type: demand_surge", "    minerals: all", `    factor: ${s.factor}`, "    start_month: 2", "    duration_months: 3"] : []),
          ...(s.supply
            ? [
                "  - type: new_supply",
                "    minerals: [testium]",
                "    tons_per_year: 600",
                "    online_month: 2",
                `    ramp_months: ${s.ramp}`,
                `    probability: ${s.probability}`,
              ]
            : []),
        ].join("\n");
        const c = compileScenario(parseScenario(yaml, "prop.yaml", tiny), tiny);
        const P = c.params.length;
        // a draw block whose rows repeat: each run takes one of `distinct` drawn rows
        const pool = drawBlock(c, seed, distinct);
        const runs = picks.length;
        const draws = new Float64Array(runs * P);
        picks.forEach((p, r) => draws.set(pool.subarray((p % distinct) * P, ((p % distinct) + 1) * P), r * P));
        const { byClass, full } = bothWays(c, draws, runs);
        expect(byClass).toEqual(full);
        for (let i = 0; i < full.length; i++) {
          expect(Array.from(byClass[i].totals)).toEqual(Array.from(full[i].totals));
          for (const k of ["p10", "p50", "p90"] as const) {
            expect(Array.from(byClass[i].shortfall[k])).toEqual(Array.from(full[i].shortfall[k]));
            expect(Array.from(byClass[i].stock[k])).toEqual(Array.from(full[i].stock[k]));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
