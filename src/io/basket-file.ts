import { z } from "zod";
import {
  BASKET_RANGES,
  type CodedIssue,
  checkFields,
  closest,
  type Dataset,
  type FieldPath,
  type IssueContext,
  issuesError,
  rangedNumber,
  readYaml,
} from "../index.js";
import { shownPath } from "./dataset.js";
import { readInputFile } from "./yaml-doc.js";

/**
 * A basket file narrows and tunes a plan, mineral by mineral:
 *   minerals: [gallium, germanium, rare-earths]   # the basket (omit: every mineral the scenarios cover)
 *   market_share: { gallium: 0.2 }                # per-mineral α (buy at most α × world production)
 *   value_multiplier: { gallium: 5 }              # w_m = price × multiplier (e.g. defence-critical)
 *   why: "…"                                      # the reason for the overrides (judgement calls)
 * Numbers are in BASKET_RANGES (docs/input-ranges.md).
 */
const basketShape = {
  minerals: z.array(z.string().min(1)).min(1).optional(),
  market_share: z.record(z.string(), rangedNumber(BASKET_RANGES.market_share)).optional(),
  value_multiplier: z.record(z.string(), rangedNumber(BASKET_RANGES.value_multiplier)).optional(),
  why: z.string().optional(),
};
type BasketFile = z.infer<z.ZodObject<typeof basketShape>>;
const FIELDS = Object.keys(basketShape);
const EXPECTED = "a mapping with minerals, market_share, value_multiplier or why";

const expectedAt = (path: FieldPath): string | undefined => {
  const field = path[0];
  if (path.length === 1 && field === "minerals") return "a list of mineral ids such as [gallium, germanium]";
  if (path.length === 1 && (field === "market_share" || field === "value_multiplier")) return "a mapping of mineral id to number such as { gallium: 0.2 }";
  if (path.length < 2 || typeof field !== "string" || !Object.hasOwn(BASKET_RANGES, field)) return undefined;
  return BASKET_RANGES[field as keyof typeof BASKET_RANGES].expected;
};

export interface Basket {
  minerals?: string[];
  marketShareByMineral: Record<string, number>;
  valueMultiplierByMineral: Record<string, number>;
  why?: string;
}

/** Parse a basket file: every problem at once, as `file:line: field: problem, expected …`. */
export function parseBasket(text: string, file: string, dataset: Dataset): Basket {
  const input = readYaml(text, file, EXPECTED);
  const cx: IssueContext = { input, fields: FIELDS, format: "a field of the basket format", expectedOf: expectedAt };
  const issues: CodedIssue[] = [];
  const data = checkFields(input.js, basketShape, [], cx, issues) as BasketFile;
  const ids = dataset.minerals.map((m) => m.id);
  const check = (id: unknown, path: FieldPath) => {
    if (typeof id === "string" && id && !ids.includes(id))
      issues.push({
        ...input.at(path),
        code: "not-found",
        message: `unknown mineral ${JSON.stringify(id)}`,
        expected: "a mineral id of the dataset",
        suggestions: closest(id, ids),
      });
  };
  // ids are checked on what the file holds, so a bad number elsewhere does not hide an unknown id
  const js = input.js;
  const listed = Array.isArray(js.minerals) ? (js.minerals as unknown[]) : undefined;
  listed?.forEach((id, i) => {
    check(id, ["minerals", i]);
    const first = listed.indexOf(id);
    if (typeof id === "string" && first !== i)
      issues.push({
        ...input.at(["minerals", i]),
        code: "invalid",
        message: `mineral ${JSON.stringify(id)} is given twice (also at [${first}])`,
        expected: "each mineral once",
      });
  });
  for (const key of ["market_share", "value_multiplier"] as const) {
    const map = Object.hasOwn(js, key) ? js[key] : undefined;
    if (map && typeof map === "object" && !Array.isArray(map))
      for (const id of Object.keys(map)) {
        check(id, [key, id]);
        // an override for a mineral outside the basket would be silently ignored
        if (listed && ids.includes(id) && !listed.includes(id))
          issues.push({
            ...input.at([key, id]),
            code: "invalid",
            message: `${JSON.stringify(id)} has no effect: not in minerals`,
            expected: "overrides only for minerals listed in minerals (add it there, or drop the override)",
          });
      }
  }
  const overrides = { ...(data.market_share ?? {}), ...(data.value_multiplier ?? {}) };
  if (Object.keys(overrides).length && !data.why)
    issues.push({
      file,
      line: 1,
      field: "why",
      code: "invalid",
      message: "per-mineral overrides without a reason",
      expected: "why: the reason for the overrides (they are judgement calls)",
    });
  if (issues.length) throw issuesError(issues);
  return {
    ...(data.minerals ? { minerals: data.minerals } : {}),
    marketShareByMineral: data.market_share ?? {},
    valueMultiplierByMineral: data.value_multiplier ?? {},
    ...(data.why ? { why: data.why } : {}),
  };
}

export function readBasket(path: string, dataset: Dataset): Basket {
  const shown = shownPath(path);
  return parseBasket(readInputFile(path, "basket file", "a YAML or JSON file with minerals, market_share or value_multiplier", shown), shown, dataset);
}
