/**
 * The one error type of Lodestone. Every shell renders it: the CLI prints
 * `file:line: field: message (expected …)` and picks an exit code from `code`. Beside each code is
 * the HTTP status an HTTP shell would map it to (there is none yet).
 */
export type ErrorCode =
  | "bad-input" // malformed file or argument → exit 2 / HTTP 400
  | "invalid" // well-formed but semantically wrong (e.g. negative budget) → exit 2 / 422
  | "not-found" // unknown mineral id, scenario, record → exit 2 / 404
  | "too-large" // oversized request → exit 2 / 413
  | "conflict" // an idempotency key reused for a different command → exit 2 / 409
  | "integrity" // a source file's checksum or the dataset's consistency failed → exit 3 / 500
  | "internal"; // a bug → exit 1 / 500

export interface Issue {
  file?: string;
  line?: number;
  field?: string;
  message: string;
  expected?: string;
  /** closest valid values, for unknown ids */
  suggestions?: string[];
}

export class LodestoneError extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[];

  constructor(code: ErrorCode, issues: Issue[] | Issue | string) {
    const list = typeof issues === "string" ? [{ message: issues }] : Array.isArray(issues) ? issues : [issues];
    super(list.map(formatIssue).join("\n"));
    this.name = "LodestoneError";
    this.code = code;
    this.issues = list;
  }
}

/** The longest part (message, expected, field, file, a suggestion) an issue prints, in characters. */
const MAX_ISSUE_PART = 300;

/**
 * Control characters (C0, DEL, C1) and bidirectional controls (U+200E/F, U+061C, U+202A–U+202E,
 * U+2066–U+2069): input text echoed in an error could otherwise move the cursor, recolour the
 * terminal, break the one-line-per-issue output or reorder what the reader sees.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` safe for a terminal line: control characters as visible `\u001b` escapes, at most `max` characters. */
function printable(text: string, max = MAX_ISSUE_PART): string {
  const safe = text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (safe.length <= max) return safe;
  let cut = max;
  const code = safe.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--; // do not split a surrogate pair
  return `${safe.slice(0, cut)}… (${safe.length - cut} more characters)`;
}

/**
 * `file:line: field: message, expected …` — the location parts that are known, in that order.
 * Each part is made printable and capped (printable), since any of them may echo input.
 */
export function formatIssue(issue: Issue): string {
  const file = issue.file === undefined || issue.file === "" ? undefined : printable(issue.file);
  const loc = [file, issue.line].filter((p) => p !== undefined && p !== "").join(":");
  const head = [loc, issue.field === undefined ? undefined : printable(issue.field)].filter(Boolean).join(": ");
  const message = printable(issue.message);
  let text = head ? `${head}: ${message}` : message;
  if (issue.expected) text += `, expected ${printable(issue.expected)}`;
  if (issue.suggestions?.length) text += ` (did you mean: ${issue.suggestions.map((s) => printable(s)).join(", ")}?)`;
  return text;
}

export function isLodestoneError(e: unknown): e is LodestoneError {
  return e instanceof LodestoneError;
}

/** Levenshtein distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The up-to-`n` valid values closest to `input` (prefix matches first, then edit distance). */
export function closest(input: string, valid: readonly string[], n = 3): string[] {
  const q = input.slice(0, 100).toLowerCase(); // an id is short: a 900 KB input need not cost seconds of edit distance
  return [...valid]
    .map((v) => ({ v, d: v.toLowerCase().startsWith(q) || v.toLowerCase().includes(q) ? 0 : distance(q, v.toLowerCase()) }))
    .sort((x, y) => x.d - y.d || x.v.localeCompare(y.v))
    .slice(0, n)
    .map((x) => x.v);
}
