import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import {
  type CatalogueSort,
  COMPONENTS,
  type CompositeWeights,
  catalogue,
  explainJson,
  explainMineral,
  type ListId,
  LodestoneError,
  type Method,
  mineralIdFor,
  mineralRisk,
  noChapterProfile,
  profile,
  type RiskTableOptions,
  resolveNameOrThrow,
  riskRanking,
  type WgiAggregate,
} from "../../index.js";
import { jsonCache } from "../cached.js";
import type { ApiDeps } from "../deps.js";
import { builtInInputs } from "../inputs.js";
import { baselineField } from "../plan-request.js";
import { ErrorSchema, IdParam, MineralsQuery, ReportSchema, RiskOneQuery, RiskQuery, RiskRankingSchema } from "../schemas.js";

const json = (schema: z.ZodType, description: string) => ({ content: { "application/json": { schema } }, description });
const errors = (...statuses: (400 | 404)[]) =>
  Object.fromEntries(statuses.map((s) => [s, json(ErrorSchema, s === 400 ? "malformed query" : "unknown mineral")]));

const mineralsRoute = createRoute({
  method: "get",
  path: "/minerals",
  summary: "The mineral catalogue: top producers, HHI, US import reliance, price (lodestone minerals)",
  request: { query: MineralsQuery },
  responses: { 200: json(z.array(ReportSchema), "the catalogue entries"), ...errors(400) },
});

const mineralRoute = createRoute({
  method: "get",
  path: "/minerals/{id}",
  summary: "One mineral's profile with the source of every figure (lodestone mineral); a listed name with no USGS chapter answers with what is known",
  request: { params: IdParam },
  responses: { 200: json(ReportSchema, "the profile"), ...errors(404) },
});

const riskRoute = createRoute({
  method: "get",
  path: "/risk",
  summary:
    "Supply-risk ranking by method (lodestone risk): each mineral's scores by every method and its matrix cell; detail=full adds each mineral's full record",
  request: { query: RiskQuery },
  responses: {
    200: json(
      RiskRankingSchema,
      "the ranking: method, stage, options and the ranking rows; with detail=full also each mineral's record (the CLI's risk --format json)",
    ),
    ...errors(400),
  },
});

const riskOneRoute = createRoute({
  method: "get",
  path: "/risk/{id}",
  summary: "One mineral's risk, or with explain=true every measure's inputs, steps and sources (lodestone risk <id> --explain)",
  request: { params: IdParam, query: RiskOneQuery },
  responses: { 200: json(ReportSchema, "the mineral's risk explained"), ...errors(400, 404) },
});

/** Why GET /risk without detail=full has no `minerals`: where the full records are. */
export const SUMMARY_REASON = "detail=summary (the default): each mineral's full record is at /risk/{id}?explain=true, or every one with detail=full";

type RiskQueryT = z.infer<typeof RiskOneQuery> & { top?: number };

/** The query → the risk table's options (weight.hhi=… → weights), as the CLI's flags build them. */
function riskOptions(q: RiskQueryT, explainOrOne: boolean): { method: Method; options: RiskTableOptions } {
  const weights = Object.fromEntries(
    COMPONENTS.map((k) => [k, (q as Record<string, unknown>)[`weight.${k}`]]).filter(([, v]) => v !== undefined),
  ) as Partial<CompositeWeights>;
  const method = (q.method ?? "composite") as Method;
  if (Object.keys(weights).length && method !== "composite")
    throw new LodestoneError("bad-input", {
      field: "weight",
      message: `method ${method} does not use composite weights`,
      expected: "weights with method=composite (the default)",
    });
  if (explainOrOne && q.explain && q.method !== undefined)
    throw new LodestoneError("bad-input", {
      field: "method",
      message: "explain shows every measure, so there is no method to choose",
      expected: "explain=true without method",
    });
  return {
    method,
    options: {
      stage: q.stage,
      weights: Object.keys(weights).length ? weights : undefined,
      wgiAggregate: q.wgi as WgiAggregate | undefined,
      eolRir: q.eolRir,
      siSr: q.siSr,
      baseline: baselineField(q.baseline),
    },
  };
}

export function mineralRoutes(app: OpenAPIHono, deps: ApiDeps) {
  const d = deps.dataset;
  // the catalogue, the rankings and the profiles do not change while the app runs: each computed and serialised once, on first use
  // (and sent as bytes with an ETag, gzip or brotli when asked: see cached.ts)
  const cached = jsonCache(256);
  app.openapi(mineralsRoute, (c) => {
    const q = c.req.valid("query");
    return cached(c, `minerals ${q.sort ?? "id"} ${q.list ?? ""}`, () =>
      catalogue(d, { sort: q.sort as CatalogueSort | undefined, list: q.list as ListId | undefined }),
    );
  });

  const shipped = builtInInputs(deps).assumptions;
  app.openapi(mineralRoute, (c) => {
    const asked = resolveNameOrThrow(d, c.req.valid("param").id);
    // a no-chapter name (uranium) answers with what the shipped assumptions hold for it, as the CLI's does
    if (asked.kind === "no-chapter") return cached(c, `mineral ${JSON.stringify(asked)}`, () => noChapterProfile(d, asked, shipped(undefined)));
    const m = d.minerals.find((x) => x.id === asked.id)!;
    // the profile says what the shipped assumptions fill, as the CLI's does
    return cached(c, `mineral ${JSON.stringify(asked)}`, () => profile(d, m, asked, shipped(undefined)));
  });

  app.openapi(riskRoute, (c) => {
    const q = c.req.valid("query");
    return cached(c, `risk ${JSON.stringify(q)}`, () => {
      const { method, options } = riskOptions(q as RiskQueryT, false);
      // the shipped assumptions fill a NIR USGS does not publish, as the CLI's risk does
      const { minerals, ...ranking } = riskRanking(d, { ...options, assumptions: shipped(undefined) }, method, q.top).json;
      // the rows are what a dashboard draws and an analyst scans (~0.2 MB); every measure's inputs and sources of every mineral
      // are 2.8 MB, asked for with detail=full, or one mineral's at /risk/{id}?explain=true
      return q.detail === "full" ? { ...ranking, minerals } : { ...ranking, mineralsReason: SUMMARY_REASON };
    });
  });

  app.openapi(riskOneRoute, (c) => {
    const q = c.req.valid("query");
    const asked = c.req.valid("param").id;
    return cached(c, `risk-one ${JSON.stringify(asked)} ${JSON.stringify(q)}`, () => {
      const { method, options: own } = riskOptions(q, true);
      const options = { ...own, assumptions: shipped(undefined) };
      const { id, resolution } = mineralIdFor(d, asked);
      const note = resolution.kind === "part" ? { note: resolution.note } : {};
      // explain: every measure's inputs, steps and sources (the CLI's JSON for `risk <id>`); else the ranking's row by the method
      // (as GET /risk gives it: with missing and assumed.nir)
      const body = q.explain ? explainJson(explainMineral(d, id, options)) : { id, method, row: mineralRisk(d, id, options, method).row };
      return { ...(body as unknown as Record<string, unknown>), ...note };
    });
  });
}
