import { entitlementYear } from "./balances.js";
import { known } from "./context.js";
import { cmp, isExpired } from "./lots.js";
import { latestPrice } from "./prices.js";
import { checkRead } from "./roles.js";
import type { Actor, EntitlementBasis, LedgerEvent, LedgerState, Lot, PricePoint, PriceRule, Priority } from "./types.js";
import { day, dayOf, EPS, fail, id, instant } from "./validate.js";

// Reports read the state (or the log, for the audit trail) and check the reader's role: reports
// over the whole reserve (position, cover, valuation, a lot's trail) are refused to a member, and a
// member reads only its own statement and trail. `actor` is optional on the whole-reserve reports
// for library callers that are the operator themselves; every shell passes it.

/** The end of an as-of date: YYYY-MM-DD means the whole day; a date-time is taken as given. */
function cutoff(asOf: string | undefined): string {
  if (asOf === undefined) return "9999-12-31T23:59:59.999Z";
  if (typeof asOf === "string" && asOf.length === 10) return `${day("asOf", asOf)}T23:59:59.999Z`;
  return instant("asOf", asOf);
}

/** A lot's tons as of `end`: the sum of its moves up to then. */
const tonsAsOf = (lot: Lot, end: string) => lot.moves.reduce((s, m) => (m.at <= end ? s + m.tons : s), 0);

export interface LotPosition {
  lot: string;
  mineral: string;
  form: string;
  spec: string;
  /** the lot's current location (transfers are not dated in the position) */
  location: string;
  tons: number;
  expires: string | null;
  expired: boolean;
}
export interface MineralPosition {
  mineral: string;
  tons: number;
  /** tons in lots not expired at the date */
  releasable: number;
  lots: number;
}
export interface Position {
  asOf: string;
  minerals: MineralPosition[];
  lots: LotPosition[];
}

/** The latest business date-time of any lot movement: "now" for a position without a date (reports are pure and take no clock). */
function latestMove(state: LedgerState): string {
  let last = "";
  for (const l of state.lots.values()) for (const m of l.moves) if (m.at > last) last = m.at;
  return last;
}

/**
 * What the reserve holds per mineral and lot as of a date (default: everything recorded, with
 * expiry judged at the latest movement recorded).
 */
export function position(state: LedgerState, asOf?: string, actor?: Actor): Position {
  if (actor) checkRead(actor);
  const end = cutoff(asOf);
  const judged = asOf === undefined ? latestMove(state) : end;
  const lots: LotPosition[] = [];
  const by = new Map<string, MineralPosition>();
  for (const l of [...state.lots.values()].sort((a, b) => cmp(a.mineral, b.mineral) || cmp(a.id, b.id))) {
    if (l.at > end) continue;
    const t = Math.max(0, tonsAsOf(l, end));
    const expired = isExpired(l, judged);
    lots.push({ lot: l.id, mineral: l.mineral, form: l.form, spec: l.spec, location: l.location, tons: t, expires: l.expires ?? null, expired });
    const m = by.get(l.mineral) ?? { mineral: l.mineral, tons: 0, releasable: 0, lots: 0 };
    m.tons += t;
    if (!expired) m.releasable += t;
    if (t > EPS) m.lots++;
    by.set(l.mineral, m);
  }
  return { asOf: asOf ?? "latest", minerals: [...by.values()], lots };
}

/** 365.25 / 12: the mean month, the same as the simulator's (DAYS_PER_MONTH in optimize/defaults). */
const DAYS_PER_MONTH = 30.4375;
/** The cover target when none is given: about 60 days of supply, as the 2026 US programme offers its members. */
export const COVER_TARGET_DAYS = 60;

export interface Cover {
  mineral: string;
  /** releasable tons */
  tons: number;
  /** monthly demand d0, t/month (null: none given) */
  d0: number | null;
  days: number | null;
  target: number;
  /** tons short of the target (0 when met; null without d0) */
  short: number | null;
  met: boolean | null;
}

/**
 * Days of cover per mineral: releasable tons / (d0 / DAYS_PER_MONTH), against `target` days.
 * `d0ByMineral` is monthly demand (t/month) as the simulator takes it, so the dataset stays outside.
 * Lists every mineral held or given a d0.
 */
export function cover(state: LedgerState, d0ByMineral: ReadonlyMap<string, number>, target = COVER_TARGET_DAYS, asOf?: string, actor?: Actor): Cover[] {
  if (typeof target !== "number" || !Number.isFinite(target) || target <= 0)
    fail("bad-input", "target", `${target} is not a number of days`, "a finite number of days > 0");
  const pos = position(state, asOf, actor);
  const minerals = [...new Set([...pos.minerals.map((m) => m.mineral), ...d0ByMineral.keys()])].sort(cmp);
  return minerals.map((mineral) => {
    const held = pos.minerals.find((m) => m.mineral === mineral)?.releasable ?? 0;
    const d0 = d0ByMineral.get(mineral);
    if (d0 === undefined || !(d0 > 0) || !Number.isFinite(d0)) return { mineral, tons: held, d0: d0 ?? null, days: null, target, short: null, met: null };
    const perDay = d0 / DAYS_PER_MONTH;
    const days = held / perDay;
    return { mineral, tons: held, d0, days, target, short: Math.max(0, target * perDay - held), met: days + 1e-9 >= target };
  });
}

export interface StatementEntitlement {
  mineral: string;
  basis: EntitlementBasis;
  tonsPerYear: number;
  priority: Priority;
  priceRule: PriceRule;
  year: string;
  used: number;
  left: number;
}
export interface StatementDraw {
  draw: string;
  mineral: string;
  at: string;
  status: string;
  reason: string | null;
  requested: number;
  approved: number;
  released: number;
  returned: number;
  amount: number;
}
export interface Statement {
  member: string;
  name: string;
  fees: number;
  payments: { at: string; amount: number; period: string }[];
  entitlements: StatementEntitlement[];
  draws: StatementDraw[];
}

/** One member's entitlements (used and left in `year`, default each one's latest), draws and fees. A member may read only its own. */
export function statement(state: LedgerState, member: string, actor: Actor, year?: string): Statement {
  checkRead(actor, member);
  const m = known(state.members, "member", id("member", member), "member", "not-found");
  if (year !== undefined && !/^\d{4}$/.test(year)) fail("bad-input", "year", `${JSON.stringify(year)} is not a year`, "YYYY");
  const entitlements = [...state.entitlements.values()]
    .filter((e) => e.member === m.id)
    .sort((a, b) => cmp(a.mineral, b.mineral))
    .map((e) => {
      const y = year ?? entitlementYear(e);
      const used = e.used[y] ?? 0;
      return {
        mineral: e.mineral,
        basis: e.basis,
        tonsPerYear: e.tonsPerYear,
        priority: e.priority,
        priceRule: e.priceRule,
        year: y,
        used,
        left: e.tonsPerYear - used,
      };
    });
  const draws = [...state.draws.values()]
    .filter((d) => d.member === m.id)
    .map((d) => ({
      draw: d.id,
      mineral: d.mineral,
      at: d.at,
      status: d.status,
      reason: d.reason ?? null,
      requested: d.requested,
      approved: d.approved,
      released: d.released,
      returned: d.returned,
      amount: d.amount,
    }));
  return { member: m.id, name: m.name, fees: m.fees, payments: [...m.payments], entitlements, draws };
}

export interface LotValue {
  lot: string;
  mineral: string;
  tons: number;
  /** USD/t on or before the date (null: no price) */
  price: number | null;
  priceDate: string | null;
  value: number | null;
  /** acquisition cost of the tons held, pro rata to the lot's receipt */
  book: number;
}
export interface Valuation {
  asOf: string;
  lots: LotValue[];
  minerals: { mineral: string; tons: number; value: number | null; book: number }[];
  /** sum over the lots with a price */
  value: number;
  book: number;
  /** minerals held with no price on or before the date */
  missing: string[];
}

/** Mark-to-market as of a day: each lot's tons at the latest price on or before it (`prices` default the ledger's price.set table). */
export function valuation(state: LedgerState, prices: readonly PricePoint[] | undefined, asOf: string, actor?: Actor): Valuation {
  const pos = position(state, asOf, actor);
  const d = dayOf(cutoff(asOf));
  const table = prices ?? state.prices;
  const lots = pos.lots.map((p) => {
    const l = state.lots.get(p.lot) as Lot;
    const price = latestPrice(table, p.mineral, d);
    const book = l.received > 0 ? (l.cost * p.tons) / l.received : 0;
    return {
      lot: p.lot,
      mineral: p.mineral,
      tons: p.tons,
      price: price?.price ?? null,
      priceDate: price?.date ?? null,
      value: price ? price.price * p.tons : null,
      book,
    };
  });
  const minerals = pos.minerals.map((m) => {
    const ls = lots.filter((l) => l.mineral === m.mineral);
    const priced = ls.every((l) => l.value !== null);
    return { mineral: m.mineral, tons: m.tons, value: priced ? ls.reduce((s, l) => s + (l.value ?? 0), 0) : null, book: ls.reduce((s, l) => s + l.book, 0) };
  });
  return {
    asOf,
    lots,
    minerals,
    value: lots.reduce((s, l) => s + (l.value ?? 0), 0),
    book: lots.reduce((s, l) => s + l.book, 0),
    missing: minerals.filter((m) => m.value === null).map((m) => m.mineral),
  };
}

/** Does `e` concern lot `lot`? */
function aboutLot(e: LedgerEvent, lot: string): boolean {
  const d = e.data as { lot?: string; lots?: { lot: string }[]; into?: { lot: string } };
  return d.lot === lot || d.into?.lot === lot || (d.lots ?? []).some((r) => r.lot === lot);
}

/**
 * The events that concern one lot or one member, in log order. A member's trail holds its
 * registration, entitlements, fees and every event of its draws; a member may read only its own,
 * and no lot's (a lot's trail shows every member's draws from it). A member's copy is numbered within
 * the trail (seq 1, 2, …) and shows only its own actors' keys (others' are "").
 */
export function auditTrail(events: Iterable<LedgerEvent>, about: { lot?: string; member?: string }, actor: Actor): LedgerEvent[] {
  if ((about.lot === undefined) === (about.member === undefined))
    fail("bad-input", "lot", "give a lot or a member, not both or neither", "{ lot } or { member }");
  if (about.lot !== undefined) {
    checkRead(actor);
    const lot = id("lot", about.lot);
    const trail = [...events].filter((e) => aboutLot(e, lot));
    if (!trail.length) fail("not-found", "lot", `no event concerns lot ${JSON.stringify(lot)}`, "a lot id the ledger has recorded");
    return trail;
  }
  const member = id("member", about.member);
  checkRead(actor, member);
  const draws = new Set<string>();
  const out: LedgerEvent[] = [];
  for (const e of events) {
    const d = e.data as { member?: string; draw?: string };
    if (e.type === "draw.requested" && d.member === member) draws.add(e.data.draw);
    if (d.member === member || (d.draw !== undefined && draws.has(d.draw))) out.push(e);
  }
  if (!out.length) fail("not-found", "member", `no event concerns member ${JSON.stringify(member)}`, "a member id the ledger has recorded");
  // a member reads its trail numbered 1, 2, … and without other actors' idempotency keys: the log's
  // own numbers would tell it how much the others wrote in between, a key what another actor sent
  return actor.role === "member" ? out.map((e, i) => ({ ...e, seq: i + 1, key: e.actor === actor.id ? e.key : "" })) : out;
}

/**
 * The events a command wrote, as `actor` may see them: a member's copy carries no place in the log
 * (seq 0), since the numbers of its successive commands would tell it how much the others wrote in
 * between; every other role sees the log's numbers.
 */
export function writtenFor(events: readonly LedgerEvent[], actor: Actor): LedgerEvent[] {
  return actor.role === "member" ? events.map((e) => ({ ...e, seq: 0 })) : [...events];
}
