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

/** `file:line: field: message, expected …` — the location parts that are known, in that order. */
export function formatIssue(issue: Issue): string {
  const loc = [issue.file, issue.line].filter((p) => p !== undefined && p !== "").join(":");
  const head = [loc, issue.field].filter(Boolean).join(": ");
  let text = head ? `${head}: ${issue.message}` : issue.message;
  if (issue.expected) text += `, expected ${issue.expected}`;
  if (issue.suggestions?.length) text += ` (did you mean: ${issue.suggestions.join(", ")}?)`;
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
  const q = input.toLowerCase();
  return [...valid]
    .map((v) => ({ v, d: v.toLowerCase().startsWith(q) || v.toLowerCase().includes(q) ? 0 : distance(q, v.toLowerCase()) }))
    .sort((x, y) => x.d - y.d || x.v.localeCompare(y.v))
    .slice(0, n)
    .map((x) => x.v);
}
