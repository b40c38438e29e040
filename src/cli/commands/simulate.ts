import { availableParallelism } from "node:os";
import cliProgress from "cli-progress";
import {
  type Actor,
  type Baseline,
  type CompiledScenario,
  type Dataset,
  FORMATS,
  type Format,
  LodestoneError,
  membersReport,
  type Report,
  simulate as runSimulation,
  SCENARIO_DEFAULTS,
  withHeld,
} from "../../index.js";
import { loadDataset } from "../../io/dataset.js";
import { readHoldings } from "../../io/holdings-file.js";
import { parseActor } from "../../io/ledger-commands.js";
import { defaultWorkers } from "../../io/montecarlo-pool.js";
import { showsProgress, simulationInput, simulationRun } from "../../io/simulation.js";
import {
  holdingsAt,
  holdingsLabel,
  ledgerHoldings,
  ledgerSpec,
  memberShortfallRuns,
  memberShortfalls,
  openLedgerToRead,
  readLedgerHoldings,
} from "../../store/index.js";
import { numberFlag, oneOf, parse } from "../args.js";
import type { CliIo } from "../io.js";
import { baselineFlag } from "../plan-input.js";
import type { Command } from "./types.js";
import { wrapUsage } from "./usage.js";

const OPTIONS = {
  format: { type: "string" },
  runs: { type: "string" },
  seed: { type: "string" },
  workers: { type: "string" },
  monthly: { type: "boolean" },
  baseline: { type: "string" },
  assumptions: { type: "string" },
  market: { type: "string" },
  holdings: { type: "string" },
  "holdings-at": { type: "string" },
  members: { type: "boolean" },
  ledger: { type: "string" },
  as: { type: "string" },
} as const;

interface Run {
  ref: string;
  format: Format;
  monthly: boolean;
  baseline?: Baseline;
  assumptions?: string;
  market?: string;
  /** --holdings FILE|ledger[:SPEC]: what the reserve holds, in store at month 1 */
  holdings?: string;
  /** --holdings-at DATE: the ledger's lots as of that day (default today) */
  holdingsAt?: string;
  /** --members --ledger SPEC --as ROLE:ID: which members are short in which month */
  members?: { ledger?: string; actor: Actor };
  mc?: { runs: number; seed: number; workers: number };
}

/** Most draws `--members --runs` takes: each is a whole simulation and an allocation per month, in this thread. */
const MEMBERS_MAX_RUNS = 10_000;

/** Flags → a run description (no I/O). */
function options(argv: string[]): Run {
  const { values, positionals } = parse(argv, OPTIONS, "simulate", { max: 1, what: "one scenario file or built-in name" });
  const format = oneOf(values.format as string | undefined, FORMATS, "--format", "table");
  if (positionals.length !== 1)
    throw new LodestoneError("bad-input", {
      field: "simulate",
      message: positionals.length ? `${positionals.length} scenario files given` : "no scenario file given",
      expected: "one scenario file or built-in name",
    });
  const base = {
    ref: positionals[0],
    format,
    monthly: !!values.monthly,
    baseline: baselineFlag(values.baseline as string | undefined, "--baseline"),
    assumptions: values.assumptions as string | undefined,
    market: values.market as string | undefined,
    holdings: values.holdings as string | undefined,
    holdingsAt: holdingsAt(values["holdings-at"] as string | undefined, values.holdings as string | undefined),
    ...(values.members ? { members: { ledger: values.ledger as string | undefined, actor: parseActor(values.as as string | undefined) } } : {}),
  };
  if (!values.members) {
    const stray = (["ledger", "as"] as const).filter((f) => values[f] !== undefined);
    if (stray.length)
      throw new LodestoneError("bad-input", {
        field: `--${stray[0]}`,
        message: "only applies with --members",
        expected: "--members --ledger SPEC --as ROLE:ID",
      });
  } else if (values.holdings !== undefined)
    throw new LodestoneError("bad-input", {
      field: "--holdings",
      message: "--members starts from the --ledger's position already",
      expected: "--members --ledger SPEC without --holdings",
    });
  if (values.runs === undefined) {
    if (values.seed !== undefined || values.workers !== undefined)
      throw new LodestoneError("bad-input", { field: "--seed/--workers", message: "only apply to a Monte Carlo", expected: "--runs N as well" });
    return base;
  }
  const runs = numberFlag(values.runs as string, "--runs", 1, 1, Infinity, { integer: true, example: "1000" });
  const seed = numberFlag(values.seed as string | undefined, "--seed", SCENARIO_DEFAULTS.seed, 0, 0xffffffff, { integer: true, example: "42" });
  if (values.members) {
    // the allocation runs on every draw in this thread: one whole simulation per draw
    if (values.workers !== undefined)
      throw new LodestoneError("bad-input", {
        field: "--workers",
        message: "--members runs its draws in this thread",
        expected: "--members --runs N [--seed S]",
      });
    if (runs > MEMBERS_MAX_RUNS)
      throw new LodestoneError("too-large", { field: "--runs", message: `${runs} runs is too many with --members`, expected: `at most ${MEMBERS_MAX_RUNS}` });
    return { ...base, mc: { runs, seed, workers: 0 } };
  }
  // more threads than cores only slows the run down (and each holds a copy of the draws)
  const cores = availableParallelism();
  const workers = numberFlag(values.workers as string | undefined, "--workers", defaultWorkers(), 0, Infinity, {
    integer: true,
    example: String(defaultWorkers()),
  });
  if (workers > cores)
    throw new LodestoneError("invalid", {
      field: "--workers",
      message: `${workers} is more than this machine's ${cores} cores`,
      expected: `at most ${cores} (default ${defaultWorkers()}: one per core besides this thread)`,
    });
  if (runs > SCENARIO_DEFAULTS.maxRuns)
    throw new LodestoneError("too-large", { field: "--runs", message: `${runs} runs is too many`, expected: `at most ${SCENARIO_DEFAULTS.maxRuns}` });
  return { ...base, mc: { runs, seed, workers } };
}

/** A progress bar on standard error for a big Monte Carlo (not with JSON, which scripts read whole). */
function progressBar(o: Run, compiled: CompiledScenario, io: CliIo) {
  if (!o.mc || o.format === "json" || !showsProgress(compiled, o.mc.runs)) return undefined;
  return new cliProgress.SingleBar(
    { stream: io.stderr as NodeJS.WritableStream, format: "monte carlo [{bar}] {value}/{total} minerals", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
}

/** The scenario with the ledger's releasable tons in store at month 1, and the ledger's state. */
async function fromLedger(c: CompiledScenario, spec: string | undefined) {
  const ledger = await openLedgerToRead(spec);
  try {
    const state = await ledger.state();
    const h = ledgerHoldings(state, spec ?? "(default)");
    return { compiled: withHeld(c, new Map(h.holdings.map((x) => [x.mineral, x.tons])), `the ledger as of ${h.asOf}`).compiled, state, asOf: h.asOf };
  } finally {
    await ledger.close();
  }
}

/** --holdings FILE|ledger[:SPEC] → the scenario with those tons in store at month 1 (unchanged without the flag). */
async function withHoldingsFlag(c: CompiledScenario, flag: string | undefined, dataset: Dataset, at?: string): Promise<CompiledScenario> {
  if (flag === undefined) return c;
  const spec = ledgerSpec(flag);
  if (spec !== null) {
    // the ledger's balances as of the day (today by default, and said so)
    const { holdings } = await readLedgerHoldings(spec, at);
    return withHeld(c, new Map(holdings.holdings.map((x) => [x.mineral, x.tons])), `the ledger as of ${holdingsLabel(holdings.asOf, at === undefined)}`)
      .compiled;
  }
  const h = readHoldings(flag, dataset);
  return withHeld(c, new Map(h.holdings.map((x) => [x.mineral, x.tons])), `${h.file} as of ${h.asOf}`).compiled;
}

export const simulate: Command = {
  usage: wrapUsage(
    [
      "lodestone simulate <file|name> [--format table|json|csv] [--monthly] [--runs N] [--seed S] [--workers K]",
      "  <file|name>  a scenario YAML/JSON file, or a built-in name from `lodestone scenarios`",
      "  --runs N     Monte Carlo over the scenario's distributions and probabilities (default: one deterministic run)",
      `  --seed S     Monte Carlo seed, 0..4294967295 (default ${SCENARIO_DEFAULTS.seed}); same seed, same output`,
      "  --workers K  worker threads for the Monte Carlo besides this one, which computes too (default: cores − 1;",
      "               0 = this thread only; at most the core count); small runs use this thread only, where workers cost more",
      "  --monthly    table/CSV rows per mineral and month instead of per mineral",
      "  --baseline latest|YEAR|mean:N  US consumption d0 stands on (default: the scenario's baseline:, else mean:3, the last 3 reported years)",
      "  --assumptions FILE|none  figures USGS withholds (default: assumptions/public-estimates.yaml; none: public data only)",
      "  --market FILE|none  elasticities and price caps the monthly price and the loss of the shortfall are read from",
      "               (default: assumptions/market.yaml; none: the built-in defaults, docs/economics.md)",
      "  --holdings FILE|ledger[:SPEC]  what the reserve already holds, added to each mineral's stock at month 1",
      "               (ledger: the reserve ledger's releasable lots; default $LODESTONE_LEDGER, else sqlite:reserve.sqlite)",
      "  --holdings-at YYYY-MM-DD  with --holdings ledger: the lots as of that day (default today, stated in the notes)",
      "  --members --ledger SPEC --as ROLE:ID  from the ledger's position, share each month's released stock among the members",
      "               by the ledger's allocation rule (priority classes, pro rata to entitlement) and show who is short when;",
      "               a member sees only its own lines; with --runs N [--seed S] the allocation runs on every draw and",
      "               each member's shortfall over the horizon is shown as P50, P90, mean and the share of draws short",
      "  --format json is the audit record: every input with its source and every monthly series",
    ].join("\n"),
  ),
  async run(argv, io) {
    const o = options(argv);
    const dataset = loadDataset();
    const { compiled: scenario, market } = simulationInput(o.ref, dataset, o);
    if (o.members) {
      const { compiled, state, asOf } = await fromLedger(scenario, o.members.ledger);
      const r = o.mc
        ? memberShortfallRuns(state, compiled, o.members.actor, asOf, o.mc.runs, o.mc.seed)
        : memberShortfalls(state, runSimulation(compiled), o.members.actor, asOf);
      io.stdout.write(membersReport(r, o.format));
      return 0;
    }
    const compiled = await withHoldingsFlag(scenario, o.holdings, dataset, o.holdingsAt);
    const bar = progressBar(o, compiled, io);
    let started = false;
    let report: Report;
    try {
      report = await simulationRun(compiled, {
        ...o,
        market,
        onProgress: (done, total) => {
          if (!started) bar?.start(total, 0);
          started = true;
          bar?.update(done);
        },
      });
    } finally {
      if (started) bar?.stop();
    }
    // CSV stays a header-only table on stdout (scripts read it); the reason goes to stderr. JSON carries it in `notes`.
    if (report.warning) io.stderr.write(`lodestone: ${report.warning}\n`);
    io.stdout.write(report.text);
    return report.code;
  },
};
