import { checkDataset, formatIssue, LodestoneError } from "../../index.js";
import { importDataset, loadDataset } from "../../io/dataset.js";
import { parse } from "../args.js";
import type { Command } from "./types.js";

const renderFindings = (findings: ReturnType<typeof checkDataset>) =>
  findings.map((f) => `  ${f.severity} ${f.check}: ${f.message}${f.source ? ` [${formatIssue({ file: f.source.file, line: f.source.row, field: f.source.column, message: "" }).replace(/: $/, "")}]` : ""}`).join("\n");

export const data: Command = {
  usage: "lodestone data import [--sources DIR] [--out DIR]\nlodestone data check [--format text|json]",
  run(argv, io) {
    const { values, positionals } = parse(argv, { sources: { type: "string" }, out: { type: "string" }, format: { type: "string" } }, "data", { max: 1, what: "one subcommand: import | check" });
    const sub = positionals[0];
    if (sub === "import") {
      const t0 = performance.now();
      const r = importDataset({ sources: values.sources as string | undefined, out: values.out as string | undefined });
      const ms = performance.now() - t0;
      io.stdout.write(`imported ${r.dataset.minerals.length} minerals, ${r.dataset.countries.length} countries from ${r.dataset.sources.length} source files in ${ms.toFixed(0)} ms → ${r.path} (${r.bytes} bytes)\n`);
      if (r.findings.length) io.stdout.write(`consistency check: ${r.findings.length} finding(s)\n${renderFindings(r.findings)}\n`);
      return 0;
    }
    if (sub === "check") {
      const findings = checkDataset(loadDataset(values.out as string | undefined));
      if (values.format === "json") io.stdout.write(JSON.stringify(findings, null, 2) + "\n");
      else io.stdout.write(`${findings.length} finding(s)\n${renderFindings(findings)}\n`);
      return findings.some((f) => f.severity === "error") ? 1 : 0;
    }
    throw new LodestoneError("bad-input", { field: "data", message: `unknown subcommand ${JSON.stringify(sub ?? "")}`, expected: "import | check" });
  },
};
