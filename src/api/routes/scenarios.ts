import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { compileScenario, LodestoneError, parseScenario, SCENARIO_DEFAULTS, type Scenario } from "../../index.js";
import { loadScenario, scenarioListings } from "../../io/scenario-file.js";
import { simulationRun } from "../../io/simulation.js";
import { type ApiDeps, builtInPath } from "../deps.js";
import { builtInInputs } from "../inputs.js";
import { baselineField, fileField } from "../plan-request.js";
import { ErrorSchema, JobAcceptedSchema, ReportSchema, ScenarioIdParam, SimulationBody, ValidateQuery } from "../schemas.js";
import { parseUpload, uploadText } from "../upload.js";
import { accepted } from "./jobs.js";

const json = (schema: z.ZodType, description: string) => ({ content: { "application/json": { schema } }, description });

const Valid = z
  .object({ valid: z.literal(true), file: z.string(), name: z.string(), horizon: z.number().int(), events: z.number().int(), cites: z.array(z.string()) })
  .openapi("ScenarioValid");

const listRoute = createRoute({
  method: "get",
  path: "/scenarios",
  summary: "The built-in disruption scenarios and what each cites (lodestone scenarios)",
  responses: { 200: json(z.array(ReportSchema), "one entry per scenario: id, file, name, horizon, events, cites") },
});
const oneRoute = createRoute({
  method: "get",
  path: "/scenarios/{id}",
  summary: "One built-in scenario, parsed",
  request: { params: ScenarioIdParam },
  responses: { 200: json(ReportSchema, "id, file and the parsed scenario"), 404: json(ErrorSchema, "no such built-in scenario") },
});
const validateRoute = createRoute({
  method: "post",
  path: "/scenarios/validate",
  summary: "Validate an uploaded scenario (YAML or JSON text as the body)",
  request: {
    query: ValidateQuery,
    body: {
      content: { "application/yaml": { schema: z.string() }, "text/plain": { schema: z.string() } },
      description: "the scenario file's text",
      required: true,
    },
  },
  responses: {
    200: json(Valid, "the scenario is valid"),
    400: json(ErrorSchema, "no body"),
    413: json(ErrorSchema, `a body above ${SCENARIO_DEFAULTS.maxInputBytes} bytes`),
    422: json(ErrorSchema, "the scenario's problems, each as file:line: field: message, expected …"),
  },
});
const simulateRoute = createRoute({
  method: "post",
  path: "/simulations",
  summary: "Simulate a scenario: one deterministic run (200), or a Monte Carlo with runs (202, a job)",
  request: { body: { content: { "application/json": { schema: SimulationBody } }, required: true } },
  responses: {
    200: json(ReportSchema, "the deterministic run's audit record (lodestone simulate --format json)"),
    202: json(JobAcceptedSchema, "the Monte Carlo job; GET /jobs/{id} for progress and the result"),
    400: json(ErrorSchema, "malformed body"),
    404: json(ErrorSchema, "unknown scenario, assumptions or market name"),
    413: json(ErrorSchema, "body too large"),
    422: json(ErrorSchema, "an invalid uploaded scenario"),
    503: json(ErrorSchema, "too many jobs waiting (code busy): the same request again after Retry-After seconds"),
  },
});

/** An uploaded scenario's text → the scenario; every problem in it is 422 (too large stays 413). */
const scenarioUpload = (text: string, file: string, deps: ApiDeps): Scenario => parseUpload(() => parseScenario(text, file, deps.dataset));

export function scenarioRoutes(app: OpenAPIHono, deps: ApiDeps) {
  const d = deps.dataset;
  let listings: ReturnType<typeof scenarioListings> | undefined;
  const inputs = builtInInputs(deps);
  app.openapi(listRoute, (c) => {
    if (!listings) listings = scenarioListings(d);
    return c.json(listings as unknown as Record<string, unknown>[], 200);
  });

  app.openapi(oneRoute, (c) => {
    const id = c.req.valid("param").id;
    const path = builtInPath(deps.files, "scenarios", id, "id");
    const s = loadScenario(path, d);
    return c.json({ id, file: s.file, scenario: s as unknown as Record<string, unknown> }, 200);
  });

  app.openapi(validateRoute, async (c: Context) => {
    const text = await uploadText(c, "a scenario");
    const s = scenarioUpload(text, c.req.query("file") ?? "upload.yaml", deps);
    return c.json({ valid: true as const, file: s.file, name: s.name, horizon: s.horizon, events: s.events.length, cites: s.cites }, 200);
  });

  app.openapi(simulateRoute, async (c) => {
    const body = c.req.valid("json");
    if ((body.scenario === undefined) === (body.yaml === undefined))
      throw new LodestoneError("bad-input", {
        field: body.scenario === undefined ? "scenario" : "yaml",
        message: body.scenario === undefined ? "neither scenario nor yaml given" : "both scenario and yaml given",
        expected: "exactly one: a built-in scenario's name, or an uploaded scenario's text",
      });
    if (body.file !== undefined && body.yaml === undefined)
      throw new LodestoneError("bad-input", { field: "file", message: "only applies to an uploaded scenario", expected: "yaml as well" });
    const file = body.file ?? "upload.yaml";
    if (body.seed !== undefined && body.runs === undefined)
      throw new LodestoneError("bad-input", { field: "seed", message: "only applies to a Monte Carlo", expected: "runs as well" });
    const path = body.yaml === undefined ? builtInPath(deps.files, "scenarios", body.scenario!, "scenario") : undefined;
    // read and compiled here, so a bad scenario, baseline or file name is refused at once (the job compiles it again where it runs)
    const scenario = path === undefined ? scenarioUpload(body.yaml!, file, deps) : loadScenario(path, d);
    const assumptions = inputs.assumptions(body.assumptions);
    const market = inputs.market(body.market);
    const compiled = compileScenario(scenario, d, { baseline: baselineField(body.baseline), assumptions });
    if (body.runs === undefined) {
      const report = await simulationRun(compiled, { format: "json", market });
      return c.json(JSON.parse(report.text) as Record<string, unknown>, 200);
    }
    return accepted(c, deps, body, {
      kind: "simulation",
      scenario: path === undefined ? { yaml: body.yaml!, file } : { path },
      assumptions: fileField(deps.files, "assumptions", body.assumptions, "assumptions", ["none"]),
      market: fileField(deps.files, "markets", body.market, "market", ["none"]),
      baseline: body.baseline,
      runs: body.runs,
      seed: body.seed ?? SCENARIO_DEFAULTS.seed,
    });
  });
}
