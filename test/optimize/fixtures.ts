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
