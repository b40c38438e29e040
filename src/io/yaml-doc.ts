import { readFileSync } from "node:fs";
import { isNode, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { LodestoneError, type Issue } from "../index.js";

/**
 * Parse a YAML (or JSON) file against a zod schema. Every schema problem is reported at once, each
 * with the file, the line of the offending node and the field path. Returns the data and a
 * `lineOf(path)` for the caller's own semantic checks.
 */
export function parseYamlFile<S extends z.ZodType>(text: string, file: string, schema: S): { data: z.infer<S>; lineOf: (path: (string | number)[]) => number | undefined } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  if (doc.errors.length) throw new LodestoneError("bad-input", doc.errors.map((e) => ({ file, line: e.linePos?.[0]?.line, message: `malformed YAML/JSON: ${e.message.split("\n")[0]}` })));
  const lineOf = (path: (string | number)[]): number | undefined => {
    for (let k = path.length; k >= 0; k--) {
      const node = doc.getIn(path.slice(0, k), true);
      if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new LodestoneError("bad-input", parsed.error.issues.map((i): Issue => ({ file, line: lineOf(i.path as (string | number)[]), field: i.path.join("."), message: i.message })));
  }
  return { data: parsed.data, lineOf };
}

/** Read a text input file; a missing or unreadable one is a not-found error naming what was expected. */
export function readInputFile(path: string, what: string, expected: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    throw new LodestoneError("not-found", { file: path, message: `cannot read the ${what}`, expected });
  }
}
