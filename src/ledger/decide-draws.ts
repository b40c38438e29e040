import { releaseLimit } from "./allocation-rule.js";
import { type Ctx, conflict, event, known, movesInOrder, notBefore, t } from "./context.js";
import { isExpired, releasableLots } from "./lots.js";
import { latestPrice } from "./prices.js";
import { entitlementKey } from "./state.js";
import {
  type Command,
  type Draw,
  type EntitlementBasis,
  type LedgerEvent,
  type Lot,
  type MarketPriceUsed,
  PRIORITIES,
  type PriceRule,
  type Priority,
  type ReleasedTons,
} from "./types.js";
import { dayOf, EPS, fail, fraction, id, money, text, tons, yearOf } from "./validate.js";

// Members and their draw rights, and a draw's life: request → approval or refusal → release from
// lots → delivery; returns.

type Cmd<T extends Command["type"]> = Extract<Command, { type: T }>;

export function registerMember(c: Ctx, cmd: Cmd<"register-member">): LedgerEvent[] {
  const m = id("member", cmd.member);
  if (c.s.members.has(m)) conflict("member", `member ${m} exists already`);
  return [event(c, "member.registered", { member: m, name: text("name", cmd.name) })];
}

/** Days of a member's supply turn into tons a year at the member's stated annual supply: tons = supply × days / 365. */
function basisTons(b: unknown): { basis: EntitlementBasis; tonsPerYear: number } {
  const v = (typeof b === "object" && b !== null ? b : {}) as Record<string, unknown>;
  if (v.kind === "tons") {
    const tonsPerYear = tons("basis.tonsPerYear", v.tonsPerYear);
    return { basis: { kind: "tons", tonsPerYear }, tonsPerYear };
  }
  if (v.kind === "days") {
    if (typeof v.days !== "number" || !Number.isFinite(v.days) || v.days <= 0 || v.days > 3650)
      fail("bad-input", "basis.days", `${String(v.days)} is not a number of days`, "a finite number of days > 0 and at most 3650");
    const supply = tons("basis.supplyTonsPerYear", v.supplyTonsPerYear);
    return { basis: { kind: "days", days: v.days, supplyTonsPerYear: supply }, tonsPerYear: (supply * v.days) / 365 };
  }
  return fail("bad-input", "basis.kind", `${JSON.stringify(v.kind)} is not an entitlement basis`, '"tons" (tonsPerYear) or "days" (days, supplyTonsPerYear)');
}

function priceRule(r: unknown): PriceRule {
  const v = (typeof r === "object" && r !== null ? r : {}) as Record<string, unknown>;
  if (v.kind === "fixed") return { kind: "fixed", price: money("priceRule.price", v.price) };
  if (v.kind === "cost-plus") return { kind: "cost-plus", margin: fraction("priceRule.margin", v.margin) };
  if (v.kind === "market") return { kind: "market", premium: v.premium === undefined ? 0 : fraction("priceRule.premium", v.premium) };
  return fail("bad-input", "priceRule.kind", `${JSON.stringify(v.kind)} is not a price rule`, '"fixed" (price), "cost-plus" (margin) or "market" (premium)');
}

export function setEntitlement(c: Ctx, cmd: Cmd<"set-entitlement">): LedgerEvent[] {
  const member = known(c.s.members, "member", id("member", cmd.member), "member").id;
  const mineral = id("mineral", cmd.mineral);
  const { basis, tonsPerYear } = basisTons(cmd.basis);
  const rule = priceRule(cmd.priceRule);
  if (!PRIORITIES.includes(cmd.priority)) fail("bad-input", "priority", `${JSON.stringify(cmd.priority)} is not a priority class`, PRIORITIES.join(", "));
  return [event(c, "entitlement.set", { member, mineral, basis, tonsPerYear, priceRule: rule, priority: cmd.priority as Priority })];
}

export function payFee(c: Ctx, cmd: Cmd<"pay-fee">): LedgerEvent[] {
  const member = known(c.s.members, "member", id("member", cmd.member), "member").id;
  const amount = money("amount", cmd.amount);
  if (amount === 0) fail("bad-input", "amount", "a fee of 0", "an amount > 0");
  return [event(c, "fee.paid", { member, amount, period: text("period", cmd.period) })];
}

/** The entitlement a draw of `member` for `mineral` counts against, and what it has left in the year of `at`. */
function headroom(c: Ctx, member: string, mineral: string, at: string) {
  const ent = c.s.entitlements.get(entitlementKey(member, mineral));
  if (!ent) conflict("mineral", `member ${member} has no entitlement to ${mineral}`);
  const used = ent.used[yearOf(at)] ?? 0;
  return { ent, used, left: ent.tonsPerYear - used };
}

/** `D-<member>-n` for the first n above the member's draw count not yet taken: deterministic for a state, and blind to other members' draws. */
function memberDrawId(c: Ctx, member: string): string {
  let n = 1;
  for (const d of c.s.draws.values()) if (d.member === member) n++;
  while (c.s.draws.has(`D-${member}-${n}`)) n++;
  return `D-${member}-${n}`;
}

export function requestDraw(c: Ctx, cmd: Cmd<"request-draw">): LedgerEvent[] {
  const given = cmd.member ?? c.actor.member;
  if (given === undefined) fail("bad-input", "member", "no member given", "the member the draw is for");
  const member = known(c.s.members, "member", id("member", given), "member").id;
  const mineral = id("mineral", cmd.mineral);
  const q = tons("tons", cmd.tons);
  // an unnamed draw is numbered among its member's own (D-acme-3): a global count would tell a member how many draws the others made
  // a member may not name its draw: a name taken by another member's draw would be refused, which tells it that draw exists
  if (cmd.draw !== undefined && c.actor.role === "member")
    fail("bad-input", "draw", "a member's draw is named by the ledger", "no draw field: the answer gives the draw's name (D-<member>-n)");
  const draw = cmd.draw === undefined ? memberDrawId(c, member) : id("draw", cmd.draw);
  if (c.s.draws.has(draw)) conflict("draw", `draw ${draw} exists already`);
  const h = headroom(c, member, mineral, c.at);
  if (q > h.left + EPS)
    conflict(
      "tons",
      `above entitlement: ${member} has used ${t(h.used)} of ${t(h.ent.tonsPerYear)} of ${mineral} in ${yearOf(c.at)}, ${t(Math.max(0, h.left))} left; ${t(q)} requested`,
    );
  return [event(c, "draw.requested", { draw, member, mineral, tons: q })];
}

function draw(c: Ctx, v: unknown, ...status: Draw["status"][]): Draw {
  const d = known(c.s.draws, "draw", id("draw", v), "draw");
  if (!status.includes(d.status)) conflict("draw", `draw ${d.id} is ${d.status}, not ${status.join(" or ")}`);
  notBefore(c, d.at, `the request of draw ${d.id}`);
  return d;
}

export function approveDraw(c: Ctx, cmd: Cmd<"approve-draw">): LedgerEvent[] {
  const d = draw(c, cmd.draw, "requested");
  const q = cmd.tons === undefined ? d.requested : tons("tons", cmd.tons);
  if (q > d.requested + EPS) conflict("tons", `draw ${d.id} requested ${t(d.requested)}; approving ${t(q)} is more`);
  // the entitlement may have been lowered since the request: the approved tons must still fit
  const h = headroom(c, d.member, d.mineral, d.at);
  if (q - d.requested > h.left + EPS)
    conflict("tons", `above entitlement: ${d.member} has ${t(h.left + d.requested)} left of ${t(h.ent.tonsPerYear)} in ${yearOf(d.at)}`);
  return [event(c, "draw.approved", { draw: d.id, tons: q })];
}

export function refuseDraw(c: Ctx, cmd: Cmd<"refuse-draw">): LedgerEvent[] {
  const d = draw(c, cmd.draw, "requested", "approved");
  return [event(c, "draw.refused", { draw: d.id, reason: text("reason", cmd.reason) })];
}

/**
 * The market price of `mineral` at `c.at`: the latest on or before that day in the ledger's own prices
 * (price.set) followed by the dataset's (decide's inputs), read as the valuation reads them, so a
 * release is charged the price its lots are valued at.
 */
function marketPrice(c: Ctx, mineral: string, premium: number): MarketPriceUsed {
  const own = c.s.prices;
  const p = latestPrice([...own, ...(c.inputs.prices ?? [])], mineral, dayOf(c.at));
  if (p === undefined) conflict("priceRule", `no market price for ${mineral} on or before ${dayOf(c.at)}, in the ledger (set-price) or the dataset`);
  return { date: p.date, price: p.price, source: p.source, from: own.includes(p) ? "ledger" : "dataset", premium };
}

/** USD/t a member pays for tons from `lot` under its price rule (`market`: the market price found for the release). */
function unitPrice(rule: PriceRule, lot: Lot, market: MarketPriceUsed | undefined): number {
  if (rule.kind === "fixed") return rule.price;
  if (rule.kind === "cost-plus") return (lot.cost / lot.received) * (1 + rule.margin);
  return (market as MarketPriceUsed).price * (1 + rule.premium);
}

/** Lots named in the command, each checked: known, the draw's mineral, not expired, in store by then, enough tons. */
function namedLots(c: Ctx, d: Draw, lots: unknown): { lot: Lot; tons: number }[] {
  if (!Array.isArray(lots) || lots.length === 0) fail("bad-input", "lots", "no lots given", "a list of { lot, tons }");
  const taken = new Map<string, number>();
  return lots.map((r: { lot?: unknown; tons?: unknown }, i) => {
    const lot = known(c.s.lots, `lots[${i}].lot`, id(`lots[${i}].lot`, r?.lot), "lot");
    const q = tons(`lots[${i}].tons`, r?.tons);
    if (lot.mineral !== d.mineral) conflict(`lots[${i}].lot`, `lot ${lot.id} holds ${lot.mineral}, not ${d.mineral}`);
    if (isExpired(lot, c.at)) conflict(`lots[${i}].lot`, `lot ${lot.id} expired on ${lot.expires}`);
    movesInOrder(c, lot, `lots[${i}].lot`);
    const sum = (taken.get(lot.id) ?? 0) + q;
    if (sum > lot.tons + EPS) conflict(`lots[${i}].tons`, `lot ${lot.id} holds ${t(lot.tons)}; releasing ${t(sum)} would make it negative`);
    taken.set(lot.id, sum);
    return { lot, tons: q };
  });
}

/** By default the first-expiring lots go first, then the first in (releasableLots' order). */
function defaultLots(c: Ctx, d: Draw, q: number): { lot: Lot; tons: number }[] {
  const out: { lot: Lot; tons: number }[] = [];
  let need = q;
  for (const lot of releasableLots(c.s, d.mineral, c.at)) {
    if (need <= EPS) break;
    const take = Math.min(lot.tons, need);
    out.push({ lot, tons: take });
    need -= take;
  }
  if (need > EPS) conflict("tons", `only ${t(q - need)} of ${d.mineral} may be released on ${dayOf(c.at)}; ${t(q)} asked`);
  return out;
}

export function release(c: Ctx, cmd: Cmd<"release">): LedgerEvent[] {
  const d = draw(c, cmd.draw, "approved", "released");
  const left = d.approved - d.released;
  if (left <= EPS) conflict("draw", `draw ${d.id} has all ${t(d.approved)} approved released`);
  // the crisis allocation rule: when the member's share (or the stock floor) binds before the stock
  // does, that is the reason to give; when only the stock is short, the lots say so below
  const limit = releaseLimit(c.s, d, c.at);
  const asked = cmd.lots === undefined ? (cmd.tons === undefined ? left : tons("tons", cmd.tons)) : undefined;
  if (asked !== undefined && asked > left + EPS) conflict("tons", `draw ${d.id} has ${t(left)} approved and not yet released; ${t(asked)} is more`);
  if (limit && asked !== undefined && asked > limit.tons + EPS && limit.tons < limit.held - EPS) conflict("tons", limit.why(asked));
  const picked = asked !== undefined ? defaultLots(c, d, asked) : namedLots(c, d, cmd.lots);
  const total = picked.reduce((s, p) => s + p.tons, 0);
  if (cmd.lots !== undefined && cmd.tons !== undefined && Math.abs(tons("tons", cmd.tons) - total) > EPS)
    fail("bad-input", "tons", `${cmd.tons} t differs from the ${t(total)} named in lots`, "the sum of the lots' tons, or tons left out");
  if (total > left + EPS) conflict("tons", `draw ${d.id} has ${t(left)} approved and not yet released; ${t(total)} is more`);
  if (limit && total > limit.tons + EPS) conflict("tons", limit.why(total));
  const rule = (c.s.entitlements.get(entitlementKey(d.member, d.mineral)) as { priceRule: PriceRule }).priceRule;
  const market = rule.kind === "market" ? marketPrice(c, d.mineral, rule.premium) : undefined;
  const lots: ReleasedTons[] = picked.map((p) => ({ lot: p.lot.id, tons: p.tons, price: unitPrice(rule, p.lot, market) }));
  const amount = lots.reduce((s, l) => s + l.tons * l.price, 0);
  return [event(c, "draw.released", market ? { draw: d.id, lots, amount, market } : { draw: d.id, lots, amount })];
}

export function deliver(c: Ctx, cmd: Cmd<"deliver">): LedgerEvent[] {
  return [event(c, "draw.delivered", { draw: draw(c, cmd.draw, "released").id })];
}

/** Material comes back into a lot it was released from (the only one, when the draw took from one lot). */
export function returnDraw(c: Ctx, cmd: Cmd<"return">): LedgerEvent[] {
  const d = draw(c, cmd.draw, "released", "delivered");
  const held = Object.keys(d.lots).filter((l) => d.lots[l] > EPS);
  if (cmd.lot === undefined && held.length !== 1) fail("bad-input", "lot", `draw ${d.id} took from ${held.length} lots`, `one of ${held.join(", ")}`);
  const lot = cmd.lot === undefined ? held[0] : known(c.s.lots, "lot", id("lot", cmd.lot), "lot").id;
  const q = tons("tons", cmd.tons);
  const out = d.lots[lot] ?? 0;
  movesInOrder(c, c.s.lots.get(lot) as Lot);
  if (q > out + EPS) conflict("tons", `draw ${d.id} took ${t(out)} from lot ${lot}; returning ${t(q)} is more`);
  return [event(c, "draw.returned", { draw: d.id, lot, tons: q })];
}
