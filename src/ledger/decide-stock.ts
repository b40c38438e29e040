import { type Ctx, conflict, event, known, movesInOrder, nextId, notBefore, t } from "./context.js";
import type { Command, LedgerEvent, LotSpec } from "./types.js";
import { day, dayOf, EPS, fail, id, money, text, tons } from "./validate.js";

// Acquisitions (order → partial receipts into lots → cancellation), what happens to a lot in store
// (transfer, write-off, re-assay, rotation) and the dated price table.

type Cmd<T extends Command["type"]> = Extract<Command, { type: T }>;

export function order(c: Ctx, cmd: Cmd<"order">): LedgerEvent[] {
  const o = cmd.order === undefined ? nextId(c.s.orders, "O") : id("order", cmd.order);
  if (c.s.orders.has(o)) conflict("order", `order ${o} exists already`);
  const data = {
    order: o,
    mineral: id("mineral", cmd.mineral),
    form: text("form", cmd.form),
    spec: text("spec", cmd.spec),
    tons: tons("tons", cmd.tons),
    price: money("price", cmd.price),
    contract: text("contract", cmd.contract),
  };
  return [event(c, "acquisition.ordered", cmd.plan === undefined ? data : { ...data, plan: text("plan", cmd.plan) })];
}

const open = (o: { tons: number; received: number; cancelled: number }) => o.tons - o.received - o.cancelled;

/** A new lot's expiry must lie after the day it comes in: an expired lot could never be released. */
function expiry(c: Ctx, v: unknown, field: string): string | undefined {
  if (v === undefined) return undefined;
  const e = day(field, v);
  if (e <= dayOf(c.at)) conflict(field, `${e} is not after ${dayOf(c.at)}: the lot would arrive expired`);
  return e;
}

export function receive(c: Ctx, cmd: Cmd<"receive">): LedgerEvent[] {
  const o = known(c.s.orders, "order", id("order", cmd.order), "order");
  notBefore(c, o.at, `order ${o.id}`);
  const lot = cmd.lot === undefined ? nextId(c.s.lots, "L") : id("lot", cmd.lot);
  if (c.s.lots.has(lot)) conflict("lot", `lot ${lot} exists already`);
  const q = tons("tons", cmd.tons);
  if (q > open(o) + EPS) conflict("tons", `order ${o.id} has ${t(open(o))} open of ${t(o.tons)} ordered; ${t(q)} is more`);
  const spec: LotSpec = {
    lot,
    mineral: o.mineral,
    form: o.form,
    spec: o.spec,
    tons: q,
    location: text("location", cmd.location),
    cost: cmd.cost === undefined ? q * o.price : money("cost", cmd.cost),
    contract: o.contract,
  };
  const e = expiry(c, cmd.expires, "expires");
  if (e !== undefined) spec.expires = e;
  return [event(c, "acquisition.received", { order: o.id, ...spec })];
}

export function cancelOrder(c: Ctx, cmd: Cmd<"cancel-order">): LedgerEvent[] {
  const o = known(c.s.orders, "order", id("order", cmd.order), "order");
  const left = open(o);
  if (left <= EPS) conflict("order", `order ${o.id} has nothing open to cancel`);
  const q = cmd.tons === undefined ? left : tons("tons", cmd.tons);
  if (q > left + EPS) conflict("tons", `order ${o.id} has ${t(left)} open; ${t(q)} is more`);
  return [event(c, "acquisition.cancelled", { order: o.id, tons: q, reason: text("reason", cmd.reason) })];
}

export function transfer(c: Ctx, cmd: Cmd<"transfer">): LedgerEvent[] {
  const lot = known(c.s.lots, "lot", id("lot", cmd.lot), "lot");
  const to = text("to", cmd.to);
  if (to === lot.location) conflict("to", `lot ${lot.id} is at ${to} already`);
  return [event(c, "lot.transferred", { lot: lot.id, from: lot.location, to })];
}

export function writeOff(c: Ctx, cmd: Cmd<"write-off">): LedgerEvent[] {
  const lot = known(c.s.lots, "lot", id("lot", cmd.lot), "lot");
  movesInOrder(c, lot);
  const q = tons("tons", cmd.tons);
  if (q > lot.tons + EPS) conflict("tons", `lot ${lot.id} holds ${t(lot.tons)}; writing off ${t(q)} would make it negative`);
  return [event(c, "lot.written_off", { lot: lot.id, tons: q, reason: text("reason", cmd.reason) })];
}

/** A re-assay restates what a lot contains (tons), its specification and its next re-assay date. */
export function reassay(c: Ctx, cmd: Cmd<"reassay">): LedgerEvent[] {
  const lot = known(c.s.lots, "lot", id("lot", cmd.lot), "lot");
  movesInOrder(c, lot);
  if (cmd.tons === undefined && cmd.spec === undefined && cmd.expires === undefined)
    fail("bad-input", "tons", "a re-assay changes nothing", "tons, spec or expires");
  const data = {
    lot: lot.id,
    tons: cmd.tons === undefined ? lot.tons : tons("tons", cmd.tons, true),
    spec: cmd.spec === undefined ? lot.spec : text("spec", cmd.spec),
  };
  const e = expiry(c, cmd.expires, "expires");
  return [event(c, "lot.reassayed", e === undefined ? data : { ...data, expires: e })];
}

/** Rotation: old material out of a lot (sold or swapped) and fresh material of the same mineral in, as a new lot. */
export function rotate(c: Ctx, cmd: Cmd<"rotate">): LedgerEvent[] {
  const lot = known(c.s.lots, "lot", id("lot", cmd.lot), "lot");
  movesInOrder(c, lot);
  const q = tons("tons", cmd.tons);
  if (q > lot.tons + EPS) conflict("tons", `lot ${lot.id} holds ${t(lot.tons)}; rotating out ${t(q)} would make it negative`);
  const n = cmd.into;
  if (typeof n !== "object" || n === null) fail("bad-input", "into", "no new lot given", "{ form, spec, tons, location, cost, contract, expires? }");
  const into = n.lot === undefined ? nextId(c.s.lots, "L") : id("into.lot", n.lot);
  if (c.s.lots.has(into)) conflict("into.lot", `lot ${into} exists already`);
  const spec: LotSpec = {
    lot: into,
    mineral: lot.mineral,
    form: text("into.form", n.form),
    spec: text("into.spec", n.spec),
    tons: tons("into.tons", n.tons),
    location: text("into.location", n.location),
    cost: money("into.cost", n.cost),
    contract: text("into.contract", n.contract),
  };
  const e = expiry(c, n.expires, "into.expires");
  if (e !== undefined) spec.expires = e;
  return [event(c, "lot.rotated", { lot: lot.id, tons: q, into: spec })];
}

export function setPrice(c: Ctx, cmd: Cmd<"set-price">): LedgerEvent[] {
  return [
    event(c, "price.set", {
      mineral: id("mineral", cmd.mineral),
      date: day("date", cmd.date),
      price: money("price", cmd.price),
      source: text("source", cmd.source),
    }),
  ];
}
