import { FORMATS, scenariosReport } from "../../index.js";
import { loadDataset } from "../../io/dataset.js";
import { scenarioListings } from "../../io/scenario-file.js";
import { oneOf, parse } from "../args.js";
import type { Command } from "./types.js";
import { wrapUsage } from "./usage.js";

export const scenarios: Command = {
  usage: wrapUsage("lodestone scenarios [--format table|json|csv]"),
  run(argv, io) {
    const { values } = parse(argv, { format: { type: "string" } }, "scenarios");
    const format = oneOf(values.format as string | undefined, FORMATS, "--format", "table");
    io.stdout.write(scenariosReport(scenarioListings(loadDataset()), format).text);
    return 0;
  },
};
