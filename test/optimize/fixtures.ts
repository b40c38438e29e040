import fc from "fast-check";
import type { MarketParams, MineralEconomics, PlanInput, PlanOptions, PlanScenario, Project } from "../../src/index.js";

const f = (xs: number[]) => Float64Array.from(xs);

/**
 * Market parameters that make the loss linear (choke multiple 1: the price never rises, a ton short
 * costs its price × multiplier) and stock worthless at the end (haircut 1), with no storage: the
 * hand case's arithmetic stays in whole numbers.
 */
export const LINEAR: MarketParams = {
  elasticity: -0.1,
  chokeMultiple: 1,
  essentiality: 1,
  resaleHaircut: 1,
  storageUsdPerTonYear: 0,
  storageShareOfValuePerYear: 0,
  impact: 0,
};

/**
 * Two minerals, two equally likely scenarios (π 0.5 each, so a disruption is certain), three months,
 * costs equal to prices (no premium, no holding cost, no resale), linear loss, no market limit:
 *   A (price 100, loss ×3 = 300/t): s1 gaps 0,6,4 with 2 t in stock → 8 t short; s2 gaps 0,0,10, no stock → 10 t short.
 *   B (price 50, loss ×2.4 = 120/t): s1 gap 5 in month 1 → 5 t short; s2 none.
 * Net saving per dollar: A (300 − 100)/100 = 2.0 for its first 8 t, then (150 − 100)/100 = 0.5 for 2 t;
 * B (0.5·120 − 50)/50 = 0.2 for 5 t.
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
    { id: "a", price: 100, d0: 10, r: 0.5, worldProduction: null, market: LINEAR },
    { id: "b", price: 50, d0: 10, r: 1, worldProduction: null, market: LINEAR },
  ];
  return {
    scenarios,
    economics,
    projects,
    options: { budget, acquisitionPremium: 0, storageUsdPerTonYear: 0, loanRate: 0, valueMultiplier: 3, valueMultiplierByMineral: { b: 2.4 } },
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

/** A seeded linear congruential generator in [0, 1): the random instances' own stream (fast-check draws the seed). */
export function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

/** A random scenario for the property tests: demand 10 t a month, supply 10 − up to `drop`, stock 0 or up to `stock`. */
export function randomScenario(
  rnd: () => number,
  ids: readonly string[],
  id: string,
  weight: number,
  horizon: number,
  drop: number,
  stock: number,
): PlanScenario {
  return {
    id,
    weight,
    horizon,
    minerals: ids.map((m) => ({
      id: m,
      stock1: rnd() < 0.5 ? 0 : Math.round(rnd() * stock),
      demand: new Float64Array(horizon).fill(10),
      supply: Float64Array.from({ length: horizon }, () => 10 - rnd() * drop),
    })),
  };
}

/**
 * A random two-mineral schedule for the property tests: three random scenarios, prices, world
 * supply and market parameters drawn from `seed`; `onset(rnd)` gives the plan's onset setting.
 */
export function randomSchedule(
  k: { seed: number; years: number; budget: number; loan: number; spendAll: boolean },
  onset: (rnd: () => number) => PlanInput["options"]["onset"],
): PlanInput {
  const rnd = lcg(k.seed);
  const ids = ["a", "b"];
  return {
    scenarios: [0, 1, 2].map((si) => randomScenario(rnd, ids, `s${si}`, 0.05 + rnd() * 0.3, 12, 6, 10)),
    economics: ids.map((id) => ({
      id,
      price: 10 + Math.round(rnd() * 400),
      d0: 10,
      r: 1,
      worldProduction: 100 + rnd() * 300,
      market: { ...LINEAR, chokeMultiple: 2 + rnd() * 10, essentiality: 1, resaleHaircut: rnd() * 0.3, storageUsdPerTonYear: rnd() * 10, impact: rnd() * 3 },
    })),
    options: {
      budget: k.budget,
      years: k.years,
      horizonYears: 5,
      loanRate: k.loan,
      onset: onset(rnd),
      ...(k.spendAll ? { spendAll: true } : {}),
    },
  };
}

/**
 * The schedule tests' one mineral: US$ 100/t, world supply 100 t a year (a year's purchase capped at
 * 20 %, λ = 1: q tons in a year cost 100·q·(1 + q/200), 10 t cost 1,050, 20 t 2,200), a certain
 * one-year scenario 20 t short in all (2 t a month for 10 months of 10), a linear loss of 300 USD a
 * ton (choke 1, essentiality 3), no premium, holding cost or resale.
 */
export const SCHEDULE_MARKET: MarketParams = { ...LINEAR, essentiality: 3, impact: 1 };
export const oneScheduleMineral = (budget: number, years: number, onset: PlanOptions["onset"], loanRate = 0): PlanInput => ({
  scenarios: [
    {
      id: "s",
      weight: 1,
      horizon: 12,
      minerals: [{ id: "m", stock1: 0, demand: new Float64Array(12).fill(10), supply: Float64Array.from([...new Array(10).fill(8), 10, 10]) }],
    },
  ],
  economics: [{ id: "m", price: 100, d0: 10, r: 1, worldProduction: 100, market: SCHEDULE_MARKET }],
  options: { budget, acquisitionPremium: 0, storageUsdPerTonYear: 0, loanRate, marketShare: 0.2, years, horizonYears: 5, onset },
});

/**
 * A random small plan: 1–3 minerals, 1–4 scenarios (probabilities summing to at most 1, sometimes
 * less), 1–6 months, 0–3 all-or-nothing projects, random demand curves (ε, choke), haircuts, storage
 * and market impact, and sometimes --spend-all.
 */
export const randomPlan = fc
  .record({
    minerals: fc.integer({ min: 1, max: 3 }),
    scenarios: fc.integer({ min: 1, max: 4 }),
    horizon: fc.integer({ min: 1, max: 6 }),
    seed: fc.integer({ min: 0, max: 1e9 }),
    projects: fc.integer({ min: 0, max: 3 }),
    budgetShare: fc.double({ min: 0, max: 1.2, noNaN: true }),
    floors: fc.boolean(),
    spendAll: fc.boolean(),
    certain: fc.boolean(),
  })
  .map((k): PlanInput => {
    const rnd = lcg(k.seed);
    const ids = Array.from({ length: k.minerals }, (_, i) => `m-${i}`);
    const economics: MineralEconomics[] = ids.map((id) => ({
      id,
      price: Math.round(10 + rnd() * 1000),
      d0: 10,
      r: 0.2 + rnd() * 0.8,
      worldProduction: rnd() < 0.5 ? null : 50 + rnd() * 500,
      market: {
        elasticity: -(0.05 + rnd() * 0.3),
        chokeMultiple: 1.5 + rnd() * 20,
        essentiality: 1 + Math.floor(rnd() * 3),
        resaleHaircut: rnd() * 0.5,
        storageUsdPerTonYear: rnd() * 50,
        storageShareOfValuePerYear: rnd() * 0.01,
        impact: rnd() < 0.3 ? 0 : rnd() * 3,
      },
    }));
    const scenarios: PlanScenario[] = Array.from({ length: k.scenarios }, (_, si) => ({
      id: `s${si}`,
      // with "certain" the weights are rescaled to 1; else they are probabilities summing to at most 1
      weight: k.certain ? 0.1 + rnd() : (0.1 + rnd() * 0.9) / k.scenarios,
      horizon: k.horizon,
      minerals: ids.map((id) => ({
        id,
        stock1: rnd() < 0.5 ? 0 : Math.round(rnd() * 40),
        demand: Float64Array.from({ length: k.horizon }, () => 10),
        supply: Float64Array.from({ length: k.horizon }, () => (rnd() < 0.3 ? 10 + rnd() * 3 : 10 - rnd() * 10)),
      })),
      ...(rnd() < 0.5 ? {} : { projectScale: { "p-0": rnd() < 0.5 ? 1 : 0 } }),
    }));
    const projects: Project[] = Array.from({ length: k.projects }, (_, j) => ({
      id: `p-${j}`,
      name: `p${j}`,
      mineral: ids[Math.floor(rnd() * ids.length)],
      kind: "refinery",
      tonsPerYear: Math.round(rnd() * 100),
      onlineMonth: 1 + Math.floor(rnd() * k.horizon),
      rampMonths: Math.floor(rnd() * 4),
      probability: Math.round(rnd() * 10) / 10,
      capex: Math.round(rnd() * 20000),
      assumption: true,
      why: "random",
    }));
    const fullCost = economics.reduce((a, e) => a + e.price! * 60, 0) + projects.reduce((a, p) => a + p.capex, 0);
    return {
      scenarios,
      economics,
      projects,
      options: { budget: Math.round(k.budgetShare * fullCost), ...(k.floors ? { minDaysOfCover: 5 } : {}), ...(k.spendAll ? { spendAll: true } : {}) },
    };
  });
