import { createHash } from "node:crypto";
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import {
  type AssumptionSet,
  assumedNotes,
  assumedWorldNotes,
  type Baseline,
  budgetSteps,
  compileScenario,
  type Dataset,
  type Holdings,
  LodestoneError,
  type MarketSet,
  marketValueOf,
  mineralIdsFor,
  ownMarketValues,
  type PlanInput,
  type PlanOptions,
  type Project,
  planScenarios,
  type RangeWord,
  resolvePlanOptions,
  SCENARIO_DEFAULTS,
  VARY_OPTIONS,
  type VaryKey,
  withAssumedValue,
  withHoldings,
  withMarketValue,
} from "../index.js";
import { loadAssumptions } from "./assumptions-file.js";
import { readBasket } from "./basket-file.js";
import { loadDataset, shownPath } from "./dataset.js";
import { readHoldings } from "./holdings-file.js";
import { loadMarket } from "./market-file.js";
import { readProjects } from "./projects-file.js";
import { listScenarioFiles, loadScenario, resolveScenario, SCENARIOS_DIR } from "./scenario-file.js";

/** A scenario file, folder or built-in name, with its weight (default 1). */
export interface ScenarioRef {
  ref: string;
  weight?: number;
}

/**
 * What a plan is asked for, as plain values (the CLI builds it from flags; an HTTP shell can build it
 * from a request body): the files are named, not yet read.
 */
export interface PlanRequest {
  /** scenario files, folders or built-in names; undefined: the built-in library */
  scenarios?: readonly ScenarioRef[];
  /** Monte Carlo draws of each file (default DEFAULT_PLAN_RUNS); 0: each file's deterministic run */
  runs?: number;
  seed?: number;
  /** a projects file */
  projects?: string;
  /** a basket file, or "all" for every mineral the scenarios cover; undefined: the USGS 2025 critical-minerals list */
  basket?: string;
  /** a market parameter file, or "none" for the built-in defaults; undefined: the shipped assumptions/market.yaml */
  market?: string;
  /** the market set itself, already read (a sensitivity run's changed copy); when given, `market` is not read */
  marketSet?: MarketSet;
  /** mineral ids or any listed name (dysprosium → rare-earths, with a note) */
  minerals?: readonly string[];
  baseline?: Baseline;
  /** a holdings file: what the reserve already owns, in store at month 1 of every scenario */
  holdings?: string;
  /** the holdings themselves, already read (a reserve ledger's position: src/store/loop.ts); when given, `holdings` is not read */
  holdingsSet?: Holdings;
  /** an assumptions file, or "none" for public data only; undefined: the shipped file */
  assumptions?: string;
  /** the assumption set itself, already read (a sensitivity run's changed copy); when given, `assumptions` is not read */
  assumptionSet?: AssumptionSet | null;
  options: Partial<PlanOptions> & { budget: number };
}

/** A regular file's SHA-256 (a copy of a scenario under another path has the same); null for anything else, which loading reports. */
function contentHash(path: string): string | null {
  try {
    const st = statSync(path);
    // past the size cap: loading refuses it with its own message
    if (!st.isFile() || st.size > SCENARIO_DEFAULTS.maxInputBytes) return null;
    return createHash("sha256").update(readFileSync(path)).digest("hex");
  } catch {
    return null;
  }
}

/** Folders expanded, built-in names resolved; the same file twice (by any path or name, or a byte-identical copy) is refused. */
function scenarioFiles(refs: readonly ScenarioRef[] | undefined): ScenarioRef[] {
  if (refs === undefined) {
    const files = listScenarioFiles(SCENARIOS_DIR);
    if (!files.length) throw new LodestoneError("not-found", { field: "--scenarios", message: "no built-in scenarios found", expected: "--scenarios FILES" });
    return files.map((ref) => ({ ref }));
  }
  const all = refs.flatMap(({ ref, weight }) =>
    existsSync(ref) && statSync(ref).isDirectory() ? listScenarioFiles(ref).map((f) => ({ ref: f, weight })) : [{ ref, weight }],
  );
  // The same file twice would silently count double: say so, and how to weight a file on purpose.
  const seen = new Map<string, string>();
  const contents = new Map<string, string>();
  for (const { ref } of all) {
    // a built-in name and its path are the same file: resolve names first, then compare real paths
    const path = resolveScenario(ref);
    const key = existsSync(path) ? realpathSync(path) : path;
    const first = seen.get(key);
    if (first !== undefined)
      throw new LodestoneError("bad-input", {
        field: "--scenarios",
        message: `${ref} is given twice${first !== ref ? ` (also as ${first})` : ""}`,
        expected: "each scenario once; to weigh it differently, give its probability such as FILE=0.3",
      });
    seen.set(key, ref);
    const hash = contentHash(path);
    const copy = hash === null ? undefined : contents.get(hash);
    if (copy !== undefined)
      throw new LodestoneError("bad-input", {
        field: "--scenarios",
        message: `${ref} has the same content as ${copy} (a copy would count the scenario twice)`,
        expected: "each scenario once; to weigh it differently, give its probability such as FILE=0.3",
      });
    if (hash !== null) contents.set(hash, ref);
  }
  return all;
}

/**
 * A plan request → the planner's input: read the dataset, the scenario, projects and basket files,
 * resolve the mineral names, and run the simulator's paths. Every bad file or name is a LodestoneError.
 */
export function loadPlanInput(req: PlanRequest): {
  input: PlanInput;
  dataset: Dataset;
  notes: string[];
  assumptions: AssumptionSet | undefined;
  market: MarketSet;
} {
  const dataset = loadDataset();
  const projects: Project[] = req.projects ? readProjects(req.projects, dataset) : [];
  const holdings = req.holdingsSet ?? (req.holdings ? readHoldings(req.holdings, dataset) : undefined);
  const assumptions = req.assumptionSet !== undefined ? (req.assumptionSet ?? undefined) : loadAssumptions(req.assumptions, dataset);
  const files = scenarioFiles(req.scenarios).map(({ ref, weight }) => ({
    compiled: compileScenario(loadScenario(ref, dataset), dataset, { baseline: req.baseline, assumptions }),
    weight,
  }));
  const market = req.marketSet ?? loadMarket(req.market, dataset);
  const runs = req.runs ?? DEFAULT_PLAN_RUNS;
  const basket = req.basket && req.basket !== "all" ? readBasket(req.basket, dataset) : undefined;
  // the default basket: every mineral on the USGS 2025 critical-minerals list (palladium, NdPr, dysprosium … as minerals of their own)
  const listed = req.basket === undefined ? dataset.minerals.filter((m) => m.lists.some((l) => l.list === "usgs-2025")).map((m) => m.id) : undefined;
  // every name resolves (dysprosium → rare-earths, with a note); unknown, no-chapter and repeated names are refused
  const named = req.minerals ? mineralIdsFor(dataset, [...req.minerals], "--minerals") : undefined;
  // --minerals and a basket's list narrow together: the plan covers the minerals both name, and says which are not in the basket
  const minerals = named?.ids ?? basket?.minerals ?? listed;
  const within = named ? basket?.minerals : undefined;
  const planned = planScenarios(files, dataset, { runs, seed: req.seed, projects, market, minerals, assumptions });
  // existing holdings: stock at month 1 of every scenario, on top of each scenario file's own stock
  const held = holdings ? withHoldings(planned.scenarios, holdings) : undefined;
  const set = held ? { ...planned, scenarios: held.scenarios, notes: [...planned.notes, ...held.notes] } : planned;
  const options = { ...req.options };
  if (basket) {
    options.marketShareByMineral = basket.marketShareByMineral;
    options.valueMultiplierByMineral = basket.valueMultiplierByMineral;
  }
  // each mineral's assumed figures once (the same entry fills it in every scenario file): `*n id: assumed …`, marked in the table
  const assumedOnce = new Map(files.flatMap((f) => f.compiled.minerals).map((m) => [m.id, m]));
  const inputNotes = assumedNotes([...assumedOnce.values()]).lines;
  const notes = [
    ...inputNotes,
    // then each assumed world production (the cap and the market impact), numbered on
    ...assumedWorldNotes(set.economics, inputNotes.length),
    ...baselineNotes(files.map((f) => f.compiled)),
    ...set.notes,
    ...(basket?.why ? [`basket ${shownPath(req.basket!)}: ${basket.why}`] : []),
    ...(listed && !named
      ? [
          `basket: the USGS 2025 critical-minerals list (${listed.length} minerals with a chapter, element-level where split out); --basket all plans every mineral the scenarios cover`,
        ]
      : []),
    runs > 0
      ? `scenarios: the expectation over ${runs} seeded Monte Carlo draws of each file (seed ${req.seed ?? 1}); --runs 0 plans on each file's deterministic run (the mode of every distribution)`
      : "scenarios: each file's deterministic run (the mode of every distribution), not an expectation; --runs N for N seeded Monte Carlo draws",
    `market parameters: ${market.file}`,
    ...(named?.notes ?? []),
  ];
  return { input: { scenarios: set.scenarios, economics: set.economics, projects, minerals, within, options }, dataset, notes, assumptions, market };
}

/**
 * The range of each numeric plan option (CLI flag or API field, named as the flag). A value outside is refused rather than planned with: each
 * bound is far beyond any sensible setting, so it only catches typos and overflow (1e300).
 */
export const PLAN_RANGES = {
  // the 2026 US programme is US$ 12 bn; 1e13 (US$ 10 trillion) exceeds the whole US federal budget
  budget: { min: 0, max: 1e13, example: "12e9" },
  // a share of one year's world output
  "market-share": { min: 0, max: 1, example: "0.1" },
  // ten years of import cover
  "max-days": { min: 0, max: 3650, example: "60" },
  "min-days": { min: 0, max: 3650, example: "30" },
  // 10 = paying 11 times the market price
  premium: { min: 0, max: 10, example: "0.1" },
  "loan-rate": { min: 0, max: 1, example: "0.045" },
  // US$ 1 M per ton-year is above the price per ton of all but a few precious metals
  storage: { min: 0, max: 1e6, example: "25" },
  "value-multiplier": { min: 0, max: 1000, example: "3" },
  // the span the scenario probabilities are stated over (and stock is held with no disruption)
  "horizon-years": { min: 0.25, max: 50, example: "5" },
} as const;

/** Each numeric plan option and the flag (and PLAN_RANGES key) that sets it: the CLI reads the flags, the HTTP API the option names. */
export const PLAN_OPTION_FLAGS = {
  marketShare: "market-share",
  maxDaysOfCover: "max-days",
  minDaysOfCover: "min-days",
  acquisitionPremium: "premium",
  loanRate: "loan-rate",
  storageUsdPerTonYear: "storage",
  valueMultiplier: "value-multiplier",
  horizonYears: "horizon-years",
} as const satisfies Partial<Record<keyof PlanOptions, keyof typeof PLAN_RANGES>>;

/**
 * The budgets a frontier sweeps: `steps` from `from` (default 0) to `to` (default US$ 24 bn); one
 * step is one budget, `to` (returned too: the plan input's budget). Refused: `to` below `from`, and one step asked to span two budgets.
 * `field` names the setting in errors (the CLI's flags, the API's fields).
 */
export function frontierBudgets(ask: { from?: number; to?: number; steps?: number }, field = (name: string) => name): { budgets: number[]; to: number } {
  const from = ask.from ?? 0;
  const to = ask.to ?? 24e9;
  const steps = ask.steps ?? 25;
  const musd = (v: number) => (v / 1e6).toLocaleString("en-US", { maximumFractionDigits: 0 });
  if (to < from)
    throw new LodestoneError("bad-input", {
      field: field("to"),
      message: `US$ ${musd(to)} M is below ${field("from")} US$ ${musd(from)} M`,
      expected: `${field("to")} at or above ${field("from")}`,
    });
  // one step is one budget, `to`; a `from` that differs asks for a span one step cannot cover
  if (steps === 1 && ask.from !== undefined && from !== to)
    throw new LodestoneError("bad-input", {
      field: field("steps"),
      message: `one step cannot span from US$ ${musd(from)} M to US$ ${musd(to)} M`,
      expected: `${field("steps")} 2 or more, or ${field("steps")} 1 with ${field("to")} alone (or ${field("from")} equal to ${field("to")})`,
    });
  return { budgets: steps === 1 ? [to] : budgetSteps(from, to, steps), to };
}

/** The plans' default number of Monte Carlo draws per scenario file (--runs). */
export const DEFAULT_PLAN_RUNS = 100;

/** The plan's note on d0: the baseline of each scenario file (one line when they agree), then the years it took: the common ones, and each mineral that differs. */
function baselineNotes(
  compiled: readonly {
    file: string;
    baseline: { rule: string; description: string; from: string };
    minerals: readonly { id: string; inputs: { d0: { baseline: { label: string } } } }[];
  }[],
): string[] {
  const rules = new Set(compiled.map((c) => c.baseline.rule));
  const head =
    rules.size === 1
      ? [`d0 baseline ${compiled[0].baseline.rule} (${compiled[0].baseline.from}): ${compiled[0].baseline.description}`]
      : compiled.map((c) => `${c.file}: d0 baseline ${c.baseline.rule} (${c.baseline.from}): ${c.baseline.description}`);
  const label = new Map<string, string>();
  for (const c of compiled) for (const m of c.minerals) if (!label.has(m.id)) label.set(m.id, m.inputs.d0.baseline.label);
  if (!label.size) return head;
  const count = new Map<string, number>();
  for (const l of label.values()) count.set(l, (count.get(l) ?? 0) + 1);
  const common = [...count].sort((a, b) => b[1] - a[1])[0][0];
  const others = [...label].filter(([, l]) => l !== common).map(([id, l]) => `${id} ${l}`);
  return [...head, `d0 years: ${common}${others.length ? `, except ${others.join("; ")}` : ""} (e: USGS estimate)`];
}

/** One plan input of a sensitivity run: the value as given, the figure it stands for, and the input made with it. */
export interface Variation {
  label: string;
  value: number;
  input: PlanInput;
  notes: string[];
}

/**
 * `plan --vary`: the base plan's input, then one input per value. An option changes the options
 * only; an assumption replaces the entry's figure in a copy of the set and rebuilds the input
 * (the scenarios are compiled again with it). `base` is loadPlanInput(req)'s answer.
 */
export function loadVariations(
  req: PlanRequest,
  base: { input: PlanInput; assumptions: AssumptionSet | undefined; market?: MarketSet },
  key: VaryKey,
  values: readonly (number | RangeWord)[],
): { baseValue: number | null; variations: Variation[]; notes: string[] } {
  if (key.kind === "market") {
    const market = base.market!;
    // a key on every mineral and a range word: each mineral at its own range end, so the row's figure is the default's; say whose differ
    const own = ownMarketValues(market, key);
    const words = values.filter((v) => typeof v !== "number");
    return {
      baseValue: marketValueOf(market, key),
      notes:
        !key.mineral && words.length
          ? [
              `--vary ${key.key}=${words.join(",")}: every mineral at its own ${words.join("/")} figure (${market.file}); the figure shown is the default's, for the minerals with no value of their own; ${own.length} minerals have their own (${own.map((o) => `${o.mineral} ${o.value}`).join(", ")} at base)`,
            ]
          : !key.mineral
            ? [`--vary ${key.key}: a number sets every mineral to it, over each one's own figure`]
            : [],
      variations: values.map((v) => {
        const changed = withMarketValue(market, key, v);
        const { input, notes } = loadPlanInput({ ...req, marketSet: changed, assumptionSet: base.assumptions ?? null });
        return { label: String(v), value: marketValueOf(changed, key), input, notes };
      }),
    };
  }
  if (key.kind === "option") {
    const field = VARY_OPTIONS[key.key];
    // null: no single base figure (storage defaults to each mineral's own, by form, from the market file)
    const baseValue = resolvePlanOptions(base.input.options)[field] as number | null;
    // a basket's per-mineral market share or value multiplier stays: the varied option moves only the other minerals
    const own =
      key.key === "market-share"
        ? base.input.options.marketShareByMineral
        : key.key === "value-multiplier"
          ? base.input.options.valueMultiplierByMineral
          : undefined;
    const kept = Object.keys(own ?? {});
    return {
      baseValue,
      notes: [
        ...(kept.length
          ? [`--vary ${key.key}: the basket ${shownPath(req.basket!)} sets its own for ${kept.join(", ")}, which the varied value does not change`]
          : []),
        ...(baseValue === null
          ? [`--vary ${key.key}: the base plan uses each mineral's own figure (the market file's, by form); each varied value applies to every mineral`]
          : []),
      ],
      variations: values.map((v) => {
        const value = v as number;
        return { label: String(v), value, input: { ...base.input, options: { ...base.input.options, [field]: value } }, notes: [] };
      }),
    };
  }
  const set = base.assumptions!;
  const entry = set.entries.find((a) => a.mineral === key.mineral && a.quantity === key.quantity)!;
  return {
    baseValue: entry.value,
    notes: [],
    variations: values.map((v) => {
      const changed = withAssumedValue(set, key.mineral, key.quantity, v);
      const value = changed.entries.find((a) => a.mineral === key.mineral && a.quantity === key.quantity)!.value;
      const { input, notes } = loadPlanInput({ ...req, assumptionSet: changed });
      return { label: String(v), value, input, notes };
    }),
  };
}
