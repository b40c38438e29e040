import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import {
  type Actor,
  type AllocationLine,
  allocate,
  type Command,
  type CompiledScenario,
  checkRead,
  type Dataset,
  decide,
  drawScenario,
  type Holdings,
  type LedgerState,
  LodestoneError,
  latestSalient,
  type MemberMonth,
  type MemberRunShortfall,
  type MemberShortfalls,
  mineralInputs,
  type PlanResult,
  type Position,
  PRIORITIES,
  type PricePoint,
  position,
  type SimulationResult,
  simulate,
} from "../index.js";
import { commandFingerprint, DEFAULT_LEDGER, type Ledger, openLedger } from "./ledger.js";
import { PLAN_SCOPE } from "./migrations.js";
import { readPosition } from "./reports.js";

// The loop between the plan, the simulator and the reserve ledger: a plan's purchase
// schedule becomes acquisition orders, the ledger's position becomes the holdings a plan or a
// simulation starts from, and a simulation's released stock is shared among the members by the
// ledger core's allocation rule. The pure parts take the state and results; the rest opens the store.

/** A plan's id: the first 12 hex digits of the SHA-256 of what was asked (the plan request), so the same plan asked again has the same id. */
export function planId(request: unknown): string {
  return createHash("sha256").update(JSON.stringify(request)).digest("hex").slice(0, 12);
}

/** One order the plan writes: its idempotency key, its business date (the plan's start), the day its schedule year's tons are due from, and the command. */
export interface PlanOrder {
  key: string;
  at: string;
  /** the plan's schedule year (1 = the first) */
  year: number;
  /** the day the year's tons are due from: the order's date plus the year − 1 */
  delivery: string;
  command: Extract<Command, { type: "order" }>;
}

/** The form a mineral is priced in: the USGS price row the plan's price comes from ("as priced by USGS: <row>"). */
function pricedForm(dataset: Dataset, mineral: string): { form: string; spec: string } {
  const m = dataset.minerals.find((x) => x.id === mineral);
  const f = m ? latestSalient(m, "price").figure : undefined;
  if (!f) return { form: "as priced by the plan's assumptions", spec: `no USGS price row for ${mineral}` };
  return { form: `as priced by USGS: ${f.detail}`, spec: `${f.raw} ${f.unit} (${f.year}, ${f.source.file})` };
}

/** YYYY-MM-DD plus n years (29 February becomes 28 February in a year that has none). */
function addYears(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const t = new Date(Date.UTC(y + n, m - 1, d));
  return (t.getUTCMonth() === m - 1 ? t : new Date(Date.UTC(y + n, m - 1, 28))).toISOString().slice(0, 10);
}

/**
 * A solved plan → one `order` per mineral and schedule year with tons > 0 (one year when the plan has no
 * schedule), at that year's average price, tagged with the plan. Every order is dated `start` (the day
 * the plan is written into the ledger: a receipt may follow it at once); its schedule year goes in the
 * contract (`plan:<id> (schedule year 2)`), and `delivery` says from when that year's tons are due
 * (`start` plus the year − 1). Keys are `plan:<id>:<mineral>:<year>`, so writing the same plan again
 * writes nothing.
 */
export function planOrders(result: PlanResult, id: string, start: string, dataset: Dataset): PlanOrder[] {
  const out: PlanOrder[] = [];
  const at = `${start}T00:00:00Z`;
  for (const m of result.minerals) {
    const years = m.schedule ?? [{ year: 1, tons: m.buyTons, cash: m.dollars, price: m.buyTons > 0 ? m.dollars / m.buyTons : null }];
    const { form, spec } = pricedForm(dataset, m.id);
    for (const y of years) {
      if (!(y.tons > 0)) continue;
      const order = `plan:${id}:${m.id}:${y.year}`;
      out.push({
        key: order,
        at,
        year: y.year,
        delivery: addYears(start, y.year - 1),
        command: {
          type: "order",
          order,
          mineral: m.id,
          form,
          spec,
          tons: y.tons,
          price: y.price ?? m.unitCost,
          contract: `plan:${id} (schedule year ${y.year})`,
          plan: id,
          at,
        },
      });
    }
  }
  return out;
}

/** Write the orders, each one durable transaction with its key (a retried key writes nothing); returns what each wrote. */
export async function writeOrders(
  ledger: Ledger,
  actor: Actor,
  orders: readonly PlanOrder[],
): Promise<{ order: PlanOrder; written: boolean; seq?: number; at?: string; delivery: string }[]> {
  if (actor.role !== "operator")
    throw new LodestoneError("forbidden", { field: "--as", message: `an ${actor.role} may not write orders`, expected: "--as operator:ID" });
  const out = [];
  for (const o of orders) {
    // the fingerprint is what is ordered, not who asks or from which start date: the same plan run again on
    // another day (--start defaults to today) or by another operator finds its orders written and writes nothing
    const { at: _at, ...what } = o.command;
    // in the plan's key scope, shared by every operator (keys are otherwise per actor)
    const r = await ledger.run(PLAN_SCOPE, o.key, commandFingerprint("plan", "", what), (state) => decide(state, o.command, actor, o.key, o.at));
    // an order written before (on another start day) is due from its own date plus the year − 1
    const delivery = r.events.length ? addYears(r.events[0].at.slice(0, 10), (o.year ?? 1) - 1) : o.delivery;
    out.push({ order: o, written: !r.replayed, delivery, ...(r.events.length ? { seq: r.events[0].seq, at: r.events[0].at } : {}) });
  }
  return out;
}

/** The ledger's position as holdings: releasable tons per mineral (lots not expired) as of `asOf` (undefined: the latest). */
export function ledgerHoldings(state: LedgerState, spec: string, asOf?: string): Holdings {
  // without a date: as of the ledger's latest lot movement
  const last = [...state.lots.values()].reduce((a, l) => (l.last > a ? l.last : a), "");
  return holdingsOf(position(state, asOf), spec, asOf ?? (last || "an empty ledger"));
}

/** A position as holdings (releasable tons per mineral), labelled with the ledger and the date it is as of. */
export function holdingsOf(p: Position, spec: string, asOf: string): Holdings {
  return {
    file: `ledger ${spec}`,
    asOf,
    holdings: p.minerals
      .filter((m) => m.releasable > 0)
      .map((m) => ({ mineral: m.mineral, name: m.mineral, tons: m.releasable, judgement: `releasable lots in the reserve ledger (${m.lots} lot(s))` })),
  };
}

/**
 * Monthly demand d0 (t/month, as the simulator takes it) from the dataset for each mineral the reserve
 * holds in a lot or owes a member: the cover report's denominator (reserve cover, GET /ledger/cover).
 */
export function coverDemand(state: LedgerState, dataset: Dataset): Map<string, number> {
  return demandFor(new Set([...[...state.lots.values()].map((l) => l.mineral), ...[...state.entitlements.values()].map((e) => e.mineral)]), dataset);
}

/** Monthly demand d0 (t/month) from the dataset for each of `minerals` the dataset models. */
export function demandFor(minerals: ReadonlySet<string>, dataset: Dataset): Map<string, number> {
  const d0 = new Map<string, number>();
  for (const m of dataset.minerals.filter((x) => minerals.has(x.id))) {
    const x = mineralInputs(m, undefined, undefined, dataset).inputs;
    if (x) d0.set(m.id, x.d0.value);
  }
  return d0;
}

/**
 * The prices a valuation marks to: the ledger's own dated prices first, then the dataset's (each USGS
 * price row of a mineral the reserve holds, dated the end of its year) (reserve valuation, GET /ledger/valuation).
 */
export function valuationPrices(state: LedgerState, dataset: Dataset): PricePoint[] {
  const minerals = new Set([...state.lots.values()].map((l) => l.mineral));
  const prices = dataset.minerals
    .filter((m) => minerals.has(m.id))
    .flatMap((m) => {
      const p = mineralInputs(m, undefined, undefined, dataset).inputs?.price;
      return p && p.value !== null
        ? [{ mineral: m.id, date: `${p.year}-12-31`, price: p.value, source: `${p.source.file}:${p.source.row} (${p.detail})` }]
        : [];
    });
  return [...state.prices, ...prices];
}

/**
 * `--holdings-at DATE` → the day the ledger's holdings are read as of (undefined: today). Only with
 * `--holdings ledger[:SPEC]` (a holdings file states its own date).
 */
export function holdingsAt(value: string | undefined, holdings: string | undefined, flag = "--holdings-at"): string | undefined {
  if (value === undefined) return undefined;
  if (ledgerSpec(holdings) === null)
    throw new LodestoneError("bad-input", {
      field: flag,
      message: "only applies to --holdings ledger[:SPEC]",
      expected: "--holdings ledger --holdings-at YYYY-MM-DD",
    });
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const t = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!t || t.toISOString().slice(0, 10) !== value)
    throw new LodestoneError("bad-input", { field: flag, message: `${JSON.stringify(value)} is not a date`, expected: "a day as YYYY-MM-DD (default today)" });
  return value;
}

/** `--holdings ledger[:SPEC]` → the ledger spec (undefined: the default ledger), or null when the value names a file. */
export function ledgerSpec(value: string | undefined): string | undefined | null {
  if (value === undefined || (value !== "ledger" && !value.startsWith("ledger:"))) return null;
  return value === "ledger" ? undefined : value.slice("ledger:".length);
}

/** Open a ledger to read it: a SQLite file that is not there is not found (reading never creates one). */
export async function openLedgerToRead(spec: string | undefined): Promise<Ledger> {
  const s = spec ?? process.env.LODESTONE_LEDGER ?? DEFAULT_LEDGER;
  const file = s.replace(/^sqlite:/, "");
  if (!/^postgres(ql)?:\/\//.test(s) && file && !existsSync(file))
    throw new LodestoneError("not-found", {
      field: "ledger",
      message: `no ledger at ${file}`,
      expected: "an existing ledger: sqlite:FILE or postgres://… (lodestone reserve run writes one)",
    });
  return openLedger(spec);
}

/** How the date of the ledger's holdings is stated: "2026-11-25 (today; --holdings-at DATE for another day)". */
export const holdingsLabel = (at: string, today: boolean) => `${at}${today ? " (today; --holdings-at DATE for another day)" : ""}`;

/**
 * Open the ledger, read its holdings (releasable tons per mineral) as of `asOf` (YYYY-MM-DD or a
 * date-time; default today, by `now`), close it; the notes say "held: N t of X from the ledger as of …"
 * and, when the date lies before the ledger's latest event, that the log was replayed up to it.
 */
export async function readLedgerHoldings(spec: string | undefined, asOf?: string, now = new Date()): Promise<{ holdings: Holdings; notes: string[] }> {
  const at = asOf ?? now.toISOString().slice(0, 10);
  const ledger = await openLedgerToRead(spec);
  try {
    const p = await readPosition(ledger, at, { id: "plan", role: "analyst" });
    const holdings = holdingsOf(p.position, spec ?? "(default)", at);
    const label = holdingsLabel(at, asOf === undefined);
    const notes = holdings.holdings.length
      ? holdings.holdings.map((h) => `held: ${h.tons.toLocaleString("en-US")} t of ${h.mineral} from the ledger as of ${label}`)
      : [`held: nothing releasable in the ledger as of ${label}`];
    if (p.replayed) notes.push(`the ledger's latest event is at ${p.lastAt}: the holdings as of ${at} were replayed from its log`);
    return { holdings, notes };
  } finally {
    await ledger.close();
  }
}

/**
 * Members in a simulated crisis: each month, the stock the simulation releases for a mineral is shared
 * among the members entitled to it by the ledger core's allocation rule (strict priority classes, pro
 * rata to entitlement, floors), each asking for a month of its entitlement (tons per year ÷ 12) in every
 * month with a gap (demand above supply; no gap, no draw). A member short in a month got less than that. The simulation should start from the ledger's holdings
 * (withHeld) so the released stock is the reserve's. A member actor sees only its own lines.
 */
export function memberShortfalls(
  state: LedgerState,
  sim: SimulationResult,
  actor: Actor,
  asOf: string,
  rules: { stockFloor?: number; memberFloor?: number } = {},
): MemberShortfalls {
  checkRead(actor, actor.role === "member" ? actor.member : undefined);
  const lines: MemberMonth[] = [];
  const notes: string[] = [];
  for (const run of sim.minerals) {
    const ents = [...state.entitlements.values()]
      .filter((e) => e.mineral === run.id && state.members.has(e.member))
      .sort((a, b) => PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) || a.member.localeCompare(b.member));
    if (!ents.length) continue;
    for (let t = 0; t < run.release.length; t++) {
      // members draw when the nation is short: a month without a gap (demand − supply) asks nothing of the reserve
      if (!(run.release[t] + run.shortfall[t] > 0)) continue;
      const r = allocate({
        mineral: run.id,
        stock: run.release[t],
        ...rules,
        requests: ents.map((e) => ({
          draw: `${e.member}:${t + 1}`,
          member: e.member,
          priority: e.priority,
          entitlement: e.tonsPerYear,
          requested: e.tonsPerYear / 12,
        })),
      });
      r.lines.forEach((l: AllocationLine) => {
        if (actor.role === "member" && l.member !== actor.member) return;
        const short = Math.max(0, l.requested - l.allocated);
        lines.push({
          month: t + 1,
          member: l.member,
          mineral: run.id,
          priority: l.priority,
          requested: l.requested,
          allocated: l.allocated,
          short: short < 1e-9 ? 0 : short,
          reason: run.release[t] > 0 ? l.reason : "nothing: the simulation releases no stock this month (none left)",
        });
      });
    }
  }
  const minerals = new Set([...state.entitlements.values()].map((e) => e.mineral));
  for (const id of minerals) if (!sim.minerals.some((m) => m.id === id)) notes.push(`${id}: members hold entitlements, but the scenario does not simulate it`);
  if (actor.role === "member") notes.push(`member ${actor.member}: its own lines only`);
  else if (!state.entitlements.size) notes.push("no member holds an entitlement in the ledger");
  return { scenario: sim.scenario.name, asOf, lines, notes };
}

/**
 * `simulate --members --runs N`: the allocation run on every Monte Carlo draw of the scenario (run r
 * is drawScenario(compiled, seed, r), the same draws as `simulate --runs`), and per member and
 * mineral the distribution over draws of its shortfall summed over the horizon: P50, P90, mean and
 * the share of draws in which it is short at all. The deterministic run's lines are kept as well.
 * Same seed, same output.
 */
export function memberShortfallRuns(
  state: LedgerState,
  compiled: CompiledScenario,
  actor: Actor,
  asOf: string,
  runs: number,
  seed: number,
  rules: { stockFloor?: number; memberFloor?: number } = {},
): MemberShortfalls {
  const base = memberShortfalls(state, simulate(compiled), actor, asOf, rules);
  const totals = new Map<string, { member: string; mineral: string; priority: string; short: Float64Array }>();
  for (let r = 0; r < runs; r++) {
    const one = memberShortfalls(state, simulate(compiled, drawScenario(compiled, seed, r)), actor, asOf, rules);
    for (const l of one.lines) {
      const k = `${l.member}\u0000${l.mineral}`;
      const t = totals.get(k) ?? { member: l.member, mineral: l.mineral, priority: l.priority, short: new Float64Array(runs) };
      totals.set(k, t);
      t.short[r] += l.short;
    }
  }
  const members: MemberRunShortfall[] = [...totals.values()].map((t) => {
    const sorted = Float64Array.from(t.short).sort();
    const mean = sorted.reduce((a, x) => a + x, 0) / runs;
    return {
      member: t.member,
      mineral: t.mineral,
      priority: t.priority,
      p50: quantile(sorted, 0.5),
      p90: quantile(sorted, 0.9),
      mean,
      shortIn: sorted.filter((x) => x > 1e-9).length / runs,
    };
  });
  members.sort(
    (a, b) =>
      PRIORITIES.indexOf(a.priority as (typeof PRIORITIES)[number]) - PRIORITIES.indexOf(b.priority as (typeof PRIORITIES)[number]) ||
      a.member.localeCompare(b.member) ||
      a.mineral.localeCompare(b.mineral),
  );
  return { ...base, runs: { runs, seed, members } };
}

/** Quantile of sorted values, interpolated between order statistics (type 7, as the simulator's P50/P90; the store may not import the kernel's). */
function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 >= sorted.length ? sorted[sorted.length - 1] : sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}
