import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { SCENARIO_DEFAULTS } from "../index.js";
import { loadDataset } from "../io/dataset.js";
import { type ApiDeps, builtInFiles } from "./deps.js";
import { docsPage } from "./docs.js";
import { errorBody, onError, zodIssues } from "./errors.js";
import { JobRunner } from "./jobs.js";
import { assumptionRoutes } from "./routes/assumptions.js";
import { jobRoutes } from "./routes/jobs.js";
import { ledgerAuth, ledgerRoutes } from "./routes/ledger.js";
import { mineralRoutes } from "./routes/minerals.js";
import { planRoutes } from "./routes/plans.js";
import { scenarioRoutes } from "./routes/scenarios.js";
import { webRoutes } from "./web.js";

export const API_INFO = {
  title: "Lodestone",
  version: "0.1.0",
  description:
    "Planning for a strategic critical-minerals reserve: the catalogue, supply risk, disruption scenarios, budget-optimal plans. The same computations and JSON as the lodestone CLI.",
};

/** The app's dependencies with their defaults: the embedded dataset, the shipped files, the system clock and a fresh job runner (its jobs run in a worker thread, off the HTTP thread). */
export function defaultDeps(over: Partial<ApiDeps> = {}): ApiDeps {
  const clock = over.clock ?? Date.now;
  return {
    dataset: over.dataset ?? loadDataset(),
    files: over.files ?? builtInFiles(),
    clock,
    jobs: over.jobs ?? new JobRunner({ clock }),
    // a scenario file's cap (SCENARIO_DEFAULTS.maxInputBytes) is the largest body any route needs
    maxBodyBytes: over.maxBodyBytes ?? SCENARIO_DEFAULTS.maxInputBytes,
    webDir: over.webDir,
    ledger: over.ledger,
    tokens: over.tokens,
  };
}

/**
 * The HTTP API as a value: every route, its validation and errors, the OpenAPI document and the
 * reference page. It listens nowhere (serve.ts binds the port); tests call `app.request(...)`.
 */
export function createApp(deps: ApiDeps = defaultDeps()) {
  const app = new OpenAPIHono({
    // a request that fails its schema: 400 naming each field and what was expected
    defaultHook: (result, c) => {
      if (!result.success) {
        // body fields are named body.<field>; query and path parameters by their own names
        const issues = zodIssues(result.error, result.target === "json" ? "body" : "");
        return c.json(errorBody(400, "bad-input", issues), 400);
      }
    },
  });
  app.onError(onError);
  app.notFound((c) =>
    c.json(errorBody(404, "not-found", [{ field: "path", message: `no route ${c.req.method} ${c.req.path}`, expected: "a route /docs lists" }]), 404),
  );
  // the ledger's bearer token before the body limit: a client without one gets 401 and no byte of its body is read
  app.use("/ledger/*", ledgerAuth(deps));
  const limit = bodyLimit({
    maxSize: deps.maxBodyBytes,
    onError: (c) =>
      c.json(
        errorBody(413, "too-large", [{ field: "body", message: "the request body is too large", expected: `a body of at most ${deps.maxBodyBytes} bytes` }]),
        413,
      ),
  });
  // GET and HEAD routes read no body: checking one would make @hono/node-server build a full Request (and its AbortSignal)
  // for every read, a sixth of a kept GET /risk's CPU (bench/api.bench.ts)
  app.use("*", (c, next) => (c.req.method === "GET" || c.req.method === "HEAD" ? next() : limit(c, next)));

  mineralRoutes(app, deps);
  scenarioRoutes(app, deps);
  planRoutes(app, deps);
  assumptionRoutes(app, deps);
  jobRoutes(app, deps);
  ledgerRoutes(app, deps);

  // generated once, after every route is registered: the routes do not change while the app runs
  const document = app.getOpenAPI31Document({ openapi: "3.1.0", info: API_INFO });
  const page = docsPage(document as unknown as Parameters<typeof docsPage>[0]);
  app.get("/openapi.json", (c) => c.json(document));
  app.get("/docs", (c) => c.html(page));
  // the dashboard at / (its hash routes need no server routes); the API keeps its own paths
  webRoutes(app, deps.webDir);
  return app;
}
