import { type Column, checkDataset, type Finding, FORMATS, formatIssue, LodestoneError, type Row, render } from "../../index.js";
import { importDataset, loadDataset } from "../../io/dataset.js";
import { oneOf, parse } from "../args.js";
import type { Command } from "./types.js";

const renderFindings = (findings: readonly Finding[]) =>
  findings
    .map(
      (f) =>
        `  ${f.severity} ${f.check}: ${f.message}${f.source ? ` [${formatIssue({ file: f.source.file, line: f.source.row, field: f.source.column, message: "" }).replace(/: $/, "")}]` : ""}`,
    )
    .join("\n");

/** One row per finding, for CSV: where it comes from in the sources, when it has a source. */
const FINDING_COLUMNS: readonly Column[] = [
  { key: "severity" },
  { key: "check" },
  { key: "mineral" },
  { key: "message" },
  { key: "file" },
  { key: "row", plain: true },
  { key: "column" },
];
const findingRows = (findings: readonly Finding[]): Row[] =>
  findings.map((f) => ({
    severity: f.severity,
    check: f.check,
    mineral: f.mineral,
    message: f.message,
    file: f.source?.file,
    row: f.source?.row,
    column: f.source?.column,
  }));

export const data: Command = {
  usage:
    "lodestone data import [--sources DIR] [--out DIR]\nlodestone data check [--out DIR] [--format table|json|csv]\n  --out DIR  the dataset folder (default data/dataset); the import writes only dataset.json and dataset.sha256 there\n             and refuses a folder holding anything else, or a sources folder",
  run(argv, io) {
    const { values, positionals } = parse(argv, { sources: { type: "string" }, out: { type: "string" }, format: { type: "string" } }, "data", {
      max: 1,
      what: "one subcommand: import | check",
    });
    const sub = positionals[0];
    if (sub === "import") {
      if (values.format !== undefined)
        throw new LodestoneError("bad-input", { field: "--format", message: "only applies to `data check`", expected: "no --format with `data import`" });
      const t0 = performance.now();
      const r = importDataset({ sources: values.sources as string | undefined, out: values.out as string | undefined });
      const ms = performance.now() - t0;
      io.stdout.write(
        `imported ${r.dataset.minerals.length} minerals, ${r.dataset.countries.length} countries from ${r.dataset.sources.length} source files in ${ms.toFixed(0)} ms → ${r.path} (${r.bytes} bytes)\n`,
      );
      if (r.findings.length) io.stdout.write(`consistency check: ${r.findings.length} finding(s)\n${renderFindings(r.findings)}\n`);
      return 0;
    }
    if (sub === "check") {
      const format = oneOf(values.format as string | undefined, FORMATS, "--format", "table");
      const findings = checkDataset(loadDataset(values.out as string | undefined));
      // the table is a list, not columns: messages run to 100 characters and would push it far past 120
      if (format === "table") io.stdout.write(`${findings.length} finding(s)\n${renderFindings(findings)}\n`);
      else io.stdout.write(render(format, findingRows(findings), FINDING_COLUMNS, findings));
      return findings.some((f) => f.severity === "error") ? 1 : 0;
    }
    throw new LodestoneError("bad-input", { field: "data", message: `unknown subcommand ${JSON.stringify(sub ?? "")}`, expected: "import | check" });
  },
};
