import { type AllocationResult, allocate, type MemberAllocation } from "./allocate.js";
import { type Ctx, event, known, t } from "./context.js";
import { cmp, isExpired, lastMove } from "./lots.js";
import { checkRead } from "./roles.js";
import { entitlementKey } from "./state.js";
import type { Actor, Command, DeclaredAllocationRule, Draw, LedgerEvent, LedgerState, StockFloorBasis } from "./types.js";
import { EPS, fail, id, instant, tons, yearOf } from "./validate.js";

// The crisis allocation rule in the ledger: a release may not take a member past its
// allocated share of what may be released, as the pure `allocate` shares it out (strict priority
// classes, pro rata to entitlement within a class). The operator declares the floors per mineral
// (set-allocation-rule → allocation.rule_set: the stock floor the reserve keeps back, member floors)
// or turns the rule off; a mineral with no rule declared is shared by classes and pro rata, no floors.
//
// Which problem is shared: the mineral's draws that are open (approved, not all of it released) or
// were approved and requested in the entitlement year of the release, each asking for its approved
// tons (net of returns), against the tons releasable now plus what those draws were released already
// (net of returns). A member's share left is its allocation less what it took, at most what it has
// open. Counting what was taken keeps the shares put while they are released one after the other:
// with 10 t for two equal members of one class, each gets 5 t whichever is released first and however
// its tons are split into draws (a snapshot of what is left would give the second 2.5 t of the
// remaining 5 t, and a member could close one draw and ask again). A member that took more than its
// share (before the crisis) keeps it and gets nothing more; the others share the rest (it is taken out
// and the allocation run again, until no member is allocated less than it took).

type Cmd<T extends Command["type"]> = Extract<Command, { type: T }>;

/** 365.25 / 12, the mean month: the same days-to-tons as the cover report and the simulator. */
const DAYS_PER_MONTH = 30.4375;

function days(field: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 3650)
    fail("bad-input", field, `${String(v)} is not a number of days`, "a finite number of days ≥ 0 and at most 3650");
  return v;
}

export function setAllocationRule(c: Ctx, cmd: Cmd<"set-allocation-rule">): LedgerEvent[] {
  const mineral = id("mineral", cmd.mineral);
  const status = cmd.status ?? "on";
  if (status !== "on" && status !== "off") fail("bad-input", "status", `${JSON.stringify(status)} is not a rule status`, '"on" or "off"');
  if (cmd.stockFloorTons !== undefined && cmd.stockFloorDays !== undefined)
    fail("bad-input", "stockFloorDays", "a stock floor in both tons and days", "stockFloorTons or stockFloorDays, not both");
  if (cmd.demandTonsPerMonth !== undefined && cmd.stockFloorDays === undefined)
    fail("bad-input", "demandTonsPerMonth", "a demand without a stock floor in days", "demandTonsPerMonth only with stockFloorDays");
  let stockFloor = 0;
  let stockFloorBasis: StockFloorBasis = { kind: "tons" };
  if (cmd.stockFloorTons !== undefined) stockFloor = tons("stockFloorTons", cmd.stockFloorTons, true);
  if (cmd.stockFloorDays !== undefined) {
    const d = days("stockFloorDays", cmd.stockFloorDays);
    const given = cmd.demandTonsPerMonth === undefined ? undefined : tons("demandTonsPerMonth", cmd.demandTonsPerMonth);
    const demand = given !== undefined ? { tonsPerMonth: given, source: "as declared" } : c.inputs.demand?.get(mineral);
    if (demand === undefined)
      fail("bad-input", "stockFloorDays", `no demand for ${mineral} to turn days into tons`, "demandTonsPerMonth, or a mineral the dataset gives a d0 for");
    stockFloor = tons("stockFloorDays", (d * demand.tonsPerMonth) / DAYS_PER_MONTH, true);
    stockFloorBasis = { kind: "days", days: d, demandTonsPerMonth: demand.tonsPerMonth, source: demand.source };
  }
  const memberFloor = cmd.memberFloor === undefined ? 0 : tons("memberFloor", cmd.memberFloor, true);
  const memberFloors: Record<string, number> = {};
  if (cmd.memberFloors !== undefined) {
    if (typeof cmd.memberFloors !== "object" || cmd.memberFloors === null || Array.isArray(cmd.memberFloors))
      fail("bad-input", "memberFloors", "not a map of floors", '{ "member": tons, … }');
    for (const [m, f] of Object.entries(cmd.memberFloors)) {
      const member = known(c.s.members, `memberFloors.${m}`, id("memberFloors", m), "member").id;
      memberFloors[member] = tons(`memberFloors.${member}`, f, true);
    }
  }
  return [event(c, "allocation.rule_set", { mineral, status, stockFloor, stockFloorBasis, memberFloor, memberFloors })];
}

/** What one member gets of a mineral in the ledger: its allocation, what its open draws took already, and what it may still be released. */
export interface MemberShare extends MemberAllocation {
  /** tons its open draws have been released already (net of returns), counted in its allocation */
  taken: number;
  /** tons approved and not yet released on its open draws */
  open: number;
  /** tons it may still be released: its allocation less what it took, at most what is open */
  left: number;
}

/** The allocation of one mineral in the ledger at a date (see the note at the top). */
export interface LedgerAllocation extends AllocationResult {
  mineral: string;
  at: string;
  /** the declared rule (null: none declared, the default: classes and pro rata, no floors) */
  rule: DeclaredAllocationRule | null;
  /** true unless the rule is declared off: releases are held to the shares */
  governed: boolean;
  /** tons releasable now (held in lots not expired) */
  held: number;
  /** tons the open draws have been released already: `stock` (what is shared) is held + taken */
  taken: number;
  /** tons approved and not yet released, over the open draws */
  open: number;
  /** true when the open tons exceed what may be released (held less the stock floor) */
  crisis: boolean;
  members: MemberShare[];
}

/** Floors that override the declared rule (tests, `simulate --members`). */
export interface AllocationFloors {
  stockFloor?: number;
  memberFloor?: number;
  memberFloors?: Record<string, number>;
}

/**
 * The allocation of `mineral` at `at` in the ledger: the open draws (oldest first), with their
 * members' priority classes and entitlements, against the tons releasable then plus what those
 * draws took, under the declared rule's floors (or `floors`, when given).
 */
export function allocationFor(state: LedgerState, mineral: string, at: string, floors?: AllocationFloors): LedgerAllocation {
  const when = instant("at", at);
  const year = yearOf(when);
  const rule = state.allocationRules.get(mineral) ?? null;
  const f = floors ?? rule ?? {};
  const openTons = (d: Draw) => (d.status === "approved" || d.status === "released" ? Math.max(0, d.approved - d.released) : 0);
  const took = (d: Draw) => Math.max(0, d.released - d.returned);
  const draws: Draw[] = [...state.draws.values()]
    .filter((d) => d.mineral === mineral && d.status !== "requested" && d.status !== "refused")
    .filter((d) => openTons(d) > EPS || yearOf(d.at) === year)
    .filter((d) => state.entitlements.has(entitlementKey(d.member, d.mineral)))
    .sort((a, b) => cmp(a.at, b.at) || cmp(a.id, b.id));
  const held = heldTons(state, mineral, when);
  const sum = (ds: Draw[], g: (d: Draw) => number) => ds.reduce((s, d) => s + g(d), 0);
  // members allocated less than they took already: they keep it and leave the problem
  const over = new Map<string, number>();
  let r: AllocationResult;
  for (;;) {
    const inPlay = draws.filter((d) => !over.has(d.member));
    r = allocate({
      mineral,
      stock: held + sum(inPlay, took),
      ...(f.stockFloor === undefined ? {} : { stockFloor: f.stockFloor }),
      ...(f.memberFloor === undefined ? {} : { memberFloor: f.memberFloor }),
      ...(f.memberFloors === undefined ? {} : { memberFloors: f.memberFloors }),
      requests: inPlay.map((d) => {
        const ent = state.entitlements.get(entitlementKey(d.member, d.mineral))!;
        return { draw: d.id, member: d.member, priority: ent.priority, entitlement: ent.tonsPerYear, requested: Math.max(0, d.approved - d.returned) };
      }),
    });
    const more = r.members.filter(
      (m) =>
        m.allocated <
        sum(
          inPlay.filter((d) => d.member === m.member),
          took,
        ) -
          EPS,
    );
    if (more.length === 0) break;
    for (const m of more) over.set(m.member, m.allocated);
  }
  const share = (m: MemberAllocation): MemberShare => {
    const mine = draws.filter((d) => d.member === m.member);
    const mTaken = sum(mine, took);
    const mOpen = sum(mine, openTons);
    const left = Math.min(mOpen, Math.max(0, m.allocated - mTaken));
    return { ...m, taken: mTaken, open: mOpen, left: left < EPS ? 0 : left };
  };
  const members: MemberShare[] = [];
  for (const d of draws) {
    if (members.some((m) => m.member === d.member)) continue;
    const m = r.members.find((x) => x.member === d.member);
    if (m) {
      members.push(share(m));
      continue;
    }
    // taken out: it took more than the share it would have had
    const ent = state.entitlements.get(entitlementKey(d.member, d.mineral))!;
    const mine = draws.filter((x) => x.member === d.member);
    const mTaken = sum(mine, took);
    members.push({
      member: d.member,
      priority: ent.priority,
      entitlement: ent.tonsPerYear,
      floor: f.memberFloors && Object.hasOwn(f.memberFloors, d.member) ? f.memberFloors[d.member] : (f.memberFloor ?? 0),
      requested: sum(mine, (x) => Math.max(0, x.approved - x.returned)),
      allocated: mTaken,
      fromFloor: 0,
      rule: "none",
      reason: `nothing more: released ${t(mTaken)} already, more than its share (${t(over.get(d.member) ?? 0)})`,
      draws: mine.map((x) => x.id),
      taken: mTaken,
      open: sum(mine, openTons),
      left: 0,
    });
  }
  const open = sum(draws, openTons);
  return {
    ...r,
    mineral,
    at: when,
    rule,
    governed: rule === null || rule.status === "on",
    held,
    taken: sum(draws, took),
    open,
    crisis: open > Math.max(0, held - r.stockFloor) + EPS,
    members,
  };
}

/** Tons of `mineral` that may be released at `at` (releasableTons, read from the mineral's own lots), or a sum of at least `enough` once it is reached. */
function heldTons(state: LedgerState, mineral: string, at: string, enough = Number.POSITIVE_INFINITY): number {
  let held = 0;
  for (const id of state.mineralLots.get(mineral) ?? []) {
    const l = state.lots.get(id);
    if (l && l.tons > EPS && !isExpired(l, at) && lastMove(l) <= at) held += l.tons;
    if (held >= enough) break;
  }
  return held;
}

/**
 * The most draw `d` may be released at `at` under its mineral's rule, and why, or undefined when the
 * rule is declared off. Its member's share left, and never below the stock floor.
 */
export function releaseLimit(state: LedgerState, d: Draw, at: string): { tons: number; held: number; why: (asked: number) => string } | undefined {
  const rule = state.allocationRules.get(d.mineral);
  if (rule && rule.status !== "on") return undefined;
  // no crisis (everything open fits above the floor): only the stock floor binds, and no allocation is needed
  const floor = rule?.stockFloor ?? 0;
  let open = 0;
  for (const id of state.openDraws.get(d.mineral) ?? []) {
    const x = state.draws.get(id);
    if (x) open += x.approved - x.released;
  }
  // counted only as far as it takes to know everything open fits (the release is within its draw's open tons)
  const held = heldTons(state, d.mineral, at, open + floor + 1);
  if (open <= held - floor + EPS) {
    const tons = Math.max(0, held - floor);
    const kept = `${t(tons)} may be released (${t(held)} held less the stock floor of ${t(floor)})`;
    return {
      tons,
      held,
      why: (asked) => `crisis allocation of ${d.mineral}: ${d.member} may be released ${t(tons)} more on draw ${d.id}, ${t(asked)} asked: ${kept}`,
    };
  }
  const a = allocationFor(state, d.mineral, at);
  const share = a.members.find((m) => m.member === d.member);
  const releasable = Math.max(0, a.held - a.stockFloor);
  const limit = Math.min(share?.left ?? 0, releasable);
  return {
    tons: limit,
    held: a.held,
    why: (asked) => {
      const head = `crisis allocation of ${d.mineral}: ${d.member} may be released ${t(limit)} more on draw ${d.id}, ${t(asked)} asked`;
      const kept = `${t(releasable)} may be released (${t(a.held)} held less the stock floor of ${t(a.stockFloor)})`;
      if (!a.crisis || !share) return `${head}: ${kept}`;
      const took = share.taken > EPS ? `, of which ${t(share.taken)} released already` : "";
      return `${head}: approved requests of ${t(a.open)} exceed the ${kept.replace(" may be released", " that may be released")}; ${d.member} (${share.priority}) is allocated ${t(share.allocated)}${took}: ${share.reason}`;
    },
  };
}

/**
 * `reserve allocate --mineral X` / GET /ledger/allocation: who gets what of a mineral and why.
 * Operators, auditors and analysts see every member; a member sees only its own line and the rule
 * as it applies to it (no stock, no totals, no class outcomes: they tell of the others' requests).
 */
export function allocationReport(state: LedgerState, mineral: string, at: string, actor: Actor): LedgerAllocation | MemberAllocationView {
  if (actor.role === "member") checkRead(actor, actor.member);
  else checkRead(actor);
  const m = id("mineral", mineral);
  // a day means the whole day, as in the other reports
  const a = allocationFor(state, m, typeof at === "string" && /^\d{4}-\d{2}-\d{2}$/.test(at) ? `${instant("at", at).slice(0, 10)}T23:59:59.999Z` : at);
  if (actor.role !== "member") return a;
  const mine = (x: { member: string }) => x.member === actor.member;
  const rule = a.rule && {
    mineral: a.rule.mineral,
    status: a.rule.status,
    stockFloor: a.rule.stockFloor,
    stockFloorBasis: a.rule.stockFloorBasis,
    memberFloor: a.rule.memberFloor,
    memberFloors: Object.fromEntries(Object.entries(a.rule.memberFloors).filter(([k]) => k === actor.member)),
    at: a.rule.at,
  };
  return { mineral: m, at: a.at, member: actor.member as string, rule, governed: a.governed, members: a.members.filter(mine), lines: a.lines.filter(mine) };
}

/** A member's view of a mineral's allocation: its own line only. */
export interface MemberAllocationView {
  mineral: string;
  at: string;
  member: string;
  rule: DeclaredAllocationRule | null;
  governed: boolean;
  members: MemberShare[];
  lines: AllocationResult["lines"];
}
