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

/** `--runs N`: one member's shortfall in one mineral, summed over the horizon, across the Monte Carlo draws (t). */
export interface MemberRunShortfall {
  member: string;
  mineral: string;
  priority: string;
  p50: number;
  p90: number;
  mean: number;
  /** share of draws (0–1) in which the member is short in some month */
  shortIn: number;
}

export interface MemberShortfalls {
  scenario: string;
  /** the ledger position's date the stock starts from */
  asOf: string;
  /** one line per member, mineral and month with a gap (only the actor's own for a member) */
  lines: MemberMonth[];
  /** with --runs: the allocation on every Monte Carlo draw (lines are then the deterministic run's) */
  runs?: { runs: number; seed: number; members: MemberRunShortfall[] };
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

const RUN_COLUMNS: Column[] = [
  { key: "member" },
  { key: "mineral" },
  { key: "priority" },
  { key: "p50", label: "P50 short t" },
  { key: "p90", label: "P90 short t" },
  { key: "mean", label: "mean short t" },
  { key: "shortIn", label: "draws short %" },
];

/** Table and CSV: the lines where a member is short (every line in JSON); then the notes. With runs: each member's shortfall over the horizon across the draws. */
export function membersReport(r: MemberShortfalls, format: Format): string {
  if (format === "json") return render("json", [], [], r);
  if (r.runs) {
    const rows = r.runs.members.map((m) => ({ ...m, shortIn: Math.round(m.shortIn * 1000) / 10 }));
    if (format === "csv") return render("csv", rows, RUN_COLUMNS);
    const short = rows.filter((m) => m.p90 > 0).length;
    const head = `members in ${r.scenario}, from the ledger as of ${r.asOf}, over ${r.runs.runs} draws (seed ${r.runs.seed}): ${short} of ${rows.length} member line(s) short at P90, tons short summed over the horizon`;
    return `${head}\n${rows.length ? toTable(rows, RUN_COLUMNS) : "no member asks anything of the reserve in any draw\n"}${textLines(r.notes)}`;
  }
  const rows = r.lines.filter((l) => l.short > 0).map((l) => ({ ...l }));
  if (format === "csv") return render("csv", rows, COLUMNS);
  const members = [...new Set(r.lines.map((l) => l.member))];
  const short = [...new Set(rows.map((l) => l.member))];
  const head = `members in ${r.scenario}, from the ledger as of ${r.asOf}: ${short.length} of ${members.length} member(s) short in some month`;
  return `${head}\n${rows.length ? toTable(rows, COLUMNS) : "no member is short in any month\n"}${textLines(r.notes)}`;
}
