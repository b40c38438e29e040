import { z } from "zod";
import { resolveName, unknownNameIssue } from "../data/names.js";
import type { Dataset } from "../data/types.js";
import { type NumberRange, rangedNumber } from "./ranges.js";
import { type CodedIssue, checkFields, describe, type IssueContext, isMapping, issuesError, type Path, readYaml } from "./yaml.js";

/**
 * A holdings file: what a reserve already owns, so a plan adds to it rather than starting from
 * nothing (YAML or JSON):
 *   version: 1
 *   as_of: 2025-09-30
 *   holdings:
 *     - mineral: beryllium          # an id or any listed name that resolves to a whole mineral
 *       tons: 101                   # metric tons, in the dataset's basis for the mineral
 *       form: hot-pressed powder    # optional, for the notes
 *       source: { title: …, publisher: …, date: 2025-01-31, url: https://… }
 *     - mineral: gallium
 *       tons: 2
 *       judgement: "why this figure"   # instead of a source
 * Every entry cites a source or states a judgement. Parsing is pure (no I/O); src/io/holdings-file.ts reads the file.
 */

/** The tons of one holding: 1e9 t is above the US apparent consumption of every mineral a reserve would hold. */
export const HOLDING_TONS: NumberRange = {
  lo: 0,
  hi: 1e9,
  expected: "metric tons between 0 and 1e9",
  why: "a holding is what a reserve owns; 1e9 t exceeds a year's US consumption of every stockpiled mineral, so larger is a typo or the wrong unit",
};

export interface HoldingSource {
  title: string;
  publisher: string;
  date: string;
  url: string;
}

/** One mineral held: tons in store at the start of the plan (month 1's stock, before any purchase). */
export interface Holding {
  mineral: string;
  /** the name as the file wrote it (an id, or a listed name that resolved to it) */
  name: string;
  tons: number;
  form?: string;
  source?: HoldingSource;
  judgement?: string;
}

export interface Holdings {
  file: string;
  asOf: string;
  holdings: Holding[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const dateString = (expected: string) =>
  z.preprocess(
    // YAML reads an unquoted 2025-09-30 as a timestamp: take it back as its date
    (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
    z.string().refine(isDate, { message: "not a date", params: { expected } }),
  );
const SOURCE_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

const topShape = {
  version: z.literal(1),
  as_of: dateString("a date YYYY-MM-DD"),
  holdings: z.array(z.unknown()).min(1),
};
const sourceShape = {
  title: z.string().min(1),
  publisher: z.string().min(1),
  date: z.preprocess(
    (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : typeof v === "number" ? String(v) : v),
    z.string().regex(SOURCE_DATE, "a date YYYY, YYYY-MM or YYYY-MM-DD"),
  ),
  url: z.string().regex(/^https?:\/\/\S+$/, "an http(s) URL"),
};
const entryShape = {
  mineral: z.string().min(1),
  tons: rangedNumber(HOLDING_TONS),
  form: z.string().min(1).optional(),
  source: z.unknown().optional(),
  judgement: z.string().min(1).optional(),
};
const FIELDS = [...Object.keys(topShape), ...Object.keys(entryShape), ...Object.keys(sourceShape)];
const EXPECTED = "a mapping with version: 1, as_of and a holdings: list";
const EXPECTED_FIELD: Record<string, string> = {
  version: "1",
  as_of: "a date YYYY-MM-DD",
  holdings: "a list of holdings, each with mineral, tons and a source or a judgement",
  mineral: "a mineral id or a listed name (lodestone minerals lists them)",
  tons: HOLDING_TONS.expected,
  form: "the form held, such as metal or concentrate",
  judgement: "the reason for the figure, when no source gives it",
  title: "the source's title",
  publisher: "who published it",
  date: "a date YYYY, YYYY-MM or YYYY-MM-DD",
  url: "an http(s) URL",
};
const expectedAt = (path: Path): string | undefined => {
  const field = path[path.length - 1];
  return typeof field === "string" && Object.hasOwn(EXPECTED_FIELD, field) ? EXPECTED_FIELD[field] : undefined;
};

/**
 * Parse a holdings file. Every problem at once, as `file:line: field: problem, expected …`: an
 * unknown mineral (with the closest names), a name that is only a part of a chapter (dysprosium in
 * rare earths: the tons of a part are not the chapter's tons), a mineral given twice (by any of its
 * names), tons negative, non-finite or too large, an entry with neither a source nor a judgement.
 */
export function parseHoldings(text: string, file: string, dataset: Dataset): Holdings {
  const input = readYaml(text, file, EXPECTED);
  const cx: IssueContext = { input, fields: FIELDS, format: "a field of the holdings format", expectedOf: expectedAt };
  const issues: CodedIssue[] = [];
  const push = (code: CodedIssue["code"], path: Path, message: string, expected?: string, suggestions?: string[]) =>
    issues.push({ ...input.at(path), code, message, ...(expected ? { expected } : {}), ...(suggestions?.length ? { suggestions } : {}) });
  const top = checkFields(input.js, topShape, [], { ...cx, fields: Object.keys(topShape), format: EXPECTED }, issues) as { as_of?: string };
  const raw = Array.isArray(input.js.holdings) ? (input.js.holdings as unknown[]) : [];
  const first = new Map<string, number>();
  const holdings: Holding[] = [];
  raw.forEach((h, n) => {
    const at = (...f: PropertyKey[]): Path => ["holdings", n, ...f];
    if (!isMapping(h)) return void push("bad-input", at(), `wrong type: ${describe(h)}`, "a holding mapping with mineral, tons and a source or a judgement");
    const got = checkFields(h, entryShape, at(), { ...cx, fields: Object.keys(entryShape), format: "a field of a holding" }, issues) as Partial<Holding> & {
      source?: unknown;
    };
    let id: string | undefined;
    if (typeof h.mineral === "string" && h.mineral) {
      const r = resolveName(dataset, h.mineral);
      if (!r) {
        const u = unknownNameIssue(dataset, h.mineral);
        push("not-found", at("mineral"), u.message, u.expected, u.suggestions);
      } else if (r.kind === "no-chapter")
        push(
          "not-found",
          at("mineral"),
          `${r.name} has no USGS chapter, so no scenario can simulate it`,
          "a mineral with a USGS chapter (lodestone minerals lists them)",
        );
      else if (r.kind === "part")
        push(
          "invalid",
          at("mineral"),
          `${JSON.stringify(h.mineral)} is only a part of ${r.id} (${r.part}); the plan counts the whole chapter's tons, so a part's tons cannot be added to it`,
          `a whole mineral: hold it as ${r.id} in the chapter's basis, and say in form or judgement what it is`,
        );
      else id = r.id;
    }
    if (id !== undefined) {
      const before = first.get(id);
      if (before !== undefined)
        push(
          "invalid",
          at("mineral"),
          `${id} is held twice (also at holdings[${before}]${raw[before] && (raw[before] as { mineral?: unknown }).mineral !== h.mineral ? ` as ${JSON.stringify((raw[before] as { mineral?: unknown }).mineral)}` : ""})`,
          "each mineral once (add the tons of its forms into one entry and name them in form)",
        );
      else first.set(id, n);
    }
    let source: HoldingSource | undefined;
    const hasSource = Object.hasOwn(h, "source") && h.source !== undefined && h.source !== null;
    if (hasSource) {
      if (!isMapping(h.source)) push("bad-input", at("source"), `wrong type: ${describe(h.source)}`, "a mapping with title, publisher, date and url");
      else
        source = checkFields(
          h.source,
          sourceShape,
          at("source"),
          { ...cx, fields: Object.keys(sourceShape), format: "a field of a source" },
          issues,
        ) as unknown as HoldingSource;
    }
    const hasJudgement = typeof h.judgement === "string" && h.judgement.length > 0;
    if (!hasSource && !Object.hasOwn(h, "judgement"))
      push("invalid", at(), "neither a source nor a judgement", "source: {title, publisher, date, url} where the figure is published, or judgement: why");
    if (hasSource && hasJudgement)
      push("invalid", at("judgement"), "both a source and a judgement", "one of them: a source for a published figure, a judgement for your own");
    if (id !== undefined && typeof got.tons === "number")
      holdings.push({
        mineral: id,
        name: h.mineral as string,
        tons: got.tons,
        ...(got.form ? { form: got.form } : {}),
        ...(source ? { source } : {}),
        ...(hasJudgement ? { judgement: h.judgement as string } : {}),
      });
  });
  if (issues.length) throw issuesError(issues);
  return { file, asOf: top.as_of as string, holdings };
}
