import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bucketQuantiles,
  compileScenario,
  createQuantileScratch,
  drawScenario,
  type LodestoneError,
  monteCarlo,
  monteCarloAudit,
  parseScenario,
  quantileSorted,
  quantilesInPlace,
  simulate,
} from "../../src/internal.js";
import { loadDataset } from "../../src/io/dataset.js";
import { runMonteCarlo } from "../../src/io/montecarlo-pool.js";
import { loadScenario } from "../../src/io/scenario-file.js";
import { tinyDataset } from "./tiny.js";

const tiny = tinyDataset();
const tinyScenario = compileScenario(
  parseScenario(
    `name: mc
horizon_months: 6
stock: { testium: { uniform: [0, 100] } }
events:
  - type: export_restriction
    countries: [CHN]
    minerals: [testium, exportium]
    start_month: { uniform: [1, 3] }
    duration_months: { triangular: [1, 2, 4] }
    severity: { normal: [0.8, 0.3] }
  - type: new_supply
    minerals: [testium]
    tons_per_year: 240
    online_month: 3
    probability: 0.5
`,
    "mc.yaml",
    tiny,
  ),
  tiny,
);

describe("Monte Carlo", () => {
  it("each run's totals equal the deterministic simulator applied to that run's draw", () => {
    const r = monteCarlo(tinyScenario, 50, 9);
    const t = r.minerals.find((m) => m.id === "testium")!;
    // recompute run quantiles from single-run simulations
    const totals = Array.from({ length: 50 }, (_, run) => simulate(tinyScenario, drawScenario(tinyScenario, 9, run)).minerals[0].metrics.totalShortfall);
    const sorted = Float64Array.from(totals).sort();
    expect(t.totalShortfall.p50).toBeCloseTo(quantileSorted(sorted, 0.5), 9);
    expect(t.totalShortfall.p90).toBeCloseTo(quantileSorted(sorted, 0.9), 9);
    expect(t.probAnyShortfall).toBe(totals.filter((x) => x > 0).length / 50);
    // monthly P50 of stock from the per-run stock paths
    const stocks = Array.from({ length: 50 }, (_, run) => simulate(tinyScenario, drawScenario(tinyScenario, 9, run)).minerals[0].stock);
    for (let m = 0; m < 6; m++) expect(t.stock.p50[m]).toBeCloseTo(quantileSorted(Float64Array.from(stocks, (s) => s[m]).sort(), 0.5), 9);
  });

  it("the same seed gives the same output; another seed a different one", () => {
    expect(monteCarloAudit(monteCarlo(tinyScenario, 200, 3))).toEqual(monteCarloAudit(monteCarlo(tinyScenario, 200, 3)));
    expect(monteCarloAudit(monteCarlo(tinyScenario, 200, 3))).not.toEqual(monteCarloAudit(monteCarlo(tinyScenario, 200, 4)));
  });

  it("gives identical output with 0 (in-thread), 1 and 2 worker threads", async () => {
    const ds = loadDataset();
    const c = compileScenario(loadScenario("coalition-chn-rus-irn", ds), ds);
    const json = async (workers: number) => JSON.stringify(monteCarloAudit(await runMonteCarlo(c, { runs: 300, seed: 77, workers })));
    const [w0, w1, w2] = [await json(0), await json(1), await json(2)];
    expect(w1).toBe(w0);
    expect(w2).toBe(w0);
  });

  it("refuses too many runs with too-large", () => {
    const err = (() => {
      try {
        monteCarlo(tinyScenario, 10_000_000, 1);
      } catch (e) {
        return e as LodestoneError;
      }
    })();
    expect(err?.code).toBe("too-large");
    expect(() => monteCarlo(tinyScenario, 10, -1)).toThrow(/seed/);
  });
});

describe("quantiles by linear interpolation between order statistics", () => {
  it("worked example: P10/P50/P90 of 1..10", () => {
    const a = Float64Array.from([7, 3, 10, 1, 5, 2, 9, 4, 8, 6]);
    const q = new Float64Array(3);
    bucketQuantiles(a, 1, 10, [0.1, 0.5, 0.9], q, createQuantileScratch(10, 4));
    expect(Array.from(q)).toEqual([1.9, 5.5, 9.1].map((x) => expect.closeTo(x, 12)) as unknown as number[]);
  });

  it("bucket selection and quickselect equal a full sort (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, 1, 2, 1e6)), {
          minLength: 2,
          maxLength: 400,
        }),
        fc.integer({ min: 1, max: 64 }),
        (xs, buckets) => {
          const a = Float64Array.from(xs);
          const sorted = Float64Array.from(xs).sort();
          const lo = sorted[0],
            hi = sorted[sorted.length - 1];
          const want = [0.1, 0.5, 0.9].map((p) => quantileSorted(sorted, p));
          const q = new Float64Array(3);
          quantilesInPlace(Float64Array.from(xs), [0.1, 0.5, 0.9], q);
          expect(Array.from(q)).toEqual(want);
          if (lo < hi) {
            bucketQuantiles(a, lo, hi, [0.1, 0.5, 0.9], q, createQuantileScratch(a.length, buckets));
            expect(Array.from(q)).toEqual(want);
            // with the counts of values equal to lo and hi (the shortcut for buckets of one repeated value)
            const nLo = xs.filter((x) => x === lo).length,
              nHi = xs.filter((x) => x === hi).length;
            bucketQuantiles(a, lo, hi, [0.1, 0.5, 0.9], q, createQuantileScratch(a.length, buckets), nLo, nHi);
            expect(Array.from(q)).toEqual(want);
            expect(Array.from(a)).toEqual(xs); // input left as it was
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
