import { PRIORITIES, type Priority } from "./types.js";
import { fail, id, tons } from "./validate.js";

// Crisis allocation: when approved requests for a mineral exceed what may be released, share the
// releasable stock by rules agreed in advance:
//   1. the reserve keeps back `stockFloor` tons: available = max(0, stock − stockFloor);
//   2. strict priority classes (defence, then critical infrastructure, then commercial): a class
//      gets anything only once every higher class has all it asked for;
//   3. shares are per member, not per draw: a member's draws are added up, so splitting a request
//      into several draws never changes what the member gets;
//   4. within the class that runs short, every member first gets min(its requests, its floor);
//      if even the floors do not fit, the floors themselves are shared pro rata to entitlement;
//   5. the rest is shared pro rata to entitlement, capped at each member's requests (water-filling:
//      a member capped at its requests frees its excess for the others, shared again in the same
//      proportion);
//   6. a member's share fills its draws in the order given (the ledger gives them oldest first).
// Amounts are counted in whole units of 1/resolution t (a kilogram by default) so that the shares
// never add up to more than is available by a rounding error; units left over by rounding down go,
// one each, to the largest remainders (ties: input order). Same input, same output.
// The ledger side (which draws, what stock, the declared rule, releases held to the shares) is in
// allocation-rule.ts.

export interface AllocationRequest {
  draw: string;
  member: string;
  priority: Priority;
  /** the member's entitlement, t/yr: the pro-rata weight (the same on each of a member's draws) */
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
  /** tons each member gets first, up to its requests, when its class runs short (default 0) */
  memberFloor?: number;
  /** a member's own floor, in place of memberFloor (tons, by member id) */
  memberFloors?: Readonly<Record<string, number>>;
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

/** What one member gets over all its draws, and why. */
export interface MemberAllocation {
  member: string;
  priority: Priority;
  entitlement: number;
  /** the member's floor (its own, else memberFloor) */
  floor: number;
  /** the sum of its requests */
  requested: number;
  allocated: number;
  /** of which from the floor */
  fromFloor: number;
  rule: AllocationRule;
  reason: string;
  /** its draws, in the order its share fills them */
  draws: string[];
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
  memberFloors: Record<string, number>;
  /** stock − stockFloor (not below 0) */
  available: number;
  allocated: number;
  /** available − allocated */
  left: number;
  classes: ClassOutcome[];
  /** one line per member, in the order each first appears among the requests */
  members: MemberAllocation[];
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
  if (input.memberFloors !== undefined) {
    if (typeof input.memberFloors !== "object" || input.memberFloors === null || Array.isArray(input.memberFloors))
      fail("bad-input", "memberFloors", "not a map of floors", "{ member: tons }");
    for (const [m, f] of Object.entries(input.memberFloors)) tons(`memberFloors.${id("memberFloors", m)}`, f, true);
  }
  if (input.resolution !== undefined && (!Number.isInteger(input.resolution) || input.resolution < 1 || input.resolution > 1e6))
    fail("bad-input", "resolution", `${input.resolution} is not a resolution`, "a whole number of units per ton between 1 and 1e6");
  if (!Array.isArray(input.requests)) fail("bad-input", "requests", "no requests", "a list of requests");
  const seen = new Set<string>();
  const members = new Map<string, AllocationRequest>();
  input.requests.forEach((r, i) => {
    if (typeof r !== "object" || r === null) fail("bad-input", `requests[${i}]`, "not a request", "{ draw, member, priority, entitlement, requested }");
    if (seen.has(id(`requests[${i}].draw`, r.draw))) fail("bad-input", `requests[${i}].draw`, `draw ${r.draw} is listed twice`);
    seen.add(r.draw);
    id(`requests[${i}].member`, r.member);
    if (!PRIORITIES.includes(r.priority))
      fail("bad-input", `requests[${i}].priority`, `${JSON.stringify(r.priority)} is not a priority class`, PRIORITIES.join(", "));
    tons(`requests[${i}].entitlement`, r.entitlement, true);
    tons(`requests[${i}].requested`, r.requested, true);
    // one member, one class and one weight: its draws are added up
    const first = members.get(r.member);
    if (first && first.priority !== r.priority)
      fail(
        "bad-input",
        `requests[${i}].priority`,
        `member ${r.member} is ${first.priority} on draw ${first.draw}`,
        `${first.priority} on every draw of the member`,
      );
    if (first && first.entitlement !== r.entitlement)
      fail(
        "bad-input",
        `requests[${i}].entitlement`,
        `member ${r.member} has entitlement ${first.entitlement} on draw ${first.draw}`,
        "the same entitlement on every draw of the member",
      );
    if (!first) members.set(r.member, r);
  });
}

const fmt = (x: number) => `${Number(x.toPrecision(10))} t`;

/** A member's draws and totals while allocating (amounts in units). */
interface Group {
  line: MemberAllocation;
  idx: number[];
  need: number;
}

/** Share the releasable stock among the members (see the rules above); the lines say who got what and why. */
export function allocate(input: AllocationInput): AllocationResult {
  check(input);
  const U = input.resolution ?? 1000;
  const stockFloor = input.stockFloor ?? 0;
  const memberFloor = input.memberFloor ?? 0;
  const memberFloors: Record<string, number> = Object.create(null);
  for (const [m, f] of Object.entries(input.memberFloors ?? {})) memberFloors[m] = f;
  const floorOf = (m: string) => (Object.hasOwn(memberFloors, m) ? memberFloors[m] : memberFloor);
  // + 1e-7 of a unit: 0.29 t × 1000 is 289.99999999999997 in floating point, and is 290 units
  const units = (x: number) => Math.floor(x * U + 1e-7);
  let avail = Math.max(0, units(input.stock - stockFloor));
  const lines: AllocationLine[] = input.requests.map((r) => ({ ...r, allocated: 0, fromFloor: 0, rule: "none", reason: "" }));
  const groups = new Map<string, Group>();
  lines.forEach((l, i) => {
    const g = groups.get(l.member) ?? {
      line: {
        member: l.member,
        priority: l.priority,
        entitlement: l.entitlement,
        floor: floorOf(l.member),
        requested: 0,
        allocated: 0,
        fromFloor: 0,
        rule: "none" as AllocationRule,
        reason: "",
        draws: [],
      },
      idx: [],
      need: 0,
    };
    g.idx.push(i);
    g.need += units(l.requested);
    g.line.requested += l.requested;
    g.line.draws.push(l.draw);
    groups.set(l.member, g);
  });
  const classes: ClassOutcome[] = [];
  let short: Priority | undefined;
  for (const priority of PRIORITIES) {
    const gs = [...groups.values()].filter((g) => g.line.priority === priority);
    if (gs.length === 0) continue;
    const need = gs.map((g) => g.need);
    const total = need.reduce((s, n) => s + n, 0);
    const requested = gs.reduce((s, g) => s + g.line.requested, 0);
    if (short !== undefined) {
      for (const g of gs) {
        g.line.reason = `nothing: the higher class ${short} is not filled`;
        split(g, lines, 0, 0, units, U);
      }
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
      const weights = gs.map((g) => g.line.entitlement);
      const floorCaps = gs.map((g, k) => Math.min(need[k], units(g.line.floor)));
      floors = proRata(avail, weights, floorCaps);
      const extra = proRata(
        avail - floors.reduce((s, f) => s + f, 0),
        weights,
        need.map((n, k) => n - floors[k]),
      );
      got = floors.map((f, k) => f + extra[k]);
    }
    const none = avail === 0 && short === priority && classes.length > 0;
    avail -= got.reduce((s, g) => s + g, 0);
    gs.forEach((g, k) => describe(g.line, got[k] / U, floors[k] / U, need[k] === got[k], short === priority));
    // the classes above took everything: say so, not "0 t pro rata"
    if (none) for (const g of gs) g.line.reason = `nothing: the classes above took all ${fmt(Math.max(0, input.stock - stockFloor))} that may be released`;
    const allocated = got.reduce((s, g) => s + g, 0) / U;
    classes.push({ priority, requested, allocated, filled: short !== priority });
    gs.forEach((g, k) => split(g, lines, got[k], floors[k], units, U));
  }
  const available = Math.max(0, input.stock - stockFloor);
  if (available === 0)
    for (const l of [...lines, ...[...groups.values()].map((g) => g.line)])
      if (l.requested > 0) l.reason = `nothing: the stock floor of ${fmt(stockFloor)} keeps back all ${fmt(input.stock)}`;
  const members = [...groups.values()].map((g) => g.line);
  const allocated = members.reduce((s, l) => s + l.allocated, 0);
  return {
    ...(input.mineral === undefined ? {} : { mineral: input.mineral }),
    stock: input.stock,
    stockFloor,
    memberFloor,
    memberFloors: { ...memberFloors },
    available,
    allocated,
    left: Math.max(0, available - allocated),
    classes,
    members,
    lines,
  };
}

/** What a member got, and why. */
function describe(l: MemberAllocation, got: number, floor: number, full: boolean, classShort: boolean): void {
  l.allocated = got;
  l.fromFloor = floor;
  if (!classShort) {
    l.rule = "full";
    l.reason = `all ${fmt(l.requested)} requested: class ${l.priority} is filled`;
    return;
  }
  l.rule = got === 0 ? "none" : floor > 0 && got === floor ? "floor" : "pro-rata";
  const head = l.floor > 0 ? `floor ${fmt(floor)} then pro rata to entitlement ${fmt(l.entitlement)}` : `pro rata to entitlement ${fmt(l.entitlement)}`;
  l.reason = `${fmt(got)} of ${fmt(l.requested)}: class ${l.priority} is short, ${head}${full ? " (capped at the request)" : ""}`;
}

/** A member's share (units) fills its draws in order; each draw's line says so when the member has several. */
function split(g: Group, lines: AllocationLine[], got: number, floor: number, units: (x: number) => number, U: number): void {
  let left = got;
  let floorLeft = floor;
  for (const i of g.idx) {
    const l = lines[i];
    const take = Math.min(left, units(l.requested));
    const fromFloor = Math.min(floorLeft, take);
    left -= take;
    floorLeft -= fromFloor;
    l.allocated = take / U;
    l.fromFloor = fromFloor / U;
    if (g.idx.length === 1) {
      l.rule = g.line.rule;
      l.reason = g.line.reason;
      continue;
    }
    l.rule = take === 0 ? "none" : g.line.rule === "full" ? "full" : fromFloor > 0 && fromFloor === take ? "floor" : g.line.rule;
    l.reason = `${fmt(l.allocated)} of ${fmt(l.requested)}: ${g.line.member}'s share fills its ${g.idx.length} draws in order; ${g.line.member}: ${g.line.reason}`;
  }
}
