import { cmp } from "./lots.js";
import { entitlementKey } from "./state.js";
import type { DrawStatus, Entitlement, EntitlementBasis, LedgerEvent, LedgerState, PriceRule, Priority } from "./types.js";

/**
 * One row of the store's derived balance table, kept in the same transaction as the events that
 * change it (so the position, the cover and a member's statement read rows, not a million events)
 * and checked against a full replay in the tests. Every row has the same head:
 *   lot         id = lot id; tons held; used = tons drawn from it net of returns; what the lot is and where
 *   entitlement id = member/mineral; tons = t/yr; used and left in `year` (the latest year charged); every year's use
 *   mineral     id = mineral; tons held in all its lots; used = tons drawn net of returns
 *   member      id = member; tons = fees paid (USD); its name and payments
 *   draw        id = draw id; tons = released less returned; the draw's request, status and amounts
 * `member` is the member a member, entitlement or draw row belongs to (null on lots and minerals):
 * the store indexes it, so a statement reads one member's rows.
 */
interface RowHead {
  id: string;
  mineral: string;
  member: string | null;
  tons: number;
  used: number | null;
  left: number | null;
  year: string | null;
}
export interface LotRow extends RowHead {
  kind: "lot";
  form: string;
  spec: string;
  location: string;
  expires: string | null;
  /** receipt (or rotation) date-time */
  at: string;
  /** date-time of the lot's latest movement */
  last: string;
}
export interface EntitlementRow extends RowHead {
  kind: "entitlement";
  member: string;
  basis: EntitlementBasis;
  priceRule: PriceRule;
  priority: Priority;
  at: string;
  /** tons charged per calendar year of the request */
  byYear: Record<string, number>;
}
export interface MineralRow extends RowHead {
  kind: "mineral";
}
export interface MemberRow extends RowHead {
  kind: "member";
  member: string;
  name: string;
  payments: { at: string; amount: number; period: string }[];
}
export interface DrawRow extends RowHead {
  kind: "draw";
  member: string;
  at: string;
  status: DrawStatus;
  reason: string | null;
  requested: number;
  approved: number;
  released: number;
  returned: number;
  amount: number;
}
export type BalanceRow = LotRow | EntitlementRow | MineralRow | MemberRow | DrawRow;
export type BalanceKind = BalanceRow["kind"];

/** The year an entitlement's balance row shows: the latest year anything was charged to it, else the year it was set. */
export function entitlementYear(e: Entitlement): string {
  return latestYear(e.used, e.at);
}

/** The latest year of `byYear`, else the year of `at`. */
export function latestYear(byYear: Record<string, number>, at: string): string {
  const years = Object.keys(byYear).sort();
  return years.length > 0 ? years[years.length - 1] : at.slice(0, 4);
}

function lotRow(s: LedgerState, id: string): LotRow | undefined {
  const l = s.lots.get(id);
  return (
    l && {
      kind: "lot",
      id,
      mineral: l.mineral,
      member: null,
      tons: l.tons,
      used: l.released - l.returned,
      left: null,
      year: null,
      form: l.form,
      spec: l.spec,
      location: l.location,
      expires: l.expires ?? null,
      at: l.at,
      last: l.last,
    }
  );
}

/** An entitlement's row (also what a statement lists). */
export function entitlementRow(e: Entitlement): EntitlementRow {
  const year = entitlementYear(e);
  const used = e.used[year] ?? 0;
  return {
    kind: "entitlement",
    id: entitlementKey(e.member, e.mineral),
    mineral: e.mineral,
    member: e.member,
    tons: e.tonsPerYear,
    used,
    left: e.tonsPerYear - used,
    year,
    basis: e.basis,
    priceRule: e.priceRule,
    priority: e.priority,
    at: e.at,
    byYear: { ...e.used },
  };
}

function mineralRow(s: LedgerState, mineral: string): MineralRow {
  const m = s.minerals.get(mineral) ?? { tons: 0, drawn: 0 };
  return { kind: "mineral", id: mineral, mineral, member: null, tons: m.tons, used: m.drawn, left: null, year: null };
}

function memberRow(s: LedgerState, id: string): MemberRow | undefined {
  const m = s.members.get(id);
  return m && { kind: "member", id, mineral: "", member: id, tons: m.fees, used: null, left: null, year: null, name: m.name, payments: [...m.payments] };
}

function drawRow(s: LedgerState, id: string): DrawRow | undefined {
  const d = s.draws.get(id);
  return (
    d && {
      kind: "draw",
      id,
      mineral: d.mineral,
      member: d.member,
      tons: d.released - d.returned,
      used: null,
      left: null,
      year: null,
      at: d.at,
      status: d.status,
      reason: d.reason ?? null,
      requested: d.requested,
      approved: d.approved,
      released: d.released,
      returned: d.returned,
      amount: d.amount,
    }
  );
}

interface Touched {
  lots: Set<string>;
  ents: Set<string>;
  members: Set<string>;
  draws: Set<string>;
}

/** The lots, entitlements, members and draws an event changes (minerals follow their lots). */
function touches(s: LedgerState, e: LedgerEvent, t: Touched): void {
  const d = e.data as { lot?: string; draw?: string; lots?: { lot: string }[]; into?: { lot: string } };
  if (d.lot !== undefined) t.lots.add(d.lot);
  if (d.into !== undefined) t.lots.add(d.into.lot);
  for (const r of d.lots ?? []) t.lots.add(r.lot);
  if (e.type === "entitlement.set") t.ents.add(entitlementKey(e.data.member, e.data.mineral));
  if (e.type === "member.registered" || e.type === "fee.paid") t.members.add(e.data.member);
  const draw = d.draw === undefined ? undefined : s.draws.get(d.draw);
  if (draw) {
    t.ents.add(entitlementKey(draw.member, draw.mineral));
    t.draws.add(draw.id);
  }
}

const RANK: Record<BalanceKind, number> = { lot: 0, entitlement: 1, mineral: 2, member: 3, draw: 4 };

/**
 * The balance rows `touched` changed, read from `state` after they were applied (every row when
 * `touched` is left out), sorted by kind (lot, entitlement, mineral, member, draw) then id.
 */
export function balanceRows(state: LedgerState, touched?: readonly LedgerEvent[]): BalanceRow[] {
  const t: Touched = { lots: new Set(), ents: new Set(), members: new Set(), draws: new Set() };
  if (touched === undefined) {
    for (const id of state.lots.keys()) t.lots.add(id);
    for (const id of state.entitlements.keys()) t.ents.add(id);
    for (const id of state.members.keys()) t.members.add(id);
    for (const id of state.draws.keys()) t.draws.add(id);
  } else for (const e of touched) touches(state, e, t);
  const minerals = new Set<string>();
  const rows: BalanceRow[] = [];
  for (const id of t.lots) {
    const r = lotRow(state, id);
    if (r) {
      rows.push(r);
      minerals.add(r.mineral);
    }
  }
  for (const key of t.ents) {
    const e = state.entitlements.get(key);
    if (e) rows.push(entitlementRow(e));
  }
  for (const m of minerals) rows.push(mineralRow(state, m));
  for (const id of t.members) {
    const r = memberRow(state, id);
    if (r) rows.push(r);
  }
  for (const id of t.draws) {
    const r = drawRow(state, id);
    if (r) rows.push(r);
  }
  return rows.sort((a, b) => RANK[a.kind] - RANK[b.kind] || cmp(a.id, b.id));
}

/** One member's rows as the store keeps them (its member row, entitlements and draws): what a statement reads. */
export interface MemberRows {
  member: MemberRow | undefined;
  entitlements: EntitlementRow[];
  draws: DrawRow[];
}

/** A member's rows from the state (the same rows the store's table holds for it). */
export function memberRows(state: LedgerState, member: string): MemberRows {
  return {
    member: memberRow(state, member),
    entitlements: [...state.entitlements.values()].filter((e) => e.member === member).map(entitlementRow),
    draws: [...state.draws.values()].filter((d) => d.member === member).map((d) => drawRow(state, d.id) as DrawRow),
  };
}

/** Every lot's row (what the position reads). */
export function lotRows(state: LedgerState): LotRow[] {
  return [...state.lots.keys()].map((id) => lotRow(state, id) as LotRow);
}

/** Split a member's rows read from the store by kind. */
export function splitMemberRows(rows: readonly BalanceRow[]): MemberRows {
  const out: MemberRows = { member: undefined, entitlements: [], draws: [] };
  for (const r of rows) {
    if (r.kind === "member") out.member = r;
    else if (r.kind === "entitlement") out.entitlements.push(r);
    else if (r.kind === "draw") out.draws.push(r);
  }
  return out;
}
