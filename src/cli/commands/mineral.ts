import { FORMATS, LodestoneError, noChapterProfile, noChapterReport, profile, profileReport, resolveNameOrThrow } from "../../index.js";
import { loadAssumptions } from "../../io/assumptions-file.js";
import { loadDataset } from "../../io/dataset.js";
import { oneOf, parse } from "../args.js";
import type { Command } from "./types.js";
import { wrapUsage } from "./usage.js";

export const mineral: Command = {
  usage: wrapUsage("lodestone mineral <id or name> [--format table|json|csv]   (an id or any list name: dysprosium, PGMs, uranium)"),
  run(argv, io) {
    const { values, positionals } = parse(argv, { format: { type: "string" } }, "mineral", { max: 1, what: "one mineral id" });
    const format = oneOf(values.format as string | undefined, FORMATS, "--format", "table");
    if (!positionals[0]) throw new LodestoneError("bad-input", { field: "mineral", message: "no mineral id given", expected: "lodestone mineral <id>" });
    const d = loadDataset();
    const asked = resolveNameOrThrow(d, positionals[0]);
    // the assumptions simulate and plan load by default (the shipped file), so the profile says what they fill
    const set = loadAssumptions(undefined, d);
    // a listed name with no USGS chapter (uranium) is a valid question with a known answer: what the assumptions give, exit 0
    if (asked.kind === "no-chapter") {
      io.stdout.write(noChapterReport(noChapterProfile(d, asked, set), format).text);
      return 0;
    }
    io.stdout.write(profileReport(profile(d, d.minerals.find((m) => m.id === asked.id)!, asked, set), format).text);
    return 0;
  },
};
