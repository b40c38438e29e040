import { FORMATS, findMineral, LodestoneError, profile, profileReport } from "../../index.js";
import { loadDataset } from "../../io/dataset.js";
import { oneOf, parse } from "../args.js";
import type { Command } from "./types.js";

export const mineral: Command = {
  usage: "lodestone mineral <id> [--format table|json|csv]",
  run(argv, io) {
    const { values, positionals } = parse(argv, { format: { type: "string" } }, "mineral", { max: 1, what: "one mineral id" });
    const format = oneOf(values.format as string | undefined, FORMATS, "--format", "table");
    if (!positionals[0]) throw new LodestoneError("bad-input", { field: "mineral", message: "no mineral id given", expected: "lodestone mineral <id>" });
    const d = loadDataset();
    io.stdout.write(profileReport(profile(d, findMineral(d, positionals[0])), format).text);
    return 0;
  },
};
