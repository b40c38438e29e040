import type { MineralEconomics, PlanInput, PlanScenario, Project } from "../../src/index.js";

const f = (xs: number[]) => Float64Array.from(xs);

/**
 * Two minerals, two equally likely scenarios, three months, costs equal to prices (no premium,
 * no holding cost), no market limit:
 *   A (price 100): s1 gaps 0,6,4 with 2 t in stock → 8 t short; s2 gaps 0,0,10, no stock → 10 t short.
 *   B (price 50, value ×0.8 = 40/t): s1 gap 5 in month 1 → 5 t short; s2 none.
 * Value per dollar: A 1.0 for its first 8 t, then 0.5 for 2 t; B 0.5·40/50 = 0.4 for 5 t.
 */
export function handCase(budget: number, projects: Project[] = []): PlanInput {
  const scenarios: PlanScenario[] = [
    {
      id: "s1",
      weight: 0.5,
      horizon: 3,
      minerals: [
        { id: "a", stock1: 2, demand: f([10, 10, 10]), supply: f([10, 4, 6]) },
        { id: "b", stock1: 0, demand: f([10, 10, 10]), supply: f([5, 10, 12]) },
      ],
    },
    {
      id: "s2",
      weight: 0.5,
      horizon: 3,
      minerals: [
        { id: "a", stock1: 0, demand: f([10, 10, 10]), supply: f([10, 10, 0]) },
        { id: "b", stock1: 0, demand: f([10, 10, 10]), supply: f([10, 10, 10]) },
      ],
    },
  ];
  const economics: MineralEconomics[] = [
    { id: "a", price: 100, d0: 10, r: 0.5, worldProduction: null },
    { id: "b", price: 50, d0: 10, r: 1, worldProduction: null },
  ];
  return {
    scenarios,
    economics,
    projects,
    options: { budget, acquisitionPremium: 0, storageUsdPerTonYear: 0, loanRate: 0, valueMultiplierByMineral: { b: 0.8 } },
  };
}

/** A project adding 2 t/month of B from month 1, certain, for 30 USD. */
export const B_PROJECT: Project = {
  id: "b-mine",
  name: "B mine",
  mineral: "b",
  kind: "domestic-mine",
  tonsPerYear: 24,
  onlineMonth: 1,
  rampMonths: 0,
  probability: 1,
  capex: 30,
  assumption: true,
  why: "test",
};
