import {
  type Baseline,
  type CompiledScenario,
  compileScenario,
  type Dataset,
  type Format,
  type MarketSet,
  monteCarloReport,
  nothingAffected,
  type Report,
  simulate as runSimulation,
  SCENARIO_DEFAULTS,
  type Scenario,
  simulationReport,
} from "../index.js";
import { loadAssumptions } from "./assumptions-file.js";
import { loadMarket } from "./market-file.js";
import { MonteCarloPool, workersFor } from "./montecarlo-pool.js";
import { loadScenario } from "./scenario-file.js";

/*
 * One scenario's simulation as a library call, from the compiled scenario to the report: the
 * deterministic run, or a Monte Carlo on a pool of worker threads sized to the job. `lodestone
 * simulate`, the HTTP API's POST /simulate and its Monte Carlo job all call this, so they print the
 * same report for the same inputs.
 */

export interface SimulationRunOptions {
  format: Format;
  /** table/CSV rows per mineral and month */
  monthly?: boolean;
  /** the market parameters: the monthly price path and the loss of the shortfall */
  market: MarketSet;
  /** a Monte Carlo of `runs` draws from `seed`; `workers`: threads besides this one at most (default: one per core besides this one), fewer for a small job */
  mc?: { runs: number; seed: number; workers?: number };
  /** a Monte Carlo's progress: (minerals done, minerals in total) */
  onProgress?: (done: number, total: number) => void;
}

/** A Monte Carlo big enough that a progress bar helps (runs × minerals × months above SCENARIO_DEFAULTS.progressThreshold). */
export const showsProgress = (c: Pick<CompiledScenario, "minerals" | "horizon">, runs: number): boolean =>
  runs * c.minerals.length * c.horizon > SCENARIO_DEFAULTS.progressThreshold;

/** Simulate a compiled scenario and report it. A Monte Carlo whose table would only say that nothing is affected is not run. */
export async function simulationRun(compiled: CompiledScenario, o: SimulationRunOptions): Promise<Report> {
  const { format, monthly, market } = o;
  if (!o.mc) return simulationReport(compiled, runSimulation(compiled), { format, monthly, market });
  const { runs, seed } = o.mc;
  if (nothingAffected(compiled) && format === "table") return monteCarloReport(compiled, undefined, { format, monthly, runs, seed });
  // worker threads only for a job big enough to repay starting them; started after the compile, so a small run never pays for idle threads
  const pool = new MonteCarloPool(workersFor(compiled, runs, o.mc.workers));
  try {
    const r = await pool.run(compiled, { runs, seed, market, onProgress: o.onProgress });
    return monteCarloReport(compiled, r, { format, monthly, runs, seed });
  } finally {
    await pool.close();
  }
}

/** A scenario (file, built-in name or already parsed) compiled against the dataset with the assumptions file, and the market file read: what simulationRun takes. */
export function simulationInput(
  scenario: string | Scenario,
  dataset: Dataset,
  o: { baseline?: Baseline; assumptions?: string; market?: string },
): { compiled: CompiledScenario; market: MarketSet } {
  const s = typeof scenario === "string" ? loadScenario(scenario, dataset) : scenario;
  const compiled = compileScenario(s, dataset, { baseline: o.baseline, assumptions: loadAssumptions(o.assumptions, dataset) });
  return { compiled, market: loadMarket(o.market, dataset) };
}
