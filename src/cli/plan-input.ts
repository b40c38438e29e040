import {
  type AssumptionSet,
  BASELINE_EXPECTED,
  type Baseline,
  checkMarketValue,
  type Dataset,
  FORMATS,
  type Format,
  LodestoneError,
  type MarketSet,
  type PlanInput,
  type PlanOptions,
  parseBaseline,
  RANGE_WORDS,
  type RangeWord,
  type VaryKey,
  varyKey,
} from "../index.js";
import { loadPlanInput, PLAN_OPTION_FLAGS, PLAN_RANGES, type PlanRequest, type ScenarioRef } from "../io/plan-input.js";
import { holdingsAt, ledgerSpec, readLedgerHoldings } from "../store/index.js";
import { numberFlag, type Options, oneOf, shortNumber } from "./args.js";

/** Flags shared by `plan` and `frontier`: they build the partial plan options, nothing more. */
export const PLAN_FLAGS: Options = {
  scenarios: { type: "string" },
  runs: { type: "string" },
  seed: { type: "string" },
  minerals: { type: "string" },
  basket: { type: "string" },
  projects: { type: "string" },
  holdings: { type: "string" },
  "holdings-at": { type: "string" },
  divisible: { type: "boolean" },
  solver: { type: "string" },
  format: { type: "string" },
  out: { type: "string" },
  "market-share": { type: "string" },
  "max-days": { type: "string" },
  "min-days": { type: "string" },
  premium: { type: "string" },
  "loan-rate": { type: "string" },
  storage: { type: "string" },
  "value-multiplier": { type: "string" },
  baseline: { type: "string" },
  assumptions: { type: "string" },
  market: { type: "string" },
  "spend-all": { type: "boolean" },
  "horizon-years": { type: "string" },
  years: { type: "string" },
  onset: { type: "string" },
};

/** --baseline latest|YEAR|mean:N → the consumption baseline for d0 (undefined: the scenario's, else the default). */
export function baselineFlag(value: string | undefined, field = "--baseline"): Baseline | undefined {
  if (value === undefined) return undefined;
  const b = parseBaseline(value);
  if (!b) throw new LodestoneError("bad-input", { field, message: `${JSON.stringify(value)} is not a baseline`, expected: BASELINE_EXPECTED });
  return b;
}

/** The range of each numeric plan flag (PLAN_RANGES, shared with the HTTP API: src/io/plan-input.ts). */
export const RANGES = PLAN_RANGES;

export const PLAN_FLAGS_USAGE = `  --scenarios a.yaml,b.yaml=0.2,dir scenario files or folders (file=P sets its probability; default: the built-in library)
  --runs N --seed S                 N seeded Monte Carlo draws of each file (default 100); --runs 0: each file's deterministic run
  --minerals a,b                    plan only these (any listed name: palladium, NdPr, dysprosium)
  --basket FILE|all                 a basket file (minerals, market_share, value_multiplier); all: every mineral covered
                                    (default: the USGS 2025 critical-minerals list)
  --spend-all                       spend the whole budget (default: a ceiling; buy only what pays for itself)
  --horizon-years Y                 the planning horizon probabilities are stated over (default 5)
  --years N                         a purchase schedule in N annual tranches, priced with the market impact (1..20)
  --onset uniform|end|W1,...,WN     with --years: when a disruption may begin (a ton protects only from the end of its year):
                                    uniform (default: any year of the horizon alike), end (once the schedule is complete),
                                    or one weight per schedule year
  --market FILE|none                demand curves, resale, storage, impact (default: assumptions/market.yaml)
  --projects FILE                   candidate capacity projects (e.g. projects/us-candidates.yaml)
  --holdings FILE|ledger[:SPEC]     what the reserve already owns (mineral, tons, source); in store from month 1, the plan adds to it;
                                    ledger: the reserve ledger's releasable lots (default $LODESTONE_LEDGER, else sqlite:reserve.sqlite)
  --holdings-at YYYY-MM-DD          with --holdings ledger: the lots as of that day (default today; the notes state the day)
  --divisible                       fund projects in part (x ∈ [0,1])
  --solver auto|highs|fast          auto: the exact fast path when it applies, else HiGHS
  --market-share A                  buy at most A × world production (default 0.1)
  --max-days D / --min-days D       cap / floor purchases in days of import cover
  --premium P --loan-rate R --storage USD_PER_T_YR --value-multiplier K
  --baseline latest|YEAR|mean:N     US consumption d0 stands on (default: the scenario's baseline:, else mean:3, the last 3 reported years)
  --assumptions FILE|none           figures USGS withholds (default: assumptions/public-estimates.yaml; none: public data only)
  --format table|json|csv|xlsx      xlsx: an Excel workbook, written to --out
  --out FILE.xlsx                   where --format xlsx writes (required with it)
  --runs 0..1e5, --seed 0..4294967295 (whole numbers); ranges of the other numbers:
${Object.entries(RANGES)
  .map(([k, r]) => `    --${k} ${shortNumber(r.min)}..${shortNumber(r.max)}`)
  .join("\n")}`;

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** `--scenarios a.yaml,b.yaml=2,dir` → references with weights (undefined: the built-in library). */
function scenarioRefs(spec: string | undefined): ScenarioRef[] | undefined {
  if (spec === undefined) return undefined;
  return spec.split(",").map((part) => {
    const [ref, w, ...more] = part.split("=");
    if (!ref || more.length)
      throw new LodestoneError("bad-input", {
        field: "--scenarios",
        message: `${JSON.stringify(part)} is not a scenario`,
        expected: "FILE, FILE=WEIGHT or a folder, separated by commas",
      });
    const weight = w === undefined ? undefined : numberFlag(w, `--scenarios probability of ${ref}`, 1, 0, 1, { example: "0.2" });
    if (weight === 0)
      throw new LodestoneError("invalid", {
        field: `--scenarios probability of ${ref}`,
        message: "0 would leave the scenario out",
        expected: "a probability in (0, 1] (to leave a scenario out, do not list it)",
      });
    return { ref, weight };
  });
}

/** --onset uniform|end|W1,...,WN → the schedule's onset (the count of weights is checked against --years with the other options). */
function onsetFlag(value: string | undefined, years: number | undefined): PlanOptions["onset"] | undefined {
  if (value === undefined) return value;
  if (years === undefined)
    throw new LodestoneError("bad-input", {
      field: "--onset",
      message: "applies to a purchase schedule, and without --years the plan buys everything at once",
      expected: "--years N with --onset, or no --onset",
    });
  if (value === "uniform" || value === "end") return value;
  const parts = value.split(",");
  if (parts.some((w) => !/^\s*[0-9.]/.test(w)))
    throw new LodestoneError("bad-input", {
      field: "--onset",
      message: `${JSON.stringify(value)} is not an onset`,
      expected: "uniform, end, or one weight ≥ 0 per schedule year, such as 0.4,0.3,0.2,0.1,0",
    });
  const weights = parts.map((w) => numberFlag(w.trim(), "--onset", 0, 0, 1e6, { example: "0.4,0.3,0.2,0.1,0" }));
  if (weights.length !== years || !weights.some((w) => w > 0))
    throw new LodestoneError("invalid", {
      field: "--onset",
      message: weights.length !== years ? `${weights.length} weight(s) for a ${years}-year schedule (--years ${years})` : "every weight is 0",
      expected: `uniform, end, or ${years} weight(s) ≥ 0, one per schedule year, not all 0`,
    });
  return weights;
}

/** Flags → a plan request (plain values, no I/O); the files are read by `loadPlanInput` (src/io). */
export function planRequest(values: Values, budget: number): PlanRequest {
  const runs = values.runs === undefined ? undefined : numberFlag(values.runs as string, "runs", 0, 0, 100_000, { integer: true, example: "1000" });
  const seed = numberFlag(values.seed as string | undefined, "seed", 1, 0, 0xffffffff, { integer: true, example: "42" });
  // a deterministic run draws nothing, so a seed would be silently ignored (as simulate --seed without --runs is refused)
  if (runs === 0 && values.seed !== undefined)
    throw new LodestoneError("bad-input", {
      field: "--seed",
      message: "only applies to a Monte Carlo; --runs 0 is each file's deterministic run",
      expected: "--runs N (N ≥ 1) with --seed, or no --seed",
    });
  const minerals = values.minerals === undefined ? undefined : (values.minerals as string).split(",").map((s) => s.trim());
  if (minerals?.some((m) => m === ""))
    throw new LodestoneError("bad-input", {
      field: "--minerals",
      message: `${JSON.stringify(values.minerals)} has an empty name`,
      expected: "mineral ids separated by commas, such as gallium,germanium",
    });
  const opt = (flag: keyof typeof RANGES) =>
    values[flag] === undefined ? undefined : numberFlag(values[flag] as string, flag, 0, RANGES[flag].min, RANGES[flag].max, { example: RANGES[flag].example });
  const options: Partial<PlanOptions> & { budget: number } = { budget };
  const set1 = <K extends keyof PlanOptions>(k: K, v: PlanOptions[K] | undefined) => {
    if (v !== undefined) options[k] = v;
  };
  for (const [key, flag] of Object.entries(PLAN_OPTION_FLAGS)) set1(key as keyof typeof PLAN_OPTION_FLAGS, opt(flag));
  set1("years", values.years === undefined ? undefined : numberFlag(values.years as string, "years", 1, 1, 20, { integer: true, example: "5" }));
  set1("onset", onsetFlag(values.onset as string | undefined, options.years));
  if (values["spend-all"]) options.spendAll = true;
  if (values.divisible) options.divisible = true;
  options.solver = oneOf(values.solver as string | undefined, ["auto", "highs", "fast"] as const, "--solver", "auto");
  return {
    scenarios: scenarioRefs(values.scenarios as string | undefined),
    runs,
    seed,
    projects: values.projects as string | undefined,
    holdings: values.holdings as string | undefined,
    basket: values.basket as string | undefined,
    minerals,
    baseline: baselineFlag(values.baseline as string | undefined),
    assumptions: values.assumptions as string | undefined,
    market: values.market as string | undefined,
    options,
  };
}

/** The plan request, with `--holdings ledger[:SPEC]` read from the reserve ledger's position (releasable lots) instead of a file. */
export async function ledgerPlanRequest(values: Values, budget: number): Promise<PlanRequest & { ledgerNotes?: string[] }> {
  const req = planRequest(values, budget);
  const at = holdingsAt(values["holdings-at"] as string | undefined, values.holdings as string | undefined);
  const spec = ledgerSpec(values.holdings as string | undefined);
  if (spec === null) return req;
  const { holdings, notes } = await readLedgerHoldings(spec, at);
  return { ...req, holdings: undefined, holdingsSet: holdings, ledgerNotes: notes };
}

/** Flags → plan input: the request from the flags (--holdings ledger[:SPEC] read from the reserve ledger), then the files it names, read and checked. */
export async function planInput(values: Values, budget: number): Promise<{ input: PlanInput; dataset: Dataset; notes: string[] }> {
  const req = await ledgerPlanRequest(values, budget);
  const loaded = loadPlanInput(req);
  return { ...loaded, notes: [...loaded.notes, ...(req.ledgerNotes ?? [])] };
}

export type PlanFormat = Format | "xlsx";
export const PLAN_FORMATS: readonly PlanFormat[] = [...FORMATS, "xlsx"];

/**
 * --format and --out: a workbook is binary, so xlsx needs a file (never standard output), and
 * --out is only for xlsx (the text formats go to standard output).
 */
export function formatFlags(values: Values): { format: PlanFormat; out?: string } {
  const format = oneOf(values.format as string | undefined, PLAN_FORMATS, "--format", "table");
  const out = values.out as string | undefined;
  if (format !== "xlsx") {
    if (out !== undefined)
      throw new LodestoneError("bad-input", {
        field: "--out",
        message: `--out is for --format xlsx; --format ${format} prints to standard output`,
        expected: "--format xlsx --out FILE.xlsx, or no --out",
      });
    return { format };
  }
  if (out === undefined || out === "")
    throw new LodestoneError("bad-input", {
      field: "--out",
      message: "--format xlsx needs --out FILE.xlsx (a workbook is binary and is not printed to standard output)",
      expected: "--out FILE.xlsx",
    });
  if (out === "-" || /^\/(dev\/stdout|dev\/fd\/1|proc\/self\/fd\/1)$/.test(out))
    throw new LodestoneError("bad-input", {
      field: "--out",
      message: `--out ${out} would write a binary workbook to standard output`,
      expected: "--out FILE.xlsx",
    });
  if (!/\.xlsx$/i.test(out))
    throw new LodestoneError("bad-input", {
      field: "--out",
      message: `--out ${JSON.stringify(out)} does not end in .xlsx`,
      expected: "a file name such as plan.xlsx",
    });
  return { format, out };
}

/** A budget flag: a non-negative number of USD (negative → invalid, exit 2). */
export function budgetFlag(value: string | undefined, field: string, required: boolean): number | undefined {
  if (value === undefined) {
    if (required) throw new LodestoneError("bad-input", { field: `--${field}`, message: "missing", expected: `--${field} USD, such as 12e9` });
    return undefined;
  }
  return numberFlag(value, field, 0, RANGES.budget.min, RANGES.budget.max, { example: RANGES.budget.example });
}

/** The most values one `--vary` runs (each is a whole plan). */
export const VARY_MAX_VALUES = 20;

/** The range of a number given for an assumption, by its unit. */
const ASSUMED_RANGE = {
  consumption: { min: 0, max: 1e9, example: "8000" },
  price: { min: 0, max: 1e12, example: "50000" },
  net_import_reliance: { min: 0, max: 100, example: "75" },
  world_production: { min: 0, max: 1e10, example: "2000" },
} as const;

/**
 * `--vary KEY=V1,V2,...` → the key (checked against the loaded assumption set, the plan options and
 * the market parameters) and its values: for an assumption or a market parameter the words low,
 * central, high (its range) or numbers (in the assumption's unit; in the market parameter's domain:
 * an elasticity below 0, a haircut in [0, 1) …); for an option numbers in the flag's range (an
 * option has no range to name). `market`: the loaded market set and the dataset's mineral ids.
 */
export function varyFlag(
  spec: string,
  set: AssumptionSet | undefined,
  market?: { set: MarketSet; minerals: readonly string[] },
): { key: VaryKey; values: (number | RangeWord)[] } {
  const eq = spec.indexOf("=");
  const rawKey = eq < 0 ? spec : spec.slice(0, eq);
  const list =
    eq < 0
      ? []
      : spec
          .slice(eq + 1)
          .split(",")
          .map((v) => v.trim());
  if (eq < 0 || !rawKey || !list.length || list.some((v) => v === ""))
    throw new LodestoneError("bad-input", {
      field: "--vary",
      message: `${JSON.stringify(spec)} is not KEY=V1,V2,...`,
      expected: "such as --vary tungsten.consumption=low,high, --vary elasticity=low,high or --vary premium=0,0.2,0.5",
    });
  const key = varyKey(rawKey, set, "--vary", market?.minerals);
  if (list.length > VARY_MAX_VALUES)
    throw new LodestoneError("too-large", {
      field: "--vary",
      message: `${list.length} values (each is a whole plan)`,
      expected: `at most ${VARY_MAX_VALUES} values`,
    });
  const values = list.map((v): number | RangeWord => {
    if (key.kind === "option") {
      if ((RANGE_WORDS as readonly string[]).includes(v))
        throw new LodestoneError("bad-input", {
          field: `--vary ${key.key}`,
          message: `${v} names an assumption's range, and --${key.key} is a plan option with no range`,
          expected: `numbers, such as --vary ${key.key}=${RANGES[key.key].min},${RANGES[key.key].example}`,
        });
      const r = RANGES[key.key];
      return numberFlag(v, `--vary ${key.key}`, 0, r.min, r.max, { example: r.example });
    }
    if ((RANGE_WORDS as readonly string[]).includes(v)) return v as RangeWord;
    if (key.kind === "market") {
      const n = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(v) ? Number(v) : Number.NaN;
      if (Number.isNaN(n))
        throw new LodestoneError("bad-input", {
          field: `--vary ${key.key}`,
          message: `${JSON.stringify(v)} is not a number`,
          expected: `low, central, high (the range in ${market?.set.file ?? "the market file"}) or a number, such as --vary ${key.key}=low,high`,
        });
      return market ? checkMarketValue(key, n, market.set) : n;
    }
    const r = ASSUMED_RANGE[key.quantity];
    return numberFlag(v, `--vary ${key.key}`, 0, r.min, r.max, { example: `low, high or ${r.example}` });
  });
  return { key, values };
}
