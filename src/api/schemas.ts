import { z } from "@hono/zod-openapi";
import { BASELINE_EXPECTED, CATALOGUE_SORTS, COMPONENTS, LISTS, METHODS, SCENARIO_DEFAULTS, WGI_AGGREGATES } from "../index.js";
import { PLAN_OPTION_FLAGS, PLAN_RANGES } from "../io/plan-input.js";

/*
 * The request and response schemas: they validate every request (400 naming the field and what
 * was expected) and generate /openapi.json. Ranges come from the same tables the CLI's flags use
 * (PLAN_RANGES, SCENARIO_DEFAULTS), so a bound is stated once.
 */

const issue = z.object({
  file: z.string().optional(),
  line: z.number().int().optional(),
  field: z.string().optional(),
  message: z.string(),
  expected: z.string().optional(),
  suggestions: z.array(z.string()).optional(),
});

export const ErrorSchema = z
  .object({
    error: z.object({
      status: z.number().int(),
      code: z.enum(["bad-input", "invalid", "not-found", "too-large", "unauthorized", "forbidden", "conflict", "integrity", "internal"]),
      message: z.string().openapi({ description: "every issue as the CLI prints it: file:line: field: message, expected …" }),
      issues: z.array(issue),
    }),
  })
  .openapi("Error");

/** A report's JSON, as the CLI's --format json prints it (see the CLI's docs for its fields). */
export const ReportSchema = z.record(z.string(), z.unknown()).openapi("Report", { description: "the same JSON as the CLI's --format json" });

/** GET /risk: the ranking rows always; each mineral's full record only with detail=full. */
export const RiskRankingSchema = z
  .object({
    method: z.string(),
    stage: z.string().nullable(),
    stageReason: z.string().optional(),
    assumptions: z.string().nullable(),
    assumptionsReason: z.string().optional(),
    baseline: z
      .object({ rule: z.string(), description: z.string() })
      .openapi({ description: "the US consumption years importance (importanceUsd) stands on: the rule (mean:3 by default) and in words" }),
    options: z.record(z.string(), z.unknown()).openapi({ description: "the resolved risk options: weights, bands, WGI aggregate, EU SR parameters" }),
    ranking: z.array(z.record(z.string(), z.unknown())).openapi({
      description:
        "one row per mineral, highest risk first: rank, the value by the method, every method's score (hhi, hhiWgi, euSr, nir, geopolrisk, composite), coverage, importanceUsd, the matrix cell, a note",
    }),
    minerals: z
      .array(z.record(z.string(), z.unknown()))
      .optional()
      .openapi({ description: "detail=full only: each mineral's risk record, every measure with its inputs, steps and sources" }),
    mineralsReason: z.string().optional().openapi({ description: "without detail=full: where the full records are" }),
  })
  .openapi("RiskRanking", { description: "the CLI's risk --format json; without detail=full, its minerals left out" });

export const JobSchema = z
  .object({
    id: z.string().openapi({ description: "the hash of the job's kind and inputs: the same request is the same job" }),
    kind: z.string(),
    status: z.enum(["queued", "running", "done", "failed", "cancelled"]),
    progress: z.object({ done: z.number(), total: z.number(), phase: z.string() }),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    result: z.unknown().optional().openapi({ description: "once done: the report's JSON" }),
    error: ErrorSchema.shape.error.optional(),
  })
  .openapi("Job");

export const JobAcceptedSchema = JobSchema.extend({ cached: z.boolean().openapi({ description: "true: the same request was already submitted" }) }).openapi(
  "JobAccepted",
);

// ---- parameters ----

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" }, example: "gallium", description: "a mineral id or any listed name (dysprosium, PGMs)" }),
});
export const ScenarioIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" }, example: "antimony-2024", description: "a built-in scenario's name" }),
});
export const JobIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" } }),
});

export const MineralsQuery = z
  .object({
    sort: z.enum(CATALOGUE_SORTS).optional(),
    list: z.enum(LISTS as [string, ...string[]]).optional(),
  })
  .strict();

/** "true" or "false" in a query string. */
const flag = z
  .enum(["true", "false"])
  .optional()
  .transform((v) => v === "true");

const unit = (max = 1) => z.coerce.number().min(0).max(max).optional();

/** The risk options: method, stage, WGI aggregate, the EU SR parameters and the composite's weights (weight.hhi=0.2 …). */
const riskOptions = {
  method: z.enum(METHODS as [string, ...string[]]).optional(),
  stage: z.string().min(1).max(100).optional(),
  wgi: z.enum(WGI_AGGREGATES as [string, ...string[]]).optional(),
  eolRir: unit(),
  siSr: unit(),
  baseline: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .openapi({ description: `US consumption years importance stands on, as a plan's baseline: ${BASELINE_EXPECTED} (default mean:3)` }),
  ...Object.fromEntries(COMPONENTS.map((k) => [`weight.${k}`, unit(1000).openapi({ description: `composite weight of ${k} (renormalised)` })])),
};
export const RiskQuery = z
  .object({
    ...riskOptions,
    top: z.coerce.number().int().min(1).optional(),
    detail: z
      .enum(["summary", "full"])
      .optional()
      .openapi({ description: "summary (default): the ranking rows; full: also each mineral's record with every measure's inputs and sources (~2.8 MB)" }),
  })
  .strict();
export const RiskOneQuery = z.object({ ...riskOptions, explain: flag }).strict();

export const AssumptionsQuery = z
  .object({
    assumptions: z.string().min(1).max(200).optional().openapi({ description: "a built-in assumptions file by name, or none (default: public-estimates)" }),
  })
  .strict();

/** An upload's name in its issues (file:line: …). */
export const ValidateQuery = z
  .object({
    file: z.string().min(1).max(200).optional().openapi({ description: "the name issues are reported under (default upload.yaml)" }),
  })
  .strict();

/**
 * The most Monte Carlo runs one request may ask for (a plan's draws of each file, or a
 * simulation's runs). The CLI allows 100,000 (SCENARIO_DEFAULTS.maxRuns): its user spends their
 * own memory. A server should not let one request take all of its: 10,000 is the largest measured
 * plan (BENCHMARKS.md: 2.19 s, 365 MiB peak), and memory grows with the runs.
 */
export const API_MAX_RUNS = 10_000;

// ---- bodies ----

const name = (what: string) => z.string().min(1).max(200).openapi({ description: what });
const seed = z.number().int().min(0).max(0xffffffff);
const baseline = z
  .string()
  .min(1)
  .max(40)
  .openapi({ description: `d0 baseline: ${BASELINE_EXPECTED}` });

export const SimulationBody = z
  .object({
    scenario: name("a built-in scenario's name").optional(),
    yaml: z.string().min(1).optional().openapi({ description: "an uploaded scenario (YAML or JSON text) instead of a built-in one" }),
    file: name("the uploaded scenario's file name, which its issues are reported under (default upload.yaml); only with yaml").optional(),
    runs: z
      .number()
      .int()
      .min(1)
      .max(Math.min(API_MAX_RUNS, SCENARIO_DEFAULTS.maxRuns))
      .optional()
      .openapi({ description: "Monte Carlo runs (a job, 202); absent: one deterministic run (200)" }),
    seed: seed.optional(),
    baseline: baseline.optional(),
    assumptions: name("a built-in assumptions file, or none").optional(),
    market: name("a built-in market file, or none").optional(),
  })
  .strict()
  .openapi("SimulationRequest", { description: "exactly one of scenario and yaml; the result is the CLI's `simulate --format json` audit record" });

const planNumbers = Object.fromEntries(
  Object.entries(PLAN_OPTION_FLAGS).map(([k, f]) => [
    k,
    z
      .number()
      .min(PLAN_RANGES[f].min)
      .max(PLAN_RANGES[f].max)
      .optional()
      .openapi({ description: `as the CLI's --${f}`, example: Number(PLAN_RANGES[f].example) }),
  ]),
) as Record<keyof typeof PLAN_OPTION_FLAGS, z.ZodOptional<z.ZodNumber>>;

const budget = z.number().min(PLAN_RANGES.budget.min).max(PLAN_RANGES.budget.max);

/** What a plan is asked for: the CLI's plan flags as fields; files only by their built-in names. */
export const planFields = {
  scenarios: z
    .array(z.object({ name: name("a built-in scenario's name"), weight: z.number().gt(0).max(1).optional() }).strict())
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: "built-in scenarios with optional probabilities (default: the whole library)" }),
  runs: z
    .number()
    .int()
    .min(0)
    .max(API_MAX_RUNS)
    .optional()
    .openapi({ description: "Monte Carlo draws of each scenario file (default 100); 0: each file's deterministic run" }),
  seed: seed.optional(),
  minerals: z.array(name("a mineral id or any listed name")).min(1).max(200).optional(),
  basket: name("a built-in basket, or all").optional(),
  projects: name("a built-in projects file").optional(),
  holdings: name("a built-in holdings file").optional(),
  assumptions: name("a built-in assumptions file, or none").optional(),
  market: name("a built-in market file, or none").optional(),
  baseline: baseline.optional(),
  years: z.number().int().min(1).max(20).optional(),
  onset: z
    .union([z.enum(["uniform", "end"]), z.array(z.number().min(0).max(1e6)).min(1).max(20)], {
      error: "not an onset: expected uniform, end, or one weight (a number ≥ 0) per schedule year",
    })
    .optional()
    .openapi({ description: "with years > 1: when a disruption may begin (as the CLI's --onset): uniform (default), end, or one weight per schedule year" }),
  spendAll: z.boolean().optional(),
  divisible: z.boolean().optional(),
  solver: z.enum(["auto", "highs", "fast"]).optional(),
  ...planNumbers,
};

export const PlanBody = z
  .object({ budget: budget.openapi({ example: 12e9, description: "USD" }), ...planFields })
  .strict()
  .openapi("PlanRequest");
export const CompareBody = z
  .object({ budget: budget.openapi({ example: 12e9 }), compare: budget.openapi({ example: 8e9, description: "the other budget, USD" }), ...planFields })
  .strict()
  .openapi("CompareRequest");
export const FrontierBody = z
  .object({
    from: budget.optional().openapi({ description: "USD (default 0)" }),
    to: budget.optional().openapi({ description: "USD (default 24e9)" }),
    steps: z.number().int().min(1).max(10_000).optional().openapi({ description: "default 25" }),
    ...planFields,
  })
  .strict()
  .openapi("FrontierRequest");

export type PlanBodyT = z.infer<typeof PlanBody>;
export type PlanFieldsT = Omit<PlanBodyT, "budget">;

/** The one-page briefing (lodestone briefing): the plan at `budget` and what a cut to a third of it loses. */
export const BriefingBody = z
  .object({ budget: budget.optional().openapi({ example: 12e9, description: "USD (default 12e9, as npm start's plan); the cut compared is a third of it" }) })
  .strict()
  .openapi("BriefingRequest");
