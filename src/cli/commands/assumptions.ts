import { assumptionGaps, checkReport, FORMATS, gapsReport, LodestoneError } from "../../index.js";
import { loadAssumptions } from "../../io/assumptions-file.js";
import { loadDataset } from "../../io/dataset.js";
import { oneOf, parse } from "../args.js";
import type { Command } from "./types.js";

const SUBS = ["gaps", "check"] as const;

export const assumptions: Command = {
  usage: [
    "lodestone assumptions gaps [--assumptions FILE|none] [--format table|json|csv]",
    "  every missing US consumption, net import reliance or price on a critical list, ranked, and which the file fills",
    "lodestone assumptions check FILE",
    "  validate an assumptions file: exit 0, or exit 2 with every problem as file:line: field: problem",
  ].join("\n"),
  run(argv, io) {
    const { values, positionals } = parse(argv, { format: { type: "string" }, assumptions: { type: "string" } }, "assumptions", {
      max: 2,
      what: "gaps, or check FILE",
    });
    const sub = oneOf(positionals[0], SUBS, "assumptions", "gaps");
    const dataset = loadDataset();
    if (sub === "check") {
      const file = positionals[1];
      if (!file) throw new LodestoneError("bad-input", { field: "assumptions check", message: "no file given", expected: "lodestone assumptions check FILE" });
      // entries for a list name that is not a dataset mineral yet are valid, kept and applied to nothing
      io.stdout.write(checkReport(file, loadAssumptions(file, dataset)).text);
      return 0;
    }
    if (positionals.length > 1)
      throw new LodestoneError("bad-input", {
        field: "assumptions gaps",
        message: `unexpected ${positionals[1]}`,
        expected: "no file (use --assumptions FILE)",
      });
    const format = oneOf(values.format as string | undefined, FORMATS, "--format", "table");
    const set = loadAssumptions(values.assumptions as string | undefined, dataset);
    io.stdout.write(gapsReport(assumptionGaps(dataset, set), format, set?.file ?? null, set?.held).text);
    return 0;
  },
};
