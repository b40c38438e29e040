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
import { parseActor } from "../../io/ledger-commands.js";
import { checkOutPaths } from "../../io/out-path.js";
import { exportPlanModel, modelPaths } from "../../io/plan-export.js";
import { loadPlanInput, loadVariations, type PlanRequest } from "../../io/plan-input.js";
import { writeXlsx } from "../../io/xlsx.js";
import { openLedger, planId, planOrders, writeOrders } from "../../store/index.js";
import { parse } from "../args.js";
import type { CliIo } from "../io.js";
import { budgetFlag, formatFlags, ledgerPlanRequest, PLAN_FLAGS, PLAN_FLAGS_USAGE, VARY_MAX_VALUES, varyFlag } from "../plan-input.js";
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
                                    value-multiplier (numbers), or a market parameter: elasticity, choke, essentiality,
                                    haircut, impact, storage-share for every mineral (low/high: each at its own range end)
                                    or <mineral>.<parameter> for one (values low, central, high or numbers);
                                    e.g. --vary tungsten.consumption=low,high, --vary antimony.elasticity=-0.13,-0.3
  --orders-to LEDGER --as operator:ID [--start YYYY-MM-DD]
                                    write the plan into the reserve ledger (sqlite:FILE or postgres://…) as one acquisition
                                    order per mineral and schedule year, tagged with the plan's id, dated --start (default
                                    today) plus the year − 1; keys come from the plan, so running it again writes nothing
  --export-lp FILE.lp               write the model in CPLEX LP and MPS (FILE.mps) with readable names
                                    (--format xlsx --out FILE.xlsx: sheets Plan, Projects, Summary, Notes, and Compare with --compare)
${PLAN_FLAGS_USAGE}
Exit codes: 0 a plan, 2 bad input, ${INFEASIBLE_EXIT} infeasible (the reason is the first line, or on standard error with --format csv).`,
  ),
  async run(argv, io) {
    const { values } = parse(
      argv,
      {
        ...PLAN_FLAGS,
        budget: { type: "string" },
        compare: { type: "string" },
        "export-lp": { type: "string" },
        vary: { type: "string" },
        "orders-to": { type: "string" },
        as: { type: "string" },
        start: { type: "string" },
      },
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
    const orders = ordersFlags(values);
    // every file the plan will write, checked before anything is loaded or solved
    checkOutPaths([out, ...(exportLp === undefined ? [] : Object.values(modelPaths(exportLp)))]);
    if (values.vary !== undefined) {
      const clash = (["compare", "export-lp", "orders-to"] as const).filter((f) => values[f] !== undefined);
      if (clash.length || format === "xlsx")
        throw new LodestoneError("bad-input", {
          field: "--vary",
          message: `--vary does not combine with ${clash.length ? clash.map((f) => `--${f}`).join(", ") : "--format xlsx"}`,
          expected: "--vary with --format table, csv or json, and without --compare, --export-lp or --orders-to",
        });
      const req = await ledgerPlanRequest(values, budget);
      const base = loadPlanInput(req);
      const { key, values: list } = varyFlag(values.vary as string, base.assumptions, { set: base.market, minerals: base.dataset.minerals.map((m) => m.id) });
      const { baseValue, variations, notes: varyNotes } = loadVariations(req, base, key, list);
      const solve = async (input: typeof base.input) => (await createPlanner(input)).solve(budget);
      const cases = [];
      for (const v of variations) cases.push({ label: v.label, value: v.value, result: await solve(v.input) });
      const report = sensitivityReport(
        {
          key: key.key,
          kind: key.kind,
          unit: key.kind === "assumption" ? base.assumptions!.entries.find((a) => `${a.mineral}.${a.quantity}` === key.key)!.unit : "",
          mineral: key.kind === "option" ? undefined : key.mineral,
          base: { label: "base", value: baseValue, result: await solve(base.input) },
          cases,
          notes: [...varyNotes, ...base.notes, ...(req.ledgerNotes ?? [])],
        },
        format,
      );
      if (report.warning) io.stderr.write(`lodestone: ${report.warning}\n`);
      io.stdout.write(report.text);
      return report.code;
    }
    const req = await ledgerPlanRequest(values, budget);
    const { input, notes, dataset } = loadPlanInput(req);
    notes.push(...(req.ledgerNotes ?? []));
    const planner = await createPlanner(input);
    const result = planner.solve(budget);
    if (planner.why) notes.push(`solved with HiGHS: ${planner.why}`);
    if (exportLp) {
      const out = exportPlanModel(exportLp, await modelFiles(planner, budget));
      notes.push(`model written to ${out.lp} and ${out.mps}`);
    }
    const other = compare === undefined ? undefined : planner.solve(compare);
    // the orders are written before anything is printed: a refusal (a key reused with another command) prints no plan as written
    const written = orders ? await writePlan(orders, req, result, dataset) : undefined;
    const say = (out: CliIo["stdout"]) => written && out.write(written);
    if (format === "xlsx") {
      const sheets = planSheets(result, notes, { options: resolvePlanOptions(input.options), given: input.options }, other);
      await writeXlsx(out!, sheets);
      for (const h of [result, other].map((p) => p && planHeadline(p)).filter(Boolean)) io.stderr.write(`lodestone: ${h}\n`);
      io.stdout.write(
        `workbook written to ${out} (sheets: ${sheets.map((s) => s.name).join(", ")}); status ${result.status}${other ? `, compared plan ${other.status}` : ""}\n`,
      );
      say(io.stdout);
      return [result, other].some((p) => p?.status === "infeasible") ? INFEASIBLE_EXIT : 0;
    }
    const report: Report = other ? compareReport(result, other, format) : planReport(result, format, notes);
    if (report.warning) io.stderr.write(`lodestone: ${report.warning}\n`);
    io.stdout.write(report.text);
    // JSON and CSV stay machine-readable on standard output: what was written goes to standard error
    say(format === "table" ? io.stdout : io.stderr);
    return report.code;
  },
};

interface OrdersTo {
  ledger: string;
  actor: ReturnType<typeof parseActor>;
  start: string;
}

/** --orders-to LEDGER --as operator:ID [--start YYYY-MM-DD], checked before anything is solved. */
function ordersFlags(values: Record<string, unknown>): OrdersTo | undefined {
  const to = values["orders-to"] as string | undefined;
  if (to === undefined) {
    const stray = (["as", "start"] as const).filter((f) => values[f] !== undefined);
    if (stray.length)
      throw new LodestoneError("bad-input", {
        field: `--${stray[0]}`,
        message: "only applies with --orders-to",
        expected: "--orders-to LEDGER --as operator:ID",
      });
    return undefined;
  }
  const actor = parseActor(values.as as string | undefined);
  if (actor.role !== "operator")
    throw new LodestoneError("forbidden", { field: "--as", message: `an ${actor.role} may not write orders into the ledger`, expected: "--as operator:ID" });
  const start = (values.start as string | undefined) ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || new Date(`${start}T00:00:00Z`).toISOString().slice(0, 10) !== start)
    throw new LodestoneError("bad-input", { field: "--start", message: `${JSON.stringify(start)} is not a date`, expected: "YYYY-MM-DD, such as 2027-01-01" });
  return { ledger: to, actor, start };
}

/** Write the plan's orders into the ledger; returns the lines saying what was written. */
async function writePlan(
  to: OrdersTo,
  req: PlanRequest,
  result: ReturnType<Awaited<ReturnType<typeof createPlanner>>["solve"]>,
  dataset: Parameters<typeof planOrders>[3],
): Promise<string> {
  if (result.status !== "optimal") return `orders: none written to ${to.ledger}: the plan is ${result.status}\n`;
  const id = planId(req);
  const list = planOrders(result, id, to.start, dataset);
  const ledger = await openLedger(to.ledger);
  try {
    const done = await writeOrders(ledger, to.actor, list);
    const lines = done.map(
      ({ order: o, written, seq, at, delivery }) =>
        `${o.key}: ${o.command.tons.toLocaleString("en-US", { maximumFractionDigits: 3 })} t of ${o.command.mineral} at ${Math.round(o.command.price).toLocaleString("en-US")} USD/t, ordered ${(at ?? o.at).slice(0, 10)}, delivery from ${delivery}: ${written ? `written (seq ${seq})` : `already in the ledger (seq ${seq}), nothing written`}`,
    );
    const n = done.filter((d) => d.written).length;
    return `${[`orders of plan ${id} to ${to.ledger}: ${n} written, ${done.length - n} already there`, ...lines].join("\n")}\n`;
  } finally {
    await ledger.close();
  }
}
