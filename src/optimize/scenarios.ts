import type { AssumptionSet } from "../assumptions/types.js";
import { priceJudgement } from "../data/select.js";
import type { Dataset } from "../data/types.js";
import { MARKET_DEFAULTS } from "../economics/defaults.js";
import { type MarketSet, marketParamsOf } from "../economics/types.js";
import { LodestoneError } from "../errors.js";
import type { CompiledScenario } from "../scenario/compile.js";
import { drawScenario } from "../scenario/draw.js";
import type { MineralInputs } from "../scenario/inputs.js";
import { scenarioWeights } from "../scenario/probability.js";
import { RunRng } from "../scenario/rng.js";
import { checkMonteCarlo } from "../simulate/montecarlo.js";
import { scenarioPaths } from "../simulate/simulate.js";
import type { AssumedMarks, LeftOut, MineralEconomics, PlanScenario, Project } from "./types.js";
import { worldSupply } from "./world.js";

/** Salt for the project-success stream, so it is independent of the scenario's own draws. */
const PROJECT_SALT = 0x9a3c_51e7;

export interface ScenarioSet {
  scenarios: PlanScenario[];
  economics: MineralEconomics[];
  notes: string[];
}

/**
 * The optimiser's scenarios from compiled scenario files, through the simulator's own
 * scenarioPaths(): each file's deterministic run (weight p_i, its probability), or N Monte Carlo
 * draws of each (weight p_i/N). p_i is the file's `probability:` (or the weight the caller gives
 * for it, or DEFAULT_SCENARIO_PROBABILITY, said in the notes); the rest, 1 − Σ p_i, is no
 * disruption. In a draw, each project succeeds with its probability (a yes/no draw from the run's
 * own stream, (seed ⊕ salt, run)); in a deterministic run its output is scaled by the probability,
 * as the simulator does for new supply. `market` gives each mineral's demand curve, resale, storage
 * and impact (MARKET_DEFAULTS where absent). `assumptions` gives the world output of a mineral USGS
 * publishes none for (`world_production`, src/optimize/world.ts): the cap and the market impact use it.
 */
/**
 * The largest scenario set a plan draws: 5·10^7 mineral-months ≈ 0.8 GB of paths. The benchmark plan
 * (1,000 draws × 67 minerals × 60 months) is 4·10^6; 10,000 draws of the coalition (4·10^7) still fit.
 */
export const MAX_PLAN_MINERAL_MONTHS = 5e7;

export function planScenarios(
  files: readonly { compiled: CompiledScenario; weight?: number }[],
  dataset: Dataset,
  opts: { runs?: number; seed?: number; projects?: readonly Project[]; market?: MarketSet; minerals?: readonly string[]; assumptions?: AssumptionSet } = {},
): ScenarioSet {
  if (!files.length) throw new LodestoneError("invalid", { field: "scenarios", message: "no scenario files", expected: "at least one scenario file" });
  const w = scenarioWeights(files.map((f) => ({ file: f.compiled.file, probability: f.weight ?? f.compiled.probability })));
  const notes: string[] = [...w.notes];
  const weights = w.weights;
  const scenarios: PlanScenario[] = [];
  const econ = new Map<string, MineralEconomics>();
  const projects = opts.projects ?? [];
  const rng = new RunRng();
  // Size guard before drawing anything: each draw holds demand and supply paths per mineral and month
  // (16 bytes a mineral-month), so the whole set is bounded as one Monte Carlo is (runs × horizon).
  const draws = opts.runs ?? 0;
  if (draws > 0) for (const f of files) checkMonteCarlo(f.compiled, draws, opts.seed ?? 1);
  // only the minerals the plan is for are kept (a 60-mineral coalition file would hold every path otherwise)
  const keep = opts.minerals ? new Set(opts.minerals) : undefined;
  const kept = (c: CompiledScenario) => (keep ? c.minerals.filter((m) => keep.has(m.id)).length : c.minerals.length);
  const mineralMonths = files.reduce((a, f) => a + Math.max(1, draws) * kept(f.compiled) * f.compiled.horizon, 0);
  if (mineralMonths > MAX_PLAN_MINERAL_MONTHS)
    throw new LodestoneError("too-large", {
      field: "runs",
      message: `${Math.max(1, draws)} draws of ${files.length} scenario file(s) are ${mineralMonths.toExponential(2)} mineral-months (about ${Math.round((mineralMonths * 16) / 2 ** 20)} MiB of paths)`,
      expected: `at most ${MAX_PLAN_MINERAL_MONTHS.toExponential(0)} mineral-months: fewer --runs, shorter horizons or fewer files`,
    });
  files.forEach((f, i) => {
    const c = f.compiled;
    // the simulator's reasons, so the plan can say why a mineral it was asked for is missing
    const excluded: LeftOut[] = c.excluded.map((x) =>
      x.unknownShortfall ? { id: x.id, kind: "unknown-exposure", reason: `${c.file}: ${x.reason}` } : { id: x.id, kind: "no-us-figure", reason: x.reason },
    );
    const runs = opts.runs ?? 0;
    const n = runs > 0 ? runs : 1;
    for (let run = 0; run < n; run++) {
      const draw = runs > 0 ? drawScenario(c, opts.seed ?? 1, run) : undefined;
      const paths = scenarioPaths(c, draw);
      // kept minerals are copied out of the draw's shared buffer, so the rest of it can be freed
      const minerals = keep
        ? paths.minerals.filter((m) => keep.has(m.id)).map((m) => ({ ...m, demand: m.demand.slice(), supply: m.supply.slice() }))
        : paths.minerals;
      for (const m of minerals) {
        if (econ.has(m.id)) continue;
        const inputs = c.minerals.find((x) => x.id === m.id)?.inputs;
        const world = worldSupply(dataset, m.id, opts.assumptions);
        const marks = assumedMarks(inputs);
        const assumed = world.assumed ? { ...marks, world: world.assumed } : marks;
        econ.set(m.id, {
          id: m.id,
          price: m.price,
          d0: m.d0,
          r: m.r,
          worldProduction: world.tons,
          ...(world.basis ? { worldBasis: world.basis } : {}),
          ...(world.standInFor ? { worldStandIn: { for: world.standInFor, why: world.why ?? "" } } : {}),
          market: opts.market ? marketParamsOf(opts.market, m.id) : { ...MARKET_DEFAULTS },
          ...(assumed ? { assumed } : {}),
        });
        // a residual's price (rare earths less NdPr, Dy, Tb) carries its own judgement; else the headline row's
        const own = inputs?.price.value !== null && inputs?.price.note?.startsWith("judgement call") ? inputs.price.note : undefined;
        const why = own ?? priceJudgement(m.id);
        if (why) notes.push(`${m.id}: ${why}`);
      }
      let projectScale: Record<string, number> | undefined;
      if (runs > 0 && projects.length) {
        rng.reset((opts.seed ?? 1) ^ PROJECT_SALT, i * runs + run);
        projectScale = Object.fromEntries(projects.map((p) => [p.id, rng.next() < p.probability ? 1 : 0]));
      }
      scenarios.push({
        id: runs > 0 ? `${c.name}#${run + 1}` : c.name,
        weight: weights[i] / n,
        horizon: paths.horizon,
        minerals,
        ...(projectScale ? { projectScale } : {}),
        ...(excluded.length ? { excluded } : {}),
      });
    }
    for (const x of c.excluded) if (!keep || keep.has(x.id)) notes.push(`${c.file}: ${x.id} left out by the simulator: ${x.reason}`);
    for (const m of c.minerals) if (m.lowerBound && (!keep || keep.has(m.id))) notes.push(`${c.file}: ${m.id}: ${m.lowerBound}`);
  });
  return { scenarios, economics: [...econ.values()], notes };
}

/** The marks of the inputs an assumption filled (a price only where it is used), or undefined when none was. */
function assumedMarks(inputs: Pick<MineralInputs, "d0" | "price" | "r"> | undefined): AssumedMarks | undefined {
  if (!inputs) return undefined;
  const marks: AssumedMarks = {
    ...(inputs.d0.assumed ? { d0: inputs.d0.assumed } : {}),
    ...(inputs.price.value !== null && inputs.price.assumed ? { price: inputs.price.assumed } : {}),
    ...(inputs.r.assumed ? { r: inputs.r.assumed } : {}),
  };
  return Object.keys(marks).length ? marks : undefined;
}

export { worldProduction } from "./world.js";
