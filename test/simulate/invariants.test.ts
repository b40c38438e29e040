import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { compileScenario, drawScenario, type SimulationResult, simulate } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { listScenarioFiles, loadScenario } from "../../src/io/scenario-file.js";

const dataset = loadDataset();
const files = listScenarioFiles();

/**
 * Recompute the simulator's invariants from the outputs alone: stock ≥ 0, release ≤ gap and ≤ stock,
 * supply + release + shortfall = demand when short, stock_{t+1} = stock_t − release_t, supply from its
 * parts, and stock_1 = final stock + Σ release. Violations are collected and asserted once (an
 * `expect` per mineral-month made this file take seconds), each naming the mineral, month and rule.
 */
function checkInvariants(r: SimulationResult): number {
  let checked = 0;
  const bad: string[] = [];
  const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol;
  for (const m of r.minerals) {
    const eps = 1e-9 * Math.max(1, m.d0, m.stock1);
    const rule = (ok: boolean, t: number, what: string) => {
      if (!ok) bad.push(`${m.id} month ${t + 1}: ${what}`);
    };
    let stock = m.stock1;
    let released = 0;
    for (let t = 0; t < r.scenario.horizon; t++) {
      const gap = Math.max(0, m.demand[t] - m.supply[t]);
      const tol = 1e-6 * Math.max(1, Math.abs(m.demand[t]));
      rule(m.stock[t] >= 0, t, "stock never negative");
      rule(m.release[t] <= gap + eps, t, "release ≤ gap");
      rule(m.release[t] <= stock + eps, t, "release ≤ stock available");
      rule(m.supply[t] + m.release[t] + m.shortfall[t] >= m.demand[t] - eps, t, "demand met or short");
      if (m.shortfall[t] > 0) {
        rule(close(m.supply[t] + m.release[t] + m.shortfall[t], m.demand[t], tol), t, "supply + release + shortfall = demand when short");
        rule(m.stock[t] <= eps, t, "short only when the stock is gone");
      }
      stock -= m.release[t];
      rule(Math.abs(m.stock[t] - stock) <= eps, t, "stock_{t+1} = stock_t − release_t");
      released += m.release[t];
      rule(close(m.supply[t], m.domestic + m.imports[t] + m.newSupply[t], tol), t, "supply = domestic + imports + new supply");
      rule(close(m.imports[t], m.d0 * m.r * (1 - m.disrupted[t]), tol), t, "imports = d0·r·(1 − φ)");
      checked++;
    }
    rule(
      Math.abs(m.stock1 - m.stock[r.scenario.horizon - 1] - released) <= eps * r.scenario.horizon,
      r.scenario.horizon - 1,
      "stock_1 = final stock + Σ release",
    );
    const total = Array.from(m.shortfall).reduce((a, x) => a + x, 0);
    rule(close(m.metrics.totalShortfall, total, 1e-6 * Math.max(1, total)), 0, "total shortfall = Σ monthly shortfall");
    const sectorTotal = m.sectors.reduce((a, s) => a + s.totalShortfall, 0);
    rule(close(sectorTotal, total, 1e-6 * Math.max(1, total)), 0, "Σ sector shortfall = total shortfall");
  }
  expect(bad).toEqual([]);
  return checked;
}

describe("invariants recomputed from outputs on every built-in scenario", () => {
  it("there are built-in scenarios", () => expect(files.length).toBeGreaterThanOrEqual(7));

  for (const f of files) {
    it(`${basename(f)}: deterministic run and 20 Monte Carlo draws keep every invariant`, () => {
      const c = compileScenario(loadScenario(f, dataset), dataset);
      expect(c.minerals.length).toBeGreaterThan(0);
      expect(checkInvariants(simulate(c))).toBe(c.minerals.length * c.horizon);
      for (let run = 0; run < 20; run++) checkInvariants(simulate(c, drawScenario(c, 2024, run)));
    });
  }

  it("built-in scenarios cite the T4 export-control table and mark judgement calls", async () => {
    const { readFileSync } = await import("node:fs");
    for (const f of files) {
      const s = loadScenario(f, dataset);
      expect(s.cites.length, f).toBeGreaterThan(0);
      // a file whose event is not an export control (Myanmar's output fall) says the table has no entry
      expect(s.cites.join(" "), f).toMatch(/MCS2026 T4 Country_Export_Control.*(line \d+|no entry)/);
      // every built-in file states its chance and why
      expect(s.probability?.why, f).toMatch(/JUDGEMENT/);
      expect(readFileSync(f, "utf8"), f).toMatch(/JUDGEMENT/);
    }
  });
});
