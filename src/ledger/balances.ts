import { cmp } from "./lots.js";
import { entitlementKey } from "./state.js";
import type { Entitlement, LedgerEvent, LedgerState } from "./types.js";

/**
 * One row of the store's derived balance table, kept in the same transaction as the events that
 * change it (so a position report reads rows, not a million events) and checked against a full
 * replay in the tests:
 *   lot         id = lot id; tons held; used = tons drawn from it net of returns; left = null
 *   entitlement id = member/mineral; tons = t/yr; used and left in `year` (the latest year charged)
 *   mineral     id = mineral; tons held in all its lots; used = tons drawn net of returns; left = null
 */
export interface BalanceRow {
  kind: "lot" | "entitlement" | "mineral";
  id: string;
  mineral: string;
  tons: number;
  used: number | null;
  left: number | null;
  year: string | null;
}

/** The year an entitlement's balance row shows: the latest year anything was charged to it, else the year it was set. */
export function entitlementYear(e: Entitlement): string {
  const years = Object.keys(e.used).sort();
  return years.length > 0 ? years[years.length - 1] : e.at.slice(0, 4);
}

function lotRow(s: LedgerState, id: string): BalanceRow | undefined {
  const l = s.lots.get(id);
  return l && { kind: "lot", id, mineral: l.mineral, tons: l.tons, used: l.released - l.returned, left: null, year: null };
}

function entitlementRow(s: LedgerState, key: string): BalanceRow | undefined {
  const e = s.entitlements.get(key);
  if (!e) return undefined;
  const year = entitlementYear(e);
  const used = e.used[year] ?? 0;
  return { kind: "entitlement", id: key, mineral: e.mineral, tons: e.tonsPerYear, used, left: e.tonsPerYear - used, year };
}

function mineralRow(s: LedgerState, mineral: string): BalanceRow {
  const m = s.minerals.get(mineral) ?? { tons: 0, drawn: 0 };
  return { kind: "mineral", id: mineral, mineral, tons: m.tons, used: m.drawn, left: null, year: null };
}

/** The lots, entitlements and minerals an event changes. */
function touches(s: LedgerState, e: LedgerEvent, lots: Set<string>, ents: Set<string>): void {
  const d = e.data as { lot?: string; draw?: string; lots?: { lot: string }[]; into?: { lot: string } };
  if (d.lot !== undefined) lots.add(d.lot);
  if (d.into !== undefined) lots.add(d.into.lot);
  for (const r of d.lots ?? []) lots.add(r.lot);
  if (e.type === "entitlement.set") ents.add(entitlementKey(e.data.member, e.data.mineral));
  const draw = d.draw === undefined ? undefined : s.draws.get(d.draw);
  if (draw) ents.add(entitlementKey(draw.member, draw.mineral));
}

/**
 * The balance rows `touched` changed, read from `state` after they were applied (every row when
 * `touched` is left out), sorted by kind then id.
 */
export function balanceRows(state: LedgerState, touched?: readonly LedgerEvent[]): BalanceRow[] {
  const lots = new Set<string>();
  const ents = new Set<string>();
  if (touched === undefined) {
    for (const id of state.lots.keys()) lots.add(id);
    for (const id of state.entitlements.keys()) ents.add(id);
  } else for (const e of touched) touches(state, e, lots, ents);
  const minerals = new Set<string>();
  const rows: BalanceRow[] = [];
  for (const id of lots) {
    const r = lotRow(state, id);
    if (r) {
      rows.push(r);
      minerals.add(r.mineral);
    }
  }
  for (const key of ents) {
    const r = entitlementRow(state, key);
    if (r) rows.push(r);
  }
  for (const m of minerals) rows.push(mineralRow(state, m));
  const rank = { lot: 0, entitlement: 1, mineral: 2 };
  return rows.sort((a, b) => rank[a.kind] - rank[b.kind] || cmp(a.id, b.id));
}
