/**
 * The price path and the loss of the shortfall (docs/economics.md), worked by hand. One mineral with demand
 * 10 t/month (US consumption 120 t/yr), r = 0.5, P0 = US$ 100/t, China 60 % of refinery output: a
 * one-month Chinese ban with 1 t in stock is 3 t short of supply in month 1, 1 t comes from stock,
 * so 2 t are short: x = 0.2 of demand. At ε = −0.1 and a cap of ×10 (the built-in defaults):
 *   price_1 = 100 · 0.8^−10 = 931.32 US$/t (below the cap: 0.8 > 10^−0.1 = 0.794)
 *   loss_1  = 100 · 10 · (0.8^−9 − 1)/9 = 716.70 US$   (l(x) = (1 − (1−x)^k)/k, k = 1 + 1/ε = −9)
 * Month 2 has nothing short: price P0 = 100, loss 0. The pre-crisis value is 2 t × 100 = 200.
 */
import { describe, expect, it } from "vitest";
import { lossFraction, priceMultiple } from "../../src/economics/loss.js";
import { curveAt, curveOf, shortfallCost } from "../../src/economics/path.js";
import {
  compileScenario,
  defaultMarketSet,
  MARKET_DEFAULTS,
  type MarketSet,
  monteCarlo,
  monteCarloAudit,
  monteCarloReport,
  monteCarloRows,
  parseScenario,
  simulate,
  simulationAudit,
  simulationMonthlyRows,
  simulationReport,
  simulationRows,
} from "../../src/index.js";
import { runMonteCarlo } from "../../src/io/montecarlo-pool.js";
import { salient, tinyDataset } from "./tiny.js";

const PRICE_1 = 100 * 0.8 ** -10;
const LOSS_1 = (100 * 10 * (0.8 ** -9 - 1)) / 9;

const ds = tinyDataset({
  salient: [
    salient("consumption", 120),
    salient("net-import-reliance", 50, { unit: "percent", normalizedUnit: "%" }),
    salient("price", 100, { unit: "dollars per metric ton" }),
  ],
});
const compile = (yaml: string) => compileScenario(parseScenario(yaml, "hand.yaml", ds), ds);
const ban = compile(
  "name: ban\nhorizon_months: 2\nstock: { testium: 1 }\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [testium], start_month: 1, duration_months: 1, severity: 1 }\n",
);
const market = defaultMarketSet();

describe("shortfallCost (economics/path.ts)", () => {
  it("a 2 t shortfall of 10 t demand: price ×0.8^−10 and loss 10·(0.8^−9 − 1)/9 in units of P0; nothing short: ×1 and 0", () => {
    const c = shortfallCost([10, 10], [2, 0], { elasticity: -0.1, chokeMultiple: 10, essentiality: 1 });
    expect(c.multiple[0] * 100).toBeCloseTo(931.32, 2);
    expect(c.multiple[1]).toBe(1);
    expect(c.loss[0] * 100).toBeCloseTo(716.7, 1);
    expect(c.loss[1]).toBe(0);
    expect(c.totalLoss * 100).toBeCloseTo(LOSS_1, 9);
    expect(c.peakMultiple).toBeCloseTo(PRICE_1 / 100, 12);
  });

  it("the essentiality scales the loss, not the price; past the cap the price stays at the cap", () => {
    const c = shortfallCost([10], [2], { elasticity: -0.1, chokeMultiple: 10, essentiality: 2 });
    expect(c.totalLoss).toBeCloseTo((2 * LOSS_1) / 100, 9);
    expect(c.multiple[0]).toBeCloseTo(PRICE_1 / 100, 12);
    const capped = shortfallCost([10], [5], { elasticity: -0.1, chokeMultiple: 10, essentiality: 1 });
    expect(capped.multiple[0]).toBe(10);
  });
});

describe("curveAt (the Monte Carlo kernel's one-power evaluation)", () => {
  it("equals priceMultiple and lossFraction on and off the cap, for ε = −1 too", () => {
    const out = new Float64Array(1);
    for (const [elasticity, chokeMultiple] of [
      [-0.1, 10],
      [-0.07, 10],
      [-0.3, 5],
      [-1, 30],
      [-2, 3],
    ]) {
      const cv = curveOf({ elasticity, chokeMultiple, essentiality: 1 });
      for (const x of [1e-6, 0.02, 0.1, 0.2, 0.2057, 0.25, 0.5, 0.9, 1]) {
        const l = curveAt(cv, x, out);
        expect(l).toBeCloseTo(lossFraction(x, elasticity, chokeMultiple), 12);
        expect(out[0]).toBeCloseTo(priceMultiple(x, elasticity, chokeMultiple), 12);
      }
    }
  });
});

describe("deterministic run: price path and loss beside the tons", () => {
  const r = simulate(ban);
  const m = r.minerals[0];

  it("the run is the hand-worked one: 2 t short in month 1, none in month 2", () => {
    expect(Array.from(m.demand)).toEqual([10, 10]);
    expect(Array.from(m.shortfall).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([2, 0]);
  });

  it("JSON: price.monthly in USD/t, lossUsd, the pre-crisis value kept, and the parameters with their marks", () => {
    const a = simulationAudit(r, market).minerals[0];
    expect(a.price?.unit).toBe("USD/t");
    expect(a.price?.monthly?.[0]).toBeCloseTo(931.32, 2);
    expect(a.price?.monthly?.[1]).toBe(100);
    expect(a.loss?.monthly?.[0]).toBeCloseTo(716.7, 1);
    expect(a.loss?.monthly?.[1]).toBe(0);
    expect(a.metrics.lossUsd).toBeCloseTo(LOSS_1, 6);
    expect(a.metrics.shortfallValueUsd).toBeCloseTo(200, 6);
    expect(a.metrics.peakPriceMultiple).toBeCloseTo(PRICE_1 / 100, 12);
    expect(a.market?.elasticity).toMatchObject({ value: -0.1, at: "src/economics/defaults.ts:11" });
    expect(a.market?.chokeMultiple).toMatchObject({ value: 10, at: "src/economics/defaults.ts:12" });
    expect(a.market?.essentiality.judgement).toMatch(/demand curve/);
  });

  it("table, CSV and monthly rows: the loss in US$ M, the peak price multiple, the monthly price", () => {
    const row = simulationRows(r, { market })[0];
    expect(row.lossMusd).toBeCloseTo(LOSS_1 / 1e6, 12);
    expect(row.valueMusd).toBeCloseTo(200 / 1e6, 12);
    expect(row.peakPrice).toBeCloseTo(PRICE_1 / 100, 12);
    const monthly = simulationMonthlyRows(r, market);
    expect(monthly.map((x) => x.price)).toEqual([expect.closeTo(PRICE_1, 9), 100]);
    expect(monthly.map((x) => x.loss)).toEqual([expect.closeTo(LOSS_1, 9), 0]);
    const csv = simulationReport(ban, r, { format: "csv", market }).text.split("\r\n");
    const head = csv[0].split(",");
    expect(head).toContain("pre-crisis value US$ M");
    expect(csv[1].split(",")[head.indexOf("loss US$ M")]).toBe(String(LOSS_1 / 1e6));
    const monthlyCsv = simulationReport(ban, r, { format: "csv", market, monthly: true }).text.split("\r\n");
    expect(monthlyCsv[0]).toBe("mineral,month,demand,supply,imports,new_supply,release,shortfall,stock,price,loss");
    expect(Number(monthlyCsv[1].split(",")[9])).toBeCloseTo(931.32, 2);
  });

  it("the table's footer says what the loss is, with each mineral's ε and cap and where they come from", () => {
    const t = simulationReport(ban, r, { format: "table", market }).text.replace(/\n {2,}/g, " ");
    expect(t).toMatch(/note: loss: the area under the short-run demand curve over the missing tons \(consumer surplus lost\)/);
    expect(t).toMatch(/testium: ε -0\.1 \[src\/economics\/defaults\.ts:11\], cap ×10 \[src\/economics\/defaults\.ts:12\]/);
  });

  it("another market moves the price and the loss: ε −0.2 halves the exponent", () => {
    const steep: MarketSet = { ...market, byMineral: { testium: { elasticity: -0.2 } } };
    const a = simulationAudit(r, steep).minerals[0];
    expect(a.price?.monthly?.[0]).toBeCloseTo(100 * 0.8 ** -5, 9);
    expect(a.metrics.lossUsd).toBeCloseTo((100 * 10 * (0.8 ** -4 - 1)) / 4, 9); // k = 1 − 5 = −4
  });

  it("without a pre-crisis price: the multiples stand, the dollars are null with the reason", () => {
    const noPrice = tinyDataset({ salient: ds.minerals[0].salient.filter((f) => f.measure !== "price") });
    const c = compileScenario(
      parseScenario(
        "name: ban\nhorizon_months: 2\nstock: { testium: 1 }\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [testium], start_month: 1, duration_months: 1, severity: 1 }\n",
        "hand.yaml",
        noPrice,
      ),
      noPrice,
    );
    const a = simulationAudit(simulate(c), market).minerals[0];
    expect(a.price?.monthly).toBeNull();
    expect(a.price?.reason).toMatch(/no pre-crisis price/);
    expect(a.price?.multiple[0]).toBeCloseTo(PRICE_1 / 100, 12);
    expect(a.metrics.lossUsd).toBeNull();
    expect(a.metrics.lossUsdReason).toMatch(/no pre-crisis price/);
    const mc = monteCarloAudit(monteCarlo(c, 20, 1, undefined, { market })).minerals[0];
    expect(mc.lossUsd).toBeNull();
    expect(mc.lossUsdReason).toMatch(/no pre-crisis price/);
    expect(mc.price?.multiple.p50[0]).toBeCloseTo(PRICE_1 / 100, 12);
  });

  it("without a market the run reports no price path or loss (the library default)", () => {
    const a = simulationAudit(r).minerals[0];
    expect(a.price).toBeUndefined();
    expect("lossUsd" in a.metrics).toBe(false);
  });
});

describe("Monte Carlo: price bands and the loss distribution", () => {
  it("a certain scenario: every run is the hand-worked one, by class of draws and run by run", () => {
    for (const dedup of [true, false]) {
      const r = monteCarlo(ban, 40, 7, undefined, { market, dedup });
      const m = r.minerals[0];
      expect(m.cost?.price?.p10[0]).toBeCloseTo(PRICE_1, 9);
      expect(m.cost?.price?.p90[0]).toBeCloseTo(PRICE_1, 9);
      expect(Array.from(m.cost?.price?.p50 ?? [])).toEqual([expect.closeTo(PRICE_1, 9), 100]);
      expect(m.cost?.lossUsd?.p50).toBeCloseTo(LOSS_1, 9);
      expect(m.cost?.lossUsd?.mean).toBeCloseTo(LOSS_1, 9);
      expect(m.cost?.peakMultiple.p50).toBeCloseTo(PRICE_1 / 100, 12);
      expect(r.total.lossUsd?.p50).toBeCloseTo(LOSS_1, 9);
    }
  });

  it("a mineral no event touches (stock only): price P0 throughout, loss 0", () => {
    const c = compile("name: calm\nhorizon_months: 3\nstock: { testium: 1 }\nevents: []\n");
    const m = monteCarlo(c, 20, 1, undefined, { market }).minerals[0];
    expect(Array.from(m.cost?.price?.p50 ?? [])).toEqual([100, 100, 100]);
    expect(m.cost?.lossUsd?.max).toBe(0);
    expect(m.cost?.peakMultiple.max).toBe(1);
  });

  const uncertain = compile(`name: mc
horizon_months: 6
stock: { testium: { uniform: [0, 10] } }
events:
  - type: export_restriction
    countries: [CHN]
    minerals: [testium, exportium]
    start_month: { uniform: [1, 3] }
    duration_months: { triangular: [1, 2, 4] }
    severity: { uniform: [0.2, 1] }
`);

  it("uncertain runs: P10 ≤ P50 ≤ P90 each month, between P0 and the cap; loss ≥ the value at P0 at every quantile", () => {
    const r = monteCarlo(uncertain, 300, 11, undefined, { market });
    const m = r.minerals[0];
    const p = m.cost!.price!;
    for (let t = 0; t < 6; t++) {
      expect(p.p10[t]).toBeGreaterThanOrEqual(100);
      expect(p.p10[t]).toBeLessThanOrEqual(p.p50[t]);
      expect(p.p50[t]).toBeLessThanOrEqual(p.p90[t]);
      expect(p.p90[t]).toBeLessThanOrEqual(1000);
    }
    expect(Math.max(...p.p90)).toBeGreaterThan(100);
    for (const q of ["p10", "p50", "p90", "mean", "max"] as const) expect(m.cost!.lossUsd![q]).toBeGreaterThanOrEqual(m.shortfallValue![q] - 1e-9);
    expect(m.cost!.lossUsd!.p90).toBeGreaterThan(m.shortfallValue!.p90);
  });

  // two minerals (exportium imports nothing, so it is never short), so the pool hands one to its worker
  it("JSON, rows and the table carry the bands, the loss and the parameters; the same with worker threads", async () => {
    const r = monteCarlo(uncertain, 120, 3, undefined, { market });
    const a = monteCarloAudit(r);
    const m = a.minerals.find((x) => x.id === "testium")!;
    expect(m.price?.unit).toBe("USD/t");
    expect(m.price?.monthly?.p50).toHaveLength(6);
    expect(m.lossUsd?.p90).toBeGreaterThan(0);
    expect(m.market?.elasticity.value).toBe(MARKET_DEFAULTS.elasticity);
    expect(a.total.lossUsd?.p50).toBe(m.lossUsd?.p50);
    expect(a.market?.file).toBe("built-in defaults");
    const row = monteCarloRows(r).find((x) => x.mineral === "testium")!;
    expect(row.l50Musd).toBeCloseTo((m.lossUsd?.p50 ?? 0) / 1e6, 12);
    expect(row.peakPrice).toBe(m.peakPriceMultiple?.p50);
    const t = monteCarloReport(uncertain, r, { format: "table", runs: 120, seed: 3 }).text;
    expect(t).toMatch(/^total loss of the shortfall US\$ M: P10 /m);
    expect(t).toMatch(/^mineral .*P0 US\$ M {2}loss US\$ M {2}×P0/m);
    const csv = monteCarloReport(uncertain, r, { format: "csv", monthly: true, runs: 120, seed: 3 }).text.split("\r\n");
    expect(csv[0]).toBe("mineral,month,shortfall_p10,shortfall_p50,shortfall_p90,stock_p10,stock_p50,stock_p90,price_p10,price_p50,price_p90");
    const pooled = await runMonteCarlo(uncertain, { runs: 120, seed: 3, workers: 1, minWork: 0, market });
    expect(JSON.stringify(monteCarloAudit(pooled))).toBe(JSON.stringify(a));
  });
});
