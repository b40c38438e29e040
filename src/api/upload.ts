import type { Context } from "hono";
import { isLodestoneError, LodestoneError } from "../index.js";

/** An uploaded file's text (the request body); an empty body is bad-input (400). */
export async function uploadText(c: Context, what: string): Promise<string> {
  const text = await c.req.text();
  if (!text.trim())
    throw new LodestoneError("bad-input", { field: "body", message: "empty body", expected: `${what}'s YAML or JSON text as the request body` });
  return text;
}

/**
 * Parse an uploaded file: every problem in it is invalid (422, each at its file:line), whatever
 * code the parser gave it (an unknown field is bad-input in a file the CLI reads); too large stays 413.
 */
export function parseUpload<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (isLodestoneError(e) && e.code !== "too-large") throw new LodestoneError("invalid", e.issues);
    throw e;
  }
}
