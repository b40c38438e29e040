import { checkDataset, FORMATS, findingsReport, importReport, LodestoneError } from "../../index.js";
import { importDataset, loadDataset } from "../../io/dataset.js";
import { oneOf, parse } from "../args.js";
import type { Command } from "./types.js";
import { wrapUsage } from "./usage.js";

export const data: Command = {
  usage: wrapUsage(
    "lodestone data import [--sources DIR] [--out DIR]\nlodestone data check [--out DIR] [--format table|json|csv]\n  --out DIR  the dataset folder (default data/dataset); the import writes only dataset.json and dataset.sha256 there\n             and refuses a folder holding anything else, or a sources folder",
  ),
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
      io.stdout.write(importReport(r, ms).text);
      return 0;
    }
    if (sub === "check") {
      const format = oneOf(values.format as string | undefined, FORMATS, "--format", "table");
      const findings = checkDataset(loadDataset(values.out as string | undefined));
      io.stdout.write(findingsReport(findings, format).text);
      return findings.some((f) => f.severity === "error") ? 1 : 0;
    }
    throw new LodestoneError("bad-input", { field: "data", message: `unknown subcommand ${JSON.stringify(sub ?? "")}`, expected: "import | check" });
  },
};
