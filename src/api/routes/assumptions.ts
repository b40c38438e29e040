import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { assumptionGaps, gapsReport, parseAssumptions } from "../../index.js";
import type { ApiDeps } from "../deps.js";
import { builtInInputs } from "../inputs.js";
import { AssumptionsQuery, ErrorSchema, ReportSchema, ValidateQuery } from "../schemas.js";
import { parseUpload, uploadText } from "../upload.js";

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

const validateRoute = createRoute({
  method: "post",
  path: "/assumptions/validate",
  summary: "Validate an uploaded assumptions file (YAML or JSON text as the body; lodestone assumptions check)",
  request: {
    query: ValidateQuery,
    body: {
      content: { "application/yaml": { schema: z.string() }, "text/plain": { schema: z.string() } },
      description: "the assumptions file's text",
      required: true,
    },
  },
  responses: {
    200: json(ReportSchema, "valid: file, the number of entries, and the held entries (names not yet a dataset mineral)"),
    400: json(ErrorSchema, "no body"),
    413: json(ErrorSchema, "body too large"),
    422: json(ErrorSchema, "the file's problems, each as file:line: field: message, expected …"),
  },
});

export function assumptionRoutes(app: OpenAPIHono, deps: ApiDeps) {
  const d = deps.dataset;
  const load = builtInInputs(deps).assumptions;

  app.openapi(listRoute, (c) => {
    const set = load(c.req.valid("query").assumptions);
    return c.json({ file: set?.file ?? null, entries: (set?.entries ?? []) as unknown[], held: (set?.held ?? []) as unknown[] }, 200);
  });

  app.openapi(validateRoute, async (c: Context) => {
    const text = await uploadText(c, "an assumptions file");
    const set = parseUpload(() => parseAssumptions(text, c.req.query("file") ?? "upload.yaml", d));
    return c.json({ valid: true, file: set.file, entries: set.entries.length, held: set.held as unknown[] }, 200);
  });

  app.openapi(gapsRoute, (c) => {
    const set = load(c.req.valid("query").assumptions);
    return c.json(JSON.parse(gapsReport(assumptionGaps(d, set), "json", set?.file ?? null, set?.held).text) as Record<string, unknown>, 200);
  });
}
