import { LodestoneError } from "../errors.js";
import type { Draw, EventOf, EventType, LedgerEvent, LedgerState, Lot, LotSpec } from "./types.js";
import { EPS, yearOf } from "./validate.js";

// The state is a fold over the event log: apply one event at a time. `decide` has already refused
// anything the rules forbid, so apply checks only what no stored log may contain (a reference to
// something unknown, a balance below zero, a draw out of order) and calls it an integrity failure:
// the log, not the user, is wrong.

export function emptyState(): LedgerState {
  return {
    lots: new Map(),
    orders: new Map(),
    members: new Map(),
    entitlements: new Map(),
    draws: new Map(),
    minerals: new Map(),
    prices: [],
    allocationRules: new Map(),
    mineralLots: new Map(),
    openDraws: new Map(),
    seq: 0,
  };
}

export const entitlementKey = (member: string, mineral: string) => `${member}/${mineral}`;

/** A record keyed by ids with no prototype: a lot called "constructor" must read as 0, not as Object. */
const record = (): Record<string, number> => Object.create(null);

function broken(e: LedgerEvent, message: string): never {
  throw new LodestoneError("integrity", { field: `event ${e.seq} (${e.type})`, message });
}

function need<T>(e: LedgerEvent, map: Map<string, T>, id: string, what: string): T {
  const v = map.get(id);
  if (v === undefined) broken(e, `unknown ${what} ${JSON.stringify(id)}`);
  return v;
}

function totals(s: LedgerState, mineral: string): { tons: number; drawn: number } {
  const m = s.minerals.get(mineral) ?? { tons: 0, drawn: 0 };
  s.minerals.set(mineral, m);
  return m;
}

/**
 * Change a lot's tons by `delta` (and its mineral's total; `drawn` for releases and returns),
 * recording the move; a balance below zero is an integrity failure.
 */
function move(e: LedgerEvent, s: LedgerState, lot: Lot, delta: number, drawn = 0): void {
  if (lot.tons + delta < -EPS) broken(e, `lot ${lot.id} would hold ${lot.tons + delta} t`);
  const before = lot.tons;
  lot.tons = Math.max(0, lot.tons + delta);
  const m = totals(s, lot.mineral);
  m.tons += lot.tons - before;
  m.drawn += drawn;
  lot.moves.push({ seq: e.seq, at: e.at, tons: delta, type: e.type });
  // later movements may not be dated before this one (decide checks against lot.last)
  if (e.at > lot.last) lot.last = e.at;
}

function newLot(e: LedgerEvent, s: LedgerState, spec: LotSpec, order: string): Lot {
  if (s.lots.has(spec.lot)) broken(e, `lot ${spec.lot} exists already`);
  const lot: Lot = {
    id: spec.lot,
    order,
    mineral: spec.mineral,
    form: spec.form,
    spec: spec.spec,
    location: spec.location,
    contract: spec.contract,
    cost: spec.cost,
    at: e.at,
    last: e.at,
    tons: 0,
    received: spec.tons,
    released: 0,
    returned: 0,
    writtenOff: 0,
    rotatedOut: 0,
    reassayed: 0,
    moves: [],
  };
  if (spec.expires !== undefined) lot.expires = spec.expires;
  s.lots.set(lot.id, lot);
  const ofMineral = s.mineralLots.get(lot.mineral) ?? [];
  ofMineral.push(lot.id);
  s.mineralLots.set(lot.mineral, ofMineral);
  move(e, s, lot, spec.tons);
  return lot;
}

/** Keep the mineral's open draws (approved, not all of it released) as a draw changes. */
function opened(s: LedgerState, d: Draw): void {
  const set = s.openDraws.get(d.mineral) ?? new Set<string>();
  if ((d.status === "approved" || d.status === "released") && d.approved - d.released > EPS) set.add(d.id);
  else set.delete(d.id);
  s.openDraws.set(d.mineral, set);
}

/** Charge (or credit, when negative) a draw's tons to its member's entitlement in the year of the request. */
function charge(e: LedgerEvent, s: LedgerState, d: Draw, tons: number): void {
  const ent = need(e, s.entitlements, entitlementKey(d.member, d.mineral), "entitlement");
  const y = yearOf(d.at);
  ent.used[y] = Math.max(0, (ent.used[y] ?? 0) + tons);
}

type Handlers = { [T in EventType]: (s: LedgerState, e: EventOf<T>) => void };

const HANDLERS: Handlers = {
  "member.registered": (s, e) => {
    if (s.members.has(e.data.member)) broken(e, `member ${e.data.member} exists already`);
    s.members.set(e.data.member, { id: e.data.member, name: e.data.name, at: e.at, fees: 0, payments: [] });
  },
  "entitlement.set": (s, e) => {
    const { member, mineral, basis, tonsPerYear, priceRule, priority } = e.data;
    need(e, s.members, member, "member");
    const key = entitlementKey(member, mineral);
    const used = s.entitlements.get(key)?.used ?? record();
    s.entitlements.set(key, { member, mineral, basis, tonsPerYear, priceRule, priority, at: e.at, used });
  },
  "fee.paid": (s, e) => {
    const m = need(e, s.members, e.data.member, "member");
    m.fees += e.data.amount;
    m.payments.push({ at: e.at, amount: e.data.amount, period: e.data.period });
  },
  "acquisition.ordered": (s, e) => {
    if (s.orders.has(e.data.order)) broken(e, `order ${e.data.order} exists already`);
    const { order, ...rest } = e.data;
    s.orders.set(order, { id: order, ...rest, at: e.at, received: 0, cancelled: 0, lots: [] });
  },
  "acquisition.received": (s, e) => {
    const o = need(e, s.orders, e.data.order, "order");
    if (o.received + o.cancelled + e.data.tons > o.tons + EPS) broken(e, `order ${o.id} would receive more than the ${o.tons} t ordered`);
    if (s.lots.has(e.data.lot)) broken(e, `lot ${e.data.lot} exists already`);
    o.received += e.data.tons;
    o.lots.push(e.data.lot);
    newLot(e, s, e.data, o.id);
  },
  "acquisition.cancelled": (s, e) => {
    const o = need(e, s.orders, e.data.order, "order");
    if (o.received + o.cancelled + e.data.tons > o.tons + EPS) broken(e, `order ${o.id} would cancel more than remains open`);
    o.cancelled += e.data.tons;
  },
  "draw.requested": (s, e) => {
    const { draw, member, mineral, tons } = e.data;
    if (s.draws.has(draw)) broken(e, `draw ${draw} exists already`);
    need(e, s.members, member, "member");
    need(e, s.entitlements, entitlementKey(member, mineral), "entitlement");
    const d: Draw = {
      id: draw,
      member,
      mineral,
      at: e.at,
      requested: tons,
      approved: 0,
      status: "requested",
      released: 0,
      returned: 0,
      lots: record(),
      amount: 0,
    };
    s.draws.set(draw, d);
    charge(e, s, d, tons);
  },
  "draw.approved": (s, e) => {
    const d = need(e, s.draws, e.data.draw, "draw");
    if (d.status !== "requested") broken(e, `draw ${d.id} is ${d.status}, not requested`);
    d.status = "approved";
    d.approved = e.data.tons;
    charge(e, s, d, e.data.tons - d.requested);
    opened(s, d);
  },
  "draw.refused": (s, e) => {
    const d = need(e, s.draws, e.data.draw, "draw");
    if (d.status !== "requested" && d.status !== "approved") broken(e, `draw ${d.id} is ${d.status}`);
    charge(e, s, d, -(d.status === "approved" ? d.approved : d.requested));
    d.status = "refused";
    d.reason = e.data.reason;
    opened(s, d);
  },
  "draw.released": (s, e) => {
    const d = need(e, s.draws, e.data.draw, "draw");
    if (d.status !== "approved" && d.status !== "released") broken(e, `draw ${d.id} is ${d.status}, not approved`);
    // check every lot before changing any, so a broken event leaves the state as it was
    let total = 0;
    for (const r of e.data.lots) {
      const lot = need(e, s.lots, r.lot, "lot");
      if (lot.mineral !== d.mineral) broken(e, `lot ${lot.id} holds ${lot.mineral}, not ${d.mineral}`);
      if (lot.tons - r.tons < -EPS) broken(e, `lot ${lot.id} would hold ${lot.tons - r.tons} t`);
      total += r.tons;
    }
    if (d.released + total > d.approved + EPS) broken(e, `draw ${d.id} would release ${d.released + total} t of ${d.approved} t approved`);
    for (const r of e.data.lots) {
      const lot = s.lots.get(r.lot) as Lot;
      move(e, s, lot, -r.tons, r.tons);
      lot.released += r.tons;
      d.released += r.tons;
      d.lots[r.lot] = (d.lots[r.lot] ?? 0) + r.tons;
    }
    d.amount += e.data.amount;
    d.status = "released";
    opened(s, d);
  },
  "draw.delivered": (s, e) => {
    const d = need(e, s.draws, e.data.draw, "draw");
    if (d.status !== "released") broken(e, `draw ${d.id} is ${d.status}, not released`);
    d.status = "delivered";
    opened(s, d);
  },
  "draw.returned": (s, e) => {
    const d = need(e, s.draws, e.data.draw, "draw");
    const lot = need(e, s.lots, e.data.lot, "lot");
    if ((d.lots[lot.id] ?? 0) + EPS < e.data.tons) broken(e, `draw ${d.id} returns more to lot ${lot.id} than it took`);
    d.lots[lot.id] -= e.data.tons;
    d.returned += e.data.tons;
    lot.returned += e.data.tons;
    move(e, s, lot, e.data.tons, -e.data.tons);
    charge(e, s, d, -e.data.tons);
  },
  "lot.transferred": (s, e) => {
    need(e, s.lots, e.data.lot, "lot").location = e.data.to;
  },
  "lot.written_off": (s, e) => {
    const lot = need(e, s.lots, e.data.lot, "lot");
    move(e, s, lot, -e.data.tons);
    lot.writtenOff += e.data.tons;
  },
  "lot.reassayed": (s, e) => {
    const lot = need(e, s.lots, e.data.lot, "lot");
    const delta = e.data.tons - lot.tons;
    move(e, s, lot, delta);
    lot.reassayed += delta;
    lot.spec = e.data.spec;
    if (e.data.expires !== undefined) lot.expires = e.data.expires;
  },
  "lot.rotated": (s, e) => {
    const lot = need(e, s.lots, e.data.lot, "lot");
    if (e.data.into.mineral !== lot.mineral) broken(e, `rotation of lot ${lot.id} into another mineral`);
    if (s.lots.has(e.data.into.lot)) broken(e, `lot ${e.data.into.lot} exists already`);
    move(e, s, lot, -e.data.tons);
    lot.rotatedOut += e.data.tons;
    newLot(e, s, e.data.into, lot.order);
  },
  "price.set": (s, e) => {
    const p = { ...e.data };
    const i = s.prices.findIndex((q) => q.mineral === p.mineral && q.date === p.date);
    if (i >= 0) s.prices[i] = p;
    else {
      s.prices.push(p);
      s.prices.sort((a, b) => (a.mineral < b.mineral ? -1 : a.mineral > b.mineral ? 1 : a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    }
  },
  "allocation.rule_set": (s, e) => {
    // a declaration replaces the mineral's rule whole
    const memberFloors: Record<string, number> = Object.create(null);
    for (const [m, f] of Object.entries(e.data.memberFloors)) memberFloors[m] = f;
    s.allocationRules.set(e.data.mineral, { ...e.data, memberFloors, at: e.at });
  },
};

/** Apply one event to the state in place. Throws LodestoneError("integrity") on an event no valid log holds. */
export function apply(state: LedgerState, e: LedgerEvent): void {
  if (!Object.hasOwn(HANDLERS, e.type)) broken(e, `unknown event type ${JSON.stringify(e.type)}`);
  const h = HANDLERS[e.type] as (s: LedgerState, e: LedgerEvent) => void;
  h(state, e);
  if (e.seq > state.seq) state.seq = e.seq;
}

/** The state after every event, in order. */
export function replay(events: Iterable<LedgerEvent>): LedgerState {
  const s = emptyState();
  for (const e of events) apply(s, e);
  return s;
}
