import { priceJudgement, primarySeries, total } from "../data/select.js";
import type { Dataset } from "../data/types.js";
import { LodestoneError } from "../errors.js";
import type { CompiledScenario } from "../scenario/compile.js";
import { drawScenario } from "../scenario/draw.js";
import { RunRng } from "../scenario/rng.js";
import { scenarioPaths } from "../simulate/simulate.js";
import type { LeftOut, MineralEconomics, PlanScenario, Project } from "./types.js";

/** Salt for the project-success stream, so it is independent of the scenario's own draws. */
const PROJECT_SALT = 0x9a3c_51e7;

export interface ScenarioSet {
  scenarios: PlanScenario[];
  economics: MineralEconomics[];
  notes: string[];
}

/**
 * The optimiser's scenarios from compiled scenario files, through the simulator's own
 * scenarioPaths(): each file's deterministic run (weight w_i, default equal), or N Monte Carlo
 * draws of each (weight w_i/N). In a draw, each project succeeds with its probability (a yes/no
 * draw from the run's own stream, (seed ⊕ salt, run)); in a deterministic run its output is
 * scaled by the probability, as the simulator does for new supply.
 */
export function planScenarios(
  files: readonly { compiled: CompiledScenario; weight?: number }[],
  dataset: Dataset,
  opts: { runs?: number; seed?: number; projects?: readonly Project[] } = {},
): ScenarioSet {
  if (!files.length) throw new LodestoneError("invalid", { field: "scenarios", message: "no scenario files", expected: "at least one scenario file" });
  const notes: string[] = [];
  const weights = files.map((f) => f.weight ?? 1);
  const sum = weights.reduce((a, w) => a + w, 0);
  const scenarios: PlanScenario[] = [];
  const econ = new Map<string, MineralEconomics>();
  const projects = opts.projects ?? [];
  const rng = new RunRng();
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
      for (const m of paths.minerals) {
        if (econ.has(m.id)) continue;
        econ.set(m.id, { id: m.id, price: m.price, d0: m.d0, r: m.r, worldProduction: worldProduction(dataset, m.id) });
        const why = priceJudgement(m.id);
        if (why) notes.push(`${m.id}: ${why}`);
      }
      let projectScale: Record<string, number> | undefined;
      if (runs > 0 && projects.length) {
        rng.reset((opts.seed ?? 1) ^ PROJECT_SALT, i * runs + run);
        projectScale = Object.fromEntries(projects.map((p) => [p.id, rng.next() < p.probability ? 1 : 0]));
      }
      scenarios.push({
        id: runs > 0 ? `${c.name}#${run + 1}` : c.name,
        weight: weights[i] / sum / n,
        horizon: paths.horizon,
        minerals: paths.minerals,
        ...(projectScale ? { projectScale } : {}),
        ...(excluded.length ? { excluded } : {}),
      });
    }
    for (const x of c.excluded) notes.push(`${c.file}: ${x.id} left out by the simulator: ${x.reason}`);
    for (const m of c.minerals) if (m.lowerBound) notes.push(`${c.file}: ${m.id}: ${m.lowerBound}`);
  });
  return { scenarios, economics: [...econ.values()], notes };
}

/** World annual production in tons: the primary series' world total (null when unknown). */
export function worldProduction(dataset: Dataset, id: string): number | null {
  const m = dataset.minerals.find((x) => x.id === id);
  const s = m && primarySeries(m);
  const t = s ? total(s) : 0;
  return t > 0 ? t : null;
}
