import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MARKET_DEFAULTS } from "../../src/economics/defaults.js";
import { lossSegments, pwlLoss } from "../../src/economics/loss.js";
import {
  addRamp,
  balance,
  compileScenario,
  createPlanner,
  loadHighsSolver,
  type PlanResult,
  type PlanScenario,
  type Project,
  planScenarios,
} from "../../src/internal.js";
import { loadDataset } from "../../src/io/dataset.js";
import { readProjects } from "../../src/io/projects-file.js";
import { listScenarioFiles, loadScenario } from "../../src/io/scenario-file.js";

const dataset = loadDataset();
const projects = readProjects(new URL("../../projects/us-candidates.yaml", import.meta.url).pathname, dataset);

/**
 * Feed the plan back into the simulator's own monthly balance: stock_1 + buy, supply plus the
 * funded projects' ramps, and return Σ_s π_s Σ_t shortfall per mineral, and the lowest stock seen.
 */
function replayWithSimulator(plan: PlanResult, scenarios: readonly PlanScenario[], projects: readonly Project[]) {
  const total = Math.max(
    1,
    scenarios.reduce((a, s) => a + s.weight, 0),
  );
  const short = new Map<string, number>();
  const greedyLoss = new Map<string, number>();
  let minStock = Infinity;
  for (const m of plan.minerals) {
    let e = 0;
    let l = 0;
    const mm = plan.minerals.find((x) => x.id === m.id)!;
    const segs = lossSegments(MARKET_DEFAULTS.elasticity, MARKET_DEFAULTS.chokeMultiple);
    for (const s of scenarios) {
      const row = s.minerals.find((x) => x.id === m.id);
      if (!row) continue;
      const supply = Float64Array.from(row.supply);
      plan.projects.forEach((j, _n) => {
        const p = projects.find((q) => q.id === j.id)!;
        if (p.mineral === m.id && j.fund > 0) addRamp(supply, p.tonsPerYear, p.onlineMonth, p.rampMonths, j.fund * (s.projectScale?.[p.id] ?? p.probability));
      });
      const H = s.horizon;
      const [release, shortfall, stock] = [new Float64Array(H), new Float64Array(H), new Float64Array(H)];
      e += (s.weight / total) * balance(row.demand, supply, row.stock1 + m.buyTons, release, shortfall, stock);
      // the loss of the simulator's first-come release, month by month on the same piecewise-linear curve
      for (let t = 0; t < H; t++) if (row.demand[t] > 0) l += (s.weight / total) * mm.price * row.demand[t] * pwlLoss(shortfall[t] / row.demand[t], segs);
      minStock = Math.min(minStock, ...stock);
    }
    short.set(m.id, e);
    greedyLoss.set(m.id, l);
  }
  return { short, greedyLoss, minStock };
}

function checkPlan(plan: PlanResult, scenarios: readonly PlanScenario[], label: string) {
  expect(plan.status, label).toBe("optimal");
  // budget respected, recomputed from the decisions
  const spent = plan.minerals.reduce((a, m) => a + m.buyTons * m.unitCost, 0) + plan.projects.reduce((a, j) => a + j.fund * j.capex, 0);
  expect(spent, label).toBeLessThanOrEqual(plan.budget * (1 + 1e-9) + 1e-6);
  for (const m of plan.minerals) {
    expect(m.buyTons, `${label} ${m.id}`).toBeGreaterThanOrEqual(0);
    if (m.cap !== null) expect(m.buyTons, `${label} ${m.id} cap`).toBeLessThanOrEqual(m.cap * (1 + 1e-9));
  }
  const { short, greedyLoss, minStock } = replayWithSimulator(plan, scenarios, projects);
  expect(minStock, label).toBeGreaterThanOrEqual(0);
  for (const m of plan.minerals) {
    const sim = short.get(m.id)!;
    expect(Math.abs(sim - m.shortfallAfter), `${label} ${m.id}: simulator ${sim} vs plan ${m.shortfallAfter}`).toBeLessThanOrEqual(1e-6 * Math.max(1, sim));
  }
  // the same tons short, rationed to the dearest months: never a larger loss than the simulator's first-come release
  for (const m of plan.minerals) {
    const g = greedyLoss.get(m.id)!;
    expect(m.valueAfter, `${label} ${m.id}: rationed loss ${m.valueAfter} vs first-come ${g}`).toBeLessThanOrEqual(g * (1 + 1e-9) + 1e-6);
  }
}

describe("invariants recomputed from the plan's outputs", () => {
  it("the simulator's total shortfall from stock S is (G − S)^+, G the total gap (the fast path's premise)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 20, noNaN: true }), { minLength: 1, maxLength: 24 }),
        fc.array(fc.double({ min: 0, max: 20, noNaN: true }), { minLength: 24, maxLength: 24 }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        (demand, supply, S) => {
          const H = demand.length;
          const d = Float64Array.from(demand);
          const s = Float64Array.from(supply.slice(0, H));
          const G = demand.reduce((a, x, t) => a + Math.max(0, x - s[t] > 1e-9 * x ? x - s[t] : 0), 0);
          const total = balance(d, s, S, new Float64Array(H), new Float64Array(H), new Float64Array(H));
          expect(total).toBeCloseTo(Math.max(0, G - S), 9);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  for (const solver of ["fast", "highs"] as const) {
    it(`${solver}: every built-in scenario with projects: budget kept, stock ≥ 0, simulator shortfall = plan shortfall`, async () => {
      const files = listScenarioFiles().map((f) => ({ compiled: compileScenario(loadScenario(f, dataset), dataset) }));
      const set = planScenarios(files, dataset, { projects });
      const planner = await createPlanner(
        { scenarios: set.scenarios, economics: set.economics, projects, options: { budget: 12e9, solver } },
        await loadHighsSolver(),
      );
      for (const budget of [0, 2e9, 12e9]) checkPlan(planner.solve(budget), set.scenarios, `${solver} @ ${budget}`);
    });
  }

  it("Monte Carlo draws (projects drawn yes/no): HiGHS never releases more than the stock and matches the simulator", async () => {
    const f = listScenarioFiles()[0];
    const set = planScenarios([{ compiled: compileScenario(loadScenario(f, dataset), dataset) }], dataset, { runs: 20, seed: 3, projects });
    const planner = await createPlanner(
      { scenarios: set.scenarios, economics: set.economics, projects, options: { budget: 6e9, solver: "highs" } },
      await loadHighsSolver(),
    );
    const plan = planner.solve(6e9);
    checkPlan(plan, set.scenarios, "mc");
    const { model } = planner.model();
    const highs = await loadHighsSolver();
    const out = highs.solve(model);
    // Σ_t release ≤ stock1 + buy in every block, and nothing negative
    const released = new Map<string, number>();
    model.colNames.forEach((n, j) => {
      if (!n.startsWith("release.") && !n.startsWith("short.")) return;
      expect(out.x[j], n).toBeGreaterThanOrEqual(-1e-7);
      if (n.startsWith("release.")) {
        const key = n.split(".").slice(1, 3).join(".");
        released.set(key, (released.get(key) ?? 0) + out.x[j]);
      }
    });
    expect(released.size).toBeGreaterThan(0);
    for (const [key, r] of released) {
      const [id, s] = key.split(".");
      const sc = set.scenarios[Number(s.slice(1)) - 1];
      const stock1 = sc.minerals.find((x) => x.id === id)?.stock1 ?? 0;
      const buy = out.x[model.colNames.indexOf(`buy.${id}`)];
      expect(r, key).toBeLessThanOrEqual(stock1 + buy + 1e-6 * Math.max(1, stock1 + buy));
    }
  });
});
