import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { band, concentration, hhi, rank, riskRow, riskTable } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { rawCell } from "../helpers.js";
import { mineral, prod } from "./fixtures.js";

const ok = <T extends { ok: boolean }>(m: T) => {
  if (!m.ok) throw new Error(`expected a value, got: ${(m as unknown as { reason: string }).reason}`);
  return m as Extract<T, { ok: true }>;
};

describe("hhi on hand-worked shares", () => {
  it("0.5, 0.3, 0.2 give 0.25 + 0.09 + 0.04 = 0.38 (3,800, highly concentrated)", () => {
    const r = ok(
      hhi([
        { id: "A", share: 0.5 },
        { id: "B", share: 0.3 },
        { id: "C", share: 0.2 },
      ]),
    );
    expect(r.value).toBeCloseTo(0.38, 12);
    expect(r.hhi10000).toBeCloseTo(3800, 8);
    expect(r.band).toBe("highly concentrated");
    expect(r.top1).toBe(0.5);
    expect(r.top1Id).toBe("A");
    expect(r.top3).toBeCloseTo(1, 12);
    expect(r.residual).toBe(0);
  });

  it("treats unassigned output as a residual: 0.6 and 0.2 give 0.40, upper bound 0.40 + 0.2² = 0.44", () => {
    const r = ok(
      hhi([
        { id: "A", share: 0.2 },
        { id: "B", share: 0.6 },
      ]),
    );
    expect(r.value).toBeCloseTo(0.4, 12);
    expect(r.residual).toBeCloseTo(0.2, 12);
    expect(r.upper).toBeCloseTo(0.44, 12);
    expect(r.top1Id).toBe("B");
    expect(r.caveats.join(" ")).toMatch(/lower bound/);
  });

  it("puts the DOJ/FTC band edges where the guidelines do", () => {
    expect(band(1499.99)).toBe("unconcentrated");
    expect(band(1500)).toBe("moderately concentrated");
    expect(band(2500)).toBe("moderately concentrated");
    expect(band(2500.01)).toBe("highly concentrated");
  });

  it("refuses empty or out-of-range shares instead of returning 0", () => {
    expect(hhi([]).ok).toBe(false);
    const bad = hhi([{ id: "A", share: 1.5 }]);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.reason).toMatch(/A/);
  });
});

describe("hhi properties", () => {
  const weights = fc.array(fc.double({ min: 0.001, max: 1000, noNaN: true }), { minLength: 1, maxLength: 30 });

  it("lies in [1/n, 1] for n producers whose shares cover all output", () => {
    fc.assert(
      fc.property(weights, (w) => {
        const sum = w.reduce((a, b) => a + b, 0);
        const r = ok(hhi(w.map((x, i) => ({ id: `P${i}`, share: x / sum }))));
        expect(r.value).toBeGreaterThanOrEqual(1 / w.length - 1e-12);
        expect(r.value).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });

  it("grows when one producer's share grows at a smaller one's expense", () => {
    fc.assert(
      fc.property(
        weights.filter((w) => w.length >= 2),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.nat(),
        fc.nat(),
        (w, frac, a, b) => {
          const sum = w.reduce((x, y) => x + y, 0);
          const s = w.map((x) => x / sum);
          let i = a % s.length;
          let j = b % s.length;
          if (i === j) j = (j + 1) % s.length;
          if (s[i] < s[j]) [i, j] = [j, i]; // i the larger (or equal) producer, j the smaller
          const delta = s[j] * frac;
          fc.pre(delta >= 1e-6); // smaller moves vanish in floating point next to HHI ≈ 1
          const t = [...s];
          t[i] += delta;
          t[j] -= delta;
          const before = ok(hhi(s.map((x, k) => ({ id: `P${k}`, share: x })))).value;
          const after = ok(hhi(t.map((x, k) => ({ id: `P${k}`, share: x })))).value;
          // Δ = 2δ(s_i − s_j) + 2δ² > 0
          expect(after - before).toBeCloseTo(2 * delta * (s[i] - s[j]) + 2 * delta * delta, 9);
          expect(after).toBeGreaterThan(before);
        },
      ),
    );
  });
});

describe("concentration of a mineral's production tables", () => {
  it("takes shares of the World total and leaves Other countries out of Σs²", () => {
    const m = mineral("x", { production: [prod("CHN", 60), prod("AUS", 30), prod("OTHER", 10), prod("WORLD", 100)] });
    const r = ok(concentration(m).best);
    expect(r.value).toBeCloseTo(0.36 + 0.09, 12);
    expect(r.residual).toBeCloseTo(0.1, 12);
    expect(r.caveats.join(" ")).toMatch(/Other countries/);
  });

  it("lists a withheld producer and computes a lower bound when the World total is published", () => {
    const m = mineral("x", { production: [prod("CHN", 50), prod("USA", null), prod("WORLD", 100)] });
    const r = ok(concentration(m).best);
    expect(r.value).toBeCloseTo(0.25, 12);
    expect(r.upper).toBeCloseTo(0.5, 12);
    expect(r.caveats.join(" ")).toMatch(/USA \(W\)/);
  });

  it("refuses shares of a partial sum: no World total and a withheld producer", () => {
    const m = mineral("x", { production: [prod("CHN", 50), prod("AUS", 20), prod("USA", null)] });
    const r = concentration(m).best;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/USA is "W"/);
  });

  it("says there is no production data rather than returning 0", () => {
    const r = concentration(mineral("x")).best;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/no numeric production/);
  });

  it("reports each stage and picks the most concentrated one as the bottleneck", () => {
    const m = mineral("x", {
      production: [
        prod("CHN", 50, "mine"),
        prod("AUS", 50, "mine"),
        prod("WORLD", 100, "mine"),
        prod("CHN", 90, "refinery"),
        prod("JPN", 10, "refinery"),
        prod("WORLD", 100, "refinery"),
      ],
    });
    const c = concentration(m);
    expect(c.all.map((x) => x.stage)).toEqual(["mine", "refinery"]);
    expect(c.best.stage).toBe("refinery");
    expect(ok(c.best).value).toBeCloseTo(0.82, 12);
    expect(ok(concentration(m, "mine").best).value).toBeCloseTo(0.5, 12);
    expect(concentration(m, "smelter").best.ok).toBe(false);
  });
});

describe("concentration on the embedded data", () => {
  const d = loadDataset();
  const table = riskTable(d);
  // minerals whose production shares are a group's stand-in (dysprosium: rare earths') are not ranked twice here
  const byHhi = rank(table.minerals, "hhi").filter((r) => r.hhi.ok && !r.standIns.some((x) => x.startsWith("production")));

  it("ranks gallium and rare earths among the most concentrated minerals", () => {
    const pos = (id: string) => byHhi.findIndex((r) => r.id === id);
    expect(pos("gallium")).toBeGreaterThanOrEqual(0);
    expect(pos("gallium")).toBeLessThan(3);
    expect(pos("rare-earths")).toBeGreaterThanOrEqual(0);
    expect(pos("rare-earths")).toBeLessThan(byHhi.length / 4);
    const re = ok(table.minerals.find((r) => r.id === "rare-earths")!.hhi);
    expect(re.top1Id).toBe("CHN");
    expect(re.band).toBe("highly concentrated");
  });

  it("germanium has no HHI, and says why", () => {
    const g = table.minerals.find((r) => r.id === "germanium")!.hhi;
    expect(g.ok).toBe(false);
    expect(!g.ok && g.reason).toMatch(/germanium: the dataset has no numeric production/);
  });

  it("uses production figures that match the source CSV cell they cite", () => {
    const g = ok(table.minerals.find((r) => r.id === "gallium")!.hhi);
    const chn = g.inputs.find((i) => i.name === "production CHN")!;
    expect(chn.source).toBeDefined();
    const { file, row, column } = chn.source!;
    expect(rawCell(file, row, column)).toBe(chn.raw);
    expect(Number(chn.raw!.replace(/,/g, "")) / 1000).toBe(chn.value); // kilograms → t
  });

  it("gallium: HHI 0.98035 worked by hand from the 2025 primary rows (shares of the 909 t sum, not the rounded 900 t total)", () => {
    const F = "usgs-mcs2026/MCS2026_Commodities_Data.csv";
    expect([2557, 2558, 2559, 2561].map((r) => `${rawCell(F, r, "Country")} ${rawCell(F, r, "Value")} ${rawCell(F, r, "Unit")}`)).toEqual([
      "China 900,000 kilograms",
      "Japan 3,000 kilograms",
      "Russia 6,000 kilograms",
      "World total 900,000 kilograms",
    ]);
    // 900 + 3 + 6 = 909 t > the rounded World total 900 t, so shares are of 909 t:
    // HHI = (900² + 3² + 6²) / 909² = (810,000 + 9 + 36) / 826,281 = 810,045 / 826,281 = 0.9803505
    const g = ok(table.minerals.find((r) => r.id === "gallium")!.hhi);
    expect(g).toMatchObject({ stage: "primary", year: 2025, top1Id: "CHN" });
    expect(g.value).toBeCloseTo(0.9803505, 7);
    expect(g.top1).toBeCloseTo(0.990099, 6); // 900 / 909
    expect(g.residual).toBeCloseTo(0, 12);
  });

  it("niobium: HHI 0.86520 worked by hand from the 2025 mine rows (shares of the World total)", () => {
    const F = "usgs-mcs2026/MCS2026_Commodities_Data.csv";
    expect(Array.from({ length: 9 }, (_, i) => 5147 + i).map((r) => `${rawCell(F, r, "Country")} ${rawCell(F, r, "Value")}`)).toEqual([
      "United States —",
      "Brazil 104,000",
      "Canada 6,000",
      "China 40",
      "Congo (Kinshasa) 970",
      "Russia 300",
      "Rwanda 200",
      "Other countries 120",
      "World total 112,000",
    ]);
    // 104,000 + 6,000 + 40 + 970 + 300 + 200 + 120 (Other) = 111,630 t ≤ 112,000 t, so shares are of
    // the World total. In tens of tons: Σ t² = 10,400² + 600² + 4² + 97² + 30² + 20²
    //   = 108,160,000 + 360,000 + 16 + 9,409 + 900 + 400 = 108,530,725; 11,200² = 125,440,000
    // HHI = 108,530,725 / 125,440,000 = 0.8652003; Brazil 104,000 / 112,000 = 0.9285714;
    // unassigned (Other + rounding) 1 − (111,510 / 112,000) = 490 / 112,000 = 0.004375
    const nb = ok(table.minerals.find((r) => r.id === "niobium")!.hhi);
    expect(nb).toMatchObject({ stage: "mine", year: 2025, top1Id: "BRA", band: "highly concentrated" });
    expect(nb.value).toBeCloseTo(0.8652003, 7);
    expect(nb.top1).toBeCloseTo(0.9285714, 7);
    expect(nb.residual).toBeCloseTo(0.004375, 9);
  });
});

describe("a mineral split out of a chapter says which tables are its group's stand-ins", () => {
  const table = riskTable(loadDataset());
  const row = (id: string) => table.minerals.find((r) => r.id === id)!;
  it("dysprosium: rare earths' mine shares and the heavy rare earths' NIR; palladium: none", () => {
    expect(row("dysprosium").standIns).toEqual(["production shares of rare-earths", "NIR of rare-earths-heavy"]);
    expect(row("ndpr").standIns).toEqual(["production shares of rare-earths", "import shares of rare-earths", "NIR of rare-earths"]);
    expect(row("rhodium").standIns).toEqual(["production shares of platinum"]);
    expect(row("palladium").standIns).toEqual([]);
    expect(riskRow(row("dysprosium"), "composite", 1).note).toMatch(
      /stand-in: production shares of rare-earths, NIR of rare-earths-heavy \(USGS gives none of its own\)/,
    );
  });
});
