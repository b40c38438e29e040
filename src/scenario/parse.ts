import { z } from "zod";
import { BASELINE_EXPECTED, parseBaseline } from "../data/baseline.js";
import { stagesOf } from "../data/select.js";
import type { Dataset } from "../data/types.js";
import { closest, type ErrorCode, type Issue, LodestoneError } from "../errors.js";
import { SCENARIO_DEFAULTS } from "./defaults.js";
import type { Dist, ParamSpec } from "./params.js";
import { PROBABILITY_EXPECTED, PROBABILITY_WHY_EXPECTED } from "./probability.js";
import { type NumberRange, SCENARIO_RANGES } from "./ranges.js";
import { EVENT_SCHEMAS, type EventFile, type EventType, type NumberOrDist, type ScenarioFile, scenarioSchema, sectorShares, stockEntry } from "./schema.js";
import type { MineralSel, Scenario, ScenarioEvent, ScenarioProbability } from "./types.js";
import {
  type CodedIssue,
  checkFields,
  describe,
  fieldName,
  type IssueContext,
  isMapping,
  issuesError,
  issuesFromZod,
  type Path,
  readYaml,
  type YamlInput,
} from "./yaml.js";

export { fieldName } from "./yaml.js";

/** Every field name the format knows, for "did you mean" on an unknown field. */
const FIELDS = [
  "name",
  "description",
  "cites",
  "horizon_months",
  "probability",
  "probability_why",
  "exposure",
  "baseline",
  "stock",
  "sectors",
  "sector_priority",
  "events",
  "type",
  "countries",
  "minerals",
  "start_month",
  "duration_months",
  "severity",
  "stage",
  "note",
  "sector",
  "factor",
  "tons_per_year",
  "online_month",
  "ramp_months",
  "probability",
  "tons",
  "days",
  "triangular",
  "uniform",
  "normal",
];

/** The documented range of the number at `path` (docs/input-ranges.md), for "expected …". */
function expectedAt(path: Path): string | undefined {
  const R = SCENARIO_RANGES as Record<string, NumberRange>;
  if (path[0] === "stock") return (path.includes("days") ? R.days : R.tons).expected;
  if (path[0] === "sectors") return path.length >= 3 ? R.share.expected : path.length === 2 ? "a mapping of sector → share of use" : undefined;
  if (path[0] === "sector_priority") return path.length >= 2 ? R.priority.expected : undefined;
  if (path[0] === "horizon_months") return R.horizon_months.expected;
  if (path[0] === "probability" && path.length === 1) return PROBABILITY_EXPECTED;
  if (path[0] === "probability_why") return PROBABILITY_WHY_EXPECTED;
  if (path[0] === "events" && typeof path[2] === "string" && Object.hasOwn(R, path[2])) return R[path[2]].expected;
  return undefined;
}

/** The mapping fields, checked entry by entry: field, entry schema, what the field should be. */
const RECORDS: [string, z.ZodType, string][] = [
  ["stock", stockEntry, "a mapping of mineral id (or all) → tons, {tons: …} or {days: …}"],
  ["sectors", sectorShares, "a mapping of mineral id → { sector: share }"],
  ["sector_priority", z.number(), "a mapping of sector → priority"],
];

/** The file's structure, checked field by field (and event by event): what passed, and every problem. */
type CheckedFile = Partial<Omit<ScenarioFile, "events">> & { events: (Partial<EventFile> | undefined)[] };
type Shape = Parameters<typeof checkFields>[1];

function checkShape(cx: IssueContext): { file: CheckedFile; issues: CodedIssue[] } {
  const js = cx.input.js;
  const at = (p: Path): CodedIssue => ({ ...cx.input.at(p), code: "bad-input" });
  const issues: CodedIssue[] = [];
  const { events: _events, ...top } = scenarioSchema.shape;
  const pass = { safeParse: (v: unknown) => ({ success: true, data: v }) };
  const file = checkFields(js, { ...top, events: pass, stock: pass, sectors: pass, sector_priority: pass } as Shape, [], cx, issues) as Record<string, unknown>;
  // the mappings entry by entry, so one bad entry does not hide the others
  for (const [key, entry, expected] of RECORDS) {
    const v = file[key];
    if (v === undefined) continue;
    delete file[key];
    if (!isMapping(v)) {
      issues.push({ ...at([key]), message: `wrong type: ${describe(v)}`, expected });
      continue;
    }
    const ok: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const r = entry.safeParse(x);
      if (r.success) ok[k] = r.data;
      else issues.push(...r.error.issues.flatMap((i) => issuesFromZod({ ...i, path: [key, k, ...i.path] } as typeof i, cx)));
    }
    file[key] = ok;
  }
  // one entry per event in the file (undefined where its type is unusable), so indices match the file
  const events: (Partial<EventFile> | undefined)[] = [];
  const raw = Object.hasOwn(js, "events") ? js.events : undefined;
  if (raw !== undefined && !Array.isArray(raw)) issues.push({ ...at(["events"]), message: `wrong type: ${describe(raw)}`, expected: "a list of events" });
  if (Array.isArray(raw)) {
    raw.forEach((e, i) => {
      const p = ["events", i];
      events.push(undefined);
      if (!isMapping(e)) return void issues.push({ ...at(p), message: `wrong type: ${describe(e)}`, expected: "an event mapping with a type" });
      const type = e.type;
      if (typeof type !== "string" || !Object.hasOwn(EVENT_SCHEMAS, type)) {
        return void issues.push({
          ...at([...p, "type"]),
          message: e.type === undefined ? "missing event type" : `unknown event type ${JSON.stringify(e.type) ?? describe(e.type)}`,
          expected: Object.keys(EVENT_SCHEMAS).join(" | "),
        });
      }
      events[i] = checkFields(e, EVENT_SCHEMAS[type as EventType].shape as unknown as Shape, p, cx, issues) as Partial<EventFile>;
    });
  }
  return { file: { ...(file as Partial<ScenarioFile>), events }, issues };
}

/** A field's range as the parser uses it: months are rounded after a draw, probabilities drawn yes/no. */
type Range = NumberRange & { round?: boolean; bernoulli?: boolean };

const R = {
  month: { ...SCENARIO_RANGES.start_month, round: true },
  online: { ...SCENARIO_RANGES.online_month, round: true },
  duration: { ...SCENARIO_RANGES.duration_months, round: true },
  ramp: { ...SCENARIO_RANGES.ramp_months, round: true },
  severity: SCENARIO_RANGES.severity,
  factor: SCENARIO_RANGES.factor,
  tonsPerYear: SCENARIO_RANGES.tons_per_year,
  tons: SCENARIO_RANGES.tons,
  days: SCENARIO_RANGES.days,
  probability: { ...SCENARIO_RANGES.probability, bernoulli: true },
} satisfies Record<string, Range>;

/** The smallest and largest value a draw can take (a normal's tails reach the field's bounds). */
function lowest(d: Dist, r: Range): number {
  return d.kind === "fixed" ? d.value : d.kind === "triangular" ? d.min : d.kind === "uniform" ? d.a : d.sd === 0 ? d.mean : r.lo;
}
function highest(d: Dist, r: Range): number {
  return d.kind === "fixed" ? d.value : d.kind === "triangular" ? d.max : d.kind === "uniform" ? d.b : d.sd === 0 ? d.mean : r.hi;
}

/** Validated parsing: shapes (zod) → ranges, distributions, ids, events that can have no effect. */
class Builder {
  readonly issues: CodedIssue[] = [];
  readonly params: ParamSpec[] = [];
  /** defaults the file relied on, said in the output */
  readonly notes: string[] = [];
  private readonly mineralIds: string[];
  private readonly countryCodes: Set<string>;
  readonly stages: string[];

  constructor(
    private readonly input: YamlInput,
    private readonly dataset: Dataset,
  ) {
    this.mineralIds = dataset.minerals.map((m) => m.id);
    this.countryCodes = new Set(dataset.countries.filter((c) => !c.aggregate).map((c) => c.code));
    // the stages with production data, the same list `lodestone risk --stage` accepts
    this.stages = [...new Set(dataset.minerals.flatMap(stagesOf))].sort();
  }

  at(path: Path): Issue {
    return { ...this.input.at(path), field: fieldName(path) };
  }

  fail(code: ErrorCode, path: Path, message: string, expected?: string, suggestions?: string[]): void {
    this.issues.push({ ...this.at(path), code, message, expected, suggestions });
  }

  /** A fixed param (a default), not from the file. */
  fixed(field: string, value: number, range: Range): number {
    this.params.push({ field, dist: { kind: "fixed", value }, lo: range.lo, hi: range.hi, round: !!range.round, bernoulli: !!range.bernoulli });
    return this.params.length - 1;
  }

  /** The param at `index`'s distribution. */
  dist(index: number): Dist {
    return this.params[index].dist;
  }

  /** A number or distribution from the file, checked against the field's range. */
  param(path: Path, raw: NumberOrDist, range: Range): number {
    const inRange = (v: number) => v >= range.lo && v <= range.hi;
    const bad = (what: string) => this.fail("invalid", path, what, range.expected);
    let dist: Dist;
    if (typeof raw === "number") {
      dist = { kind: "fixed", value: raw };
      if (!inRange(raw)) bad(`${this.input.source(path) ?? raw} is out of range`);
    } else if ("triangular" in raw) {
      const [min, mode, max] = raw.triangular;
      dist = { kind: "triangular", min, mode, max };
      if (!(min <= mode && mode <= max))
        this.fail("invalid", path, `triangular [${min}, ${mode}, ${max}] is not ordered`, "[min, mode, max] with min ≤ mode ≤ max");
      else if (!inRange(min) || !inRange(max)) bad(`triangular [${min}, ${mode}, ${max}] leaves the range`);
    } else if ("uniform" in raw) {
      const [a, b] = raw.uniform;
      dist = { kind: "uniform", a, b };
      if (!(a <= b)) this.fail("invalid", path, `uniform [${a}, ${b}] is not ordered`, "[a, b] with a ≤ b");
      else if (!inRange(a) || !inRange(b)) bad(`uniform [${a}, ${b}] leaves the range`);
    } else {
      const [mean, sd] = raw.normal;
      dist = { kind: "normal", mean, sd };
      const width = range.hi - range.lo;
      if (!(sd >= 0)) this.fail("invalid", path, `normal sd ${sd} is negative`, "[mean, sd] with sd ≥ 0");
      else if (sd > width)
        this.fail(
          "invalid",
          path,
          `normal sd ${sd} is wider than the whole range (${width})`,
          `[mean, sd] with sd ≤ ${width}; a flatter spread is {uniform: [a, b]}`,
        );
      else if (!inRange(mean)) bad(`normal mean ${mean} is out of range`);
    }
    this.params.push({
      field: fieldName(path),
      line: this.input.line(path),
      dist,
      lo: range.lo,
      hi: range.hi,
      round: !!range.round,
      bernoulli: !!range.bernoulli,
    });
    return this.params.length - 1;
  }

  mineral(path: Path, id: string): void {
    if (!this.mineralIds.includes(id))
      this.fail("not-found", path, `unknown mineral ${JSON.stringify(id)}`, "a mineral id (see `lodestone minerals`)", closest(id, this.mineralIds));
  }

  minerals(path: Path, sel: MineralSel): MineralSel {
    if (sel !== "all") sel.forEach((id, i) => this.mineral([...path, i], id));
    if (sel !== "all") this.once(path, sel, "mineral");
    return sel;
  }

  /** An id listed twice in one list is an error at its second entry (it would count once, or twice, silently). */
  once(path: Path, ids: readonly string[], what: string): void {
    ids.forEach((id, i) => {
      const first = ids.indexOf(id);
      if (first !== i) this.fail("invalid", [...path, i], `${what} ${JSON.stringify(id)} is given twice (also at [${first}])`, `each ${what} once`);
    });
  }

  countries(path: Path, codes: string[]): string[] {
    this.once(path, codes, "country");
    codes.forEach((c, i) => {
      if (c === SCENARIO_DEFAULTS.homeCountry) {
        return void this.fail(
          "invalid",
          [...path, i],
          `${c} is the reserve's own country: a restriction on US exports does not cut the US supply the simulation models`,
          "the exporting countries that restrict supply to the US",
        );
      }
      if (this.countryCodes.has(c)) return;
      const byName = this.dataset.countries.find(
        (k) => !k.aggregate && (k.name.toLowerCase() === c.toLowerCase() || k.aliases.some((a) => a.toLowerCase() === c.toLowerCase())),
      );
      const suggestions = byName ? [byName.code] : closest(c, [...this.countryCodes]);
      this.fail("not-found", [...path, i], `unknown country code ${JSON.stringify(c)}`, "an ISO 3166-1 alpha-3 code such as CHN", suggestions);
    });
    return codes;
  }

  stage(path: Path, stage: string | undefined): string | undefined {
    if (stage !== undefined && !this.stages.includes(stage))
      this.fail("not-found", path, `unknown stage ${JSON.stringify(stage)}`, this.stages.join(" | "), closest(stage, this.stages));
    return stage;
  }

  /**
   * An event that starts (or comes online) after the horizon has no effect: an error. With
   * `whole`, a start month whose distribution reaches past the horizon is refused too, since those
   * draws silently do nothing (a normal counts as reaching mean + 3 sd; its clipped tail would
   * otherwise always reach the field's bound).
   */
  startsInHorizon(path: Path, param: number, horizon: number | undefined, range: Range, what: string, whole = false): void {
    const d = this.dist(param);
    const first = Math.round(lowest(d, range));
    if (horizon !== undefined && first > horizon && first <= range.hi) {
      this.fail(
        "invalid",
        path,
        `${what} in month ${first}, after the horizon (${horizon} months): the event has no effect`,
        `a month between 1 and ${horizon}`,
      );
      return;
    }
    if (!whole || horizon === undefined || d.kind === "fixed") return;
    const last = Math.round(d.kind === "normal" ? d.mean + 3 * d.sd : highest(d, range));
    if (last > horizon && last <= range.hi)
      this.fail(
        "invalid",
        path,
        `may start in month ${last}${d.kind === "normal" ? " (mean + 3 sd)" : ""}, after the horizon (${horizon} months): those draws would silently have no effect`,
        `a distribution within months 1 to ${horizon} (or a longer horizon_months)`,
      );
  }

  /** An event that lasts 0 months has no effect: an error (a distribution may reach 0, not stay there). */
  lastsSomeMonths(path: Path, param: number, range: Range): void {
    const longest = highest(this.dist(param), range);
    if (longest >= 0 && Math.round(longest) === 0)
      this.fail("invalid", path, "lasts 0 months: the event has no effect", "a duration of at least 1 month (omit it to last to the end of the horizon)");
  }
}

function buildEvents(b: Builder, f: CheckedFile, horizon: number | undefined): ScenarioEvent[] {
  const out: ScenarioEvent[] = [];
  const H = horizon ?? 1;
  const opt = (path: Path, raw: NumberOrDist | undefined, fallback: number, range: Range) =>
    raw === undefined ? b.fixed(fieldName(path), fallback, range) : b.param(path, raw, range);
  // a required number that failed its shape check (already reported): a placeholder, never used
  const need = (path: Path, raw: NumberOrDist | undefined, range: Range) =>
    raw === undefined ? b.fixed(fieldName(path), range.lo, range) : b.param(path, raw, range);
  // start and duration of a restriction or surge; a missing start_month is month 1, said in the output
  const timing = (p: Path, e: { start_month?: NumberOrDist; duration_months?: NumberOrDist }) => {
    const start = opt([...p, "start_month"], e.start_month, 1, R.month);
    if (e.start_month === undefined) b.notes.push(`${fieldName(p)}: no start_month, so it starts in month 1 (the default)`);
    else b.startsInHorizon([...p, "start_month"], start, horizon, R.month, "starts", true);
    const duration = opt([...p, "duration_months"], e.duration_months, H, R.duration);
    if (e.duration_months !== undefined) b.lastsSomeMonths([...p, "duration_months"], duration, R.duration);
    return { start, duration };
  };
  f.events.forEach((e, index) => {
    if (!e) return;
    const p = ["events", index];
    const line = b.at(p).line;
    const minerals = e.minerals === undefined ? [] : b.minerals([...p, "minerals"], e.minerals);
    if (e.type === "export_restriction") {
      const { start, duration } = timing(p, e);
      const countries = b.countries([...p, "countries"], e.countries ?? []);
      const stage = b.stage([...p, "stage"], e.stage);
      out.push({
        type: e.type,
        index,
        line,
        countries,
        minerals,
        start,
        duration,
        severity: need([...p, "severity"], e.severity, R.severity),
        stage,
        note: e.note,
      });
    } else if (e.type === "demand_surge") {
      const { start, duration } = timing(p, e);
      out.push({ type: e.type, index, line, minerals, sector: e.sector, factor: need([...p, "factor"], e.factor, R.factor), start, duration, note: e.note });
    } else if (e.type === "new_supply") {
      const online = need([...p, "online_month"], e.online_month, R.online);
      if (e.online_month !== undefined) b.startsInHorizon([...p, "online_month"], online, horizon, R.online, "comes online");
      out.push({
        type: e.type,
        index,
        line,
        minerals,
        tonsPerYear: need([...p, "tons_per_year"], e.tons_per_year, R.tonsPerYear),
        online,
        ramp: opt([...p, "ramp_months"], e.ramp_months, 0, R.ramp),
        probability: opt([...p, "probability"], e.probability, 1, R.probability),
        note: e.note,
      });
    }
  });
  return out;
}

function buildSettings(b: Builder, f: CheckedFile): Pick<Scenario, "stock" | "sectors" | "priority" | "priorityFromFile"> {
  const stock = Object.entries(f.stock ?? {}).map(([mineral, v]) => {
    const p = ["stock", mineral];
    if (mineral !== "all") b.mineral(p, mineral);
    if (typeof v === "object" && "days" in v) return { mineral, unit: "days" as const, param: b.param([...p, "days"], v.days, R.days), line: b.at(p).line };
    if (typeof v === "object" && "tons" in v) return { mineral, unit: "tons" as const, param: b.param([...p, "tons"], v.tons, R.tons), line: b.at(p).line };
    return { mineral, unit: "tons" as const, param: b.param(p, v as NumberOrDist, R.tons), line: b.at(p).line };
  });
  const sectors = Object.entries(f.sectors ?? {}).map(([mineral, shares]) => {
    const p = ["sectors", mineral];
    b.mineral(p, mineral);
    let sum = 0;
    for (const [sector, share] of Object.entries(shares)) {
      if (!(share >= 0 && share <= 1)) b.fail("invalid", [...p, sector], `share ${share} is out of range`, SCENARIO_RANGES.share.expected);
      sum += share;
    }
    if (sum > 1 + SCENARIO_DEFAULTS.shareTolerance)
      b.fail("invalid", p, `sector shares sum to ${sum}`, 'shares summing to at most 1 (the rest becomes sector "other")');
    return { mineral, shares: Object.entries(shares).map(([sector, share]) => ({ sector, share })), line: b.at(p).line };
  });
  for (const [sector, v] of Object.entries(f.sector_priority ?? {})) {
    if (!(v >= SCENARIO_RANGES.priority.lo && v <= SCENARIO_RANGES.priority.hi))
      b.fail("invalid", ["sector_priority", sector], `${v} is out of range`, SCENARIO_RANGES.priority.expected);
  }
  const priority = { ...SCENARIO_DEFAULTS.sectorPriority, ...(f.sector_priority ?? {}) };
  return { stock, sectors, priority, priorityFromFile: !!f.sector_priority };
}

/**
 * The file's `probability:` (the chance the scenario happens over its horizon) and its reason: a
 * value outside [0, 1] and a probability without `probability_why:` are errors, and so is a reason
 * with no probability (it would be read as a weight that is not there).
 */
function buildProbability(b: Builder, f: CheckedFile, input: YamlInput): ScenarioProbability | undefined {
  const p = f.probability;
  const why = f.probability_why;
  if (p === undefined) {
    // a probability of the wrong type is reported already; only a file with none at all is told its reason is orphaned
    if (why !== undefined && !Object.hasOwn(input.js, "probability"))
      b.fail("bad-input", ["probability_why"], "given without probability", "probability: a number in [0, 1], or no probability_why");
    return undefined;
  }
  if (!(p >= 0 && p <= 1)) b.fail("invalid", ["probability"], `${input.source(["probability"]) ?? p} is out of range`, PROBABILITY_EXPECTED);
  // an empty or mistyped reason is reported already by its shape check
  if (why === undefined && !Object.hasOwn(input.js, "probability_why"))
    b.issues.push({
      ...b.at(["probability"]),
      field: "probability_why",
      code: "bad-input",
      message: "missing: a probability needs its reason",
      expected: PROBABILITY_WHY_EXPECTED,
    });
  return { value: p, why: why ?? "", line: b.at(["probability"]).line };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * The scenario's texts are printed as they are (report head lines, `lodestone scenarios`), so a
 * terminal escape (ESC, C1) or a bidirectional control (U+202E) in them is refused at its line; the
 * name is one line, so a newline or tab there is refused too.
 */
function checkText(b: Builder, f: CheckedFile): void {
  const check = (path: Path, text: string | undefined, oneLine: boolean) => {
    const c = text === undefined ? undefined : oneLine ? (/[\t\n]/.exec(text)?.[0] ?? CONTROL.exec(text)?.[0]) : CONTROL.exec(text)?.[0];
    if (c !== undefined)
      b.fail(
        "bad-input",
        path,
        `holds the control character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
        oneLine ? "one line of printable text" : "printable text (line breaks and tabs are fine)",
      );
  };
  check(["name"], f.name, true);
  check(["description"], f.description, false);
  check(["probability_why"], f.probability_why, false);
  f.cites?.forEach((c, i) => check(["cites", i], c, false));
  f.events.forEach((e, i) => check(["events", i, "note"], e?.note, false));
}

/**
 * Parse a scenario (YAML or JSON text; JSON is YAML) and validate it against the dataset. Every
 * problem is reported at once as file:line: field: problem, expected …; unknown mineral ids,
 * country codes and stages come with the closest valid ones. Throws LodestoneError: bad-input
 * (syntax, types, non-finite numbers), too-large (horizon), not-found (ids), invalid (ranges,
 * distributions, events that can have no effect).
 */
export function parseScenario(text: string, fileName: string, dataset: Dataset): Scenario {
  const input = readYaml(text, fileName, "a scenario mapping with name, horizon_months and events");
  // shapes field by field, then ranges, distributions and ids, all in one pass: every problem is reported
  const cx: IssueContext = { input, fields: FIELDS, format: "a field of the scenario format", expectedOf: expectedAt };
  const { file: f, issues: shapeIssues } = checkShape(cx);
  const b = new Builder(input, dataset);
  b.issues.push(...shapeIssues);
  let horizon = f.horizon_months;
  if (horizon === undefined) {
    // missing or wrong type: reported above; the events are still checked
  } else if (!Number.isInteger(horizon) || horizon < 1)
    b.fail("invalid", ["horizon_months"], `${horizon} is not a whole number of months ≥ 1`, SCENARIO_RANGES.horizon_months.expected);
  else if (horizon > SCENARIO_DEFAULTS.maxHorizon)
    b.fail("too-large", ["horizon_months"], `${horizon} months is too long`, `at most ${SCENARIO_DEFAULTS.maxHorizon}`);
  if (horizon !== undefined && !(Number.isInteger(horizon) && horizon >= 1 && horizon <= SCENARIO_DEFAULTS.maxHorizon)) horizon = undefined;
  checkText(b, f);
  const probability = buildProbability(b, f, input);
  const events = buildEvents(b, f, horizon);
  const settings = buildSettings(b, f);
  const baseline = f.baseline === undefined ? undefined : parseBaseline(f.baseline);
  if (f.baseline !== undefined && !baseline) b.fail("invalid", ["baseline"], `${JSON.stringify(f.baseline)} is not a baseline`, BASELINE_EXPECTED);
  if (b.issues.length) throw issuesError(b.issues);
  if (f.name === undefined || horizon === undefined) throw new LodestoneError("internal", "scenario checked without name or horizon");
  return {
    name: f.name,
    file: fileName,
    description: f.description,
    cites: f.cites ?? [],
    horizon,
    ...(probability ? { probability } : {}),
    exposure: f.exposure ?? "world",
    ...(baseline ? { baseline } : {}),
    params: b.params,
    events,
    ...settings,
    notes: b.notes,
  };
}
