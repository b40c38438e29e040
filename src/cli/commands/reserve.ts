import {
  allocationReport,
  allocationSheets,
  allocationText,
  auditTrail,
  COMMAND_TYPES,
  coverReport,
  eventsReport,
  FORMATS,
  LodestoneError,
  positionReport,
  type ReserveReport,
  reserveSheets,
  statementReport,
  valuation,
  valuationReport,
} from "../../index.js";
import { loadDataset } from "../../io/dataset.js";
import { commandFromFlags, parseActor, readCommands, reportMineral, resolveCommandMineral } from "../../io/ledger-commands.js";
import { writeXlsx } from "../../io/xlsx.js";
import { ledgerInputs, openLedger, readCover, readPosition, readStatement, runCommand, valuationPrices } from "../../store/index.js";
import { oneOf, parse } from "../args.js";
import type { CliIo } from "../io.js";
import type { Command } from "./types.js";
import { wrapUsage } from "./usage.js";

const ACTIONS = ["run", "position", "cover", "statement", "valuation", "audit", "events", "allocate"] as const;

const SHELL = new Set(["key", "at", "as", "ledger", "format"]);

/** One command from flags, as one durable transaction with its key. */
async function runOne(type: string, argv: string[], io: CliIo): Promise<number> {
  const { command: given, rest } = commandFromFlags(type, argv, SHELL);
  const { values } = parse(rest, { key: { type: "string" }, at: { type: "string" }, as: { type: "string" }, ledger: { type: "string" } }, `reserve ${type}`);
  const actor = parseActor(values.as as string | undefined);
  const key = values.key as string | undefined;
  if (!key)
    throw new LodestoneError("bad-input", {
      field: "--key",
      message: "missing",
      expected: "an idempotency key: --key KEY (a retry with the same key writes nothing)",
    });
  // without --at the command is dated by the clock (and a retry without --at is still the same command)
  const at = values.at as string | undefined;
  // the mineral as the dataset names it (Antimony is antimony; an unknown name is refused before the ledger is opened)
  const command = resolveCommandMineral(given, loadDataset(), "--mineral");
  const ledger = await openLedger(values.ledger as string | undefined);
  try {
    const r = await runCommand(ledger, actor, key, at, command, new Date().toISOString(), ledgerInputs(loadDataset));
    for (const e of r.events) io.stdout.write(`${r.replayed ? "already written" : "written"}: seq ${e.seq} ${e.type} ${JSON.stringify(e.data)}\n`);
    return 0;
  } finally {
    await ledger.close();
  }
}

export const reserve: Command = {
  usage: wrapUsage(
    [
      "lodestone reserve run FILE --as ROLE:ID [--ledger sqlite:FILE|postgres://…]",
      "  run a commands file (version: 1, commands: [{ key, at, command: { type, … } }]) in order, each command one",
      "  durable transaction with its idempotency key (keys are per actor): a retried key writes nothing; a refusal",
      "  writes nothing and stops",
      "lodestone reserve COMMAND --FIELD VALUE … --key KEY [--at DATE] --as ROLE:ID",
      "  --at defaults to now; a member's request is dated by the clock (--at only within 5 minutes of it)",
      `  one command: ${COMMAND_TYPES.join(", ")}`,
      '  (fields as in a commands file, kebab-case: --price-rule \'{"kind":"market","premium":0.05}\')',
      "lodestone reserve position|cover|valuation [--at DATE] [--target DAYS] --as ROLE:ID",
      "  position and cover read the balances kept with the events; --at before the latest event replays the log (slower)",
      "  and shows each lot as it was then (location, specification, expiry)",
      "lodestone reserve statement MEMBER --as ROLE:ID     a member sees only its own",
      "lodestone reserve audit (--lot LOT | --member MEMBER) --as ROLE:ID",
      "lodestone reserve events [--after SEQ] --as ROLE:ID (operator, auditor, analyst)",
      "lodestone reserve allocate --mineral X [--at DATE] --as ROLE:ID",
      "  who gets what of X under its crisis allocation rule and why (a member sees only its own line); the rule:",
      "  reserve set-allocation-rule --mineral X [--stock-floor-tons T | --stock-floor-days D] [--member-floor T]",
      "  [--member-floors '{\"acme\":2}'] [--status on|off] --key KEY --as operator:ID",
      "  --ledger defaults to $LODESTONE_LEDGER, else sqlite:reserve.sqlite; --format table|json|csv|xlsx (xlsx: --out FILE)",
      "  roles: operator (all writes), auditor and analyst (read all), member (its own requests and records)",
    ].join("\n"),
  ),
  async run(argv, io) {
    // one ledger command from flags: lodestone reserve order --mineral antimony … --key o1 --as operator:alice
    if (argv[0] && (COMMAND_TYPES as readonly string[]).includes(argv[0])) return runOne(argv[0], argv.slice(1), io);
    const { values, positionals } = parse(
      argv,
      {
        ledger: { type: "string" },
        as: { type: "string" },
        at: { type: "string" },
        target: { type: "string" },
        lot: { type: "string" },
        member: { type: "string" },
        after: { type: "string" },
        mineral: { type: "string" },
        format: { type: "string" },
        out: { type: "string" },
      },
      "reserve",
      { max: 2, what: `an action (${ACTIONS.join(", ")}) and its argument` },
    );
    const action = oneOf(positionals[0], ACTIONS, "reserve", undefined as never);
    const actor = parseActor(values.as as string | undefined);
    const asked = oneOf(values.format as string | undefined, [...FORMATS, "xlsx"] as const, "--format", "table");
    const out = values.out as string | undefined;
    if ((asked === "xlsx") !== (out !== undefined))
      throw new LodestoneError("bad-input", {
        field: asked === "xlsx" ? "--out" : "--out",
        message: asked === "xlsx" ? "--format xlsx needs a file" : "--out is for --format xlsx",
        expected: "--format xlsx --out FILE.xlsx (a workbook is never written to standard output)",
      });
    const format = asked === "xlsx" ? "json" : asked;
    // a report as a workbook (--format xlsx): the CSV's rows on one sheet
    const emit = async (report: ReserveReport, text: () => string) => {
      if (asked !== "xlsx") return void io.stdout.write(text());
      await writeXlsx(out!, reserveSheets(report));
      io.stdout.write(`workbook written to ${out}\n`);
    };
    const asOf = (values.at as string | undefined) ?? new Date().toISOString();
    const ledger = await openLedger(values.ledger as string | undefined);
    try {
      if (action === "run") {
        const inputs = ledgerInputs(loadDataset);
        const file = positionals[1];
        if (!file) throw new LodestoneError("bad-input", { field: "reserve run", message: "no commands file given", expected: "lodestone reserve run FILE" });
        const entries = readCommands(file);
        const dataset = entries.some((e) => (e.command as { mineral?: unknown }).mineral !== undefined) ? loadDataset() : undefined;
        for (const e of entries) {
          try {
            const command = dataset ? resolveCommandMineral(e.command, dataset, "command.mineral") : e.command;
            const r = await runCommand(ledger, actor, e.key, e.at, command, new Date().toISOString(), inputs);
            const seqs = r.events.map((x) => x.seq);
            io.stdout.write(
              `${e.key}: ${r.replayed ? "already done, nothing written" : `${r.events.length} event(s) written`}${seqs.length ? ` (seq ${seqs[0]}–${seqs[seqs.length - 1]})` : ""}\n`,
            );
          } catch (err) {
            // say which entry was refused: the ones before it are written, this one and the rest are not
            if (err instanceof LodestoneError) for (const i of err.issues) i.file ??= `${file}:${e.line} (${e.key})`;
            throw err;
          }
        }
        return 0;
      }
      // a dated report before the latest event replays the log: say so on stderr (stdout keeps the report)
      const replayNote = (r: { replayed: boolean; lastAt: string | undefined }) => {
        if (r.replayed) io.stderr.write(`note: --at ${values.at} is before the ledger's latest event (${r.lastAt}): read by replaying the log up to it\n`);
      };
      if (action === "position") {
        const r = await readPosition(ledger, values.at as string | undefined, actor);
        replayNote(r);
        await emit({ kind: "position", data: r.position }, () => positionReport(r.position, format));
      } else if (action === "cover") {
        const target = values.target === undefined ? undefined : Number(values.target);
        if (target !== undefined && !(Number.isFinite(target) && target > 0 && target <= 3650))
          throw new LodestoneError("bad-input", { field: "--target", message: `${values.target} is not a number of days`, expected: "days in (0, 3650]" });
        const r = await readCover(ledger, loadDataset(), target, values.at as string | undefined, actor);
        replayNote(r);
        await emit({ kind: "cover", data: r.cover }, () => coverReport(r.cover, format));
      } else if (action === "valuation") {
        // the dataset's prices by default (each USGS price row, dated the end of its year), after the ledger's own dated prices
        const state = await ledger.state();
        const v = valuation(state, valuationPrices(state, loadDataset()), asOf, actor);
        await emit({ kind: "valuation", data: v }, () => valuationReport(v, format));
      } else if (action === "allocate") {
        const mineral = values.mineral as string | undefined;
        if (!mineral)
          throw new LodestoneError("bad-input", { field: "--mineral", message: "missing", expected: "lodestone reserve allocate --mineral MINERAL" });
        const a = allocationReport(await ledger.state(), reportMineral(loadDataset(), mineral, "--mineral"), asOf, actor);
        if (asked === "xlsx") {
          await writeXlsx(out!, allocationSheets(a));
          io.stdout.write(`workbook written to ${out}\n`);
        } else io.stdout.write(allocationText(a, format));
      } else if (action === "statement") {
        const member = positionals[1] ?? actor.member;
        if (!member)
          throw new LodestoneError("bad-input", { field: "reserve statement", message: "no member given", expected: "lodestone reserve statement MEMBER" });
        const st = await readStatement(ledger, member, actor);
        await emit({ kind: "statement", data: st }, () => statementReport(st, format));
      } else if (action === "audit") {
        const about = { ...(values.lot ? { lot: values.lot as string } : {}), ...(values.member ? { member: values.member as string } : {}) };
        if (!about.lot && !about.member)
          throw new LodestoneError("bad-input", { field: "reserve audit", message: "no lot or member given", expected: "--lot LOT or --member MEMBER" });
        const trail = auditTrail(await ledger.events(), about, actor);
        await emit({ kind: "events", data: trail }, () => eventsReport(trail, format));
      } else {
        if (actor.role === "member")
          throw new LodestoneError("forbidden", {
            field: "--as",
            message: "a member reads only its own records",
            expected: "reserve statement or audit --member",
          });
        const after = values.after === undefined ? 0 : Number(values.after);
        const log = await ledger.events(after);
        await emit({ kind: "events", data: log }, () => eventsReport(log, format));
      }
      return 0;
    } finally {
      await ledger.close();
    }
  },
};
