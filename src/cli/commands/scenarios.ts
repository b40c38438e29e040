import { basename } from "node:path";
import { FORMATS, scenariosReport } from "../../index.js";
import { loadDataset } from "../../io/dataset.js";
import { listScenarioFiles, loadScenario } from "../../io/scenario-file.js";
import { oneOf, parse } from "../args.js";
import type { Command } from "./types.js";
import { wrapUsage } from "./usage.js";

export const scenarios: Command = {
  usage: wrapUsage("lodestone scenarios [--format table|json|csv]"),
  run(argv, io) {
    const { values } = parse(argv, { format: { type: "string" } }, "scenarios");
    const format = oneOf(values.format as string | undefined, FORMATS, "--format", "table");
    const dataset = loadDataset();
    const list = listScenarioFiles().map((f) => {
      const s = loadScenario(f, dataset);
      return { id: basename(f).replace(/\.(ya?ml|json)$/i, ""), file: s.file, name: s.name, horizon: s.horizon, events: s.events.length, cites: s.cites };
    });
    io.stdout.write(scenariosReport(list, format).text);
    return 0;
  },
};
