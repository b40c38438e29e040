import type { LedgerAllocation, MemberAllocationView } from "../ledger/allocation-rule.js";
import type { DeclaredAllocationRule } from "../ledger/types.js";
import { type Column, type Format, type Row, render, type Sheet, textLines, toTable } from "./format.js";

/*
 * `lodestone reserve allocate --mineral X`: who gets what of a mineral under its crisis allocation
 * rule, and why (class, pro rata, floor), one line per member, as table, CSV or JSON. The figures
 * come from the ledger core (allocationReport in src/ledger/allocation-rule.ts); this file lays them out.
 */

const COLUMNS: Column[] = [
  { key: "member" },
  { key: "priority" },
  { key: "entitlement", label: "entitlement t/yr" },
  { key: "floor", label: "floor t" },
  { key: "requested", label: "approved t" },
  { key: "taken", label: "released t" },
  { key: "allocated", label: "allocated t" },
  { key: "left", label: "may release t" },
  { key: "rule" },
  { key: "reason", note: true },
];

const rows = (a: LedgerAllocation | MemberAllocationView): Row[] =>
  a.members.map((m) => ({
    member: m.member,
    priority: m.priority,
    entitlement: m.entitlement,
    floor: m.floor,
    requested: m.requested,
    taken: m.taken,
    allocated: m.allocated,
    left: m.left,
    rule: m.rule,
    reason: m.reason,
  }));

const t = (x: number) => `${Number(x.toPrecision(10)).toLocaleString("en-US")} t`;

/** The rule in words: "on: stock floor 12 t (30 days of 12.2 t/month, source), member floor 1 t, bolt 2 t". */
export function describeRule(r: DeclaredAllocationRule | null): string {
  if (!r) return "the default (none declared): strict priority classes, pro rata to entitlement, no stock or member floor";
  const b = r.stockFloorBasis;
  const floor = b.kind === "days" ? `${t(r.stockFloor)} (${b.days} days of ${t(b.demandTonsPerMonth)}/month, ${b.source})` : t(r.stockFloor);
  const own = Object.entries(r.memberFloors).map(([m, f]) => `${m} ${t(f)}`);
  return `${r.status === "on" ? "on" : "off (recorded, not enforced)"}: stock floor ${floor}, member floor ${t(r.memberFloor)}${own.length ? `, own floors ${own.join(", ")}` : ""}; declared ${r.at}`;
}

function summary(a: LedgerAllocation | MemberAllocationView): string[] {
  const head = `allocation of ${a.mineral} as of ${a.at}; rule ${describeRule(a.rule)}`;
  if (!("held" in a)) return [head, `member ${a.member}: its own line only`];
  const avail = Math.max(0, a.held - a.stockFloor);
  return [
    head,
    `held ${t(a.held)} releasable, less the stock floor ${t(a.stockFloor)}: ${t(avail)} may be released; approved and open ${t(a.open)}${a.crisis ? `: more than may be released, ${a.governed ? "shared by the rule" : "shared so were the rule on (it is off: releases are not held to these shares)"}` : ": all of it fits"}`,
    ...(a.taken > 0 ? [`shared: ${t(a.stock)} = held plus ${t(a.stock - a.held)} the draws in play were released already`] : []),
    ...a.classes.map((c) => `${c.priority}: ${t(c.allocated)} of ${t(c.requested)}${c.filled ? " (filled)" : " (short)"}`),
  ];
}

export function allocationText(a: LedgerAllocation | MemberAllocationView, format: Format): string {
  if (format === "json") return render("json", [], [], a);
  const r = rows(a);
  if (format === "csv") return render("csv", r, COLUMNS);
  return `${textLines(summary(a))}${r.length ? toTable(r, COLUMNS) : "no open approved draws\n"}`;
}

/** The allocation as a workbook sheet (--format xlsx): the CSV's rows. */
export const allocationSheets = (a: LedgerAllocation | MemberAllocationView): Sheet[] => [{ name: "Allocation", columns: COLUMNS, rows: rows(a) }];
