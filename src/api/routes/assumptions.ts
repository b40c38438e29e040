import { createRoute, type OpenAPIHono, type z } from "@hono/zod-openapi";
import { assumptionGaps, gapsReport } from "../../index.js";
import { loadAssumptions } from "../../io/assumptions-file.js";
import type { ApiDeps } from "../deps.js";
import { fileField } from "../plan-request.js";
import { AssumptionsQuery, ErrorSchema, ReportSchema } from "../schemas.js";

const json = (schema: z.ZodType, description: string) => ({ content: { "application/json": { schema } }, description });

const listRoute = createRoute({
  method: "get",
  path: "/assumptions",
  summary: "The analyst assumptions a file holds (default: the shipped public-estimates), each with its source or judgement and range",
  request: { query: AssumptionsQuery },
  responses: { 200: json(ReportSchema, "file, entries and held entries"), 404: json(ErrorSchema, "no such built-in assumptions file") },
});
const gapsRoute = createRoute({
  method: "get",
  path: "/assumptions/gaps",
  summary: "Every missing US consumption, net import reliance or price on a critical list, ranked, and which the file fills (lodestone assumptions gaps)",
  request: { query: AssumptionsQuery },
  responses: { 200: json(ReportSchema, "the gaps (lodestone assumptions gaps --format json)"), 404: json(ErrorSchema, "no such built-in assumptions file") },
});

export function assumptionRoutes(app: OpenAPIHono, deps: ApiDeps) {
  const d = deps.dataset;
  const load = (name: string | undefined) => loadAssumptions(fileField(deps.files, "assumptions", name, "assumptions", ["none"]), d);

  app.openapi(listRoute, (c) => {
    const set = load(c.req.valid("query").assumptions);
    return c.json({ file: set?.file ?? null, entries: (set?.entries ?? []) as unknown[], held: (set?.held ?? []) as unknown[] }, 200);
  });

  app.openapi(gapsRoute, (c) => {
    const set = load(c.req.valid("query").assumptions);
    return c.json(JSON.parse(gapsReport(assumptionGaps(d, set), "json", set?.file ?? null, set?.held).text) as Record<string, unknown>, 200);
  });
}
