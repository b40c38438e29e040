import { render, FORMATS } from "../../index.js";
import { loadDataset } from "../../io/dataset.js";
import { listScenarioFiles, loadScenario } from "../../io/scenario-file.js";
import { oneOf, parse } from "../args.js";
import type { Command } from "./types.js";
import { basename } from "node:path";

export const scenarios: Command = {
  usage: "lodestone scenarios [--format table|json|csv]",
  run(argv, io) {
    const { values } = parse(argv, { format: { type: "string" } }, "scenarios");
    const format = oneOf(values.format as string | undefined, FORMATS, "--format", "table");
    const dataset = loadDataset();
    const list = listScenarioFiles().map((f) => {
      const s = loadScenario(f, dataset);
      return { id: basename(f).replace(/\.(ya?ml|json)$/i, ""), file: s.file, name: s.name, horizon: s.horizon, events: s.events.length, cites: s.cites };
    });
    const rows = list.map((s) => ({ ...s, cites: s.cites.join(" | ") }));
    const columns = [{ key: "id" }, { key: "name" }, { key: "horizon", label: "months" }, { key: "events" }, { key: "cites" }];
    if (format === "table") {
      const text = list.map((s) => `${s.id}  (${s.file}, ${s.horizon} months, ${s.events} events)\n  ${s.name}\n${s.cites.map((c) => `  cites: ${c}`).join("\n")}`).join("\n\n");
      io.stdout.write(text + "\n");
    } else io.stdout.write(render(format, rows, columns, list));
  },
};
