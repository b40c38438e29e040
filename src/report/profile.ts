import { type AssumedMark, type AssumptionSet, citeOf, findMissing } from "../assumptions/types.js";
import { baselineLabel, consumptionBaseline, isEstimated } from "../data/baseline.js";
import type { NameResolution, PartName } from "../data/names.js";
import { latestSalient, salientFor, seriesOf, sharesOf } from "../data/select.js";
import type { CountryFigure, Dataset, Figure, Mineral } from "../data/types.js";
import { SCENARIO_DEFAULTS } from "../scenario/defaults.js";
import { mineralInputs } from "../scenario/inputs.js";
import { type CatalogueEntry, catalogueEntry } from "./catalogue.js";
import { type Column, type Format, type Row, toCsv, toTable, wrapText } from "./format.js";
import { type ImportFormView, importFormView, importNote, type StandIn, standInNote, standInsOf } from "./profile-notes.js";

export const src = (f: Figure) => `${f.source.file}:${f.source.row}:${f.source.column}`;

const showValue = (f: Figure): string | number | null =>
  f.value === null ? `(${f.status})` : f.bound ? `${f.bound}${f.value}` : f.range ? `${f.range[0]}–${f.range[1]}` : f.value;

/** The consumption series d0 is taken from, year by year, beside the baselines it gives. */
export interface ConsumptionView {
  detail: string;
  /** `estimated`: USGS marks the year estimated, a bound or range included */
  years: { year: number; raw: string; tons: number | null; status: string; estimated: boolean; inDefault: boolean; source: string }[];
  /** the default baseline and `latest`, each as t/yr with the years it took */
  baselines: { rule: string; isDefault: boolean; annual: number; label: string; note?: string }[];
}

export interface Profile {
  mineral: Mineral;
  summary: CatalogueEntry;
  countryNames: Record<string, string>;
  /** when the name asked for is a part of the chapter (dysprosium in rare earths): which part, and what USGS reports for it alone */
  part?: PartName;
  consumption?: ConsumptionView;
  /** the figures an analyst assumption supplies where USGS withholds them, as simulate and plan use them (value in the assumption's unit) */
  assumed?: { quantity: "consumption" | "net import reliance" | "price"; value: number; mark: AssumedMark }[];
  /** why simulate and plan leave the mineral out (with the assumptions given), and where a documented-missing figure was looked for */
  leftOut?: { reason: string; lookedIn?: string[] };
  /**
   * Tables that are not the mineral's own: a split mineral (terbium) copies the table USGS publishes only
   * for its chapter or a sibling (all rare earths' world mine production), catalog SPLITS `inherit`
   */
  standIns?: StandIn[];
  /** the US import form that stands for the mineral's supply (risk and simulate's import exposure use it), and the stage forms risk uses instead */
  importForm?: ImportFormView;
}

/** The headline consumption row's years (salientFor, same wording as the latest usable one), with the default and latest baselines. */
function consumptionView(m: Mineral): ConsumptionView | undefined {
  const years = [...new Set(m.salient.filter((f) => f.measure === "consumption").map((f) => f.year))].sort((a, b) => a - b);
  // no usable year (tungsten: W every year): the latest year's row, so the profile shows what USGS withholds
  const head = latestSalient(m, "consumption").figure ?? (years.length ? salientFor(m, "consumption", years[years.length - 1]) : undefined);
  if (!head) return undefined;
  const def = consumptionBaseline(m, SCENARIO_DEFAULTS.baseline).result;
  const latest = consumptionBaseline(m, { kind: "latest" }).result;
  const inDefault = new Set(def?.used.map((y) => y.figure) ?? []);
  const rows = years.flatMap((y) => {
    const f = salientFor(m, "consumption", y);
    if (!f || f.detail !== head.detail) return [];
    return [
      {
        year: y,
        raw: f.raw,
        tons: typeof f.normalized === "number" ? f.normalized : null,
        status: f.status,
        estimated: isEstimated(f),
        inDefault: inDefault.has(f),
        source: src(f),
      },
    ];
  });
  const baselines = [
    ...(def ? [{ rule: baselineLabel(SCENARIO_DEFAULTS.baseline), isDefault: true, annual: def.annual, label: def.label, note: def.note }] : []),
    ...(latest && SCENARIO_DEFAULTS.baseline.kind !== "latest" ? [{ rule: "latest", isDefault: false, annual: latest.annual, label: latest.label }] : []),
  ];
  return { detail: head.detail, years: rows, baselines };
}

/** The inputs of m that the assumptions fill, as simulate and plan take them (none when m cannot be simulated even with them). */
function assumedView(m: Mineral, set: AssumptionSet | undefined): NonNullable<Profile["assumed"]> {
  const inputs = set ? mineralInputs(m, SCENARIO_DEFAULTS.baseline, set).inputs : undefined;
  if (!inputs) return [];
  const out: NonNullable<Profile["assumed"]> = [];
  if (inputs.d0.assumed) out.push({ quantity: "consumption", value: inputs.d0.value * 12, mark: inputs.d0.assumed });
  if (inputs.r.assumed) out.push({ quantity: "net import reliance", value: inputs.r.value * 100, mark: inputs.r.assumed });
  if (inputs.price.value !== null && inputs.price.assumed) out.push({ quantity: "price", value: inputs.price.value, mark: inputs.price.assumed });
  return out;
}

/** "assumed consumption (used by simulate and plan unless --assumptions none): 8,085 t (range 5,390–10,780), method, source, file:line" */
function assumedLine(a: NonNullable<Profile["assumed"]>[number]): string {
  const t = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 2 });
  const k = a.mark;
  return `assumed ${a.quantity} (used by simulate and plan unless --assumptions none): ${t(a.value)} ${k.unit} (range ${t(k.range[0])}–${t(k.range[1])}${k.basis ? `; ${k.basis}` : ""}; ${k.year}), ${k.method}, ${citeOf(k)}, ${k.at.file}:${k.at.row}`;
}

/** "simulate and plan leave terbium out: <reason> (looked in: …)" */
function leftOutLine(p: Profile): string {
  const l = p.leftOut!;
  return `simulate and plan leave ${p.mineral.id} out: ${l.reason}${l.lookedIn ? ` (looked in: ${l.lookedIn.join("; ")})` : ""}`;
}

/**
 * The profile of a mineral; `asked`, the resolved name, says which part of the chapter was asked for (if a part);
 * `assumptions`, the set simulate and plan load by default, adds the figures it fills for this mineral.
 */
export function profile(d: Dataset, m: Mineral, asked?: NameResolution, assumptions?: AssumptionSet): Profile {
  const names: Record<string, string> = {};
  const used = new Set([...m.production, ...m.reserves, ...m.capacity, ...m.importSources].map((f) => f.country));
  for (const c of d.countries) if (used.has(c.code)) names[c.code] = c.name;
  const consumption = consumptionView(m);
  const p: Profile = { mineral: m, summary: catalogueEntry(m), countryNames: names, ...(consumption ? { consumption } : {}) };
  if (asked?.kind === "part" && asked.id === m.id) p.part = asked;
  const assumed = assumedView(m, assumptions);
  if (assumed.length) p.assumed = assumed;
  const out = mineralInputs(m, SCENARIO_DEFAULTS.baseline, assumptions, d);
  if (out.reason !== undefined) {
    const gone = findMissing(assumptions, m.id, "consumption") ?? findMissing(assumptions, m.id, "net_import_reliance");
    p.leftOut = { reason: out.reason, ...(gone ? { lookedIn: gone.lookedIn } : {}) };
  }
  const standIns = standInsOf(d, m);
  if (standIns.length) p.standIns = standIns;
  const form = importFormView(m);
  if (form) p.importForm = form;
  return p;
}

const CONSUMPTION_COLS: Column[] = [
  { key: "year", plain: true },
  { key: "value", align: "right" },
  { key: "tons", label: "metric tons" },
  { key: "status" },
  { key: "d0", label: `in d0 (${baselineLabel(SCENARIO_DEFAULTS.baseline)})` },
  { key: "source" },
];

/** "d0 baseline mean:3 (default): 9,270 t/yr = mean of 2022, 2023, 2024; latest: 27,000 t/yr (2025e)" */
function baselineLine(c: ConsumptionView): string {
  const t = (v: number) => Math.round(v).toLocaleString("en-US");
  if (!c.baselines.length) return `d0 baseline: none (no year of "${c.detail}" is published in metric tons)`;
  return `d0 baseline from "${c.detail}": ${c.baselines
    .map((b) => `${b.rule}${b.isDefault ? " (default)" : ""}: ${t(b.annual)} t/yr = ${b.label}${b.note ? ` [${b.note}]` : ""}`)
    .join("; ")} (simulate/plan --baseline latest|YEAR|mean:N)`;
}

const COUNTRY_COLS: Column[] = [
  { key: "stage" },
  { key: "form" },
  { key: "year", plain: true },
  { key: "country" },
  { key: "value", align: "right" },
  { key: "unit" },
  { key: "tons", label: "metric tons" },
  { key: "share", label: "share %" },
  { key: "status" },
  { key: "source" },
];

function countryRows(figs: readonly CountryFigure[], withShares: boolean): Row[] {
  const rows: Row[] = [];
  for (const s of seriesOf(figs)) {
    const shares = withShares ? new Map(sharesOf(s).shares.map((x) => [x.figure, x.share])) : new Map();
    const ordered = [...s.countries, ...(s.other ? [s.other] : []), ...(s.world ? [s.world] : [])];
    for (const f of ordered) {
      const sh = shares.get(f);
      rows.push({
        stage: f.stage,
        form: f.form,
        year: f.year,
        country: f.country,
        value: showValue(f),
        unit: f.unit,
        tons: typeof f.normalized === "number" ? f.normalized : null,
        share: sh === undefined ? null : Math.round(sh * 1000) / 10,
        status: f.status,
        source: src(f),
      });
    }
  }
  return rows;
}

const SALIENT_COLS: Column[] = [
  { key: "measure" },
  { key: "detail" },
  { key: "year", plain: true },
  { key: "value", align: "right" },
  { key: "unit" },
  { key: "status" },
  { key: "source" },
];
const IMPORT_COLS: Column[] = [{ key: "form" }, { key: "used" }, { key: "period" }, { key: "country" }, { key: "share", label: "share %" }, { key: "source" }];

/** The sections of `lodestone mineral <id>`, each as rows and columns (one source per figure), with a note where a table needs one. */
export function profileSections(p: Profile): { title: string; note?: string; columns: Column[]; rows: Row[] }[] {
  const m = p.mineral;
  const used = (form: string) =>
    [...(form === p.importForm?.form ? ["chosen"] : []), ...(p.importForm?.stages ?? []).filter((s) => s.form === form).map((s) => `${s.stage} stage`)].join(
      ", ",
    );
  const imports = importNote(m, p.importForm);
  return [
    { ...standInNote(m, p.standIns, "production", "World production by country and stage"), columns: COUNTRY_COLS, rows: countryRows(m.production, true) },
    { title: "Reserves by country", columns: COUNTRY_COLS, rows: countryRows(m.reserves, false) },
    { title: "Capacity by country", columns: COUNTRY_COLS, rows: countryRows(m.capacity, false) },
    {
      ...standInNote(m, p.standIns, "net-import-reliance", "US salient statistics"),
      columns: SALIENT_COLS,
      rows: [...m.salient]
        .sort((a, b) => a.measure.localeCompare(b.measure) || a.detail.localeCompare(b.detail) || a.year - b.year)
        .map((f) => ({ measure: f.measure, detail: f.detail, year: f.year, value: showValue(f), unit: f.unit, status: f.status, source: src(f) })),
    },
    {
      title: "US consumption, the series d0 is taken from (e: USGS estimate)",
      columns: CONSUMPTION_COLS,
      rows: (p.consumption?.years ?? []).map((y) => ({
        year: y.year,
        value: `${y.raw}${y.estimated ? " e" : ""}`,
        tons: y.tons,
        status: y.status,
        d0: y.inDefault ? "yes" : "",
        source: y.source,
      })),
    },
    {
      ...standInNote(m, p.standIns, "importSources", "US import sources"),
      ...(imports ? { note: [standInNote(m, p.standIns, "importSources", "").note, imports].filter(Boolean).join(" ") } : {}),
      columns: IMPORT_COLS,
      rows: m.importSources.map((f) => ({
        form: f.form,
        used: used(f.form),
        period: f.period ?? f.year,
        country: f.country,
        share: showValue(f),
        source: src(f),
      })),
    },
    {
      title: "Lists",
      columns: [{ key: "list" }, { key: "name" }, { key: "source" }],
      rows: m.lists.map((l) => ({ list: l.list, name: l.name, source: `${l.source.file}:${l.source.row}:${l.source.column}` })),
    },
  ];
}

export function profileText(p: Profile): string {
  const m = p.mineral;
  const s = p.summary;
  const head = [
    `${m.name} (${m.id}) — MCS chapter ${m.chapter}`,
    p.part ? p.part.note : undefined,
    m.basis ? `Basis: ${m.basis}` : undefined,
    `Lists: ${s.lists.join(", ") || "none"}`,
    s.missing.length ? `Missing: ${s.missing.join("; ")}` : undefined,
    p.consumption ? baselineLine(p.consumption) : undefined,
    ...(p.assumed ?? []).map(assumedLine),
    p.leftOut ? leftOutLine(p) : undefined,
  ].filter(Boolean);
  // the source of each figure is a numbered note below its section, so the tables keep to 120 columns
  // (and a form, detail or unit longer than the room it has)
  const limits: Record<string, number | true> = { source: true, form: 18, detail: 28, unit: 12 };
  const noted = (columns: Column[]) => columns.map((c) => (c.key in limits ? { ...c, note: limits[c.key] } : c));
  const body = profileSections(p).map(
    (sec) =>
      `\n${wrapText(sec.title)}\n${sec.note ? `${wrapText(sec.note)}\n` : ""}${sec.rows.length ? toTable(sec.rows, noted(sec.columns)) : "(none published)\n"}`,
  );
  return `${wrapText(head.join("\n"))}\n${body.join("")}`;
}

export function profileCsv(p: Profile): string {
  const note = [...(p.part ? [p.part.note] : []), ...(p.assumed ?? []).map(assumedLine), ...(p.leftOut ? [leftOutLine(p)] : [])]
    .map((n) => `# ${n}\r\n`)
    .join("");
  return (
    note +
    profileSections(p)
      .map((sec) => `# ${sec.title}\r\n${sec.note ? `# ${sec.note}\r\n` : ""}${toCsv(sec.rows, sec.columns)}`)
      .join("\r\n")
  );
}

/** `lodestone mineral <id>`: the profile as text, CSV (one block per section) or JSON. */
export function profileReport(p: Profile, format: Format): { text: string } {
  return { text: format === "json" ? `${JSON.stringify(p, null, 2)}\n` : format === "csv" ? profileCsv(p) : profileText(p) };
}
