/**
 * Cold start of the CLI as a user meets it: a fresh `node dist/cli/bin.js …` process per run (process
 * start, imports of only the command's modules, dataset load where the command needs it, output to
 * a pipe). Bare `node -e 0` is the floor. Target: `--help` under 0.25 s.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../src/io/dataset.js";
import { type BenchResult, timeMedian } from "./types.js";

const BIN = join(ROOT, "dist", "cli", "bin.js");

function spawnMs(args: string[]): () => void {
  return () => {
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, TZ: "UTC" } });
    if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  };
}

export default async function (): Promise<BenchResult[]> {
  const cases: [string, string[]][] = [
    ["bare node (node -e 0)", ["-e", "0"]],
    ["lodestone --help", [BIN, "--help"]],
    ["lodestone --version", [BIN, "--version"]],
    ["lodestone minerals", [BIN, "minerals"]],
    ["lodestone risk --top 10", [BIN, "risk", "--top", "10"]],
    ["lodestone simulate antimony-2024 (deterministic)", [BIN, "simulate", "antimony-2024"]],
    ["lodestone simulate coalition-chn-rus-irn (deterministic, 67 minerals)", [BIN, "simulate", "coalition-chn-rus-irn"]],
    ["lodestone plan --budget 12e9 (built-in scenarios)", [BIN, "plan", "--budget", "12e9"]],
  ];
  const figures: Record<string, string> = {};
  for (const [label, args] of cases) figures[label] = `${(await timeMedian(spawnMs(args), 9)).toFixed(0)} ms`;
  return [
    {
      name: "cold start (one process per run, median of 9 after a warm-up)",
      note: "Each command imports only its own modules (cli/commands/index.ts loads them on demand), so `--help` and `--version` load no core module. Before that change `--help` took 236 ms on this machine (one `time` run), when every command imported the whole core.",
      figures,
    },
  ];
}
