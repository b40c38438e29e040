import {
  auditTrail,
  cover,
  coverReport,
  decide,
  eventsReport,
  FORMATS,
  LodestoneError,
  position,
  positionReport,
  statement,
  statementReport,
  valuation,
  valuationReport,
} from "../../index.js";
import { loadDataset } from "../../io/dataset.js";
import { parseActor, readCommands } from "../../io/ledger-commands.js";
import { commandFingerprint, coverDemand, openLedger, valuationPrices } from "../../store/index.js";
import { oneOf, parse } from "../args.js";
import type { Command } from "./types.js";

const ACTIONS = ["run", "position", "cover", "statement", "valuation", "audit", "events"] as const;

export const reserve: Command = {
  usage: [
    "lodestone reserve run FILE --as ROLE:ID [--ledger sqlite:FILE|postgres://…]",
    "  run a commands file (version: 1, commands: [{ key, at, command: { type, … } }]) in order, each command one",
    "  durable transaction with its idempotency key: a retried key writes nothing; a refusal writes nothing and stops",
    "lodestone reserve position|cover|valuation [--at DATE] [--target DAYS] --as ROLE:ID",
    "lodestone reserve statement MEMBER --as ROLE:ID     a member sees only its own",
    "lodestone reserve audit (--lot LOT | --member MEMBER) --as ROLE:ID",
    "lodestone reserve events [--after SEQ] --as ROLE:ID (operator, auditor, analyst)",
    "  --ledger defaults to $LODESTONE_LEDGER, else sqlite:reserve.sqlite; --format table|json|csv",
    "  roles: operator (all writes), auditor and analyst (read all), member (its own requests and records)",
  ].join("\n"),
  async run(argv, io) {
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
        format: { type: "string" },
      },
      "reserve",
      { max: 2, what: `an action (${ACTIONS.join(", ")}) and its argument` },
    );
    const action = oneOf(positionals[0], ACTIONS, "reserve", undefined as never);
    const actor = parseActor(values.as as string | undefined);
    const format = oneOf(values.format as string | undefined, FORMATS, "--format", "table");
    const asOf = (values.at as string | undefined) ?? new Date().toISOString();
    const ledger = await openLedger(values.ledger as string | undefined);
    try {
      if (action === "run") {
        const file = positionals[1];
        if (!file) throw new LodestoneError("bad-input", { field: "reserve run", message: "no commands file given", expected: "lodestone reserve run FILE" });
        for (const e of readCommands(file)) {
          try {
            const r = await ledger.run(e.key, commandFingerprint(actor.id, e.at, e.command), (state) => decide(state, e.command, actor, e.key, e.at));
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
      const state = await ledger.state();
      if (action === "position") io.stdout.write(positionReport(position(state, values.at as string | undefined, actor), format));
      else if (action === "cover") {
        const d0 = coverDemand(state, loadDataset());
        const target = values.target === undefined ? undefined : Number(values.target);
        if (target !== undefined && !(Number.isFinite(target) && target > 0 && target <= 3650))
          throw new LodestoneError("bad-input", { field: "--target", message: `${values.target} is not a number of days`, expected: "days in (0, 3650]" });
        io.stdout.write(coverReport(cover(state, d0, target, values.at as string | undefined, actor), format));
      } else if (action === "valuation") {
        // the dataset's prices by default (each USGS price row, dated the end of its year), after the ledger's own dated prices
        io.stdout.write(valuationReport(valuation(state, valuationPrices(state, loadDataset()), asOf, actor), format));
      } else if (action === "statement") {
        const member = positionals[1] ?? actor.member;
        if (!member)
          throw new LodestoneError("bad-input", { field: "reserve statement", message: "no member given", expected: "lodestone reserve statement MEMBER" });
        io.stdout.write(statementReport(statement(state, member, actor), format));
      } else if (action === "audit") {
        const about = { ...(values.lot ? { lot: values.lot as string } : {}), ...(values.member ? { member: values.member as string } : {}) };
        if (!about.lot && !about.member)
          throw new LodestoneError("bad-input", { field: "reserve audit", message: "no lot or member given", expected: "--lot LOT or --member MEMBER" });
        io.stdout.write(eventsReport(auditTrail(await ledger.events(), about, actor), format));
      } else {
        if (actor.role === "member")
          throw new LodestoneError("forbidden", {
            field: "--as",
            message: "a member reads only its own records",
            expected: "reserve statement or audit --member",
          });
        const after = values.after === undefined ? 0 : Number(values.after);
        io.stdout.write(eventsReport(await ledger.events(after), format));
      }
      return 0;
    } finally {
      await ledger.close();
    }
  },
};
