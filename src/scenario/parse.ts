import { isMap, isSeq, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import type { $ZodIssue } from "zod/v4/core";
import { closest, LodestoneError, type ErrorCode, type Issue } from "../errors.js";
import type { Dataset } from "../data/types.js";
import { SCENARIO_DEFAULTS } from "./defaults.js";
import type { Dist, ParamSpec } from "./params.js";
import { EVENT_SCHEMAS, scenarioSchema, type EventFile, type EventType, type NumberOrDist, type ScenarioFile } from "./schema.js";
import type { MineralSel, Scenario, ScenarioEvent } from "./types.js";

type Path = readonly PropertyKey[];
type Coded = Issue & { code: ErrorCode };

/** Every field name the format knows, for "did you mean" on an unknown field. */
const FIELDS = [
  "name", "description", "cites", "horizon_months", "exposure", "stock", "sectors", "sector_priority", "events",
  "type", "countries", "minerals", "start_month", "duration_months", "severity", "stage", "note", "sector", "factor",
  "tons_per_year", "online_month", "ramp_months", "probability", "tons", "days", "triangular", "uniform", "normal",
];

/** `events[0].severity` */
export function fieldName(path: Path): string {
  return path.reduce<string>((s, p) => (typeof p === "number" ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), "");
}

/** The 1-based line of the deepest node on `path` that exists (a map entry's key line). */
function locate(doc: Document, lc: LineCounter, path: Path): number | undefined {
  let node: unknown = doc.contents;
  let line = node && (node as { range?: number[] }).range ? lc.linePos((node as { range: number[] }).range[0]).line : undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
      if (!pair) break;
      const r = (pair.key as { range?: number[] } | null)?.range;
      if (r) line = lc.linePos(r[0]).line;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number") {
      const item = node.items[seg] as { range?: number[] } | undefined;
      if (!item) break;
      if (item.range) line = lc.linePos(item.range[0]).line;
      node = item;
    } else break;
  }
  return line;
}

const describe = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "a list" : typeof v === "object" ? "a mapping" : `${typeof v} ${JSON.stringify(v)}`);

function valueAt(js: unknown, path: Path): unknown {
  let v = js;
  for (const p of path) v = v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** zod issue → Lodestone issue (what went wrong at which field, what was expected). */
function fromZod(z: $ZodIssue, js: unknown, at: (p: Path) => Issue): Issue[] {
  const path = z.path as PropertyKey[];
  const got = valueAt(js, path);
  switch (z.code) {
    case "unrecognized_keys":
      return z.keys.map((k) => ({ ...at([...path, k]), message: "unknown field", expected: "a field of the scenario format", suggestions: closest(k, FIELDS) }));
    case "invalid_type":
      if (got === undefined) return [{ ...at(path), message: "missing", expected: z.expected }];
      return [{ ...at(path), message: `wrong type: ${describe(got)}`, expected: z.expected }];
    case "invalid_union":
      if ("discriminator" in z && z.discriminator) return [{ ...at(path), message: `unknown event type ${JSON.stringify(got)}`, expected: (z as { options?: unknown[] }).options?.join(" | ") }];
      return [{ ...at(path), message: got === undefined ? "missing" : `wrong type or shape: ${describe(got)}`, expected: z.message }];
    case "invalid_value":
      return [{ ...at(path), message: `invalid value ${JSON.stringify(got)}`, expected: z.values.map((v) => String(v)).join(" | ") }];
    case "too_small":
      return [{ ...at(path), message: "empty", expected: "at least one entry" }];
    default:
      return [{ ...at(path), message: z.message }];
  }
}

type Shape = Record<string, { safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: { issues: $ZodIssue[] } } }>;

/**
 * Check a mapping field by field against `shape`, so that one bad or unknown field does not hide
 * the others: unknown keys are reported with the closest field names, each known field is parsed
 * on its own, and the fields that pass are returned (the rest are left out and reported).
 */
function checkFields(value: Record<string, unknown>, shape: Shape, path: Path, js: unknown, at: (p: Path) => Issue, issues: Issue[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    if (!(k in shape)) issues.push({ ...at([...path, k]), message: "unknown field", expected: "a field of the scenario format", suggestions: closest(k, FIELDS) });
  }
  for (const [k, schema] of Object.entries(shape)) {
    const r = schema.safeParse(value[k]);
    if (r.success) {
      if (r.data !== undefined) out[k] = r.data;
    } else issues.push(...r.error.issues.flatMap((z) => fromZod({ ...z, path: [...path, k, ...z.path] } as $ZodIssue, js, at)));
  }
  return out;
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** The file's structure, checked field by field (and event by event): what passed, and every problem. */
type CheckedFile = Partial<Omit<ScenarioFile, "events">> & { events: (Partial<EventFile> | undefined)[] };

function checkShape(js: Record<string, unknown>, at: (p: Path) => Issue): { file: CheckedFile; issues: Issue[] } {
  const issues: Issue[] = [];
  const { events: _events, ...top } = scenarioSchema.shape;
  const file = checkFields(js, { ...top, events: { safeParse: (v: unknown) => ({ success: true, data: v }) } } as Shape, [], js, at, issues) as Partial<ScenarioFile>;
  // one entry per event in the file (undefined where its type is unusable), so indices match the file
  const events: (Partial<EventFile> | undefined)[] = [];
  const raw = js.events;
  if (raw !== undefined && !Array.isArray(raw)) issues.push({ ...at(["events"]), message: `wrong type: ${describe(raw)}`, expected: "a list of events" });
  if (Array.isArray(raw)) {
    raw.forEach((e, i) => {
      const p = ["events", i];
      events.push(undefined);
      if (!isMapping(e)) return void issues.push({ ...at(p), message: `wrong type: ${describe(e)}`, expected: "an event mapping with a type" });
      const type = e.type as EventType;
      if (typeof type !== "string" || !(type in EVENT_SCHEMAS)) {
        return void issues.push({ ...at([...p, "type"]), message: e.type === undefined ? "missing event type" : `unknown event type ${JSON.stringify(e.type)}`, expected: Object.keys(EVENT_SCHEMAS).join(" | ") });
      }
      events[i] = checkFields(e, EVENT_SCHEMAS[type].shape as unknown as Shape, p, js, at, issues) as Partial<EventFile>;
    });
  }
  return { file: { ...file, events }, issues };
}

interface Range {
  lo: number;
  hi: number;
  round?: boolean;
  bernoulli?: boolean;
  /** e.g. "a share between 0 and 1" */
  expected: string;
}

const R = {
  month: { lo: 1, hi: Infinity, round: true, expected: "a month number ≥ 1" },
  months: { lo: 0, hi: Infinity, round: true, expected: "a number of months ≥ 0" },
  severity: { lo: 0, hi: 1, expected: "a share of supply withheld between 0 and 1" },
  factor: { lo: 0, hi: Infinity, expected: "a demand multiplier ≥ 0 (1.3 = +30 %)" },
  tons: { lo: 0, hi: Infinity, expected: "tons ≥ 0" },
  days: { lo: 0, hi: Infinity, expected: "days ≥ 0" },
  probability: { lo: 0, hi: 1, bernoulli: true, expected: "a probability between 0 and 1" },
} satisfies Record<string, Range>;

/** Validated parsing: shapes (zod) → ranges, distributions, ids. */
class Builder {
  readonly issues: Coded[] = [];
  readonly params: ParamSpec[] = [];
  private readonly mineralIds: string[];
  private readonly countryCodes: Set<string>;

  constructor(
    private readonly file: string,
    private readonly line: (p: Path) => number | undefined,
    private readonly dataset: Dataset,
  ) {
    this.mineralIds = dataset.minerals.map((m) => m.id);
    this.countryCodes = new Set(dataset.countries.filter((c) => !c.aggregate).map((c) => c.code));
  }

  at(path: Path): Issue {
    return { file: this.file, line: this.line(path), field: fieldName(path), message: "" };
  }

  fail(code: ErrorCode, path: Path, message: string, expected?: string, suggestions?: string[]): void {
    this.issues.push({ ...this.at(path), code, message, expected, suggestions });
  }

  /** A fixed param (a default), not from the file. */
  fixed(field: string, value: number, range: Range): number {
    this.params.push({ field, dist: { kind: "fixed", value }, lo: range.lo, hi: range.hi, round: !!range.round, bernoulli: !!range.bernoulli });
    return this.params.length - 1;
  }

  /** A number or distribution from the file, checked against the field's range. */
  param(path: Path, raw: NumberOrDist, range: Range): number {
    const inRange = (v: number) => v >= range.lo && v <= range.hi;
    const bad = (what: string) => this.fail("invalid", path, what, range.expected);
    let dist: Dist;
    if (typeof raw === "number") {
      dist = { kind: "fixed", value: raw };
      if (!inRange(raw)) bad(`${raw} is out of range`);
    } else if ("triangular" in raw) {
      const [min, mode, max] = raw.triangular;
      dist = { kind: "triangular", min, mode, max };
      if (!(min <= mode && mode <= max)) this.fail("invalid", path, `triangular [${min}, ${mode}, ${max}] is not ordered`, "[min, mode, max] with min ≤ mode ≤ max");
      else if (!inRange(min) || !inRange(max)) bad(`triangular [${min}, ${mode}, ${max}] leaves the range`);
    } else if ("uniform" in raw) {
      const [a, b] = raw.uniform;
      dist = { kind: "uniform", a, b };
      if (!(a <= b)) this.fail("invalid", path, `uniform [${a}, ${b}] is not ordered`, "[a, b] with a ≤ b");
      else if (!inRange(a) || !inRange(b)) bad(`uniform [${a}, ${b}] leaves the range`);
    } else {
      const [mean, sd] = raw.normal;
      dist = { kind: "normal", mean, sd };
      if (!(sd >= 0)) this.fail("invalid", path, `normal sd ${sd} is negative`, "[mean, sd] with sd ≥ 0");
      else if (!inRange(mean)) bad(`normal mean ${mean} is out of range`);
    }
    this.params.push({ field: fieldName(path), line: this.line(path), dist, lo: range.lo, hi: range.hi, round: !!range.round, bernoulli: !!range.bernoulli });
    return this.params.length - 1;
  }

  mineral(path: Path, id: string): void {
    if (!this.mineralIds.includes(id)) this.fail("not-found", path, `unknown mineral ${JSON.stringify(id)}`, "a mineral id (see `lodestone minerals`)", closest(id, this.mineralIds));
  }

  minerals(path: Path, sel: MineralSel): MineralSel {
    if (sel !== "all") sel.forEach((id, i) => this.mineral([...path, i], id));
    return sel;
  }

  countries(path: Path, codes: string[]): string[] {
    codes.forEach((c, i) => {
      if (this.countryCodes.has(c)) return;
      const byName = this.dataset.countries.find((k) => !k.aggregate && (k.name.toLowerCase() === c.toLowerCase() || k.aliases.some((a) => a.toLowerCase() === c.toLowerCase())));
      const suggestions = byName ? [byName.code] : closest(c, [...this.countryCodes]);
      this.fail("not-found", [...path, i], `unknown country code ${JSON.stringify(c)}`, "an ISO 3166-1 alpha-3 code such as CHN", suggestions);
    });
    return codes;
  }
}

function buildEvents(b: Builder, f: CheckedFile, horizon: number): ScenarioEvent[] {
  const out: ScenarioEvent[] = [];
  const opt = (path: Path, raw: NumberOrDist | undefined, fallback: number, range: Range) =>
    raw === undefined ? b.fixed(fieldName(path), fallback, range) : b.param(path, raw, range);
  // a required number that failed its shape check (already reported): a placeholder, never used
  const need = (path: Path, raw: NumberOrDist | undefined, range: Range) => (raw === undefined ? b.fixed(fieldName(path), range.lo, range) : b.param(path, raw, range));
  f.events.forEach((e, index) => {
    if (!e) return;
    const p = ["events", index];
    const line = b.at(p).line;
    const minerals = e.minerals === undefined ? [] : b.minerals([...p, "minerals"], e.minerals);
    if (e.type === "export_restriction") {
      const start = opt([...p, "start_month"], e.start_month, 1, R.month);
      const duration = opt([...p, "duration_months"], e.duration_months, horizon, R.months);
      const countries = b.countries([...p, "countries"], e.countries ?? []);
      out.push({ type: e.type, index, line, countries, minerals, start, duration, severity: need([...p, "severity"], e.severity, R.severity), stage: e.stage, note: e.note });
    } else if (e.type === "demand_surge") {
      const start = opt([...p, "start_month"], e.start_month, 1, R.month);
      const duration = opt([...p, "duration_months"], e.duration_months, horizon, R.months);
      out.push({ type: e.type, index, line, minerals, sector: e.sector, factor: need([...p, "factor"], e.factor, R.factor), start, duration, note: e.note });
    } else if (e.type === "new_supply") {
      out.push({
        type: e.type, index, line, minerals,
        tonsPerYear: need([...p, "tons_per_year"], e.tons_per_year, R.tons),
        online: need([...p, "online_month"], e.online_month, R.month),
        ramp: opt([...p, "ramp_months"], e.ramp_months, 0, R.months),
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
      if (!(share >= 0 && share <= 1)) b.fail("invalid", [...p, sector], `share ${share} is out of range`, "a share of use between 0 and 1");
      sum += share;
    }
    if (sum > 1 + SCENARIO_DEFAULTS.shareTolerance) b.fail("invalid", p, `sector shares sum to ${sum}`, "shares summing to at most 1 (the rest becomes sector \"other\")");
    return { mineral, shares: Object.entries(shares).map(([sector, share]) => ({ sector, share })), line: b.at(p).line };
  });
  const priority = { ...SCENARIO_DEFAULTS.sectorPriority, ...(f.sector_priority ?? {}) };
  return { stock, sectors, priority, priorityFromFile: !!f.sector_priority };
}

/** In file order (line), then field, so the list reads top to bottom. */
const sortIssues = (issues: Coded[]) => [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.field ?? "").localeCompare(b.field ?? ""));

function pickCode(issues: Coded[]): ErrorCode {
  for (const c of ["bad-input", "too-large", "not-found"] as const) if (issues.some((i) => i.code === c)) return c;
  return "invalid";
}

const strip = (i: Coded): Issue => {
  const { code: _code, ...rest } = i;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as unknown as Issue;
};

/**
 * Parse a scenario (YAML or JSON text; JSON is YAML) and validate it against the dataset. Every
 * problem is reported at once as file:line: field: problem, expected …; unknown mineral ids and
 * country codes come with the closest valid ones. Throws LodestoneError: bad-input (syntax,
 * types), too-large (horizon), not-found (ids), invalid (ranges, distributions).
 */
export function parseScenario(text: string, fileName: string, dataset: Dataset): Scenario {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    throw new LodestoneError(
      "bad-input",
      doc.errors.map((e) => ({ file: fileName, line: e.linePos?.[0]?.line ?? lc.linePos(e.pos[0]).line, message: `malformed YAML/JSON: ${e.message.split("\n")[0]}`, expected: "a YAML or JSON scenario mapping" })),
    );
  }
  const js: unknown = doc.toJS();
  const line = (p: Path) => locate(doc, lc, p);
  if (js === null || js === undefined || typeof js !== "object" || Array.isArray(js)) {
    throw new LodestoneError("bad-input", { file: fileName, line: 1, message: js == null ? "empty file" : `top level is ${describe(js)}`, expected: "a mapping with name, horizon_months and events" });
  }
  // shapes field by field, then ranges, distributions and ids, all in one pass: every problem is reported
  const at = (p: Path): Issue => ({ file: fileName, line: line(p), field: fieldName(p) || undefined, message: "" });
  const { file: f, issues: shapeIssues } = checkShape(js as Record<string, unknown>, at);
  const b = new Builder(fileName, line, dataset);
  for (const i of shapeIssues) b.issues.push({ ...i, code: "bad-input" });
  const horizon = f.horizon_months;
  if (horizon === undefined) {
    // missing or wrong type: reported above; a placeholder lets the events be checked
  } else if (!Number.isInteger(horizon) || horizon < 1) b.fail("invalid", ["horizon_months"], `${horizon} is not a whole number of months ≥ 1`, "an integer ≥ 1");
  else if (horizon > SCENARIO_DEFAULTS.maxHorizon) b.fail("too-large", ["horizon_months"], `${horizon} months is too long`, `at most ${SCENARIO_DEFAULTS.maxHorizon}`);
  const events = buildEvents(b, f, horizon ?? 1);
  const settings = buildSettings(b, f);
  if (b.issues.length) throw new LodestoneError(pickCode(b.issues), sortIssues(b.issues).map(strip));
  if (f.name === undefined || horizon === undefined) throw new LodestoneError("internal", "scenario checked without name or horizon");
  return { name: f.name, file: fileName, description: f.description, cites: f.cites ?? [], horizon, exposure: f.exposure ?? "world", params: b.params, events, ...settings };
}
