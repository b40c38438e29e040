import { createRoute, type OpenAPIHono, type z } from "@hono/zod-openapi";
import { budgetFrontier, compareReport, createPlanner, frontierReport, mineralIdsFor, planJson, planReserve } from "../../index.js";
import { frontierBudgets, loadPlanInput, type PlanRequest } from "../../io/plan-input.js";
import type { ApiDeps } from "../deps.js";
import type { JobContext } from "../jobs.js";
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

/** One turn of the event loop: the work below is synchronous, so requests waiting (GET /jobs) are answered between the phases. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The plan input, read in the job (the scenarios' Monte Carlo draws are most of a plan's time). */
async function input(req: PlanRequest, cx: JobContext, steps: number) {
  cx.progress(0, steps, "reading inputs and drawing the scenarios");
  const r = loadPlanInput(req);
  cx.progress(1, steps, "solving");
  await tick();
  cx.check();
  return r;
}

export function planRoutes(app: OpenAPIHono, deps: ApiDeps) {
  /** Names checked before the job is queued, so an unknown mineral or file is a 404 at once. */
  const request = (fields: Parameters<typeof planRequestOf>[0], budget: number) => {
    const req = planRequestOf(fields, budget, deps.files);
    if (req.minerals) mineralIdsFor(deps.dataset, [...req.minerals], "minerals");
    return req;
  };

  app.openapi(planRoute, (c) => {
    const { budget, ...fields } = c.req.valid("json");
    const req = request(fields, budget);
    return accepted(c, deps, "plan", c.req.valid("json"), async (cx) => {
      const { input: i, notes } = await input(req, cx, 2);
      return planJson(await planReserve(i), notes);
    });
  });

  app.openapi(compareRoute, (c) => {
    const { budget, compare, ...fields } = c.req.valid("json");
    const req = request(fields, budget);
    return accepted(c, deps, "compare", c.req.valid("json"), async (cx) => {
      const { input: i } = await input(req, cx, 3);
      const planner = await createPlanner(i);
      const base = planner.solve(budget);
      cx.progress(2, 3, "solving the compared budget");
      await tick();
      cx.check();
      return JSON.parse(compareReport(base, planner.solve(compare), "json").text);
    });
  });

  app.openapi(frontierRoute, (c) => {
    const { from, to, steps, ...fields } = c.req.valid("json");
    const { budgets, to: top } = frontierBudgets({ from, to, steps });
    const req = request(fields, top);
    return accepted(c, deps, "frontier", c.req.valid("json"), async (cx) => {
      const { input: i, notes } = await input(req, cx, budgets.length + 1);
      const result = await budgetFrontier(i, budgets, (done) => {
        cx.check();
        cx.progress(1 + done, budgets.length + 1, "budgets");
      });
      return JSON.parse(frontierReport(result, "json", notes).text);
    });
  });
}
