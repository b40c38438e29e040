import { type Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { $ZodIssue } from "zod/v4/core";
import { closest, type ErrorCode, type Issue, LodestoneError } from "../errors.js";
import { SCENARIO_DEFAULTS } from "./defaults.js";

/*
 * The one reader of YAML (and JSON) input files: scenario, projects and basket files all go
 * through readYaml, and their problems all come out as `file:line: field: problem, expected …`.
 * It refuses what YAML allows but no input file needs: alias bombs, deep nesting, self-referring
 * anchors and lists or mappings as keys, so nothing after it can run out of memory or stack.
 */

export type Path = readonly PropertyKey[];

/** `events[0].severity` */
export function fieldName(path: Path): string {
  return path.reduce<string>((s, p) => (typeof p === "number" ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), "");
}

/** A parsed input file: its plain value and where each field sits in the text. */
export interface YamlInput {
  file: string;
  /** the top-level mapping, as plain JSON-like values */
  js: Record<string, unknown>;
  /** the 1-based line of the deepest node on `path` that exists (a map entry's key line) */
  line(path: Path): number | undefined;
  /** an issue at `path` (file, line, field), message still to fill in */
  at(path: Path): Issue;
  /** the text a scalar was written as (`1e309`, `.nan`), for messages */
  source(path: Path): string | undefined;
}

/** The node on `path` (following mapping keys and sequence indices) and the line of the deepest one found. */
function locate(doc: Document, lc: LineCounter, path: Path): { node: unknown; line?: number; complete: boolean } {
  let node: unknown = doc.contents;
  const start = (n: unknown) => (n as { range?: number[] } | null)?.range;
  let line = start(node) ? lc.linePos(start(node)![0]).line : undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
      if (!pair) return { node, line, complete: false };
      const r = start(pair.key);
      if (r) line = lc.linePos(r[0]).line;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number") {
      const item = node.items[seg];
      if (!item) return { node, line, complete: false };
      const r = start(item);
      if (r) line = lc.linePos(r[0]).line;
      node = item;
    } else return { node, line, complete: false };
  }
  return { node, line, complete: true };
}

/**
 * `__proto__` as a mapping key: a plain object built from it (zod's records, `{...}` copies)
 * drops it without a word, so it is refused. Other built-in names (`constructor`, `toString`)
 * stay own keys and are reported as unknown fields or ids like any other.
 */
const PROTO_NAMES: ReadonlySet<string> = new Set(["__proto__"]);

/**
 * Walk the document's nodes without recursion (so a deep file cannot overflow the stack): the
 * first mapping key that is not a plain scalar, and the first node nested deeper than allowed.
 */
function checkNodes(doc: Document, lc: LineCounter, file: string): Issue | undefined {
  const lineOf = (n: unknown) => {
    const r = (n as { range?: number[] } | null)?.range;
    return r ? lc.linePos(r[0]).line : undefined;
  };
  const stack: { node: unknown; depth: number; path: Path }[] = [{ node: doc.contents, depth: 1, path: [] }];
  while (stack.length) {
    const { node, depth, path } = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > SCENARIO_DEFAULTS.maxNesting)
      return {
        file,
        line: lineOf(node),
        message: `nested more than ${SCENARIO_DEFAULTS.maxNesting} levels deep`,
        expected: "a flat input file (no format nests that deep)",
      };
    for (const [index, item] of (node.items as unknown[]).entries()) {
      if (isPair(item)) {
        if (item.key !== null && !isScalar(item.key))
          return {
            file,
            line: lineOf(item.key),
            message: `a ${isAlias(item.key) ? "alias" : "list or mapping"} used as a mapping key`,
            expected: "plain field names and ids as keys",
          };
        const key = isScalar(item.key) ? item.key.value : undefined;
        if (typeof key === "string" && PROTO_NAMES.has(key))
          return {
            file,
            line: lineOf(item.key),
            field: fieldName([...path, key]),
            message: `${JSON.stringify(key)} cannot be used as a key (the built-in prototype name of every JavaScript object; it would be silently dropped)`,
            expected: "plain field names and ids as keys",
          };
        stack.push({ node: item.value, depth: depth + 1, path: [...path, isScalar(item.key) ? String(item.key.value) : "?"] });
      } else stack.push({ node: item, depth: depth + 1, path: [...path, index] });
    }
  }
  return undefined;
}

/**
 * The nesting depth of a plain value, without recursion; aliases share objects, so each object is
 * measured once. An object that contains itself (a YAML anchor used inside its own node) is refused.
 */
function height(root: unknown): number | "cycle" {
  const done = new Map<object, number>();
  const open = new Set<object>();
  const stack: { v: object; expanded: boolean }[] = [];
  const children = (v: object) => Object.values(v).filter((c): c is object => c !== null && typeof c === "object");
  if (root === null || typeof root !== "object") return 0;
  stack.push({ v: root, expanded: false });
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.expanded) {
      stack.pop();
      open.delete(top.v);
      done.set(top.v, 1 + Math.max(0, ...children(top.v).map((c) => done.get(c) ?? 0)));
      continue;
    }
    top.expanded = true;
    open.add(top.v);
    for (const c of children(top.v)) {
      if (open.has(c)) return "cycle";
      if (!done.has(c)) stack.push({ v: c, expanded: false });
    }
  }
  return done.get(root) ?? 0;
}

/** The first line of a YAML library message, said plainly. */
function yamlMessage(message: string): string {
  const first = message.split("\n")[0];
  if (/multiple documents/i.test(first)) return "holds more than one YAML document (a second --- line)";
  if (/Maximum call stack/i.test(first)) return `nested too deeply to read (${first.replace(/^.*?(at line)/i, "$1").replace(/:$/, "")})`;
  return `malformed YAML/JSON: ${first}`;
}

/**
 * Parse YAML (or JSON: JSON is YAML) text whose top level must be a mapping. Throws bad-input
 * naming the file and line for malformed text, an alias bomb (more than
 * SCENARIO_DEFAULTS.maxAliasCount alias expansions), nesting beyond SCENARIO_DEFAULTS.maxNesting,
 * a self-referring anchor, a non-scalar key, an empty document or a top level that is not a
 * mapping. `expected` says what the file should hold (e.g. "a scenario mapping with name, …").
 */
export function readYaml(text: string, file: string, expected: string): YamlInput {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, logLevel: "error" });
  const fail = (issues: Issue[] | Issue): never => {
    throw new LodestoneError("bad-input", issues);
  };
  if (doc.errors.length) {
    fail(
      doc.errors.map((e) => ({
        file,
        line: e.linePos?.[0]?.line ?? lc.linePos(e.pos[0]).line,
        message: yamlMessage(e.message),
        expected: `${expected} in YAML or JSON`,
      })),
    );
  }
  const nodes = checkNodes(doc, lc, file);
  if (nodes) fail(nodes);
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: SCENARIO_DEFAULTS.maxAliasCount });
  } catch (e) {
    const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
    if (/Excessive alias count/.test(message))
      fail({
        file,
        message: `its aliases expand beyond ${SCENARIO_DEFAULTS.maxAliasCount} copies (a YAML alias bomb?)`,
        expected: "a plain file with few anchors and aliases (*name)",
      });
    if (e instanceof RangeError) fail({ file, message: "nested too deeply to read", expected });
    fail({ file, message: `cannot resolve the YAML: ${message}`, expected: "every alias (*name) after its anchor (&name)" });
  }
  const h = height(js);
  if (h === "cycle")
    fail({
      file,
      message: "an anchor (&name) is used inside its own node, so the value would be infinite",
      expected: "aliases (*name) only after the anchored node ends",
    });
  else if (h > SCENARIO_DEFAULTS.maxNesting)
    fail({ file, message: `its aliases nest values ${h} levels deep`, expected: `at most ${SCENARIO_DEFAULTS.maxNesting} levels` });
  if (js === null || js === undefined) fail({ file, line: 1, message: "has no content (empty or only comments)", expected });
  if (typeof js !== "object" || Array.isArray(js)) fail({ file, line: 1, message: `top level is ${describe(js)}`, expected });
  const line = (p: Path) => locate(doc, lc, p).line;
  return {
    file,
    js: js as Record<string, unknown>,
    line,
    at: (p: Path): Issue => ({ file, line: line(p), field: fieldName(p) || undefined, message: "" }),
    source: (p: Path) => {
      const r = locate(doc, lc, p);
      return r.complete && isScalar(r.node) ? r.node.source : undefined;
    },
  };
}

/** A value as it reads in a message: `null`, `a list`, `a mapping`, `string "x"`, `number 3`. */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "number" && !Number.isFinite(v)) return `number ${String(v)}`;
  return `${typeof v} ${JSON.stringify(v)}`;
}

export function valueAt(js: unknown, path: Path): unknown {
  let v = js;
  for (const p of path) v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** The path (below `path`) of the first non-finite number in `v` (NaN, ±Infinity), if any. */
export function nonFinite(v: unknown, path: Path = [], depth = 0): Path | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? undefined : path;
  if (v === null || typeof v !== "object" || depth > SCENARIO_DEFAULTS.maxNesting) return undefined;
  for (const [k, x] of Object.entries(v)) {
    const p = nonFinite(x, [...path, Array.isArray(v) ? Number(k) : k], depth + 1);
    if (p) return p;
  }
  return undefined;
}

/** "not a finite number (1e309)": what a non-finite value was written as. */
export function notFinite(input: YamlInput, path: Path): string {
  const v = valueAt(input.js, path);
  const src = input.source(path);
  const shown = src && src !== String(v) ? `${src}, read as ${String(v)}` : String(v);
  return `not a finite number (${shown})`;
}

export interface IssueContext {
  input: YamlInput;
  /** every field name of the format, for "did you mean" on an unknown field */
  fields: readonly string[];
  /** "a field of the scenario format" */
  format: string;
  /** the documented expectation of the field at `path` (its range), if the format has one */
  expectedOf?: (path: Path) => string | undefined;
}

/** An issue with the error code it calls for (the most basic one decides the error's code). */
export type CodedIssue = Issue & { code: ErrorCode };

/** One zod issue → Lodestone issues (what went wrong at which field, what was expected): a range is invalid, the rest bad-input. */
export function issuesFromZod(z: $ZodIssue, cx: IssueContext): CodedIssue[] {
  return fromZod(z, cx).map((i) => ({
    ...i,
    code:
      z.code === "custom" || ((z.code === "too_small" || z.code === "too_big") && typeof valueAt(cx.input.js, z.path as PropertyKey[]) === "number")
        ? "invalid"
        : "bad-input",
  }));
}

function fromZod(z: $ZodIssue, cx: IssueContext): Issue[] {
  const path = z.path as PropertyKey[];
  const { input } = cx;
  const at = (p: Path) => input.at(p);
  const got = valueAt(input.js, path);
  const expected = (fallback?: string) => cx.expectedOf?.(path) ?? fallback;
  // a non-finite number anywhere in the value (a number or a distribution) is the problem to name
  const bad = z.code === "invalid_type" || z.code === "invalid_union" ? nonFinite(got, path) : undefined;
  if (bad)
    return [
      {
        ...at(bad),
        message: notFinite(input, bad),
        expected: cx.expectedOf?.(bad) ?? expected(z.code === "invalid_union" ? z.message : undefined) ?? "a finite number",
      },
    ];
  switch (z.code) {
    case "unrecognized_keys":
      return z.keys.map((k) => ({ ...at([...path, k]), message: "unknown field", expected: cx.format, suggestions: closest(k, cx.fields) }));
    case "invalid_type":
      if (got === undefined) return [{ ...at(path), message: "missing", expected: expected(z.expected) }];
      return [{ ...at(path), message: `wrong type: ${describe(got)}`, expected: expected(z.expected) }];
    case "invalid_union":
      if ("discriminator" in z && z.discriminator)
        return [{ ...at(path), message: `unknown type ${JSON.stringify(got)}`, expected: (z as { options?: unknown[] }).options?.join(" | ") }];
      return [{ ...at(path), message: got === undefined ? "missing" : `wrong type or shape: ${describe(got)}`, expected: z.message }];
    case "invalid_value":
      if (got === undefined) return [{ ...at(path), message: "missing", expected: z.values.map((v) => String(v)).join(" | ") }];
      return [{ ...at(path), message: `invalid value ${JSON.stringify(got)}`, expected: z.values.map((v) => String(v)).join(" | ") }];
    case "invalid_format":
      return [{ ...at(path), message: `invalid value ${JSON.stringify(got)}`, expected: z.message }];
    case "too_small":
    case "too_big":
      if (typeof got === "number") return [{ ...at(path), message: `${got} is out of range`, expected: expected(z.message) }];
      if (Array.isArray(got) && got.length === 0) return [{ ...at(path), message: "empty", expected: "at least one entry" }];
      if (typeof got === "string" && got.length === 0) return [{ ...at(path), message: "empty", expected: expected("some text") }];
      return [{ ...at(path), message: z.message, expected: expected() }];
    case "custom": {
      // a range problem names the number as the file wrote it (1e306, not 1e+306)
      const src = typeof got === "number" ? input.source(path) : undefined;
      return [
        {
          ...at(path),
          message: src ? z.message.replace(String(got), src) : z.message,
          expected: (z.params as { expected?: string } | undefined)?.expected ?? expected(),
        },
      ];
    }
    case "not_multiple_of":
      return [{ ...at(path), message: `${String(got)} is not a whole number`, expected: expected("a whole number") }];
    default:
      return [{ ...at(path), message: z.message, expected: expected() }];
  }
}

/** Every issue, in file order (line, then field), as one LodestoneError; the most basic problem picks the code. */
export function issuesError(issues: CodedIssue[]): LodestoneError {
  const order = ["bad-input", "too-large", "not-found", "invalid"] as const;
  const code = order.find((c) => issues.some((i) => i.code === c)) ?? "invalid";
  const sorted = [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.field ?? "").localeCompare(b.field ?? ""));
  return new LodestoneError(
    code,
    sorted.map(({ code: _code, ...rest }) => Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as unknown as Issue),
  );
}

type Shape = Record<string, { safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: { issues: $ZodIssue[] } } }>;

export const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Check a mapping field by field against `shape`, so that one bad or unknown field does not hide
 * the others: unknown keys are reported with the closest field names, each known field is parsed
 * on its own, and the fields that pass are returned (the rest are left out and reported).
 */
export function checkFields(value: Record<string, unknown>, shape: Shape, path: Path, cx: IssueContext, issues: CodedIssue[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    if (!Object.hasOwn(shape, k))
      issues.push({ ...cx.input.at([...path, k]), code: "bad-input", message: "unknown field", expected: cx.format, suggestions: closest(k, cx.fields) });
  }
  for (const [k, schema] of Object.entries(shape)) {
    const r = schema.safeParse(Object.hasOwn(value, k) ? value[k] : undefined);
    if (r.success) {
      if (r.data !== undefined) out[k] = r.data;
    } else issues.push(...r.error.issues.flatMap((z) => issuesFromZod({ ...z, path: [...path, k, ...z.path] } as $ZodIssue, cx)));
  }
  return out;
}
