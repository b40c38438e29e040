import { describe, expect, it } from "vitest";
import { composite, importance, matrixCell, RISK_DEFAULTS } from "../../src/index.js";

const W = RISK_DEFAULTS.weights; // hhi 0.2, hhiWgi 0.3, nir 0.3, geopolrisk 0.2

describe("composite criticality", () => {
  it("weights four components: 0.2·0.5 + 0.3·0.4 + 0.3·1 + 0.2·0.2 = 0.56", () => {
    const r = composite({ hhi: { value: 0.5 }, hhiWgi: { value: 0.4 }, nir: { value: 1 }, geopolrisk: { value: 0.2 } }, W);
    expect(r.ok && r.value).toBeCloseTo(0.56, 12);
    expect(r.ok && r.coverage).toBe(1);
  });

  it("renormalises over the components it has and names the missing one", () => {
    const r = composite({ hhi: { value: 0.5 }, hhiWgi: { value: 0.4 }, nir: { value: 1 }, geopolrisk: { reason: "p withheld" } }, W);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value).toBeCloseTo(0.52 / 0.8, 12);
    expect(r.coverage).toBeCloseTo(0.8, 12);
    expect(r.missing).toEqual([{ component: "geopolrisk", reason: "p withheld" }]);
  });

  it("refuses when less than half the weight is available", () => {
    const r = composite({ hhi: { value: 0.5 }, hhiWgi: { reason: "a" }, nir: { reason: "b" }, geopolrisk: { value: 0.1 } }, W);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/40 %/);
  });

  it("takes user weights: all weight on NIR gives the IR itself", () => {
    const r = composite(
      { hhi: { value: 0.9 }, hhiWgi: { value: 0.9 }, nir: { value: 0.3 }, geopolrisk: { value: 0.9 } },
      { hhi: 0, hhiWgi: 0, nir: 1, geopolrisk: 0 },
    );
    expect(r.ok && r.value).toBeCloseTo(0.3, 12);
  });
});

describe("importance and the matrix", () => {
  it("importance = consumption × price", () => {
    const r = importance(1000, 25000);
    expect(r.ok && r.value).toBe(25_000_000);
    expect(importance(-1, 5).ok).toBe(false);
  });

  it("cuts risk into thirds and importance at US$100 million and US$1 billion", () => {
    expect(matrixCell(0.7, 2e9, RISK_DEFAULTS).cell).toBe("high risk × high importance");
    expect(matrixCell(0.2, 5e7, RISK_DEFAULTS).cell).toBe("low risk × low importance");
    expect(matrixCell(0.5, 1e8, RISK_DEFAULTS).cell).toBe("medium risk × medium importance");
  });
});
