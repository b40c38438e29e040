import { createRoute, type OpenAPIHono, type z } from "@hono/zod-openapi";
import { mineralIdsFor } from "../../index.js";
import { frontierBudgets } from "../../io/plan-input.js";
import type { ApiDeps } from "../deps.js";
import { planRequestOf } from "../plan-request.js";
import { CompareBody, ErrorSchema, FrontierBody, JobAcceptedSchema, PlanBody } from "../schemas.js";
import { accepted } from "./jobs.js";

const json = (schema: z.ZodType, description: string) => ({ content: { "application/json": { schema } }, description });
const jobResponses = (what: string) => ({
  202: json(JobAcceptedSchema, `the job; GET /jobs/{id} for progress and, once done, ${what}`),
  400: json(ErrorSchema, "malformed body: each field and what was expected"),
  404: json(ErrorSchema, "an unknown mineral, scenario, basket, projects, holdings, assumptions or market name"),
  413: json(ErrorSchema, "body too large"),
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
}
