import { describe, expect, it } from "vitest";
import { importanceOf, riskTable } from "../../src/index.js";
import { loadAssumptions } from "../../src/io/assumptions-file.js";
import { loadDataset } from "../../src/io/dataset.js";
import { call, testApp } from "../api/helpers.js";
import { cli, mineralOf } from "../helpers.js";

/*
 * Risk importance (US consumption × price, the matrix's other axis) stands on the same figures as
 * simulate and plan: the consumption baseline (default mean:3, the last three reported years), the
 * price converted to the quantity basis (PRICE_BASIS), and the assumed consumption or price where
 * USGS withholds it (marked). Values worked by hand from the MCS 2026 cells.
 */

const d = loadDataset();
const shipped = loadAssumptions(undefined, d);
const json = async (args: string[]) => {
  const r = await cli([...args, "--format", "json"]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};
type Row = { id: string; importanceUsd: number | null; importanceBaseline: string | null; assumed?: Record<string, { at: { row: number } }> };
const row = (j: { ranking: Row[] }, id: string) => j.ranking.find((r) => r.id === id)!;

describe("importance on the baseline of simulate and plan", () => {
  it("rare earths, public data only: mean of 2022–24 (10,200 + 8,600 + 9,010) / 3 = 9,270 t × NdPr 69,000 US$/t = 639,630,000, not the 2025e 27,000 t", () => {
    const i = importanceOf(mineralOf(d, "rare-earths"), { dataset: d });
    expect(i.ok && i.consumption).toBe(9270);
    expect(i.ok && i.price).toBe(69000);
    expect(i.ok && i.value).toBe(639_630_000);
    expect(i.ok && i.baseline).toMatchObject({ rule: "mean:3", label: "mean of 2022, 2023, 2024" });
    // --baseline latest gives the old figure: 27,000 t × 69,000 = 1,863,000,000
    const latest = importanceOf(mineralOf(d, "rare-earths"), { baseline: { kind: "latest" }, dataset: d });
    expect(latest.ok && latest.value).toBe(1_863_000_000);
  });

  it("rare earths with the shipped assumptions: the rest once NdPr (1,607 t) and Dy (63 t) are out, 9,270 − 1,670 = 7,600 t × mischmetal 5,620 = 42,712,000", () => {
    const i = importanceOf(mineralOf(d, "rare-earths"), { assumptions: shipped, dataset: d });
    expect(i.ok && i.consumption).toBeCloseTo(7600, 6);
    expect(i.ok && i.price).toBe(5620);
    expect(i.ok && Math.round(i.value)).toBe(42_712_000);
  });

  it("nickel: mean of 270,000, 238,000 and 211,000 t = 239,666.67 t × 15,000 US$/t = 3,595,000,000 (2025e 220,000 t left out)", () => {
    const i = importanceOf(mineralOf(d, "nickel"));
    expect(i.ok && Math.round(i.value)).toBe(3_595_000_000);
    expect(i.ok && i.caveats.join(" ")).toMatch(/latest 2025e \(220,000\) left out as an estimate/);
  });

  it("vanadium: the V2O5 price on vanadium content, 5.02 US$/lb = 11,067.2 US$/t V2O5 ÷ 0.5602 = 19,756.7 US$/t V, × 12,633.3 t = 249,593,058", () => {
    const i = importanceOf(mineralOf(d, "vanadium"));
    const perTonV2O5 = 5.02 / 0.45359237e-3;
    const factor = (2 * 50.942) / (2 * 50.942 + 5 * 15.999);
    expect(i.ok && i.price).toBeCloseTo(perTonV2O5 / factor, 6);
    expect(i.ok && i.consumption).toBeCloseTo((12700 + 14300 + 10900) / 3, 6);
    expect(i.ok && Math.round(i.value)).toBe(249_593_058);
    expect(i.ok && i.steps.find((s) => s.label === "price on the quantity basis")?.formula).toBe("11,067 US$/t ÷ 0.5602");
  });

  it("tungsten: the assumed 8,085 t W (USGS withholds it) × 38,000 US$/t WO3 ÷ 0.7930 = 47,921.05 US$/t W = 387,441,697, marked assumed", () => {
    const i = importanceOf(mineralOf(d, "tungsten"), { assumptions: shipped, dataset: d });
    expect(i.ok && i.price).toBeCloseTo(38000 / (183.84 / (183.84 + 3 * 15.999)), 6);
    expect(i.ok && Math.round(i.value)).toBe(387_441_697);
    expect(i.ok && i.assumed?.consumption?.at.file).toBe("assumptions/public-estimates.yaml");
    expect(i.ok && i.baseline.rule).toBe("assumed");
    // public data only: no importance, with the reason
    const none = importanceOf(mineralOf(d, "tungsten"));
    expect(none.ok).toBe(false);
    expect(!none.ok && none.reason).toMatch(/no US apparent consumption/);
  });
});

describe("lodestone risk states the baseline and marks assumed importance", () => {
  it("JSON: the baseline, each row's importance baseline, tungsten/lithium/NdPr/dysprosium placed in the matrix and marked assumed", async () => {
    const j = await json(["risk"]);
    expect(j.baseline).toMatchObject({ rule: "mean:3" });
    expect(j.options.baseline).toEqual({ kind: "mean", years: 3 });
    expect(row(j, "nickel").importanceUsd).toBe(3_595_000_000);
    expect(row(j, "nickel").importanceBaseline).toBe("mean:3: mean of 2022, 2023, 2024");
    expect(row(j, "tungsten").importanceUsd).toBe(387_441_697);
    // lithium: 3,000 t Li × 9,000 US$/t Li2CO3 ÷ (2 × 6.94 / 73.888) = 47,910.09 US$/t Li → 143,730,259
    expect(row(j, "lithium").importanceUsd).toBe(Math.round(3000 * (9000 / ((2 * 6.94) / (2 * 6.94 + 12.011 + 3 * 15.999)))));
    expect(row(j, "ndpr").importanceUsd).toBe(1607 * 69000);
    expect(row(j, "dysprosium").importanceUsd).toBe(63 * 239000);
    for (const id of ["tungsten", "lithium", "ndpr", "dysprosium"]) {
      expect(row(j, id).assumed?.consumption, id).toBeDefined();
      expect((row(j, id) as Row & { matrix: string | null }).matrix, id).not.toBeNull();
    }
    // --assumptions none keeps the public-data-only behaviour: no importance for them
    const none = await json(["risk", "--assumptions", "none"]);
    for (const id of ["tungsten", "lithium", "ndpr", "dysprosium"]) expect(row(none, id).importanceUsd, id).toBeNull();
    expect(row(none, "rare-earths").importanceUsd).toBe(639_630_000);
  });

  it("--baseline latest moves nickel to 220,000 t × 15,000 = 3,300,000,000; the table notes say which baseline", async () => {
    const j = await json(["risk", "--baseline", "latest"]);
    expect(j.baseline.rule).toBe("latest");
    expect(row(j, "nickel").importanceUsd).toBe(3_300_000_000);
    const t = await cli(["risk", "--top", "3"]);
    expect(t.stdout.replace(/\n\s+/g, " ")).toMatch(
      /importance \(US\$\/yr, the matrix's other axis\) = US consumption on baseline mean:3 \(mean of the last 3 reported/,
    );
    const csv = await cli(["risk", "--top", "200", "--format", "csv"]);
    expect(csv.stdout.split("\n")[0]).toContain("importance USD/yr,importance baseline");
  });

  it("--explain names the baseline, the years and the price conversion", async () => {
    const t = (await cli(["risk", "vanadium", "--explain"])).stdout.replace(/\n\s+/g, " ");
    expect(t).toMatch(/Consumption baseline \(importance\): mean:3, mean of 2022, 2023, 2024/);
    expect(t).toMatch(/consumption baseline = mean:3: 2024 12,700 t, 2023 14,300 t, 2022 10,900 t \(mean\)/);
    expect(t).toMatch(/price on the quantity basis = 11,067 US\$\/t ÷ 0\.5602 → 19757/);
    const e = await json(["risk", "vanadium", "--explain"]);
    expect(e.baseline).toMatchObject({ rule: "mean:3", label: "mean of 2022, 2023, 2024" });
  });

  it("a baseline year outside the data is refused, naming --baseline and the years available", async () => {
    for (const y of ["2030", "2019"]) {
      const r = await cli(["risk", "--baseline", y]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(`--baseline: ${y} is (after the last|before the first) year of US consumption in the data \\(years available: 2020–2025\\)`),
      );
    }
    expect((await cli(["risk", "--baseline", "mean:0"])).code).toBe(2);
  });

  it("riskTable's one-mineral form assesses against the whole dataset (rare earths less its parts, as in the ranking)", () => {
    const one = riskTable(d, { assumptions: shipped }, "rare-earths").minerals[0].importance;
    const all = riskTable(d, { assumptions: shipped }).minerals.find((m) => m.id === "rare-earths")!.importance;
    expect(one.ok && one.value).toBe(all.ok && all.value);
    expect(one.ok && Math.round(one.value)).toBe(42_712_000);
  });
});

describe("GET /risk takes baseline", () => {
  const { app } = testApp();
  it("baseline=latest: nickel 3,300,000,000 and the baseline stated; a bad baseline is 400 naming it", async () => {
    const r = await call(app, "GET", "/risk?baseline=latest");
    expect(r.status).toBe(200);
    expect(r.json.baseline.rule).toBe("latest");
    expect(r.json.ranking.find((x: Row) => x.id === "nickel").importanceUsd).toBe(3_300_000_000);
    const def = await call(app, "GET", "/risk");
    expect(def.json.ranking.find((x: Row) => x.id === "tungsten")).toMatchObject({ importanceUsd: 387_441_697, assumed: { consumption: expect.any(Object) } });
    const bad = await call(app, "GET", "/risk?baseline=2030");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toMatch(/2020–2025/);
    const one = await call(app, "GET", "/risk/nickel?baseline=latest&explain=true");
    expect(one.json.baseline.rule).toBe("latest");
  });
});
