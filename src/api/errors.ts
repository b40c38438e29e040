import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import { type ErrorCode, formatIssue, type Issue, isLodestoneError, type LodestoneError } from "../index.js";

/**
 * HTTP status by error code, as src/errors.ts lists them: what the caller can fix is 4xx (400 a
 * malformed request, 404 an unknown id or name, 413 too large, 422 well-formed but invalid, such as
 * a scenario file with a bad field); a failed integrity check or a bug is 500.
 */
export const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  "bad-input": 400,
  invalid: 422,
  "not-found": 404,
  "too-large": 413,
  forbidden: 403,
  conflict: 409,
  integrity: 500,
  internal: 500,
};

/** The one error body of the API: the status, the LodestoneError code, each issue as in the CLI and as fields. */
/** The API's error codes: the core's, `unauthorized` (401: no or an unknown bearer token) and `busy` (503: too many jobs waiting), which only an HTTP shell has. */
export type ApiErrorCode = ErrorCode | "unauthorized" | "busy";

export interface ErrorBody {
  error: { status: number; code: ApiErrorCode; message: string; issues: Issue[] };
}

export function errorBody(status: number, code: ApiErrorCode, issues: Issue[]): ErrorBody {
  return { error: { status, code, message: issues.map(formatIssue).join("\n"), issues } };
}

/** A LodestoneError as its status and body; `status` overrides the code's (an uploaded scenario's problems are all 422). */
export function lodestoneResponse(c: Context, e: LodestoneError, status: ContentfulStatusCode = STATUS[e.code] ?? 500) {
  return c.json(errorBody(status, e.code, e.issues), status);
}

/** What a zod issue expected, in words: the type, the allowed values, or the bound. */
function expectedOf(i: ZodError["issues"][number]): string | undefined {
  switch (i.code) {
    case "invalid_type":
      return i.expected;
    case "invalid_value":
      return i.values.map((v) => JSON.stringify(v)).join(" | ");
    case "too_small":
      return `${i.origin === "array" ? "at least" : i.inclusive === false ? "more than" : "at least"} ${i.minimum}${i.origin === "array" ? " items" : ""}`;
    case "too_big":
      return `${i.origin === "array" ? "at most" : i.inclusive === false ? "less than" : "at most"} ${i.maximum}${i.origin === "array" ? " items" : ""}`;
    case "unrecognized_keys":
      return "only the fields the OpenAPI document lists (/openapi.json)";
    default:
      return undefined;
  }
}

/** Short messages where zod's own would repeat what `expected` says. */
const MESSAGES: Partial<Record<ZodError["issues"][number]["code"], string>> = {
  invalid_type: "missing or of the wrong type",
  invalid_value: "invalid value",
  too_small: "too small",
  too_big: "too large",
  unrecognized_keys: "unknown field",
};

/** A request that failed its zod schema (query, path or JSON body) → 400 naming each field and what was expected. */
export function zodIssues(error: ZodError, where: string): Issue[] {
  return error.issues.map((i) => {
    const path = i.code === "unrecognized_keys" ? [...i.path, i.keys.join(", ")] : i.path;
    const field = [where, ...path.map(String)].filter(Boolean).join(".");
    const expected = expectedOf(i);
    return { field, message: MESSAGES[i.code] ?? i.message, ...(expected ? { expected } : {}) };
  });
}

/** The app's error handler: LodestoneError by its code, Hono's own (malformed JSON: 400) by its status, anything else a 500 without the stack. */
/** Thrown by JobRunner.submit when its `maxQueued` jobs already wait: onError answers 503 with Retry-After, and nothing is kept. */
export class JobQueueFull extends Error {}

export function onError(e: unknown, c: Context) {
  if (isLodestoneError(e)) return lodestoneResponse(c, e);
  if (e instanceof JobQueueFull) {
    c.header("Retry-After", "5");
    return c.json(
      errorBody(503, "busy", [{ field: "jobs", message: `the server is busy: ${e.message}`, expected: "the same request again in a few seconds" }]),
      503,
    );
  }
  if (e instanceof HTTPException) {
    const status = e.status as ContentfulStatusCode;
    const code: ErrorCode = status === 413 ? "too-large" : status === 404 ? "not-found" : status < 500 ? "bad-input" : "internal";
    return c.json(
      errorBody(status, code, [{ field: "body", message: e.message || "bad request", expected: "a JSON body as /openapi.json describes" }]),
      status,
    );
  }
  const what = e instanceof Error ? `${e.name}: ${e.message.split("\n")[0]}` : String(e);
  return c.json(errorBody(500, "internal", [{ message: `internal error (${what}); please report it with the request` }]), 500);
}
