import { SingleBar } from "cli-progress";
import { budgetFrontier, frontierHeadline, frontierReport, frontierSheets, frontierSvg, INFEASIBLE_EXIT, LodestoneError } from "../../index.js";
import { writeFileAtomic } from "../../io/atomic.js";
import { checkOutPaths } from "../../io/out-path.js";
import { frontierBudgets } from "../../io/plan-input.js";
import { writeXlsx } from "../../io/xlsx.js";
import { numberFlag, parse } from "../args.js";
import { budgetFlag, formatFlags, PLAN_FLAGS, PLAN_FLAGS_USAGE, planInput } from "../plan-input.js";
import type { Command } from "./types.js";
import { wrapUsage } from "./usage.js";

export const frontier: Command = {
  usage: wrapUsage(
    `lodestone frontier [--from USD] [--to USD] [--steps N] [--chart out.svg] [options]
  --from 0 --to 24e9 --steps 25     the budgets swept (defaults shown); --steps 1 plans at --to alone
  --chart FILE.svg                  a line chart of the frontier (hand-written SVG)
                                    (--format xlsx --out FILE.xlsx: sheets Frontier and Notes)
${PLAN_FLAGS_USAGE}
Exit codes: 0 a frontier, 2 bad input, ${INFEASIBLE_EXIT} infeasible at every budget (the reason is the first line, or on standard error with --format csv).`,
  ),
  async run(argv, io) {
    const { values } = parse(
      argv,
      { ...PLAN_FLAGS, from: { type: "string" }, to: { type: "string" }, steps: { type: "string" }, chart: { type: "string" } },
      "frontier",
    );
    const { format, out } = formatFlags(values);
    const from = budgetFlag(values.from as string | undefined, "--from", false);
    const to = budgetFlag(values.to as string | undefined, "--to", false);
    const steps = values.steps === undefined ? undefined : numberFlag(values.steps as string, "--steps", 25, 1, 10_000, { integer: true, example: "25" });
    const { budgets, to: top } = frontierBudgets({ from, to, steps }, (name) => `--${name}`);
    const chart = values.chart as string | undefined;
    if (chart !== undefined && !/\.svg$/i.test(chart))
      throw new LodestoneError("bad-input", {
        field: "--chart",
        message: `${JSON.stringify(chart)} does not end in .svg`,
        expected: "a file name such as frontier.svg",
      });
    checkOutPaths([chart, out]);
    const { input, notes } = await planInput(values, top);
    const bar =
      format === "json"
        ? undefined
        : new SingleBar({ stream: io.stderr as NodeJS.WritableStream, format: "frontier [{bar}] {value}/{total} budgets", hideCursor: true });
    bar?.start(budgets.length, 0);
    let result: Awaited<ReturnType<typeof budgetFrontier>>;
    try {
      result = await budgetFrontier(input, budgets, (done) => bar?.update(done));
    } finally {
      bar?.stop();
    }
    if (chart) {
      writeFileAtomic(chart, frontierSvg(result.points));
      notes.push(`chart written to ${chart}`);
    }
    if (format === "xlsx") {
      await writeXlsx(out!, frontierSheets(result.points, result.path, notes, result.plans));
      const headline = frontierHeadline(result.points, result.plans);
      if (headline) io.stderr.write(`lodestone: ${headline}\n`);
      io.stdout.write(`workbook written to ${out} (sheets: Frontier, Notes); ${result.points.length} budgets, solver ${result.path}\n`);
      return result.points.every((p) => p.status === "infeasible") ? INFEASIBLE_EXIT : 0;
    }
    const report = frontierReport(result, format, notes);
    if (report.warning) io.stderr.write(`lodestone: ${report.warning}\n`);
    io.stdout.write(report.text);
    return report.code;
  },
};
