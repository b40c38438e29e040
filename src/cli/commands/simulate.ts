import { availableParallelism } from "node:os";
import cliProgress from "cli-progress";
import {
  compileScenario, FORMATS, LodestoneError, monteCarloAudit, monteCarloMonthlyRows, monteCarloRows, MONTE_CARLO_COLUMNS, MONTE_CARLO_MONTHLY_COLUMNS,
  MONTHLY_COLUMNS, render, SCENARIO_DEFAULTS, simulate as runSimulation, simulationAudit, simulationMonthlyRows, simulationRows, SIMULATION_COLUMNS,
  type CompiledScenario,
} from "../../index.js";
import { loadDataset } from "../../io/dataset.js";
import { runMonteCarlo } from "../../io/montecarlo-pool.js";
import { loadScenario } from "../../io/scenario-file.js";
import { numberFlag, oneOf, parse } from "../args.js";
import type { Command } from "./types.js";

const OPTIONS = { format: { type: "string" }, runs: { type: "string" }, seed: { type: "string" }, workers: { type: "string" }, monthly: { type: "boolean" } } as const;

/** Text after the table: who is left out and why, and the notes. */
function footer(c: CompiledScenario): string {
  const lines = [
    ...c.excluded.map((x) => `left out: ${x.id}: ${x.reason}`),
    ...c.notes.map((n) => `note: ${n}`),
    ...c.minerals.flatMap((m) => m.notes.map((n) => `note: ${m.id}: ${n}`)),
  ];
  return lines.length ? "\n" + lines.join("\n") + "\n" : "";
}

export const simulate: Command = {
  summary: "simulate a disruption scenario month by month (deterministic, or Monte Carlo with --runs)",
  usage: [
    "lodestone simulate <file|name> [--format table|json|csv] [--monthly] [--runs N] [--seed S] [--workers K]",
    "  <file|name>  a scenario YAML/JSON file, or a built-in name from `lodestone scenarios`",
    "  --runs N     Monte Carlo over the scenario's distributions and probabilities (default: one deterministic run)",
    `  --seed S     Monte Carlo seed, 0..4294967295 (default ${SCENARIO_DEFAULTS.seed}); same seed, same output`,
    "  --workers K  worker threads for the Monte Carlo (default: one per core; 0 = this thread)",
    "  --monthly    table/CSV rows per mineral and month instead of per mineral",
    "  --format json is the audit record: every input with its source and every monthly series",
  ].join("\n"),
  async run(argv) {
    const { values, positionals } = parse(argv, OPTIONS, "simulate");
    const format = oneOf(values.format as string | undefined, FORMATS, "--format", "table");
    if (positionals.length !== 1) throw new LodestoneError("bad-input", { field: "simulate", message: positionals.length ? `${positionals.length} scenario files given` : "no scenario file given", expected: "one scenario file or built-in name" });
    const dataset = loadDataset();
    const compiled = compileScenario(loadScenario(positionals[0], dataset), dataset);
    const monthly = !!values.monthly;

    if (values.runs === undefined) {
      if (values.seed !== undefined || values.workers !== undefined) throw new LodestoneError("bad-input", { field: "--seed/--workers", message: "only apply to a Monte Carlo", expected: "--runs N as well" });
      const r = runSimulation(compiled);
      const head = format === "table" ? `${r.scenario.name} (${r.scenario.file}), deterministic run, ${r.scenario.horizon} months, exposure: ${r.scenario.exposure}\n\n` : "";
      const out = monthly ? render(format, simulationMonthlyRows(r), MONTHLY_COLUMNS, simulationAudit(r)) : render(format, simulationRows(r), SIMULATION_COLUMNS, simulationAudit(r));
      process.stdout.write(head + out + (format === "table" ? footer(compiled) : ""));
      return 0;
    }

    const runs = numberFlag(values.runs as string, "--runs", 1, 1);
    const seed = numberFlag(values.seed as string | undefined, "--seed", SCENARIO_DEFAULTS.seed, 0, 0xffffffff);
    const workers = numberFlag(values.workers as string | undefined, "--workers", availableParallelism(), 0, 64);
    if (!Number.isInteger(runs) || !Number.isInteger(seed) || !Number.isInteger(workers)) throw new LodestoneError("invalid", { field: "--runs/--seed/--workers", message: "not a whole number", expected: "integers" });
    const big = runs * compiled.minerals.length * compiled.horizon > SCENARIO_DEFAULTS.progressThreshold;
    const bar = format !== "json" && big && process.stderr.isTTY !== false ? new cliProgress.SingleBar({ stream: process.stderr, format: "monte carlo [{bar}] {value}/{total} minerals", hideCursor: true }, cliProgress.Presets.shades_classic) : undefined;
    bar?.start(compiled.minerals.length, 0);
    let r;
    try {
      r = await runMonteCarlo(compiled, { runs, seed, workers, onProgress: (d) => bar?.update(d) });
    } finally {
      bar?.stop();
    }
    const head = format === "table" ? `${r.scenario.name} (${r.scenario.file}), Monte Carlo: ${runs} runs, seed ${seed}, ${r.scenario.horizon} months\nP(any shortfall, any mineral) ${(r.total.probAnyShortfall * 100).toFixed(1)} %; total shortfall value USD P10 ${fmt(r.total.value.p10)}, P50 ${fmt(r.total.value.p50)}, P90 ${fmt(r.total.value.p90)}, mean ${fmt(r.total.value.mean)}\n\n` : "";
    const out = monthly ? render(format, monteCarloMonthlyRows(r), MONTE_CARLO_MONTHLY_COLUMNS, monteCarloAudit(r)) : render(format, monteCarloRows(r), MONTE_CARLO_COLUMNS, monteCarloAudit(r));
    process.stdout.write(head + out + (format === "table" ? footer(compiled) : ""));
    return 0;
  },
};

const fmt = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 0 });
