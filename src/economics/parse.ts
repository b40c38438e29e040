import { z } from "zod";
import { citation } from "../assumptions/schema.js";
import { nameSuggestions, resolveName } from "../data/names.js";
import type { Dataset } from "../data/types.js";
import { type CodedIssue, checkFields, type IssueContext, isMapping, issuesError, type Path, readYaml } from "../scenario/yaml.js";
import { defaultMarketSet } from "./defaults.js";
import type { MarketKey, MarketMark, MarketParams, MarketSet } from "./types.js";

/** Each parameter's name in the file (snake case) → its key in MarketParams. */
export const MARKET_FILE_KEYS: Readonly<Record<string, MarketKey>> = Object.freeze({
  elasticity: "elasticity",
  choke_multiple: "chokeMultiple",
  essentiality: "essentiality",
  resale_haircut: "resaleHaircut",
  storage_usd_per_ton_year: "storageUsdPerTonYear",
  storage_share_of_value_per_year: "storageShareOfValuePerYear",
  impact: "impact",
});
const SNAKE = Object.keys(MARKET_FILE_KEYS);

/**
 * The domain of each parameter: the loss curve needs ε < 0 (demand falls as the price rises) and a
 * cap above the pre-crisis price; a multiplier below 1 would value a ton short below its demand
 * curve; a haircut of 1 or more makes stock worth nothing or less at the end.
 */
const DOMAIN: Readonly<Record<MarketKey, { ok: (v: number) => boolean; wrong: (v: number) => string; expected: string }>> = {
  elasticity: {
    ok: (v) => v < 0,
    wrong: (v) => (v === 0 ? "an elasticity of 0 (demand that never falls has no finite loss curve)" : `${v} is an elasticity of the wrong sign`),
    expected: "a negative number (short-run demand falls as the price rises), e.g. -0.1",
  },
  chokeMultiple: { ok: (v) => v > 1, wrong: (v) => `a choke price of ${v}× the pre-crisis price is not above it`, expected: "a multiple above 1, e.g. 10" },
  essentiality: { ok: (v) => v >= 1, wrong: (v) => `an essentiality of ${v} is below 1`, expected: "a multiplier ≥ 1 (1: the demand curve's own value)" },
  resaleHaircut: {
    ok: (v) => v >= 0 && v < 1,
    wrong: (v) => (v >= 1 ? `${v} is a haircut of 1 or above (stock worth nothing or less)` : `${v} is a negative haircut`),
    expected: "a share in [0, 1), e.g. 0.1 for 10 %",
  },
  storageUsdPerTonYear: { ok: (v) => v >= 0, wrong: (v) => `${v} is a negative storage cost`, expected: "US$ per ton and year, ≥ 0" },
  storageShareOfValuePerYear: {
    ok: (v) => v >= 0,
    wrong: (v) => `${v} is a negative storage cost`,
    expected: "a share of the stock's value per year, ≥ 0, e.g. 0.001",
  },
  impact: { ok: (v) => v >= 0, wrong: (v) => `a market impact of ${v} is negative`, expected: "λ ≥ 0 (0: buying does not move the price)" },
};

const param = z.strictObject({
  value: z.number(),
  range: z.tuple([z.number(), z.number()]),
  source: citation.optional(),
  judgement: z.string().min(1).optional(),
});
type ParamInput = z.infer<typeof param>;

const PARAM_SHAPE = Object.fromEntries(SNAKE.map((k) => [k, param.optional()]));
const MINERAL_SHAPE = { mineral: z.string().min(1), ...PARAM_SHAPE };
const FIELDS = [...SNAKE, "mineral", "value", "range", "source", "judgement", "version", "defaults", "minerals"];
const EXPECTED =
  "a market mapping: version: 1, defaults: {elasticity: {value, range, source | judgement}, …} and minerals: a list of {mineral, <parameter>: {value, range, source | judgement}}";

/**
 * Parse a market parameters file (YAML or JSON text) against the dataset into a MarketSet. A
 * parameter the file's defaults leave out keeps the built-in default (defaults.ts) and its mark.
 * Every problem is reported at once as `file:line: field: problem, expected …`: a value outside its
 * domain (DOMAIN: an elasticity of the wrong sign, a haircut of 1 or more, …), a value outside its
 * range or a range out of order, neither or both of source and judgement, an unknown mineral (with
 * the closest names), a mineral given twice, an unknown field.
 */
export function parseMarket(text: string, file: string, dataset: Dataset): MarketSet {
  const input = readYaml(text, file, EXPECTED);
  const cx: IssueContext = { input, fields: FIELDS, format: "a field of a market file" };
  const issues: CodedIssue[] = [];
  const top = checkFields(
    input.js,
    { version: z.literal(1), defaults: z.record(z.string(), z.unknown()).optional(), minerals: z.array(z.unknown()).optional() },
    [],
    { ...cx, fields: ["version", "defaults", "minerals"], format: "version, defaults or minerals" },
    issues,
  );
  const builtIn = defaultMarketSet();
  const defaults: MarketParams = { ...builtIn.defaults };
  const marks: Record<string, MarketMark> = { ...builtIn.marks };
  const byMineral: Record<string, Partial<MarketParams>> = {};

  /** Check one parameter map (`defaults` or a mineral entry) field by field; the valid values with their marks. */
  const params = (raw: Record<string, unknown>, path: Path, shape: Record<string, z.ZodType>) => {
    const got = checkFields(raw, shape, path, cx, issues);
    const out: [MarketKey, number, MarketMark][] = [];
    for (const snake of SNAKE) {
      const p = got[snake] as ParamInput | undefined;
      if (!p) continue;
      const key = MARKET_FILE_KEYS[snake];
      const at = (f?: string): CodedIssue => ({ ...input.at(f ? [...path, snake, f] : [...path, snake]), code: "invalid", message: "" });
      const before = issues.length;
      const d = DOMAIN[key];
      const [lo, hi] = p.range;
      if (!d.ok(p.value)) issues.push({ ...at("value"), message: d.wrong(p.value), expected: d.expected });
      if (lo > hi) issues.push({ ...at("range"), message: `[${lo}, ${hi}] is out of order`, expected: "[low, high] with low ≤ high" });
      else if (!d.ok(lo) || !d.ok(hi)) issues.push({ ...at("range"), message: d.wrong(d.ok(lo) ? hi : lo), expected: `both ends: ${d.expected}` });
      else if (d.ok(p.value) && (p.value < lo || p.value > hi))
        issues.push({ ...at("value"), message: `${p.value} is outside the range [${lo}, ${hi}]`, expected: "low ≤ value ≤ high" });
      if (p.source && p.judgement)
        issues.push({
          ...at("judgement"),
          message: "both source and judgement given",
          expected: "one of them: source {title, publisher, date, url}, or judgement: why",
        });
      if (!p.source && !p.judgement)
        issues.push({
          ...at("source"),
          code: "bad-input",
          message: "missing (no source and no judgement)",
          expected: "source {title, publisher, date, url}, or judgement: why this figure",
        });
      if (issues.length > before) continue;
      const mark: MarketMark = {
        value: p.value,
        range: [lo, hi],
        ...(p.source ? { source: p.source } : {}),
        ...(p.judgement ? { judgement: p.judgement } : {}),
        at: { file, row: input.line([...path, snake]) ?? 0, column: "market" },
      };
      out.push([key, p.value, mark]);
    }
    return { got, out };
  };

  if (top.defaults) {
    for (const [key, value, mark] of params(top.defaults as Record<string, unknown>, ["defaults"], PARAM_SHAPE).out) {
      defaults[key] = value;
      marks[`default.${key}`] = mark;
    }
  }

  const seen = new Map<string, number>();
  ((top.minerals as unknown[] | undefined) ?? []).forEach((raw, i) => {
    const path = ["minerals", i] as const;
    if (!isMapping(raw)) {
      issues.push({
        ...input.at(path),
        code: "bad-input",
        message: "not a mapping",
        expected: "{mineral: <id>, <parameter>: {value, range, source | judgement}, …}",
      });
      return;
    }
    const { got, out } = params(raw, path, MINERAL_SHAPE);
    const name = typeof got.mineral === "string" ? got.mineral : undefined;
    if (name === undefined) return;
    const r = resolveName(dataset, name);
    if (r?.kind !== "mineral") {
      issues.push({
        ...input.at([...path, "mineral"]),
        code: "not-found",
        message: r
          ? `${JSON.stringify(name)} is ${r.kind === "part" ? "a part of a USGS chapter" : "a list name"} with no mineral of its own in the dataset`
          : `unknown mineral ${JSON.stringify(name)}`,
        expected: "a mineral id of the dataset (lodestone minerals lists them)",
        ...(r ? {} : { suggestions: nameSuggestions(dataset, name) }),
      });
      return;
    }
    const first = seen.get(r.id);
    if (first !== undefined) {
      issues.push({
        ...input.at([...path, "mineral"]),
        code: "invalid",
        message: `${r.id} is already given at minerals[${first}] (line ${input.line(["minerals", first, "mineral"])})`,
        expected: "each mineral once",
      });
      return;
    }
    seen.set(r.id, i);
    if (!SNAKE.some((k) => Object.hasOwn(raw, k)))
      issues.push({ ...input.at(path), code: "bad-input", message: `${r.id} gives no parameter`, expected: `at least one of ${SNAKE.join(", ")}` });
    const own: Partial<MarketParams> = {};
    for (const [key, value, mark] of out) {
      own[key] = value;
      marks[`${r.id}.${key}`] = mark;
    }
    byMineral[r.id] = own;
  });
  if (issues.length) throw issuesError(issues);
  return { file, defaults, byMineral, marks };
}

/** The file name of each MarketParams key (`chokeMultiple` → `choke_multiple`). */
export function marketFileKey(key: MarketKey): string {
  return SNAKE.find((s) => MARKET_FILE_KEYS[s] === key) ?? key;
}

/** Each parameter's domain (the check, the problem, what is expected): a sensitivity run (`plan --vary elasticity=-0.2`) checks its numbers with it too. */
export const MARKET_DOMAIN = DOMAIN;
