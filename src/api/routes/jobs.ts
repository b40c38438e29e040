import { createRoute, type OpenAPIHono, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { LodestoneError } from "../../index.js";
import type { ApiDeps } from "../deps.js";
import type { JobSpec } from "../job-tasks.js";
import { ErrorSchema, JobIdParam, JobSchema } from "../schemas.js";

const json = (schema: z.ZodType, description: string) => ({ content: { "application/json": { schema } }, description });

/**
 * Submit the job `spec` (run in the job worker) under the hash of its kind and `input` (the request
 * body as sent) and answer 202 with it and its Location; the same inputs again answer with the same job.
 */
export function accepted(c: Context, deps: ApiDeps, input: unknown, spec: JobSpec) {
  // a full queue throws JobQueueFull: onError answers 503 with Retry-After
  const { job, cached } = deps.jobs.submit(spec.kind, input, deps.jobs.task(spec));
  c.header("Location", `/jobs/${job.id}`);
  return c.json({ ...job, cached }, 202);
}

const getRoute = createRoute({
  method: "get",
  path: "/jobs/{id}",
  summary: "A job's status and progress; once done, its result; once failed, its error",
  request: { params: JobIdParam },
  responses: { 200: json(JobSchema, "the job"), 404: json(ErrorSchema, "no such job") },
});
const deleteRoute = createRoute({
  method: "delete",
  path: "/jobs/{id}",
  summary: "Cancel a queued or running job; a finished job is forgotten (its cached result dropped)",
  request: { params: JobIdParam },
  responses: { 200: json(JobSchema, "the job as it now stands"), 404: json(ErrorSchema, "no such job") },
});

const unknownJob = (id: string) =>
  new LodestoneError("not-found", {
    field: "id",
    message: `no job ${JSON.stringify(id)}`,
    expected: "an id a POST answered with (jobs are kept in memory until the server restarts)",
  });

export function jobRoutes(app: OpenAPIHono, deps: ApiDeps) {
  app.openapi(getRoute, (c) => {
    const id = c.req.valid("param").id;
    const job = deps.jobs.get(id);
    if (!job) throw unknownJob(id);
    return c.json(job, 200);
  });
  app.openapi(deleteRoute, (c) => {
    const id = c.req.valid("param").id;
    const job = deps.jobs.cancel(id);
    if (!job) throw unknownJob(id);
    return c.json(job, 200);
  });
}
