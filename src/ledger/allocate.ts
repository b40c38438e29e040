import { releasableTons } from "./lots.js";
import { entitlementKey } from "./state.js";
import { type LedgerState, PRIORITIES, type Priority } from "./types.js";
import { fail, id, instant, tons } from "./validate.js";

// Crisis allocation: when approved requests for a mineral exceed what may be released, share the
// releasable stock by rules agreed in advance:
//   1. the reserve keeps back `stockFloor` tons: available = max(0, stock − stockFloor);
//   2. strict priority classes (defence, then critical infrastructure, then commercial): a class
//      gets anything only once every higher class has all it asked for;
//   3. within the class that runs short, every request first gets min(request, memberFloor);
//      if even the floors do not fit, the floors themselves are shared pro rata to entitlement;
//   4. the rest is shared pro rata to entitlement, capped at each request (water-filling: a request
//      capped at its size frees its excess for the others, shared again in the same proportion).
// Amounts are counted in whole units of 1/resolution t (a kilogram by default) so that the shares
// never add up to more than is available by a rounding error; units left over by rounding down go,
// one each, to the largest remainders (ties: input order). Same input, same output.

export interface AllocationRequest {
  draw: string;
  member: string;
  priority: Priority;
  /** the member's entitlement, t/yr: the pro-rata weight */
  entitlement: number;
  /** tons asked for (approved and not yet released) */
  requested: number;
}

export interface AllocationInput {
  mineral?: string;
  /** tons that may be released now */
  stock: number;
  /** tons the reserve keeps back whatever the requests (default 0) */
  stockFloor?: number;
  /** tons each request gets first, up to its size, when its class runs short (default 0) */
  memberFloor?: number;
  requests: AllocationRequest[];
  /** counting units per ton (default 1000: kilograms) */
  resolution?: number;
}

export type AllocationRule = "full" | "floor" | "pro-rata" | "none";

export interface AllocationLine extends AllocationRequest {
  allocated: number;
  /** of which from the member floor */
  fromFloor: number;
  rule: AllocationRule;
  reason: string;
}

export interface ClassOutcome {
  priority: Priority;
  requested: number;
  allocated: number;
  filled: boolean;
}

export interface AllocationResult {
  mineral?: string;
  stock: number;
  stockFloor: number;
  memberFloor: number;
  /** stock − stockFloor (not below 0) */
  available: number;
  allocated: number;
  /** available − allocated */
  left: number;
  classes: ClassOutcome[];
  /** one line per request, in input order */
  lines: AllocationLine[];
}

/**
 * Share `amount` units pro rata to `weights`, never more than `caps` (all integers). Water-filling:
 * whoever's share reaches its cap gets the cap and drops out; the rest is shared again. Equal weights
 * stand in when every weight left is 0. Returns the units per index.
 */
export function proRata(amount: number, weights: readonly number[], caps: readonly number[]): number[] {
  const give = caps.map(() => 0);
  let left = Math.min(
    amount,
    caps.reduce((s, c) => s + c, 0),
  );
  let active = caps.map((_, i) => i).filter((i) => caps[i] > 0);
  while (left > 0 && active.length > 0) {
    const w = (i: number) => (active.some((j) => weights[j] > 0) ? weights[i] : 1);
    const total = active.reduce((s, i) => s + w(i), 0);
    const capped = active.filter((i) => (left * w(i)) / total >= caps[i] - give[i]);
    if (capped.length > 0) {
      for (const i of capped) {
        left -= caps[i] - give[i];
        give[i] = caps[i];
      }
      active = active.filter((i) => !capped.includes(i));
      continue;
    }
    const ideal = active.map((i) => (left * w(i)) / total);
    const base = ideal.map(Math.floor);
    let rest = left - base.reduce((s, b) => s + b, 0);
    const order = active.map((_, k) => k).sort((a, b) => ideal[b] - base[b] - (ideal[a] - base[a]) || a - b);
    for (const k of order) {
      const extra = rest > 0 ? 1 : 0;
      rest -= extra;
      give[active[k]] += base[k] + extra;
    }
    left = 0;
  }
  return give;
}

function check(input: AllocationInput): void {
  tons("stock", input.stock, true);
  if (input.stockFloor !== undefined) tons("stockFloor", input.stockFloor, true);
  if (input.memberFloor !== undefined) tons("memberFloor", input.memberFloor, true);
  if (input.resolution !== undefined && (!Number.isInteger(input.resolution) || input.resolution < 1 || input.resolution > 1e6))
    fail("bad-input", "resolution", `${input.resolution} is not a resolution`, "a whole number of units per ton between 1 and 1e6");
  if (!Array.isArray(input.requests)) fail("bad-input", "requests", "no requests", "a list of requests");
  const seen = new Set<string>();
  input.requests.forEach((r, i) => {
    if (typeof r !== "object" || r === null) fail("bad-input", `requests[${i}]`, "not a request", "{ draw, member, priority, entitlement, requested }");
    if (seen.has(id(`requests[${i}].draw`, r.draw))) fail("bad-input", `requests[${i}].draw`, `draw ${r.draw} is listed twice`);
    seen.add(r.draw);
    id(`requests[${i}].member`, r.member);
    if (!PRIORITIES.includes(r.priority))
      fail("bad-input", `requests[${i}].priority`, `${JSON.stringify(r.priority)} is not a priority class`, PRIORITIES.join(", "));
    tons(`requests[${i}].entitlement`, r.entitlement, true);
    tons(`requests[${i}].requested`, r.requested, true);
  });
}

const fmt = (x: number) => `${Number(x.toPrecision(10))} t`;

/** Share the releasable stock among the requests (see the rules above); the lines say who got what and why. */
export function allocate(input: AllocationInput): AllocationResult {
  check(input);
  const U = input.resolution ?? 1000;
  const stockFloor = input.stockFloor ?? 0;
  const memberFloor = input.memberFloor ?? 0;
  // + 1e-7 of a unit: 0.29 t × 1000 is 289.99999999999997 in floating point, and is 290 units
  const units = (x: number) => Math.floor(x * U + 1e-7);
  let avail = Math.max(0, units(input.stock - stockFloor));
  const lines: AllocationLine[] = input.requests.map((r) => ({ ...r, allocated: 0, fromFloor: 0, rule: "none", reason: "" }));
  const classes: ClassOutcome[] = [];
  let short: Priority | undefined;
  for (const priority of PRIORITIES) {
    const idx = lines.map((_, i) => i).filter((i) => lines[i].priority === priority);
    if (idx.length === 0) continue;
    const need = idx.map((i) => units(lines[i].requested));
    const total = need.reduce((s, n) => s + n, 0);
    const requested = idx.reduce((s, i) => s + lines[i].requested, 0);
    if (short !== undefined) {
      for (const i of idx) lines[i].reason = `nothing: the higher class ${short} is not filled`;
      classes.push({ priority, requested, allocated: 0, filled: requested === 0 });
      continue;
    }
    let got: number[];
    let floors: number[];
    if (avail >= total) {
      got = need;
      floors = need.map(() => 0);
    } else {
      short = priority;
      const weights = idx.map((i) => lines[i].entitlement);
      const floorCaps = need.map((n) => Math.min(n, units(memberFloor)));
      floors = proRata(avail, weights, floorCaps);
      const extra = proRata(
        avail - floors.reduce((s, f) => s + f, 0),
        weights,
        need.map((n, k) => n - floors[k]),
      );
      got = floors.map((f, k) => f + extra[k]);
    }
    avail -= got.reduce((s, g) => s + g, 0);
    idx.forEach((i, k) => describe(lines[i], got[k] / U, floors[k] / U, need[k] === got[k], short === priority, memberFloor));
    const allocated = got.reduce((s, g) => s + g, 0) / U;
    classes.push({ priority, requested, allocated, filled: short !== priority });
  }
  const allocated = lines.reduce((s, l) => s + l.allocated, 0);
  const available = Math.max(0, input.stock - stockFloor);
  if (available === 0)
    for (const l of lines) if (l.requested > 0) l.reason = `nothing: the stock floor of ${fmt(stockFloor)} keeps back all ${fmt(input.stock)}`;
  return {
    ...(input.mineral === undefined ? {} : { mineral: input.mineral }),
    stock: input.stock,
    stockFloor,
    memberFloor,
    available,
    allocated,
    left: Math.max(0, available - allocated),
    classes,
    lines,
  };
}

function describe(l: AllocationLine, got: number, floor: number, full: boolean, classShort: boolean, memberFloor: number): void {
  l.allocated = got;
  l.fromFloor = floor;
  if (!classShort) {
    l.rule = "full";
    l.reason = `all ${fmt(l.requested)} requested: class ${l.priority} is filled`;
    return;
  }
  l.rule = got === 0 ? "none" : floor > 0 && got === floor ? "floor" : "pro-rata";
  const head = memberFloor > 0 ? `floor ${fmt(floor)} then pro rata to entitlement ${fmt(l.entitlement)}` : `pro rata to entitlement ${fmt(l.entitlement)}`;
  l.reason = `${fmt(got)} of ${fmt(l.requested)}: class ${l.priority} is short, ${head}${full ? " (capped at the request)" : ""}`;
}

/**
 * The allocation problem of `mineral` at `at` in the ledger: every approved draw's tons not yet
 * released, with its member's priority class and entitlement, against the tons releasable then.
 */
export function allocationFor(state: LedgerState, mineral: string, at: string, rules: { stockFloor?: number; memberFloor?: number } = {}): AllocationResult {
  const when = instant("at", at);
  const requests: AllocationRequest[] = [];
  for (const d of state.draws.values()) {
    if (d.mineral !== mineral || (d.status !== "approved" && d.status !== "released") || d.approved - d.released <= 0) continue;
    const ent = state.entitlements.get(entitlementKey(d.member, d.mineral));
    if (ent) requests.push({ draw: d.id, member: d.member, priority: ent.priority, entitlement: ent.tonsPerYear, requested: d.approved - d.released });
  }
  return allocate({ mineral, stock: releasableTons(state, mineral, when), ...rules, requests });
}
