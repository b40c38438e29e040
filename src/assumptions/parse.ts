import { nameSuggestions, resolveName } from "../data/names.js";
import type { Dataset } from "../data/types.js";
import { closest } from "../errors.js";
import { type CodedIssue, type IssueContext, issuesError, issuesFromZod, readYaml } from "../scenario/yaml.js";
import { DERIVATIONS } from "./derive.js";
import { ENTRY_FIELDS, EXPECTED, entry, file, MISSING_FIELDS, missingEntry } from "./schema.js";
import { type Assumption, type AssumptionSet, type MissingFigure, UNIT_OF } from "./types.js";

/**
 * Parse an assumptions file (YAML or JSON text) against the dataset. Every problem is reported at
 * once as `file:line: field: problem, expected …`: an unknown mineral (with the closest ids), a
 * range out of order or not around the value, a unit that does not fit the quantity, neither or
 * both of source and judgement, the same mineral and quantity twice, an unknown derivation. A
 * `derive:` entry gets its value, range and cells computed here from the dataset (derive.ts).
 */
export function parseAssumptions(text: string, fileName: string, dataset: Dataset): AssumptionSet {
  const input = readYaml(text, fileName, EXPECTED);
  const cx: IssueContext = { input, fields: ENTRY_FIELDS, format: "a field of an assumptions entry" };
  const issues: CodedIssue[] = [];
  const top = file.safeParse(input.js);
  if (!top.success) {
    const topCx = { ...cx, fields: ["version", "assumptions"], format: "version or assumptions" };
    throw issuesError(top.error.issues.flatMap((z) => issuesFromZod(z, topCx)));
  }
  const entries: Assumption[] = [];
  const held: AssumptionSet["held"] = [];
  const seen = new Map<string, number>();
  eachEntry(top.data.assumptions, "assumptions", entry, cx, issues, (e, i, path, bad) => {
    const before = issues.length;
    // a dataset mineral (by id or any name of it), else a list name not yet a mineral (held), else unknown
    const name = resolveName(dataset, e.mineral);
    const m = name?.kind === "mineral" ? dataset.minerals.find((x) => x.id === name.id) : undefined;
    if (!name) unknownMineral(dataset, e.mineral, bad);
    const id = m?.id ?? e.mineral;
    if (e.unit !== UNIT_OF[e.quantity]) bad("unit", `${e.unit} does not fit ${e.quantity}`, `${UNIT_OF[e.quantity]} for ${e.quantity}`);
    if (e.source && e.judgement)
      bad(
        "judgement",
        "both source and judgement given",
        "one of them: source {title, publisher, date, url} for a published figure, judgement: why, for the analyst's own (how a range around a sourced figure was set goes in range_basis)",
      );
    if (!e.source && !e.judgement) bad("source", "missing (no source and no judgement)", "source {title, publisher, date, url}, or judgement: why this figure");
    const key = `${id}.${e.quantity}`;
    const first = seen.get(key);
    if (first !== undefined)
      bad(
        "quantity",
        `${id} ${e.quantity} is already given at assumptions[${first}] (line ${input.line(["assumptions", first])})`,
        "each mineral and quantity once",
      );
    else seen.set(key, i);
    let figure: Pick<Assumption, "value" | "range" | "method" | "cells"> | undefined;
    if (e.derive !== undefined) {
      const d = DERIVATIONS[e.derive];
      if (!d)
        bad(
          "derive",
          `unknown derivation ${JSON.stringify(e.derive)}`,
          Object.keys(DERIVATIONS).join(" | "),
          "bad-input",
          closest(e.derive, Object.keys(DERIVATIONS)),
        );
      else if (d.mineral !== e.mineral || d.quantity !== e.quantity)
        bad("derive", `${e.derive} gives ${d.mineral} ${d.quantity}`, `mineral: ${d.mineral}, quantity: ${d.quantity}`);
      else if (e.value !== undefined || e.range !== undefined)
        bad(e.value !== undefined ? "value" : "range", "given with derive:", "no value or range: the derivation computes them from the dataset");
      else if (m) {
        const x = d.compute(m, e.year);
        if ("reason" in x) bad("derive", `${e.derive} cannot be computed for ${e.year}: ${x.reason}`, "a year whose source rows are published");
        else figure = { ...x, method: e.method ? `${e.method}; ${x.method}` : x.method };
      }
    } else {
      if (e.value === undefined) bad("value", "missing", `the central figure in ${e.unit}`, "bad-input");
      if (e.range === undefined) bad("range", "missing", "[low, high] with low ≤ value ≤ high", "bad-input");
      if (e.method === undefined) bad("method", "missing", "how the figure was obtained", "bad-input");
      if (e.value !== undefined && e.range !== undefined) {
        const [lo, hi] = e.range;
        if (lo > hi) bad("range", `[${lo}, ${hi}] is out of order`, "[low, high] with low ≤ high");
        else if (e.value < lo || e.value > hi) bad("value", `${e.value} is outside the range [${lo}, ${hi}]`, "low ≤ value ≤ high");
        if (e.value === 0 && e.quantity !== "net_import_reliance") bad("value", "0 is not a figure to simulate with", "a positive figure");
      }
      if (e.unit === "percent" && e.range && e.range[1] > 100) bad("range", `${e.range[1]} % is above 100`, "percentages within 0..100");
      if (e.value !== undefined && e.range && e.method) figure = { value: e.value, range: e.range, method: e.method };
    }
    if (issues.length > before || !figure || !name) return;
    const a: Assumption = {
      mineral: id,
      quantity: e.quantity,
      unit: e.unit,
      year: e.year,
      ...(e.basis ? { basis: e.basis } : {}),
      ...figure,
      ...(e.source ? { source: e.source } : {}),
      ...(e.judgement ? { judgement: e.judgement } : {}),
      ...(e.range_basis ? { rangeBasis: e.range_basis } : {}),
      ...(e.derive ? { derive: e.derive } : {}),
      at: { file: fileName, row: input.line(path) ?? 0, column: "assumptions" },
    };
    if (name.kind === "mineral") entries.push(a);
    else held.push({ ...a, why: name.kind === "part" ? `${name.part}: ${name.note}` : `${name.name}: ${name.note}` });
  });
  const missing = parseMissing(top.data.missing ?? [], input, dataset, seen, issues);
  if (issues.length) throw issuesError(issues);
  return { file: fileName, entries, held, ...(missing.length ? { missing } : {}) };
}

/**
 * The file's `missing:` list: figures looked for in public sources and not found, each with its reason
 * and where it was looked for. The mineral must resolve like an assumption's, and a figure cannot be
 * both given (under assumptions) and missing, nor missing twice.
 */
function parseMissing(
  list: readonly unknown[],
  input: IssueContext["input"],
  dataset: Dataset,
  given: ReadonlyMap<string, number>,
  issues: CodedIssue[],
): MissingFigure[] {
  const cx: IssueContext = { input, fields: MISSING_FIELDS, format: "a field of a missing entry" };
  const out: MissingFigure[] = [];
  const seen = new Map<string, number>();
  eachEntry(list, "missing", missingEntry, cx, issues, (e, i, path, bad) => {
    const name = resolveName(dataset, e.mineral);
    if (!name) return unknownMineral(dataset, e.mineral, bad);
    const id = name.kind === "mineral" ? name.id : e.mineral;
    const key = `${id}.${e.quantity}`;
    const a = given.get(key);
    if (a !== undefined)
      return bad(
        "quantity",
        `${id} ${e.quantity} is given at assumptions[${a}] (line ${input.line(["assumptions", a])}), so it is not missing`,
        "a figure either given under assumptions or listed under missing",
      );
    const first = seen.get(key);
    if (first !== undefined)
      return bad(
        "quantity",
        `${id} ${e.quantity} is already listed at missing[${first}] (line ${input.line(["missing", first])})`,
        "each mineral and quantity once",
      );
    seen.set(key, i);
    out.push({
      mineral: id,
      quantity: e.quantity,
      reason: e.reason,
      lookedIn: e.looked_in,
      at: { file: input.file, row: input.line(path) ?? 0, column: "missing" },
    });
  });
  return out;
}

type Bad = (field: string, message: string, expected: string, code?: CodedIssue["code"], suggestions?: string[]) => void;

/**
 * Each element of a top-level list (`assumptions`, `missing`) checked against its schema: its zod
 * problems reported at its line, else `each` gets the parsed entry, its index and path, and `bad` to
 * report a problem at one of its fields.
 */
function eachEntry<T>(
  list: readonly unknown[],
  key: "assumptions" | "missing",
  schema: { safeParse(raw: unknown): { success: true; data: T } | { success: false; error: { issues: Parameters<typeof issuesFromZod>[0][] } } },
  cx: IssueContext,
  issues: CodedIssue[],
  each: (e: T, i: number, path: readonly [string, number], bad: Bad) => void,
): void {
  list.forEach((raw, i) => {
    const path = [key, i] as const;
    const r = schema.safeParse(raw);
    if (!r.success) {
      issues.push(...r.error.issues.flatMap((z) => issuesFromZod({ ...z, path: [...path, ...z.path] } as typeof z, cx)));
      return;
    }
    const bad: Bad = (field, message, expected, code = "invalid", suggestions) =>
      issues.push({ ...cx.input.at([...path, field]), code, message, expected, ...(suggestions?.length ? { suggestions } : {}) });
    each(r.data, i, path, bad);
  });
}

/** An entry's mineral that is neither a dataset mineral nor a listed name, with the closest names. */
function unknownMineral(dataset: Dataset, mineral: string, bad: Bad): void {
  bad(
    "mineral",
    `unknown mineral ${JSON.stringify(mineral)}`,
    "a mineral id or a name on the USGS 2022, USGS 2025 or EU 2023 list (lodestone minerals lists them)",
    "not-found",
    nameSuggestions(dataset, mineral),
  );
}
