import { type Column, type Format, render, textLines, toTable } from "./format.js";

/*
 * `lodestone simulate … --members`: which members are short in which month of a simulated crisis,
 * after the reserve's released stock is shared by the ledger's allocation rule (src/store/loop.ts
 * computes it; this file only lays it out).
 */

/** One member's line in one month: what it asks of the reserve that month, what the allocation gave, what is short. */
export interface MemberMonth {
  month: number;
  member: string;
  mineral: string;
  priority: string;
  /** a month of the entitlement (tons per year ÷ 12), t */
  requested: number;
  allocated: number;
  short: number;
  reason: string;
}

export interface MemberShortfalls {
  scenario: string;
  /** the ledger position's date the stock starts from */
  asOf: string;
  /** one line per member, mineral and month with a gap (only the actor's own for a member) */
  lines: MemberMonth[];
  notes: string[];
}

const COLUMNS: Column[] = [
  { key: "month", plain: true },
  { key: "member" },
  { key: "mineral" },
  { key: "priority" },
  { key: "requested", label: "requested t" },
  { key: "allocated", label: "allocated t" },
  { key: "short", label: "short t" },
];

/** Table and CSV: the lines where a member is short (every line in JSON); then the notes. */
export function membersReport(r: MemberShortfalls, format: Format): string {
  if (format === "json") return render("json", [], [], r);
  const rows = r.lines.filter((l) => l.short > 0).map((l) => ({ ...l }));
  if (format === "csv") return render("csv", rows, COLUMNS);
  const members = [...new Set(r.lines.map((l) => l.member))];
  const short = [...new Set(rows.map((l) => l.member))];
  const head = `members in ${r.scenario}, from the ledger as of ${r.asOf}: ${short.length} of ${members.length} member(s) short in some month`;
  return `${head}\n${rows.length ? toTable(rows, COLUMNS) : "no member is short in any month\n"}${textLines(r.notes)}`;
}
