import { comparePlans, createPlanner, LodestoneError, modelFiles, resolvePlanOptions } from "../../index.js";
import { exportPlanModel } from "../../io/plan-export.js";
import { writeXlsx } from "../../io/xlsx.js";
import { parse } from "../args.js";
import { budgetFlag, formatFlags, PLAN_FLAGS, PLAN_FLAGS_USAGE, planInput } from "../plan-input.js";
import { planSheets, renderCompare, renderPlan } from "../plan-report.js";
import type { Command } from "./types.js";

export const plan: Command = {
  usage: `lodestone plan --budget USD [--compare USD] [--export-lp plan.lp] [options]
  --budget USD                      e.g. 12e9
  --compare USD                     also plan with this (smaller) budget and show what the cut loses
  --export-lp FILE.lp               write the model in CPLEX LP and MPS (FILE.mps) with readable names
                                    (--format xlsx --out FILE.xlsx: sheets Plan, Projects, Summary, Notes, and Cut with --compare)
${PLAN_FLAGS_USAGE}`,
  async run(argv, io) {
    const { values } = parse(argv, { ...PLAN_FLAGS, budget: { type: "string" }, compare: { type: "string" }, "export-lp": { type: "string" } }, "plan");
    const { format, out } = formatFlags(values);
    const budget = budgetFlag(values.budget as string | undefined, "budget", true)!;
    const compare = budgetFlag(values.compare as string | undefined, "compare", false);
    const exportLp = values["export-lp"] as string | undefined;
    if (exportLp !== undefined && !/\.lp$/i.test(exportLp)) throw new LodestoneError("bad-input", { field: "export-lp", message: `${JSON.stringify(exportLp)} does not end in .lp`, expected: "a file name such as plan.lp" });
    const { input, notes } = planInput(values, budget);
    const planner = await createPlanner(input);
    const result = planner.solve(budget);
    if (planner.why) notes.push(`solved with HiGHS: ${planner.why}`);
    if (exportLp) {
      const out = exportPlanModel(exportLp, await modelFiles(planner, budget));
      notes.push(`model written to ${out.lp} and ${out.mps}`);
    }
    if (format === "xlsx") {
      const cut = compare === undefined ? undefined : planner.solve(compare);
      const sheets = planSheets(result, notes, { options: resolvePlanOptions(input.options), given: input.options }, cut && { cut, cmp: comparePlans(result, cut) });
      await writeXlsx(out!, sheets);
      io.stdout.write(`workbook written to ${out} (sheets: ${sheets.map((s) => s.name).join(", ")}); status ${result.status}${cut ? `, cut ${cut.status}` : ""}\n`);
      return 0;
    }
    if (compare !== undefined) {
      const cut = planner.solve(compare);
      io.stdout.write(renderCompare(result, cut, comparePlans(result, cut), format));
      return 0;
    }
    io.stdout.write(renderPlan(result, format, notes));
    return 0;
  },
};
