import { BASELINE_EXPECTED, type Baseline, LodestoneError, parseBaseline } from "../index.js";
import type { PlanRequest } from "../io/plan-input.js";
import { type BuiltInFiles, builtInPath, type FileKind } from "./deps.js";
import type { PlanFieldsT } from "./schemas.js";

/** A baseline field ("latest", "2024", "mean:3") → the core's Baseline; anything else is bad-input naming the field. */
export function baselineField(value: string | undefined, field = "baseline"): Baseline | undefined {
  if (value === undefined) return undefined;
  const b = parseBaseline(value);
  if (!b) throw new LodestoneError("bad-input", { field, message: `${JSON.stringify(value)} is not a baseline`, expected: BASELINE_EXPECTED });
  return b;
}

/** A file field: "none" (where allowed), "all" (a basket), or a built-in name → its path; undefined stays undefined (the default). */
export function fileField(files: BuiltInFiles, kind: FileKind, value: string | undefined, field: string, words: readonly string[] = []): string | undefined {
  if (value === undefined || words.includes(value)) return value;
  return builtInPath(files, kind, value, field);
}

/**
 * A plan body → the plan request loadPlanInput reads (the CLI's planRequest builds the same from
 * flags): every file field a built-in name turned into its path, the numbers already checked by the
 * body's schema against PLAN_RANGES.
 */
export function planRequestOf(body: PlanFieldsT, budget: number, files: BuiltInFiles): PlanRequest {
  const { scenarios, runs, seed, minerals, basket, projects, holdings, assumptions, market, baseline, ...options } = body;
  return {
    scenarios: scenarios?.map((s) => ({ ref: builtInPath(files, "scenarios", s.name, "scenarios"), weight: s.weight })),
    runs,
    seed: seed ?? 1,
    minerals,
    basket: fileField(files, "baskets", basket, "basket", ["all"]),
    projects: fileField(files, "projects", projects, "projects"),
    holdings: fileField(files, "holdings", holdings, "holdings"),
    assumptions: fileField(files, "assumptions", assumptions, "assumptions", ["none"]),
    market: fileField(files, "markets", market, "market", ["none"]),
    baseline: baselineField(baseline),
    options: { ...options, solver: options.solver ?? "auto", budget },
  };
}
