import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MARKET_DEFAULTS } from "../../src/index.js";
import { cli as run } from "../helpers.js";

const cli = async (...args: string[]) => {
  const r = await run(args);
  return { ...r, status: r.code };
};
const dir = mkdtempSync(join(tmpdir(), "lodestone-sim-"));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("lodestone simulate / scenarios (e2e)", () => {
  it("lists the built-in scenarios with what each cites", async () => {
    const r = await cli("scenarios");
    expect(r.status).toBe(0);
    for (const id of [
      "gallium-germanium-2023",
      "graphite-2023",
      "antimony-2024",
      "rare-earths-2025",
      "coalition-chn-rus-irn",
      "defence-mobilisation",
      "japan-deep-sea-rare-earths",
    ])
      expect(r.stdout).toContain(id);
    expect(r.stdout).toMatch(/cites: USGS MCS2026 T4 Country_Export_Control/);
    const j = JSON.parse((await cli("scenarios", "--format", "json")).stdout) as { id: string; cites: string[] }[];
    expect(j.length).toBeGreaterThanOrEqual(7);
  });

  it("writes a JSON audit record with inputs, sources and monthly arrays", async () => {
    const r = await cli("simulate", "antimony-2024", "--format", "json");
    expect(r.status).toBe(0);
    const a = JSON.parse(r.stdout);
    const m = a.minerals[0];
    expect(m.id).toBe("antimony");
    for (const k of ["d0", "r", "exposure", "price", "stock1", "sectors"]) expect(m.inputs[k]).toBeDefined();
    expect(m.inputs.d0.source.file).toMatch(/usgs/);
    expect(Object.keys(m.inputs.exposure.shares)).toContain("CHN");
    for (const k of ["demand", "supply", "release", "shortfall", "stock"]) expect(m[k]).toHaveLength(36);
    // recompute month 1 from the inputs
    const supply = m.inputs.d0.value * (1 - m.inputs.r.value) + m.inputs.d0.value * m.inputs.r.value * (1 - m.disrupted[0]);
    expect(m.supply[0]).toBeCloseTo(supply, 6);
    expect(m.shortfall[0]).toBeCloseTo(Math.max(0, m.demand[0] - m.supply[0]), 6);
  });

  it("prints a table and a CSV (per mineral, or per month with --monthly)", async () => {
    const t = await cli("simulate", "graphite-2023");
    expect(t.status).toBe(0);
    expect(t.stdout).toMatch(/graphite/);
    const c = await cli("simulate", "graphite-2023", "--format", "csv", "--monthly");
    expect(c.stdout.split("\r\n")[0]).toBe("mineral,month,demand,supply,imports,new_supply,release,shortfall,stock,price,loss");
    expect(c.stdout.trim().split("\r\n")).toHaveLength(37);
  });

  it("Monte Carlo output is the same for 1 and 2 workers and the same seed", async () => {
    const a = await cli("simulate", "rare-earths-2025", "--runs", "400", "--seed", "5", "--workers", "1", "--format", "json");
    const b = await cli("simulate", "rare-earths-2025", "--runs", "400", "--seed", "5", "--workers", "2", "--format", "json");
    expect(a.status).toBe(0);
    expect(a.stderr).toBe(""); // no progress bar in JSON mode
    expect(b.stdout).toBe(a.stdout);
    const j = JSON.parse(a.stdout);
    expect(j.runs).toBe(400);
    expect(j.minerals[0].shortfall.p50).toHaveLength(36);
  });

  const bad: [string, string, RegExp][] = [
    ["malformed YAML", "name: t\nhorizon_months: 3\nevents: [\n", /bad\.yaml:\d+: malformed YAML/],
    [
      "wrong field type",
      "name: t\nhorizon_months: 3\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [gallium], severity: high }\n",
      /bad\.yaml:4: events\[0\]\.severity: wrong type/,
    ],
    [
      "unknown mineral",
      "name: t\nhorizon_months: 3\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [galium], severity: 1 }\n",
      /unknown mineral "galium".*did you mean: gallium/,
    ],
    [
      "unknown country",
      "name: t\nhorizon_months: 3\nevents:\n  - { type: export_restriction, countries: [CHNA], minerals: [gallium], severity: 1 }\n",
      /unknown country code "CHNA".*did you mean: CHN/,
    ],
    [
      "negative severity",
      "name: t\nhorizon_months: 3\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [gallium], severity: -1 }\n",
      /severity: -1 is out of range, expected a share of supply withheld between 0 and 1/,
    ],
    [
      "severity above 1",
      "name: t\nhorizon_months: 3\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [gallium], severity: 1.01 }\n",
      /severity: 1.01 is out of range/,
    ],
    ["too large horizon", "name: t\nhorizon_months: 100000\nevents: []\n", /bad\.yaml:2: horizon_months: 100000 months is too long/],
  ];
  for (const [what, text, message] of bad) {
    it(`exits 2 on ${what}`, async () => {
      const r = await cli("simulate", file("bad.yaml", text));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe("");
    });
  }

  it("lists every problem of a file at once, an unknown field included, then exits 2", async () => {
    const text =
      "name: t\nhorizon_months: 12\ncolour: red\nstock: { gallium: -5 }\nevents:\n  - type: export_restriction\n    countries: [CHN, XXX]\n    minerals: [galium]\n    severity: 1.5\n    start_month: 0\n    duration_months: { triangular: [12, 6, 24] }\n  - { type: demand_surge, minerals: all, factor: -1 }\n";
    const r = await cli("simulate", file("many.yaml", text));
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(8);
    for (const [i, want] of [
      /many\.yaml:3: colour: unknown field/,
      /many\.yaml:4: stock\.gallium: -5 is out of range, expected tons/,
      /:7: events\[0\]\.countries\[1\]: unknown country code "XXX"/,
      /:8: events\[0\]\.minerals\[0\]: unknown mineral "galium".*did you mean: gallium/,
      /:9: events\[0\]\.severity: 1\.5 is out of range/,
      /:10: events\[0\]\.start_month: 0 is out of range/,
      /:11: events\[0\]\.duration_months: triangular \[12, 6, 24\] is not ordered/,
      /:12: events\[1\]\.factor: -1 is out of range/,
    ].entries()) {
      expect(lines[i]).toMatch(want);
    }
  });

  it("events: [] says no minerals are affected and exits 0 (table, CSV, JSON)", async () => {
    const f = file("empty.yaml", "name: nothing\nhorizon_months: 6\nevents: []\n");
    const t = await cli("simulate", f);
    expect(t.status).toBe(0);
    expect(t.stdout).toMatch(/no minerals affected/);
    expect(t.stdout).not.toMatch(/^mineral/m);
    const c = await cli("simulate", f, "--format", "csv");
    expect(c.status).toBe(0);
    expect(c.stdout.trim().split("\r\n")).toHaveLength(1);
    expect(c.stderr).toMatch(/no minerals affected/);
    const j = await cli("simulate", f, "--format", "json");
    expect(JSON.parse(j.stdout).notes.join("\n")).toMatch(/no minerals affected/);
    expect((await cli("simulate", f, "--runs", "10")).stdout).toMatch(/no minerals affected/);
  });

  it("coalition: germanium is not shown as a 0 shortfall, and an unknown shortfall is null, never 0", async () => {
    const j = JSON.parse((await cli("simulate", "coalition-chn-rus-irn", "--format", "json")).stdout);
    const ge = j.minerals.find((m: { id: string }) => m.id === "germanium");
    const gx = j.excluded.find((m: { id: string }) => m.id === "germanium");
    if (ge) expect(ge.metrics.totalShortfall).toBeGreaterThan(0);
    else expect(gx.shortfall).toBeNull();
    for (const x of j.excluded) if ("shortfall" in x) expect(x.shortfall).toBeNull();
    const t = (await cli("simulate", "coalition-chn-rus-irn")).stdout.replace(/\n {2,}/g, " "); // notes wrap at 120 columns
    expect(t).toMatch(/note: germanium: exposure: world has no country shares.*US import shares/);
    expect(t).toMatch(/note: antimony: .*World total below the sum of countries: shares of the sum/);
    expect(t).toMatch(/note: mica: restricted country CHN \(NA\).*lower bound/);
  });

  it("exits 2 on too many runs, an unknown scenario and a bad flag", async () => {
    const runs = await cli("simulate", "antimony-2024", "--runs", "1000000000");
    expect(runs.status).toBe(2);
    expect(runs.stderr).toMatch(/runs.*too many/);
    const missing = await cli("simulate", "antimony-2042");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/did you mean: antimony-2024/);
    expect((await cli("simulate", "antimony-2024", "--format", "xml")).status).toBe(2);
    expect((await cli("simulate", "antimony-2024", "--seed", "3")).status).toBe(2);
  });
});

describe("lodestone simulate: the price path and the loss of the shortfall", () => {
  const json = async (...args: string[]) => {
    const r = await cli("simulate", ...args, "--format", "json");
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };

  it("JSON: price.monthly in USD/t, lossUsd at least the pre-crisis value, the peak multiple at most the cap, the marks (shipped market)", async () => {
    const a = await json("antimony-2024");
    expect(a.market.file).toBe("assumptions/market.yaml");
    const m = a.minerals[0];
    expect(m.price.unit).toBe("USD/t");
    expect(m.price.monthly).toHaveLength(36);
    const p0 = m.inputs.price.value;
    const { elasticity, chokeMultiple, essentiality } = m.market;
    // month 1 recomputed from the run's demand and shortfall
    const x = m.shortfall[0] / m.demand[0];
    expect(m.price.monthly[0]).toBeCloseTo(p0 * Math.min(chokeMultiple.value, (1 - x) ** (1 / elasticity.value)), 6);
    for (const p of m.price.monthly) expect(p).toBeGreaterThanOrEqual(p0);
    // the curve's slope is ≥ 1 (× P0), so the loss is at least the tons at the pre-crisis price
    expect(m.metrics.lossUsd).toBeGreaterThanOrEqual(m.metrics.shortfallValueUsd);
    expect(m.metrics.lossUsd).toBeCloseTo(
      m.loss.monthly.reduce((s: number, v: number) => s + v, 0),
      0,
    );
    expect(m.metrics.peakPriceMultiple).toBeGreaterThan(1);
    expect(m.metrics.peakPriceMultiple).toBeLessThanOrEqual(chokeMultiple.value);
    // the deterministic 2024 episode peaks at the recorded ×3.5 (antimony's calibrated ε), not at the ×10 cap
    expect(m.metrics.peakPriceMultiple).toBeCloseTo(3.5, 1);
    for (const p of [elasticity, chokeMultiple, essentiality]) {
      expect(p.at).toMatch(/^assumptions\/market\.yaml:\d+$/);
      expect(Boolean(p.judgement) || Boolean(p.source)).toBe(true);
      expect(p.range).toHaveLength(2);
    }
    expect(a.semantics.join("\n")).toMatch(/lossUsd = Σ_t loss_t/);
    expect(a.notes.join("\n")).toMatch(/consumer surplus lost.*antimony: ε -?\d/);
  });

  it("CSV: the loss per mineral beside the pre-crisis value; --monthly has the monthly price", async () => {
    const c = (await cli("simulate", "antimony-2024", "--format", "csv")).stdout.split("\r\n");
    const head = c[0].split(",");
    const row = c[1].split(",");
    const value = Number(row[head.indexOf("pre-crisis value US$ M")]);
    const loss = Number(row[head.indexOf("loss US$ M")]);
    expect(loss).toBeGreaterThanOrEqual(value);
    expect(Number(row[head.indexOf("peak price ×P0")])).toBeLessThanOrEqual(10);
    const m = (await cli("simulate", "antimony-2024", "--format", "csv", "--monthly")).stdout.split("\r\n");
    const mh = m[0].split(",");
    const a = (await json("antimony-2024")).minerals[0];
    expect(Number(m[1].split(",")[mh.indexOf("price")])).toBeCloseTo(a.price.monthly[0], 6);
  });

  it("table: a loss column and the peak price multiple, within 120 columns, and the note on what the loss is", async () => {
    const t = await cli("simulate", "antimony-2024");
    expect(t.stdout).toMatch(/^mineral .*P0 US\$ M {2}loss US\$ M {2}peak % +×P0/m);
    for (const line of t.stdout.split("\n")) expect([...line].length).toBeLessThanOrEqual(120);
    expect(t.stdout.replace(/\n {2,}/g, " ")).toMatch(/note: loss: the area under the short-run demand curve over the missing tons \(consumer surplus lost\)/);
  });

  it("Monte Carlo: price bands, the loss distribution and the total loss", async () => {
    const a = await json("antimony-2024", "--runs", "200", "--seed", "3");
    const m = a.minerals[0];
    expect(m.price.unit).toBe("USD/t");
    for (const q of ["p10", "p50", "p90"]) expect(m.price.monthly[q]).toHaveLength(36);
    for (let t = 0; t < 36; t++) {
      expect(m.price.monthly.p10[t]).toBeLessThanOrEqual(m.price.monthly.p50[t]);
      expect(m.price.monthly.p50[t]).toBeLessThanOrEqual(m.price.monthly.p90[t]);
    }
    for (const q of ["p10", "p50", "p90", "mean"]) expect(m.lossUsd[q]).toBeGreaterThanOrEqual(m.shortfallValueUsd[q]);
    expect(m.peakPriceMultiple.max).toBeLessThanOrEqual(m.market.chokeMultiple.value);
    expect(a.total.lossUsd.p50).toBeCloseTo(m.lossUsd.p50, 6);
    const c = (await cli("simulate", "antimony-2024", "--runs", "200", "--format", "csv", "--monthly")).stdout.split("\r\n")[0];
    expect(c).toMatch(/,price_p10,price_p50,price_p90$/);
    const t = (await cli("simulate", "antimony-2024", "--runs", "200")).stdout;
    expect(t).toMatch(/^total loss of the shortfall US\$ M: P10 /m);
  });

  it("--market none uses the built-in defaults (MARKET_DEFAULTS); a file of its own is read and cited", async () => {
    const none = (await json("antimony-2024", "--market", "none")).minerals[0];
    expect(none.market.elasticity).toMatchObject({ value: MARKET_DEFAULTS.elasticity, at: "src/economics/defaults.ts:11" });
    expect(none.market.chokeMultiple.value).toBe(MARKET_DEFAULTS.chokeMultiple);
    const shipped = (await json("antimony-2024")).minerals[0];
    expect(shipped.market.elasticity.value).not.toBe(MARKET_DEFAULTS.elasticity); // antimony has its own ε in the shipped file
    expect(none.metrics.lossUsd).not.toBeCloseTo(shipped.metrics.lossUsd, 0);
    const f = file("market.yaml", 'version: 1\nminerals:\n  - mineral: antimony\n    choke_multiple: { value: 3, range: [2, 30], judgement: "a test cap" }\n');
    const own = (await json("antimony-2024", "--market", f)).minerals[0];
    expect(own.market.chokeMultiple).toMatchObject({ value: 3, judgement: "a test cap" });
    expect(own.market.chokeMultiple.at).toMatch(/market\.yaml:4$/);
    expect(own.metrics.peakPriceMultiple).toBeLessThanOrEqual(3);
    expect(Math.max(...own.price.monthly)).toBeCloseTo(3 * own.inputs.price.value, 6);
  });

  it("a bad --market path exits 2 naming the file", async () => {
    const missing = join(dir, "no-such-market.yaml");
    for (const extra of [[], ["--runs", "10"]]) {
      const r = await cli("simulate", "antimony-2024", "--market", missing, ...extra);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("no-such-market.yaml");
      expect(r.stdout).toBe("");
    }
    const bad = await cli(
      "simulate",
      "antimony-2024",
      "--market",
      file("bad-market.yaml", "version: 1\ndefaults:\n  elasticity: { value: 0.2, range: [0.1, 0.3], judgement: x }\n"),
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/bad-market\.yaml:3: .*elasticity/);
  });
});
