import type { AssumptionSet } from "../assumptions/types.js";
import { type Baseline, baselineLabel, checkBaseline, describeBaseline } from "../data/baseline.js";
import type { Dataset, Mineral } from "../data/types.js";
import { SCENARIO_DEFAULTS } from "./defaults.js";
import { type Exposure, exposureOf, type MineralInputs, mineralInputs } from "./inputs.js";
import { centralValue } from "./params.js";
import type { MineralSel, Scenario } from "./types.js";

export interface CompiledSector {
  name: string;
  share: number;
  /** lower is served first; equal priorities share pro rata to demand */
  priority: number;
}

/** Restriction terms on one country: the kernel takes the largest weight × severity active each month. */
export interface CountryTerms {
  country: string;
  /** event: index into CompiledScenario.restrictions; weight: the country's exposure share e_c for that event's stage */
  terms: { event: number; weight: number }[];
}

export interface CompiledMineral {
  id: string;
  name: string;
  /** baseline monthly demand, t/month */
  d0: number;
  /** net import reliance, 0..1 */
  r: number;
  /** USD/t, or null */
  price: number | null;
  inputs: MineralInputs;
  /** the exposures the restrictions on this mineral use (one per stage named), for the audit */
  exposures: Exposure[];
  countries: CountryTerms[];
  /** demand surges: event index into CompiledScenario.surges; sector index, or -1 for every sector */
  surges: { event: number; sector: number }[];
  /** new supply: indices into CompiledScenario.supplies */
  supplies: number[];
  /** initial stock: a param in tons or in days of import cover; null = 0 */
  stock: { param: number; unit: "tons" | "days"; from: string; line?: number } | null;
  /** tons the reserve already holds (a ledger's position, withHeld in src/simulate/held.ts), added to stock_1 on top of `stock` */
  held?: number;
  /** sorted by priority (stable) */
  sectors: CompiledSector[];
  sectorsSource: string;
  /** set when a restricted country's share is unknown (production withheld): why the shortfall is a lower bound */
  lowerBound?: string;
  notes: string[];
}

/** A mineral in scope that is not simulated, with the reason. */
export interface ExcludedMineral {
  id: string;
  name: string;
  reason: string;
  /**
   * Set when the mineral's inputs are known but a restriction targets it and no exposure share is
   * known (neither world production nor US imports by country): its shortfall is unknown, not 0.
   */
  unknownShortfall?: { d0: number; r: number };
}

/**
 * A scenario resolved against the dataset: plain data and numbers only (no functions), so it can be
 * posted to worker threads as is. Event timing and sizes stay param indices; a draw gives their values.
 */
export interface CompiledScenario
  extends Pick<Scenario, "name" | "file" | "description" | "cites" | "horizon" | "probability" | "exposure" | "params" | "events"> {
  restrictions: { index: number; start: number; duration: number; severity: number }[];
  surges: { index: number; start: number; duration: number; factor: number }[];
  supplies: { index: number; tonsPerYear: number; online: number; ramp: number; probability: number }[];
  minerals: CompiledMineral[];
  /** minerals in scope that cannot be simulated, with the reason */
  excluded: ExcludedMineral[];
  /** the consumption baseline d0 stands on, and who chose it */
  baseline: { rule: string; description: string; from: "flag" | "scenario" | "default" };
  notes: string[];
}

const covers = (sel: MineralSel, id: string) => sel === "all" || sel.includes(id);

/** Minerals in scope: all if any event says `all`, else those any event, stock or sector setting names. */
function scope(s: Scenario, dataset: Dataset): Mineral[] {
  if (s.events.some((e) => e.minerals === "all")) return dataset.minerals;
  const ids = new Set<string>();
  for (const e of s.events) for (const id of e.minerals as string[]) ids.add(id);
  for (const x of s.stock) if (x.mineral !== "all") ids.add(x.mineral);
  for (const x of s.sectors) ids.add(x.mineral);
  return dataset.minerals.filter((m) => ids.has(m.id));
}

function sectorsOf(s: Scenario, id: string): { sectors: CompiledSector[]; source: string } {
  const prio = (name: string) => s.priority[name] ?? SCENARIO_DEFAULTS.otherSectorPriority;
  const set = s.sectors.find((x) => x.mineral === id);
  if (!set) {
    return {
      sectors: [{ name: "all", share: 1, priority: prio("all") }],
      source: 'default: one sector "all" with share 1 (the dataset has no end-use split: PROVENANCE.md §5)',
    };
  }
  const sectors = set.shares.filter((x) => x.share > 0).map((x) => ({ name: x.sector, share: x.share, priority: prio(x.sector) }));
  const sum = sectors.reduce((a, x) => a + x.share, 0);
  if (sum < 1 - SCENARIO_DEFAULTS.shareTolerance) sectors.push({ name: "other", share: 1 - sum, priority: prio("other") });
  sectors.sort((a, b) => a.priority - b.priority);
  const order = s.priorityFromFile ? "priority from the file's sector_priority" : "priority: defense first, the rest pro rata (default)";
  return { sectors, source: `scenario assumption: ${s.file}:${set.line ?? "?"} (sectors.${id}); ${order}` };
}

/** A mineral compiled for the simulator, or the reason its shortfall cannot be computed. */
function compileMineral(s: Scenario, m: Mineral, inputs: MineralInputs): CompiledMineral | { unknown: string } {
  const notes: string[] = [];
  const { sectors, source } = sectorsOf(s, m.id);
  const exposures: Exposure[] = [];
  const byStage = new Map<string, Exposure>();
  const countries = new Map<string, CountryTerms>();
  const surges: CompiledMineral["surges"] = [];
  const supplies: number[] = [];
  let r = 0,
    u = 0,
    n = 0;
  let unknownExposure: string | undefined;
  const lowerBound = new Map<string, string>();
  for (const e of s.events) {
    const on = covers(e.minerals, m.id);
    if (e.type === "export_restriction") {
      if (on) {
        if (e.stage && s.exposure === "imports") notes.push(`events[${e.index}]: stage ${e.stage} ignored with exposure: imports`);
        const key = s.exposure === "imports" ? "" : (e.stage ?? "");
        let ex = byStage.get(key);
        if (!ex) {
          ex = exposureOf(m, s.exposure, s.exposure === "imports" ? undefined : e.stage);
          byStage.set(key, ex);
          exposures.push(ex);
        }
        if (!ex.usable) unknownExposure ??= `events[${e.index}] restricts ${m.id}, but its exposure is unknown: ${ex.note}`;
        for (const c of e.countries) {
          const hidden = ex.unknown.find((x) => x.country === c);
          if (hidden) lowerBound.set(c, hidden.raw);
          const w = ex.shares[c] ?? 0;
          if (!(w > 0)) continue;
          let ct = countries.get(c);
          if (!ct) {
            ct = { country: c, terms: [] };
            countries.set(c, ct);
          }
          ct.terms.push({ event: r, weight: w });
        }
      }
      r++;
    } else if (e.type === "demand_surge") {
      if (on) {
        const k = e.sector === undefined ? -1 : sectors.findIndex((x) => x.name === e.sector);
        if (k === -1 && e.sector !== undefined)
          notes.push(
            `events[${e.index}]: demand_surge on sector "${e.sector}" not applied: ${m.id} has no such sector (${sectors.map((x) => x.name).join(", ")})`,
          );
        else surges.push({ event: u, sector: k });
      }
      u++;
    } else {
      if (on) supplies.push(n);
      n++;
    }
  }
  const imports = inputs.r.value > 0;
  if (unknownExposure && imports) return { unknown: `${unknownExposure}; its shortfall is unknown, not 0` };
  for (const ex of exposures) {
    if (ex.fallback) notes.push(ex.fallback);
    if (ex.note) notes.push(`exposure${ex.stage ? ` (${ex.stage})` : ""}${ex.basis !== s.exposure ? ` (${ex.basis})` : ""}: ${ex.note}`);
  }
  if (unknownExposure) notes.push("no exposure shares, but net import reliance is 0: there are no imports to restrict, so the result is exact");
  let bound: string | undefined;
  if (lowerBound.size && imports) {
    const list = [...lowerBound].map(([c, raw]) => `${c} (${raw})`).join(", ");
    bound = `restricted ${lowerBound.size > 1 ? "countries" : "country"} ${list} ${lowerBound.size > 1 ? "have" : "has"} no published production figure, so ${lowerBound.size > 1 ? "their shares are" : "its share is"} unknown and counted as 0: the shortfall is a lower bound`;
    notes.push(bound);
  }
  const st = s.stock.find((x) => x.mineral === m.id) ?? s.stock.find((x) => x.mineral === "all");
  if (st?.unit === "days" && inputs.r.value === 0) notes.push("stock given in days of import cover, but net import reliance is 0: stock is 0");
  return {
    id: m.id,
    name: m.name,
    d0: inputs.d0.value,
    r: inputs.r.value,
    price: inputs.price.value,
    inputs,
    exposures,
    countries: [...countries.values()],
    surges,
    supplies,
    stock: st ? { param: st.param, unit: st.unit, from: st.mineral, line: st.line } : null,
    sectors,
    sectorsSource: source,
    ...(bound ? { lowerBound: bound } : {}),
    notes,
  };
}

/**
 * Events whose fixed size makes them change nothing (severity 0, factor 1, no tons, probability 0):
 * allowed, as a file may switch an event off this way, but said in the output.
 */
function noEffectNotes(s: Scenario): string[] {
  const fixed = (i: number): number | undefined => (s.params[i].dist.kind === "fixed" ? centralValue(s.params[i].dist) : undefined);
  return s.events.flatMap((e) => {
    const at = `events[${e.index}]`;
    if (e.type === "export_restriction" && fixed(e.severity) === 0) return [`${at}: severity 0 withholds nothing, so this restriction changes nothing`];
    if (e.type === "demand_surge" && fixed(e.factor) === 1) return [`${at}: factor 1 leaves demand as it is, so this surge changes nothing`];
    if (e.type === "new_supply" && (fixed(e.tonsPerYear) === 0 || fixed(e.probability) === 0))
      return [`${at}: ${fixed(e.tonsPerYear) === 0 ? "0 tons per year" : "probability 0"}, so this new supply adds nothing`];
    return [];
  });
}

/**
 * Resolve a parsed scenario against the dataset (pure). `opts.baseline` (the CLI's --baseline)
 * overrides the file's `baseline:`, which overrides SCENARIO_DEFAULTS.baseline. `opts.assumptions`
 * fills figures USGS withholds (marked `assumed` in the inputs); without it only public figures are used.
 */
export function compileScenario(s: Scenario, dataset: Dataset, opts: { baseline?: Baseline; assumptions?: AssumptionSet } = {}): CompiledScenario {
  const minerals: CompiledMineral[] = [];
  const excluded: CompiledScenario["excluded"] = [];
  const base = opts.baseline ?? s.baseline ?? SCENARIO_DEFAULTS.baseline;
  checkBaseline(dataset, base, opts.baseline ? { field: "--baseline" } : { field: "baseline", file: s.file });
  const baseline = {
    rule: baselineLabel(base),
    description: describeBaseline(base),
    from: opts.baseline ? ("flag" as const) : s.baseline ? ("scenario" as const) : ("default" as const),
  };
  for (const m of scope(s, dataset)) {
    const x = mineralInputs(m, base, opts.assumptions, dataset);
    if (!x.inputs) {
      excluded.push({ id: m.id, name: m.name, reason: x.reason });
      continue;
    }
    const cm = compileMineral(s, m, x.inputs);
    if ("unknown" in cm) excluded.push({ id: m.id, name: m.name, reason: cm.unknown, unknownShortfall: { d0: x.inputs.d0.value, r: x.inputs.r.value } });
    else minerals.push(cm);
  }
  const notes: string[] = [...(s.notes ?? [])];
  if (!minerals.length && !excluded.length) notes.push("no minerals affected: the scenario has no events and names no mineral under stock or sectors");
  notes.push(...noEffectNotes(s));
  for (const e of s.events) {
    if (e.type === "demand_surge" && e.sector !== undefined && !minerals.some((m) => m.sectors.some((k) => k.name === e.sector))) {
      notes.push(`events[${e.index}]: no mineral has a sector "${e.sector}" (give sectors: in the scenario), so this surge changes nothing`);
    }
  }
  return {
    name: s.name,
    file: s.file,
    description: s.description,
    cites: s.cites,
    horizon: s.horizon,
    ...(s.probability ? { probability: s.probability } : {}),
    exposure: s.exposure,
    params: s.params,
    events: s.events,
    restrictions: s.events.flatMap((e) =>
      e.type === "export_restriction" ? [{ index: e.index, start: e.start, duration: e.duration, severity: e.severity }] : [],
    ),
    surges: s.events.flatMap((e) => (e.type === "demand_surge" ? [{ index: e.index, start: e.start, duration: e.duration, factor: e.factor }] : [])),
    supplies: s.events.flatMap((e) =>
      e.type === "new_supply" ? [{ index: e.index, tonsPerYear: e.tonsPerYear, online: e.online, ramp: e.ramp, probability: e.probability }] : [],
    ),
    minerals,
    excluded,
    baseline,
    notes,
  };
}
