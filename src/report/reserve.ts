import { cmp } from "../ledger/lots.js";
import type { Cover, Position, Statement, Valuation } from "../ledger/reports.js";
import { checkRead } from "../ledger/roles.js";
import type { Actor, DrawStatus, LedgerEvent, LedgerState } from "../ledger/types.js";
import { type Column, type Format, type Row, render, type Sheet, textLines, toTable } from "./format.js";

/*
 * The reserve ledger's reports (lodestone reserve …): position, cover, member statement, valuation
 * and the audit trail, as table, CSV or JSON. The figures come from the ledger core's reports
 * (src/ledger/reports.ts); this file only lays them out.
 */

const MUSD = (v: number | null) => (v === null ? null : v / 1e6);

const positionRows = (p: Position): Row[] =>
  p.lots.map((l) => ({
    lot: l.lot,
    mineral: l.mineral,
    form: l.form,
    location: l.location,
    tons: l.tons,
    expires: l.expires ?? "—",
    expired: l.expired ? "yes" : "",
  }));

const coverRows = (c: Cover[]): Row[] =>
  c.map((x) => ({
    mineral: x.mineral,
    tons: x.tons,
    days: x.days,
    target: x.target,
    short: x.short,
    met: x.met === null ? "—" : x.met ? "yes" : "no",
  }));

const valuationRows = (v: Valuation): Row[] =>
  v.lots.map((l) => ({
    lot: l.lot,
    mineral: l.mineral,
    tons: l.tons,
    price: l.price,
    priceDate: l.priceDate ?? "—",
    valueMusd: MUSD(l.value),
    bookMusd: MUSD(l.book),
  }));

const POSITION_COLUMNS: Column[] = [
  { key: "lot" },
  { key: "mineral" },
  { key: "form" },
  { key: "location" },
  { key: "tons", label: "tons" },
  { key: "expires" },
  { key: "expired" },
];

export function positionReport(p: Position, format: Format): string {
  if (format === "json") return render("json", [], [], p);
  const rows = positionRows(p);
  if (format === "csv") return render("csv", rows, POSITION_COLUMNS);
  const sums = p.minerals.map(
    (m) => `${m.mineral}: ${m.tons.toLocaleString("en-US")} t in ${m.lots} lot(s), ${m.releasable.toLocaleString("en-US")} t releasable`,
  );
  return `${toTable(rows, POSITION_COLUMNS)}\n${textLines([`position as of ${p.asOf}`, ...sums])}`;
}

const COVER_COLUMNS: Column[] = [
  { key: "mineral" },
  { key: "tons", label: "held t" },
  { key: "days", label: "cover days", digits: 0 },
  { key: "target", label: "target days", digits: 0 },
  { key: "short", label: "short of target t" },
  { key: "met" },
];

export function coverReport(c: Cover[], format: Format): string {
  if (format === "json") return render("json", [], [], { cover: c });
  const rows = coverRows(c);
  return format === "csv" ? render("csv", rows, COVER_COLUMNS) : `${toTable(rows, COVER_COLUMNS)}\n`;
}

const DRAW_COLUMNS: Column[] = [
  { key: "draw" },
  { key: "mineral" },
  { key: "at" },
  { key: "status" },
  { key: "requested", label: "requested t" },
  { key: "approved", label: "approved t" },
  { key: "released", label: "released t" },
  { key: "returned", label: "returned t" },
  { key: "amountMusd", label: "amount US$ M", digits: 3 },
  { key: "reason", note: true },
];

const statementRows = (s: Statement): Row[] => s.draws.map((d) => ({ ...d, amountMusd: MUSD(d.amount), reason: d.reason ?? "" }));

export function statementReport(s: Statement, format: Format): string {
  if (format === "json") return render("json", [], [], s);
  const rows = statementRows(s);
  if (format === "csv") return render("csv", rows, DRAW_COLUMNS);
  const ent = s.entitlements.map(
    (e) => `${e.mineral}: ${e.tonsPerYear.toLocaleString("en-US")} t/yr (${e.priority}, ${e.priceRule.kind}), ${e.year}: used ${e.used}, left ${e.left}`,
  );
  return `${textLines([`statement of ${s.member} (${s.name}); fees paid US$ ${(s.fees / 1e6).toFixed(3)} M`, ...ent])}${rows.length ? toTable(rows, DRAW_COLUMNS) : "no draws\n"}`;
}

const VALUE_COLUMNS: Column[] = [
  { key: "lot" },
  { key: "mineral" },
  { key: "tons", label: "tons" },
  { key: "price", label: "price US$/t" },
  { key: "priceDate", label: "price date" },
  { key: "valueMusd", label: "value US$ M", digits: 3 },
  { key: "bookMusd", label: "book US$ M", digits: 3 },
];

export function valuationReport(v: Valuation, format: Format): string {
  if (format === "json") return render("json", [], [], v);
  const rows = valuationRows(v);
  if (format === "csv") return render("csv", rows, VALUE_COLUMNS);
  return `${toTable(rows, VALUE_COLUMNS)}\n${textLines([
    `valuation as of ${v.asOf}: market US$ ${(v.value / 1e6).toFixed(3)} M, book US$ ${(v.book / 1e6).toFixed(3)} M`,
    ...v.missing.map((m) => `missing: ${m}`),
  ])}`;
}

const EVENT_COLUMNS: Column[] = [{ key: "seq" }, { key: "at" }, { key: "type" }, { key: "actor" }, { key: "key" }, { key: "data", note: true }];

/** The events (an audit trail, or the log) in order. */
const eventRows = (events: readonly LedgerEvent[]): Row[] =>
  events.map((e) => ({ seq: e.seq, at: e.at, type: e.type, actor: e.actor, key: e.key, data: JSON.stringify(e.data) }));

export function eventsReport(events: readonly LedgerEvent[], format: Format): string {
  if (format === "json") return render("json", [], [], { events });
  return render(format, eventRows(events), EVENT_COLUMNS);
}

/** A reserve report as workbook sheets (--format xlsx): the same rows as the CSV. */
export type ReserveReport =
  | { kind: "position"; data: Position }
  | { kind: "cover"; data: Cover[] }
  | { kind: "statement"; data: Statement }
  | { kind: "valuation"; data: Valuation }
  | { kind: "events"; data: readonly LedgerEvent[] };

export function reserveSheets(r: ReserveReport): Sheet[] {
  switch (r.kind) {
    case "position":
      return [{ name: "Position", columns: POSITION_COLUMNS, rows: positionRows(r.data) }];
    case "cover":
      return [{ name: "Cover", columns: COVER_COLUMNS, rows: coverRows(r.data) }];
    case "statement":
      return [{ name: "Statement", columns: DRAW_COLUMNS, rows: statementRows(r.data) }];
    case "valuation":
      return [{ name: "Valuation", columns: VALUE_COLUMNS, rows: valuationRows(r.data) }];
    case "events":
      return [{ name: "Events", columns: EVENT_COLUMNS, rows: eventRows(r.data) }];
  }
}

/** One member as the members list shows it: how many entitlements it holds and how many draws wait for the operator. */
export interface MemberSummary {
  member: string;
  name: string;
  entitlements: number;
  /** draws requested or approved and not yet released */
  open: number;
}
/** A draw that waits for the operator: requested (to approve or refuse) or approved (to release). */
export interface OpenDraw {
  draw: string;
  member: string;
  mineral: string;
  at: string;
  status: DrawStatus;
  requested: number;
  approved: number;
}
export interface MemberList {
  members: MemberSummary[];
  open: OpenDraw[];
}

/**
 * The members and the draws waiting for the operator (GET /ledger/members: what a client needs to
 * pick a member's statement and to act on requests). Operators, auditors and analysts see every
 * member; a member sees only itself and its own draws (checkRead, as for its statement).
 */
export function memberList(state: LedgerState, actor: Actor): MemberList {
  if (actor.role === "member") checkRead(actor, actor.member);
  const mine = (member: string) => actor.role !== "member" || member === actor.member;
  const open = [...state.draws.values()]
    .filter((d) => mine(d.member) && (d.status === "requested" || d.status === "approved"))
    .sort((a, b) => cmp(a.at, b.at) || cmp(a.id, b.id))
    .map((d) => ({ draw: d.id, member: d.member, mineral: d.mineral, at: d.at, status: d.status, requested: d.requested, approved: d.approved }));
  const ents = [...state.entitlements.values()];
  const members = [...state.members.values()]
    .filter((m) => mine(m.id))
    .sort((a, b) => cmp(a.id, b.id))
    .map((m) => ({
      member: m.id,
      name: m.name,
      entitlements: ents.filter((e) => e.member === m.id).length,
      open: open.filter((d) => d.member === m.id).length,
    }));
  return { members, open };
}
