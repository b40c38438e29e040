import { type AllocationRequest, type AllocationResult, allocate, type MemberAllocation } from "./allocate.js";
import { type Ctx, conflict, event, known, t } from "./context.js";
import { cmp, releasableTons } from "./lots.js";
import { checkRead } from "./roles.js";
import { entitlementKey } from "./state.js";
import type { Actor, Command, DeclaredAllocationRule, Draw, LedgerEvent, LedgerState, StockFloorBasis } from "./types.js";
import { EPS, fail, id, instant, tons } from "./validate.js";

// The crisis allocation rule in the ledger (issue 12): the operator declares it per mineral
// (set-allocation-rule → allocation.rule_set), and while it is on, a release may not take a member
// past its allocated share of what may be released, as the pure `allocate` shares it out.
//
// Which problem is shared: every open draw of the mineral (approved, not all of it released), each
// asking for its approved tons (net of returns), against the tons releasable now plus what those open
// draws have already taken. A member's share left is its allocation less what its open draws took.
// Counting what was taken keeps the shares put while they are released one after the other: with
// 10 t for two equal members of one class, each gets 5 t whichever is released first (a snapshot of
// what is left would give the second 2.5 t of the remaining 5 t).

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
    const known = c.inputs.demand?.get(mineral);
    const demand = given !== undefined ? { tonsPerMonth: given, source: "as declared" } : known;
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
  /** the declared rule (null: none declared) */
  rule: DeclaredAllocationRule | null;
  /** true when the rule is declared and on: releases are held to the shares */
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
  const rule = state.allocationRules.get(mineral) ?? null;
  const f = floors ?? rule ?? {};
  const open: Draw[] = [...state.draws.values()]
    .filter((d) => d.mineral === mineral && (d.status === "approved" || d.status === "released") && d.approved - d.released > EPS)
    .filter((d) => state.entitlements.has(entitlementKey(d.member, d.mineral)))
    .sort((a, b) => cmp(a.at, b.at) || cmp(a.id, b.id));
  const requests: AllocationRequest[] = open.map((d) => {
    const ent = state.entitlements.get(entitlementKey(d.member, d.mineral))!;
    return { draw: d.id, member: d.member, priority: ent.priority, entitlement: ent.tonsPerYear, requested: Math.max(0, d.approved - d.returned) };
  });
  const took = (d: Draw) => Math.max(0, d.released - d.returned);
  const held = releasableTons(state, mineral, when);
  const taken = open.reduce((s, d) => s + took(d), 0);
  const r = allocate({
    mineral,
    stock: held + taken,
    ...(f.stockFloor === undefined ? {} : { stockFloor: f.stockFloor }),
    ...(f.memberFloor === undefined ? {} : { memberFloor: f.memberFloor }),
    ...(f.memberFloors === undefined ? {} : { memberFloors: f.memberFloors }),
    requests,
  });
  const openTons = open.reduce((s, d) => s + d.approved - d.released, 0);
  const members = r.members.map((m) => {
    const mine = open.filter((d) => d.member === m.member);
    const mTaken = mine.reduce((s, d) => s + took(d), 0);
    const mOpen = mine.reduce((s, d) => s + d.approved - d.released, 0);
    const left = Math.min(mOpen, Math.max(0, m.allocated - mTaken));
    return { ...m, taken: mTaken, open: mOpen, left: left < EPS ? 0 : left };
  });
  return {
    ...r,
    mineral,
    at: when,
    rule,
    governed: rule?.status === "on",
    held,
    taken,
    open: openTons,
    crisis: openTons > Math.max(0, held - r.stockFloor) + EPS,
    members,
  };
}

/**
 * The most draw `d` may be released at `at` under its mineral's rule, and why, or undefined when no
 * rule is on. Its member's share left, and never below the stock floor.
 */
export function releaseLimit(state: LedgerState, d: Draw, at: string): { tons: number; why: (asked: number) => string } | undefined {
  const rule = state.allocationRules.get(d.mineral);
  if (!rule || rule.status !== "on") return undefined;
  const a = allocationFor(state, d.mineral, at);
  const share = a.members.find((m) => m.member === d.member);
  const releasable = Math.max(0, a.held - a.stockFloor);
  const limit = Math.min(share?.left ?? 0, releasable);
  return {
    tons: limit,
    why: (asked) => {
      const head = `crisis allocation of ${d.mineral}: ${d.member} may be released ${t(limit)} more on draw ${d.id}, ${t(asked)} asked`;
      const kept = `${t(releasable)} may be released (${t(a.held)} held less the stock floor of ${t(a.stockFloor)})`;
      if (!a.crisis || !share) return `${head}: ${kept}`;
      const took = share.taken > EPS ? `, of which ${t(share.taken)} released already` : "";
      return `${head}: approved requests of ${t(a.open)} exceed the ${kept}; ${d.member} (${share.priority}) is allocated ${t(share.allocated)}${took}: ${share.reason}`;
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
