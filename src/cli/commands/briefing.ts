import { LodestoneError } from "../../index.js";
import { writeFileAtomic } from "../../io/atomic.js";
import { makeBriefing } from "../../io/briefing.js";
import { checkOutPaths } from "../../io/out-path.js";
import { writePdf } from "../../io/pdf.js";
import { oneOf, parse } from "../args.js";
import { budgetFlag } from "../plan-input.js";
import type { Command } from "./types.js";
import { wrapUsage } from "./usage.js";

export const briefing: Command = {
  usage: wrapUsage(
    `lodestone briefing --out brief.pdf [--budget USD] [--format pdf|html] [--paper a4|letter]
  a one-page note for decision makers: what to buy, why, what a cut to a third of the budget loses,
  the main assumptions with their sources; printed to PDF by Chromium (/usr/bin/chromium, or $LODESTONE_CHROMIUM)
  --out FILE                        the file to write (.pdf, or .html with --format html)
  --budget USD                      the plan's budget (default 12e9, as npm start's plan)
  --format pdf|html                 pdf (default) or the self-contained HTML page
  --paper a4|letter                 the PDF's paper size (default a4)`,
  ),
  async run(argv, io) {
    const { values } = parse(argv, { out: { type: "string" }, budget: { type: "string" }, format: { type: "string" }, paper: { type: "string" } }, "briefing");
    const format = oneOf(values.format as string | undefined, ["pdf", "html"] as const, "--format", "pdf");
    const paper = oneOf(values.paper as string | undefined, ["a4", "letter"] as const, "--paper", "a4");
    const out = values.out as string | undefined;
    if (out === undefined || out === "" || out === "-")
      throw new LodestoneError("bad-input", {
        field: "--out",
        message: out ? "the briefing is written to a file" : "missing",
        expected: `--out FILE.${format}`,
      });
    if (!new RegExp(`\\.${format}$`, "i").test(out))
      throw new LodestoneError("bad-input", {
        field: "--out",
        message: `${JSON.stringify(out)} does not end in .${format}`,
        expected: `a file name such as brief.${format}`,
      });
    const budget = budgetFlag((values.budget as string | undefined) ?? "12e9", "--budget", true)!;
    checkOutPaths([out]);
    const html = await makeBriefing({ budget, date: new Date().toISOString().slice(0, 10) });
    if (format === "html") writeFileAtomic(out, html);
    else await writePdf(out, html, { paper, onePage: true });
    io.stdout.write(`briefing written to ${out}\n`);
    return 0;
  },
};
