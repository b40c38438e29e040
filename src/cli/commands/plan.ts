import {
  compareReport,
  createPlanner,
  INFEASIBLE_EXIT,
  LodestoneError,
  modelFiles,
  planHeadline,
  planReport,
  planSheets,
  type Report,
  resolvePlanOptions,
  sensitivityReport,
} from "../../index.js";
import { checkExportPath, exportPlanModel } from "../../io/plan-export.js";
import { loadPlanInput, loadVariations } from "../../io/plan-input.js";
import { writeXlsx } from "../../io/xlsx.js";
import { parse } from "../args.js";
import { budgetFlag, formatFlags, PLAN_FLAGS, PLAN_FLAGS_USAGE, planInput, planRequest, VARY_MAX_VALUES, varyFlag } from "../plan-input.js";
import type { Command } from "./types.js";
import { wrapUsage } from "./usage.js";

export const plan: Command = {
  usage: wrapUsage(
    `lodestone plan --budget USD [--compare USD] [--export-lp plan.lp] [--vary KEY=V1,V2,...] [options]
  --budget USD                      e.g. 12e9
  --compare USD                     also plan with this budget: what a smaller one loses, or a larger one gains
  --vary KEY=V1,V2,...              sensitivity: replan at each value (up to ${VARY_MAX_VALUES}) and compare with the base plan.
                                    KEY: <mineral>.<quantity> of an assumption (consumption|price|net_import_reliance;
                                    values low, central, high or numbers), or premium, loan-rate, storage, market-share,
                                    value-multiplier (numbers); e.g. --vary tungsten.consumption=low,high
  --export-lp FILE.lp               write the model in CPLEX LP and MPS (FILE.mps) with readable names
                                    (--format xlsx --out FILE.xlsx: sheets Plan, Projects, Summary, Notes, and Compare with --compare)
${PLAN_FLAGS_USAGE}
Exit codes: 0 a plan, 2 bad input, ${INFEASIBLE_EXIT} infeasible (the reason is the first line, or on standard error with --format csv).`,
  ),
  async run(argv, io) {
    const { values } = parse(
      argv,
      { ...PLAN_FLAGS, budget: { type: "string" }, compare: { type: "string" }, "export-lp": { type: "string" }, vary: { type: "string" } },
      "plan",
    );
    const { format, out } = formatFlags(values);
    if (values.budget === undefined) throw new LodestoneError("bad-input", { field: "--budget", message: "missing", expected: "--budget USD, such as 12e9" });
    const budget = budgetFlag(values.budget as string, "--budget", true)!;
    const compare = budgetFlag(values.compare as string | undefined, "--compare", false);
    const exportLp = values["export-lp"] as string | undefined;
    if (exportLp !== undefined && !/\.lp$/i.test(exportLp))
      throw new LodestoneError("bad-input", {
        field: "--export-lp",
        message: `${JSON.stringify(exportLp)} does not end in .lp`,
        expected: "a file name such as plan.lp",
      });
    if (values.vary !== undefined) {
      const clash = (["compare", "export-lp"] as const).filter((f) => values[f] !== undefined);
      if (clash.length || format === "xlsx")
        throw new LodestoneError("bad-input", {
          field: "--vary",
          message: `--vary does not combine with ${clash.length ? clash.map((f) => `--${f}`).join(", ") : "--format xlsx"}`,
          expected: "--vary with --format table, csv or json, and without --compare or --export-lp",
        });
      const req = planRequest(values, budget);
      const base = loadPlanInput(req);
      const { key, values: list } = varyFlag(values.vary as string, base.assumptions);
      const { baseValue, variations, notes: varyNotes } = loadVariations(req, base, key, list);
      const solve = async (input: typeof base.input) => (await createPlanner(input)).solve(budget);
      const cases = [];
      for (const v of variations) cases.push({ label: v.label, value: v.value, result: await solve(v.input) });
      const report = sensitivityReport(
        {
          key: key.key,
          kind: key.kind,
          unit: key.kind === "assumption" ? base.assumptions!.entries.find((a) => `${a.mineral}.${a.quantity}` === key.key)!.unit : "",
          mineral: key.kind === "assumption" ? key.mineral : undefined,
          base: { label: "base", value: baseValue, result: await solve(base.input) },
          cases,
          notes: [...varyNotes, ...base.notes],
        },
        format,
      );
      if (report.warning) io.stderr.write(`lodestone: ${report.warning}\n`);
      io.stdout.write(report.text);
      return report.code;
    }
    if (exportLp) checkExportPath(exportLp);
    const { input, notes } = planInput(values, budget);
    const planner = await createPlanner(input);
    const result = planner.solve(budget);
    if (planner.why) notes.push(`solved with HiGHS: ${planner.why}`);
    if (exportLp) {
      const out = exportPlanModel(exportLp, await modelFiles(planner, budget));
      notes.push(`model written to ${out.lp} and ${out.mps}`);
    }
    const other = compare === undefined ? undefined : planner.solve(compare);
    if (format === "xlsx") {
      const sheets = planSheets(result, notes, { options: resolvePlanOptions(input.options), given: input.options }, other);
      await writeXlsx(out!, sheets);
      for (const h of [result, other].map((p) => p && planHeadline(p)).filter(Boolean)) io.stderr.write(`lodestone: ${h}\n`);
      io.stdout.write(
        `workbook written to ${out} (sheets: ${sheets.map((s) => s.name).join(", ")}); status ${result.status}${other ? `, compared plan ${other.status}` : ""}\n`,
      );
      return [result, other].some((p) => p?.status === "infeasible") ? INFEASIBLE_EXIT : 0;
    }
    const report: Report = other ? compareReport(result, other, format) : planReport(result, format, notes);
    if (report.warning) io.stderr.write(`lodestone: ${report.warning}\n`);
    io.stdout.write(report.text);
    return report.code;
  },
};
