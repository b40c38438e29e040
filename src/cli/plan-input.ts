import { existsSync, realpathSync, statSync } from "node:fs";
import {
  BASELINE_EXPECTED,
  type Baseline,
  compileScenario,
  type Dataset,
  FORMATS,
  type Format,
  LodestoneError,
  mineralIdsFor,
  type PlanInput,
  type PlanOptions,
  type Project,
  parseBaseline,
  planScenarios,
} from "../index.js";
import { readBasket } from "../io/basket-file.js";
import { loadDataset } from "../io/dataset.js";
import { readProjects } from "../io/projects-file.js";
import { listScenarioFiles, loadScenario, resolveScenario, SCENARIOS_DIR } from "../io/scenario-file.js";
import { numberFlag, type Options, oneOf, shortNumber } from "./args.js";

/** Flags shared by `plan` and `frontier`: they build the partial plan options, nothing more. */
export const PLAN_FLAGS: Options = {
  scenarios: { type: "string" },
  runs: { type: "string" },
  seed: { type: "string" },
  minerals: { type: "string" },
  basket: { type: "string" },
  projects: { type: "string" },
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
};

/** --baseline latest|YEAR|mean:N → the consumption baseline for d0 (undefined: the scenario's, else the default). */
export function baselineFlag(value: string | undefined, field = "baseline"): Baseline | undefined {
  if (value === undefined) return undefined;
  const b = parseBaseline(value);
  if (!b) throw new LodestoneError("bad-input", { field, message: `${JSON.stringify(value)} is not a baseline`, expected: BASELINE_EXPECTED });
  return b;
}

/**
 * The range of each numeric plan flag. A value outside is refused rather than planned with: each
 * bound is far beyond any sensible setting, so it only catches typos and overflow (1e300).
 */
export const RANGES = {
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
} as const;

export const PLAN_FLAGS_USAGE = `  --scenarios a.yaml,b.yaml=2,dir   scenario files or folders (file=weight; default: the built-in library)
  --runs N --seed S                 N Monte Carlo draws of each file instead of its deterministic run
  --minerals a,b                    the basket (default: every mineral the scenarios cover)
  --basket FILE                     a basket file: minerals, per-mineral market_share and value_multiplier
  --projects FILE                   candidate capacity projects (e.g. projects/us-candidates.yaml)
  --divisible                       fund projects in part (x ∈ [0,1])
  --solver auto|highs|fast          auto: the exact fast path when it applies, else HiGHS
  --market-share A                  buy at most A × world production (default 0.1)
  --max-days D / --min-days D       cap / floor purchases in days of import cover
  --premium P --loan-rate R --storage USD_PER_T_YR --value-multiplier K
  --baseline latest|YEAR|mean:N     US consumption d0 stands on (default: the scenario's baseline:, else mean:3, the last 3 reported years)
  --format table|json|csv|xlsx      xlsx: an Excel workbook, written to --out
  --out FILE.xlsx                   where --format xlsx writes (required with it)
  --runs 1..1e5, --seed 0..4294967295 (whole numbers); ranges of the other numbers:
${Object.entries(RANGES)
  .map(([k, r]) => `    --${k} ${shortNumber(r.min)}..${shortNumber(r.max)}`)
  .join("\n")}`;

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function scenarioRefs(spec: string | undefined): { ref: string; weight?: number }[] {
  if (spec === undefined) {
    const files = listScenarioFiles(SCENARIOS_DIR);
    if (!files.length) throw new LodestoneError("not-found", { field: "--scenarios", message: "no built-in scenarios found", expected: "--scenarios FILES" });
    return files.map((ref) => ({ ref }));
  }
  const refs = spec.split(",").flatMap((part) => {
    const [ref, w, ...more] = part.split("=");
    if (!ref || more.length)
      throw new LodestoneError("bad-input", {
        field: "--scenarios",
        message: `${JSON.stringify(part)} is not a scenario`,
        expected: "FILE, FILE=WEIGHT or a folder, separated by commas",
      });
    const weight = w === undefined ? undefined : numberFlag(w, `--scenarios weight of ${ref}`, 1, 0, 1e6, { example: "2" });
    if (weight === 0)
      throw new LodestoneError("invalid", {
        field: `--scenarios weight of ${ref}`,
        message: "0 would leave the scenario out",
        expected: "a weight above 0 (to leave a scenario out, do not list it)",
      });
    if (existsSync(ref) && statSync(ref).isDirectory()) return listScenarioFiles(ref).map((f) => ({ ref: f, weight }));
    return [{ ref, weight }];
  });
  // The same file twice would silently count double: say so, and how to weight a file on purpose.
  const seen = new Map<string, string>();
  for (const { ref } of refs) {
    // a built-in name and its path are the same file: resolve names first, then compare real paths
    const path = resolveScenario(ref);
    const key = existsSync(path) ? realpathSync(path) : path;
    const first = seen.get(key);
    if (first !== undefined)
      throw new LodestoneError("bad-input", {
        field: "--scenarios",
        message: `${ref} is given twice${first !== ref ? ` (also as ${first})` : ""}`,
        expected: "each scenario once; to count one more, give it a weight such as FILE=2",
      });
    seen.set(key, ref);
  }
  return refs;
}

/** Flags → plan input: read the dataset, scenario files and projects, run the simulator's paths. */
export function planInput(values: Values, budget: number): { input: PlanInput; dataset: Dataset; notes: string[] } {
  const dataset = loadDataset();
  const runs = values.runs === undefined ? undefined : numberFlag(values.runs as string, "runs", 0, 1, 100_000, { integer: true, example: "1000" });
  const seed = numberFlag(values.seed as string | undefined, "seed", 1, 0, 0xffffffff, { integer: true, example: "42" });
  const projects: Project[] = values.projects ? readProjects(values.projects as string, dataset) : [];
  const baseline = baselineFlag(values.baseline as string | undefined);
  const files = scenarioRefs(values.scenarios as string | undefined).map(({ ref, weight }) => ({
    compiled: compileScenario(loadScenario(ref, dataset), dataset, { baseline }),
    weight,
  }));
  const set = planScenarios(files, dataset, { runs, seed, projects });
  const basket = values.basket ? readBasket(values.basket as string, dataset) : undefined;
  const typed = values.minerals === undefined ? undefined : (values.minerals as string).split(",").map((s) => s.trim());
  let listed: string[] | undefined;
  let partNotes: string[] = [];
  if (typed) {
    if (typed.some((m) => m === ""))
      throw new LodestoneError("bad-input", {
        field: "--minerals",
        message: `${JSON.stringify(values.minerals)} has an empty name`,
        expected: "mineral ids separated by commas, such as gallium,germanium",
      });
    // every name resolves (palladium → platinum-group-metals, with a note); unknown, no-chapter and repeated names are refused
    ({ ids: listed, notes: partNotes } = mineralIdsFor(dataset, typed, "--minerals"));
  }
  // --minerals and a basket's list narrow together: the plan covers the minerals both name, and says which are not in the basket
  const minerals = listed ?? basket?.minerals;
  const within = listed ? basket?.minerals : undefined;
  const opt = (flag: keyof typeof RANGES) =>
    values[flag] === undefined ? undefined : numberFlag(values[flag] as string, flag, 0, RANGES[flag].min, RANGES[flag].max, { example: RANGES[flag].example });
  const options: Partial<PlanOptions> & { budget: number } = { budget };
  const set1 = <K extends keyof PlanOptions>(k: K, v: PlanOptions[K] | undefined) => {
    if (v !== undefined) options[k] = v;
  };
  set1("marketShare", opt("market-share"));
  set1("maxDaysOfCover", opt("max-days"));
  set1("minDaysOfCover", opt("min-days"));
  set1("acquisitionPremium", opt("premium"));
  set1("loanRate", opt("loan-rate"));
  set1("storageUsdPerTonYear", opt("storage"));
  set1("valueMultiplier", opt("value-multiplier"));
  if (basket) {
    options.marketShareByMineral = basket.marketShareByMineral;
    options.valueMultiplierByMineral = basket.valueMultiplierByMineral;
  }
  if (values.divisible) options.divisible = true;
  options.solver = oneOf(values.solver as string | undefined, ["auto", "highs", "fast"] as const, "solver", "auto");
  const notes = [
    ...baselineNotes(files.map((f) => f.compiled)),
    ...set.notes,
    ...(basket?.why ? [`basket ${values.basket}: ${basket.why}`] : []),
    ...partNotes,
  ];
  return { input: { scenarios: set.scenarios, economics: set.economics, projects, minerals, within, options }, dataset, notes };
}

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

export type PlanFormat = Format | "xlsx";
export const PLAN_FORMATS: readonly PlanFormat[] = [...FORMATS, "xlsx"];

/**
 * --format and --out: a workbook is binary, so xlsx needs a file (never standard output), and
 * --out is only for xlsx (the text formats go to standard output).
 */
export function formatFlags(values: Values): { format: PlanFormat; out?: string } {
  const format = oneOf(values.format as string | undefined, PLAN_FORMATS, "format", "table");
  const out = values.out as string | undefined;
  if (format !== "xlsx") {
    if (out !== undefined)
      throw new LodestoneError("bad-input", {
        field: "out",
        message: `--out is for --format xlsx; --format ${format} prints to standard output`,
        expected: "--format xlsx --out FILE.xlsx, or no --out",
      });
    return { format };
  }
  if (out === undefined || out === "")
    throw new LodestoneError("bad-input", {
      field: "out",
      message: "--format xlsx needs --out FILE.xlsx (a workbook is binary and is not printed to standard output)",
      expected: "--out FILE.xlsx",
    });
  if (out === "-" || /^\/(dev\/stdout|dev\/fd\/1|proc\/self\/fd\/1)$/.test(out))
    throw new LodestoneError("bad-input", {
      field: "out",
      message: `--out ${out} would write a binary workbook to standard output`,
      expected: "--out FILE.xlsx",
    });
  if (!/\.xlsx$/i.test(out))
    throw new LodestoneError("bad-input", {
      field: "out",
      message: `--out ${JSON.stringify(out)} does not end in .xlsx`,
      expected: "a file name such as plan.xlsx",
    });
  return { format, out };
}

/** A budget flag: a non-negative number of USD (negative → invalid, exit 2). */
export function budgetFlag(value: string | undefined, field: string, required: boolean): number | undefined {
  if (value === undefined) {
    if (required) throw new LodestoneError("bad-input", { field, message: "missing", expected: `--${field} USD, such as 12e9` });
    return undefined;
  }
  return numberFlag(value, field, 0, RANGES.budget.min, RANGES.budget.max, { example: RANGES.budget.example });
}
