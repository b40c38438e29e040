import { createRoute, type OpenAPIHono, type z } from "@hono/zod-openapi";
import { mineralIdsFor } from "../../index.js";
import { frontierBudgets } from "../../io/plan-input.js";
import type { ApiDeps } from "../deps.js";
import { planRequestOf } from "../plan-request.js";
import { BriefingBody, CompareBody, ErrorSchema, FrontierBody, JobAcceptedSchema, PlanBody } from "../schemas.js";
import { accepted } from "./jobs.js";

const json = (schema: z.ZodType, description: string) => ({ content: { "application/json": { schema } }, description });
const jobResponses = (what: string) => ({
  202: json(JobAcceptedSchema, `the job; GET /jobs/{id} for progress and, once done, ${what}`),
  400: json(ErrorSchema, "malformed body: each field and what was expected"),
  404: json(ErrorSchema, "an unknown mineral, scenario, basket, projects, holdings, assumptions or market name"),
  413: json(ErrorSchema, "body too large"),
  503: json(ErrorSchema, "too many jobs waiting (code busy): the same request again after Retry-After seconds"),
});
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { "application/json": { schema } }, required: true } });

const planRoute = createRoute({
  method: "post",
  path: "/plans",
  summary: "A budget-optimal reserve plan (lodestone plan --budget B): what to buy, which projects to fund",
  request: body(PlanBody),
  responses: jobResponses("the plan (lodestone plan --format json)"),
});
const compareRoute = createRoute({
  method: "post",
  path: "/compare",
  summary: "Two budgets compared: what the smaller loses (lodestone plan --budget B --compare C)",
  request: body(CompareBody),
  responses: jobResponses("the comparison (lodestone plan --compare --format json)"),
});
const frontierRoute = createRoute({
  method: "post",
  path: "/frontier",
  summary: "Expected loss against budget, with the marginal value at each step (lodestone frontier)",
  request: body(FrontierBody),
  responses: jobResponses("the frontier (lodestone frontier --format json)"),
});

const briefingRoute = createRoute({
  method: "post",
  path: "/briefing",
  summary:
    "The one-page briefing for decision makers as HTML (lodestone briefing --format html): what to buy, why, what a cut to a third loses, the main assumptions",
  request: body(BriefingBody),
  responses: jobResponses("{ budgetUsd, cutUsd, date, html }"),
});

/** The briefing's default budget: npm start's plan (the US programme's US$ 12 bn). */
const BRIEFING_BUDGET = 12e9;

export function planRoutes(app: OpenAPIHono, deps: ApiDeps) {
  /** Names checked before the job is queued, so an unknown mineral or file is a 404 at once. */
  const request = (fields: Parameters<typeof planRequestOf>[0], budget: number) => {
    const req = planRequestOf(fields, budget, deps.files);
    if (req.minerals) mineralIdsFor(deps.dataset, [...req.minerals], "minerals");
    return req;
  };

  app.openapi(planRoute, (c) => {
    const { budget, ...fields } = c.req.valid("json");
    return accepted(c, deps, c.req.valid("json"), { kind: "plan", request: request(fields, budget) });
  });

  app.openapi(compareRoute, (c) => {
    const { budget, compare, ...fields } = c.req.valid("json");
    return accepted(c, deps, c.req.valid("json"), { kind: "compare", request: request(fields, budget), budget, compare });
  });

  app.openapi(frontierRoute, (c) => {
    const { from, to, steps, ...fields } = c.req.valid("json");
    const { budgets, to: top } = frontierBudgets({ from, to, steps });
    return accepted(c, deps, c.req.valid("json"), { kind: "frontier", request: request(fields, top), budgets });
  });

  app.openapi(briefingRoute, (c) => {
    const budget = c.req.valid("json").budget ?? BRIEFING_BUDGET;
    // dated by the server's clock: the same budget on another day is another briefing
    const date = new Date(deps.clock()).toISOString().slice(0, 10);
    return accepted(c, deps, { budget, date }, { kind: "briefing", budget, date });
  });
}
