import { closest, LodestoneError } from "../errors.js";
import { type DrawRow, type LotRow, latestYear, lotRows, type MemberRows, memberRows } from "./balances.js";
import { known } from "./context.js";
import { cmp } from "./lots.js";
import { latestPrice } from "./prices.js";
import { checkRead } from "./roles.js";
import type { Actor, EntitlementBasis, LedgerEvent, LedgerState, Lot, PricePoint, PriceRule, Priority } from "./types.js";
import { day, dayOf, EPS, fail, id, instant } from "./validate.js";

// Reports read the state (or the log, for the audit trail) and check the reader's role: reports
// over the whole reserve (position, cover, valuation, a lot's trail) are refused to a member, and a
// member reads only its own statement and trail. `actor` is optional on the whole-reserve reports
// for library callers that are the operator themselves; every shell passes it.

/** The end of an as-of date: YYYY-MM-DD means the whole day; a date-time is taken as given. */
export function asOfEnd(asOf: string | undefined): string {
  if (asOf === undefined) return "9999-12-31T23:59:59.999Z";
  if (typeof asOf === "string" && asOf.length === 10) return `${day("asOf", asOf)}T23:59:59.999Z`;
  return instant("asOf", asOf);
}
const cutoff = asOfEnd;

/** A lot's tons as of `end`: the sum of its moves up to then. */
const tonsAsOf = (lot: Lot, end: string) => lot.moves.reduce((s, m) => (m.at <= end ? s + m.tons : s), 0);

export interface LotPosition {
  lot: string;
  mineral: string;
  form: string;
  spec: string;
  /** where the lot was at the date (its current location without a date) */
  location: string;
  tons: number;
  /** its expiry or re-assay date as it stood at the date */
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

/** What a lot was at a date: its location, specification and expiry then. */
export interface LotAsOf {
  location: string;
  spec: string;
  expires: string | null;
}

/**
 * Each lot's location, specification and expiry as they stood at `end`, from the log: its receipt
 * (or rotation), then its transfers and re-assays dated up to `end`, in date order (the log's order
 * within a date-time). Lots received after `end` are left out.
 */
export function lotsAsOf(events: Iterable<LedgerEvent>, end: string): Map<string, LotAsOf> {
  const out = new Map<string, LotAsOf>();
  const later: LedgerEvent[] = [];
  for (const e of events) {
    if (e.at > end) continue;
    if (e.type === "acquisition.received") out.set(e.data.lot, { location: e.data.location, spec: e.data.spec, expires: e.data.expires ?? null });
    else if (e.type === "lot.rotated")
      out.set(e.data.into.lot, { location: e.data.into.location, spec: e.data.into.spec, expires: e.data.into.expires ?? null });
    else if (e.type === "lot.transferred" || e.type === "lot.reassayed") later.push(e);
  }
  // stable: events of one date-time stay in log order
  later.sort((a, b) => cmp(a.at, b.at));
  for (const e of later) {
    if (e.type === "lot.transferred") {
      const l = out.get(e.data.lot);
      if (l) l.location = e.data.to;
    } else if (e.type === "lot.reassayed") {
      const l = out.get(e.data.lot);
      if (l) {
        l.spec = e.data.spec;
        if (e.data.expires !== undefined) l.expires = e.data.expires;
      }
    }
  }
  return out;
}

const expiredAt = (expires: string | null, at: string) => expires !== null && dayOf(at) >= expires;

function addLot(by: Map<string, MineralPosition>, p: LotPosition): void {
  const m = by.get(p.mineral) ?? { mineral: p.mineral, tons: 0, releasable: 0, lots: 0 };
  m.tons += p.tons;
  if (!p.expired) m.releasable += p.tons;
  if (p.tons > EPS) m.lots++;
  by.set(p.mineral, m);
}

/** The latest movement of any lot ("" when none): "now" for a position without a date (reports are pure and take no clock). */
function latestOf(rows: readonly LotRow[]): string {
  let last = "";
  for (const r of rows) if (r.last > last) last = r.last;
  return last;
}

/**
 * The position from the lots' balance rows (the store's derived table, or lotRows of a state): what
 * every lot holds now. Without a date expiry is judged at the latest movement recorded; with one
 * (which must not lie before any event of the log: then the rows are not what the reserve held, see
 * position) at that date.
 */
export function positionOf(rows: readonly LotRow[], asOf?: string, actor?: Actor): Position {
  if (actor) checkRead(actor);
  const judged = asOf === undefined ? latestOf(rows) : cutoff(asOf);
  const lots: LotPosition[] = [];
  const by = new Map<string, MineralPosition>();
  for (const r of [...rows].sort((a, b) => cmp(a.mineral, b.mineral) || cmp(a.id, b.id))) {
    const t = Math.max(0, r.tons);
    const p = {
      lot: r.id,
      mineral: r.mineral,
      form: r.form,
      spec: r.spec,
      location: r.location,
      tons: t,
      expires: r.expires,
      expired: expiredAt(r.expires, judged),
    };
    lots.push(p);
    addLot(by, p);
  }
  return { asOf: asOf ?? "latest", minerals: [...by.values()], lots };
}

/**
 * What the reserve holds per mineral and lot as of a date (default: everything recorded, with
 * expiry judged at the latest movement recorded). With a date, each lot's tons are its movements up
 * to the date; its location, specification and expiry are as they stood then when `events` (the
 * log) is given, else as they are now.
 */
export function position(state: LedgerState, asOf?: string, actor?: Actor, events?: Iterable<LedgerEvent>): Position {
  if (actor) checkRead(actor);
  if (asOf === undefined) return positionOf(lotRows(state));
  const end = cutoff(asOf);
  const then = events === undefined ? undefined : lotsAsOf(events, end);
  const lots: LotPosition[] = [];
  const by = new Map<string, MineralPosition>();
  for (const l of [...state.lots.values()].sort((a, b) => cmp(a.mineral, b.mineral) || cmp(a.id, b.id))) {
    if (l.at > end) continue;
    const t = Math.max(0, tonsAsOf(l, end));
    const was = then?.get(l.id) ?? { location: l.location, spec: l.spec, expires: l.expires ?? null };
    const p = {
      lot: l.id,
      mineral: l.mineral,
      form: l.form,
      spec: was.spec,
      location: was.location,
      tons: t,
      expires: was.expires,
      expired: expiredAt(was.expires, end),
    };
    lots.push(p);
    addLot(by, p);
  }
  return { asOf, minerals: [...by.values()], lots };
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

function checkTarget(target: unknown): void {
  if (typeof target !== "number" || !Number.isFinite(target) || target <= 0)
    fail("bad-input", "target", `${target} is not a number of days`, "a finite number of days > 0");
}

/** Days of cover per mineral from a position (see cover). */
export function coverOf(pos: Position, d0ByMineral: ReadonlyMap<string, number>, target = COVER_TARGET_DAYS): Cover[] {
  checkTarget(target);
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

/**
 * Days of cover per mineral: releasable tons / (d0 / DAYS_PER_MONTH), against `target` days.
 * `d0ByMineral` is monthly demand (t/month) as the simulator takes it, so the dataset stays outside.
 * Lists every mineral held or given a d0. `events` as for position.
 */
export function cover(
  state: LedgerState,
  d0ByMineral: ReadonlyMap<string, number>,
  target = COVER_TARGET_DAYS,
  asOf?: string,
  actor?: Actor,
  events?: Iterable<LedgerEvent>,
): Cover[] {
  checkTarget(target);
  return coverOf(position(state, asOf, actor, events), d0ByMineral, target);
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
/** One draw in a member's statement: its balance row's figures, named by the draw. */
export interface StatementDraw extends Pick<DrawRow, "mineral" | "at" | "status" | "reason" | "requested" | "approved" | "released" | "returned" | "amount"> {
  draw: string;
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
  return statementOf(memberRows(state, m.id), member, actor, year);
}

/**
 * A statement from one member's balance rows (the store's derived table, or memberRows of a state):
 * entitlements by mineral, draws by request date then id. `others` lists the members known, for the
 * suggestions when the member has no row (called only then).
 */
export function statementOf(rows: MemberRows, member: string, actor: Actor, year?: string, others: () => string[] = () => []): Statement {
  checkRead(actor, member);
  const who = id("member", member);
  const m = rows.member;
  if (!m || m.id !== who)
    throw new LodestoneError("not-found", {
      field: "member",
      message: `unknown member ${JSON.stringify(who)}`,
      expected: "a known member id",
      suggestions: closest(who, others()),
    });
  if (year !== undefined && !/^\d{4}$/.test(year)) fail("bad-input", "year", `${JSON.stringify(year)} is not a year`, "YYYY");
  const entitlements = [...rows.entitlements]
    .sort((a, b) => cmp(a.mineral, b.mineral))
    .map((e) => {
      const y = year ?? latestYear(e.byYear, e.at);
      const used = e.byYear[y] ?? 0;
      return { mineral: e.mineral, basis: e.basis, tonsPerYear: e.tons, priority: e.priority, priceRule: e.priceRule, year: y, used, left: e.tons - used };
    });
  const draws = [...rows.draws]
    .sort((a, b) => cmp(a.at, b.at) || cmp(a.id, b.id))
    .map((d) => ({
      draw: d.id,
      mineral: d.mineral,
      at: d.at,
      status: d.status,
      reason: d.reason,
      requested: d.requested,
      approved: d.approved,
      released: d.released,
      returned: d.returned,
      amount: d.amount,
    }));
  return { member: m.id, name: m.name, fees: m.tons, payments: [...m.payments], entitlements, draws };
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
