import * as Plot from "@observablehq/plot";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countries110m from "world-atlas/countries-110m.json";
import { getJson } from "./api.js";
import type { AssumedMark } from "./assumed.js";
import { ISO_NUMERIC } from "./iso-numeric.js";
import { chartWidth, el, fmtNum, fmtUsd, sortableTable, statusBox } from "./ui.js";

/** A figure of GET /minerals/{id} (the fields the page reads): every one carries its file:row. */
interface Figure {
  value: number | string | null;
  unit: string;
  year: number;
  status: string;
  raw?: string;
  source: { file: string; row?: number; column?: string };
  estimated?: boolean;
  normalized?: number | string | null;
  normalizedUnit?: string;
  note?: string;
  country?: string;
  stage?: string;
  form?: string;
  measure?: string;
  detail?: string;
  period?: string;
}
interface StageSummary {
  stage: string;
  form: string;
  year: number;
  top?: { country: string; share: number };
  hhi?: number | null;
  caveats?: string[];
}
interface ProfileJson {
  mineral: { id: string; name: string; basis?: string; production: Figure[]; reserves: Figure[]; salient: Figure[]; importSources: Figure[] };
  summary: { stages: StageSummary[]; lead?: StageSummary; dataYear?: number; missing?: string[] };
  countryNames: Record<string, string>;
  assumed?: { quantity: string; value: number; mark: AssumedMark }[];
  /** the product form whose import sources risk uses, why, and the others USGS lists */
  importForm?: { form: string; why?: string; others?: string[] };
}

/** A listed name with no USGS chapter (uranium): what the assumptions file holds, and why it is not modelled. */
interface NoChapterJson {
  kind: "no-chapter";
  name: string;
  lists: string[];
  usgs: string;
  note: string;
  assumptionsFile?: string | null;
  assumed: { quantity: string; value: number; unit: string; year: number; range: [number, number]; basis?: string; method: string; cite: string; at: string }[];
  missing?: { quantity: string; reason: string; at: string }[];
  notModelled?: string;
}

/** The page for a name USGS has no chapter for: its held figures (each with range, method and source) and why it is not scored, simulated or planned. */
function noChapterView(j: NoChapterJson): Node[] {
  const full = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 2 });
  return [
    el("p", { class: "meta", id: "no-chapter" }, j.usgs),
    el("p", { class: "meta" }, `Lists: ${j.lists.join(", ")}.`),
    j.assumed.length
      ? sortableTable(
          j.assumed,
          [
            { key: "quantity", label: "Figure", value: (a) => a.quantity.replace(/_/g, " ") },
            { key: "value", label: "Value", value: (a) => a.value, numeric: true, cell: (a) => `${full(a.value)} ${a.unit}` },
            { key: "range", label: "Range", value: (a) => a.range[0], numeric: true, cell: (a) => `${full(a.range[0])}–${full(a.range[1])}` },
            { key: "year", label: "Year", value: (a) => a.year, numeric: true, cell: (a) => String(a.year) },
            { key: "source", label: "Source", value: (a) => a.cite, cell: (a) => el("span", { title: `${a.method}\n${a.at}` }, a.cite) },
          ],
          { caption: `Analyst assumptions (${j.assumptionsFile ?? "none loaded"}): held, not applied`, sort: "quantity" },
        )
      : el("p", { class: "meta" }, `${j.assumptionsFile ?? "No assumptions file"} gives no figure for ${j.name}.`),
    el("p", { class: "meta" }, j.notModelled ?? j.note),
  ];
}

/** "usgs-mcs2026/MCS2026_Commodities_Data.csv:2557" */
const at = (f: { source?: { file: string; row?: number }; at?: { file: string; row?: number } }) => {
  const s = f.source ?? f.at;
  return s ? `${s.file}${s.row ? `:${s.row}` : ""}` : "";
};
const num = (f: Figure) => (typeof f.normalized === "number" && Number.isFinite(f.normalized) ? f.normalized : null);
const pct = (v: number) => `${(v * 100).toLocaleString("en-US", { maximumFractionDigits: v < 0.01 ? 2 : 1 })} %`;

/** One country's figure for a stage, with its share of the world figure. */
interface Share {
  country: string;
  name: string;
  stage: string;
  year: number;
  tons: number | null;
  unit: string;
  share: number | null;
  status: string;
  figure: Figure;
}

/**
 * The country rows of one stage and year with their shares. The denominator is the World row, or the
 * sum of the country rows (with any "Other countries") when that is larger, as the catalogue's HHI takes
 * it (USGS rounds the World total).
 */
function shares(p: ProfileJson, figures: Figure[], stage: string, year: number, form?: string): Share[] {
  const rows = figures.filter((f) => (f.stage ?? "reserves") === stage && f.year === year && (form === undefined || f.form === form));
  const world = rows.find((f) => f.country === "WORLD");
  const sum = rows.filter((f) => f.country !== "WORLD").reduce((s, f) => s + (num(f) ?? 0), 0);
  const total = Math.max(world ? (num(world) ?? 0) : 0, sum);
  return rows
    .filter((f) => f.country !== "WORLD")
    .map((f) => {
      const tons = num(f);
      return {
        country: f.country ?? "",
        name: p.countryNames[f.country ?? ""] ?? f.country ?? "",
        stage,
        year,
        tons,
        unit: f.normalizedUnit ?? f.unit,
        share: tons != null && total > 0 ? tons / total : null,
        status: f.status,
        figure: f,
      };
    });
}

type CountryFeature = Feature<Geometry, { name: string }>;
const topology = countries110m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
let world: FeatureCollection<Geometry, { name: string }> | undefined;
/** The countries of world-atlas (bundled; Natural Earth 1:110m), converted once. */
const worldCountries = () => {
  world ??= feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  return world;
};

/** The production map of one stage: each country filled by its share of world production; its figure and source on hover. */
function productionMap(rows: Share[], lead: StageSummary, width: number) {
  const byNumeric = new Map<string, Share>();
  for (const r of rows) {
    const n = ISO_NUMERIC[r.country];
    if (n && r.share != null) byNumeric.set(n, r);
  }
  const countries = worldCountries().features as CountryFeature[];
  const max = Math.max(0.01, ...rows.map((r) => r.share ?? 0));
  const rowOf = (f: CountryFeature) => (f.id === undefined ? undefined : byNumeric.get(String(f.id)));
  const share = (f: CountryFeature) => rowOf(f)?.share ?? 0;
  const title = (f: CountryFeature) => {
    const r = rowOf(f);
    if (!r) return `${f.properties.name}: no ${lead.stage} figure for ${lead.year}`;
    return `${r.name}: ${pct(r.share ?? 0)} of world ${lead.stage} production, ${fmtNum(r.tons)} ${r.unit} in ${r.year}${r.status === "estimated" ? " (estimated)" : ""}\nsource: ${at(r.figure)}`;
  };
  return Plot.plot({
    width,
    height: Math.round(width * 0.52),
    projection: { type: "equal-earth", domain: { type: "Sphere" } },
    color: {
      type: "linear",
      domain: [0, max],
      range: ["#deebf7", "#08306b"],
      label: `share of world ${lead.stage} production`,
      legend: true,
      tickFormat: (d: number) => pct(d),
    },
    marks: [
      Plot.sphere({ stroke: "#bbb" }),
      // Plot leaves out a shape whose fill is missing, so the countries with no share are a grey layer of their own
      Plot.geo(
        countries.filter((f) => !(share(f) > 0)),
        { fill: "#e5e5e5", stroke: "#fff", strokeWidth: 0.4, title },
      ),
      Plot.geo(
        countries.filter((f) => share(f) > 0),
        { fill: share, stroke: "#fff", strokeWidth: 0.4, title },
      ),
    ],
  });
}

/** The import-source rows of the form risk uses (each form's shares sum to 100 %; several forms together would not), else every row. */
function importRows(p: ProfileJson): Figure[] {
  const form = p.importForm?.form;
  const own = form ? p.mineral.importSources.filter((f) => f.form === form) : [];
  return own.length ? own : p.mineral.importSources;
}

/** What the import chart shows: the chosen form, why, and the other forms USGS lists. */
function importNote(p: ProfileJson): Node | string {
  const f = p.importForm;
  if (!f || !p.mineral.importSources.some((x) => x.form === f.form)) return "";
  const others = [...new Set(p.mineral.importSources.map((x) => x.form).filter((x): x is string => !!x && x !== f.form))];
  return el(
    "p",
    { class: "meta", id: "import-form" },
    `Shown: ${f.form}, the form the risk measures use${f.why ? ` (${f.why})` : ""}.${others.length ? ` USGS also lists: ${others.join("; ")} (lodestone mineral ${p.mineral.id} prints them).` : ""}`,
  );
}

/** US import sources: a bar per country, its share of imports over the period, for one product form. */
function importBars(p: ProfileJson, width: number) {
  const rows = importRows(p)
    .filter((f) => typeof f.normalized === "number")
    .map((f) => ({ name: p.countryNames[f.country ?? ""] ?? f.country ?? "", share: f.normalized as number, f }));
  return Plot.plot({
    width,
    height: 40 + rows.length * 26,
    marginLeft: Math.min(160, width * 0.35),
    x: { label: `share of US imports (%)${rows[0]?.f.period ? `, ${rows[0].f.period}` : ""} →`, grid: true },
    y: { label: null, domain: rows.sort((a, b) => b.share - a.share).map((r) => r.name) },
    marks: [
      Plot.barX(rows, {
        x: "share",
        y: "name",
        fill: "#0072b2",
        title: (r: (typeof rows)[number]) => `${r.name}: ${r.share} %${r.f.form ? ` (${r.f.form})` : ""}\nsource: ${at(r.f)}`,
      }),
      Plot.ruleX([0]),
    ],
  });
}

interface Point {
  year: number;
  value: number;
  series: string;
  estimated: boolean;
  assumed: boolean;
  title: string;
}

/** A line by year per series; estimated points hollow, assumed ones orange with †. */
function yearLine(points: Point[], width: number, y: Plot.ScaleOptions) {
  const several = new Set(points.map((p) => p.series)).size > 1;
  return Plot.plot({
    width,
    height: Math.round(Math.max(220, Math.min(320, width * 0.4))),
    marginLeft: 64,
    x: { label: "year", tickFormat: "d", interval: 1 },
    y: { grid: true, nice: true, ...y },
    color: several ? { legend: true, type: "categorical" } : undefined,
    marks: [
      Plot.line(
        points.filter((p) => !p.assumed),
        { x: "year", y: "value", stroke: several ? "series" : "#0072b2", sort: "year" },
      ),
      // three dot layers, as a channel mixing series names and colours would turn the colours into categories
      Plot.dot(
        points.filter((p) => !p.assumed && !p.estimated),
        { x: "year", y: "value", r: 4, fill: several ? "series" : "#0072b2", title: "title" },
      ),
      Plot.dot(
        points.filter((p) => !p.assumed && p.estimated),
        { x: "year", y: "value", r: 4, fill: "#fff", stroke: several ? "series" : "#0072b2", strokeWidth: 2, title: "title" },
      ),
      Plot.dot(
        points.filter((p) => p.assumed),
        { x: "year", y: "value", r: 5, fill: "#e69f00", stroke: "#a05a00", title: "title" },
      ),
      Plot.text(
        points.filter((p) => p.assumed),
        { x: "year", y: "value", text: () => "†", dy: -10, fill: "#a05a00" },
      ),
    ],
  });
}

const assumedOf = (p: ProfileJson, quantity: string) => p.assumed?.find((a) => a.quantity === quantity);
const assumedText = (a: { quantity: string; value: number; mark: AssumedMark }) =>
  `assumed ${a.quantity}: ${fmtNum(a.value)} ${a.mark.unit} (range ${fmtNum(a.mark.range[0])}–${fmtNum(a.mark.range[1])}; ${a.mark.year}), ${a.mark.method}${a.mark.rangeBasis ? ` ${a.mark.rangeBasis}` : ""} — ${at({ at: a.mark.at })}`;

/** Series of a salient measure (with bySeries, one per wording of the row: prices of different grades), numeric years only, each point naming its source. */
function salientPoints(p: ProfileJson, measure: string, fmt: (v: number) => string, bySeries: boolean): Point[] {
  const pts = p.mineral.salient
    .filter((f) => f.measure === measure && num(f) != null)
    .map((f) => {
      const estimated = f.status === "estimated" || !!f.estimated;
      const value = num(f) as number;
      return {
        year: f.year,
        value,
        series: bySeries ? (f.detail ?? measure).replace(/^Price, /, "") : measure,
        estimated,
        assumed: false,
        title: `${f.year}${estimated ? "e" : ""}: ${fmt(value)} (${f.raw ?? f.value} ${f.unit})\n${f.detail ?? ""}\nsource: ${at(f)}`,
      };
    });
  // one point per series and year: the later file (MCS 2026 over MCS 2025) restates the earlier
  const seen = new Map<string, Point>();
  for (const pt of pts) seen.set(`${pt.series}|${pt.year}`, pt);
  return [...seen.values()];
}

/** The mineral's id from the hash (#/mineral/<id>). */
const idFromHash = () => decodeURIComponent(location.hash.replace(/^#\/?/, "").split("/")[1] ?? "");

export async function mineral(view: HTMLElement, signal: AbortSignal) {
  const id = idFromHash();
  const status = statusBox();
  const heading = el("h1", {}, `Mineral: ${id || "—"}`);
  view.replaceChildren(el("p", { class: "meta" }, el("a", { href: "#/" }, "← Overview")), heading, status.node);
  status.loading(`Loading the profile of ${id}`);
  let p: ProfileJson;
  try {
    if (!id) throw new Error("no mineral named: open a mineral from the overview (#/mineral/<id>)");
    const answer = await getJson<ProfileJson | NoChapterJson>(`/minerals/${encodeURIComponent(id)}`, signal);
    if ("kind" in answer && answer.kind === "no-chapter") {
      status.clear();
      heading.textContent = answer.name.charAt(0).toUpperCase() + answer.name.slice(1);
      view.append(...noChapterView(answer));
      return;
    }
    p = answer as ProfileJson;
  } catch (e) {
    if (!signal.aborted) status.error(e);
    return;
  }
  status.clear();
  const m = p.mineral;
  heading.textContent = m.name;
  view.dataset.mineral = m.id;
  const lead = p.summary.lead;
  // the map shows one stage at a time (copper: mine and refinery; bauxite: mine, alumina: refinery), the lead stage first
  const stages = p.summary.stages;
  let shown = lead ? (stages.find((s) => s.stage === lead.stage && s.form === lead.form) ?? lead) : undefined;
  const stageRows = new Map(stages.map((s) => [s, shares(p, m.production, s.stage, s.year, s.form)]));
  const stageLabel = (s: StageSummary) => `${s.stage}${s.form && s.form !== m.name ? ` (${s.form.replace(/:.*$/, "")})` : ""}`;

  // the table: every stage's country figures for its year (the catalogue's), and the reserves of their latest year
  const tableRows: Share[] = p.summary.stages.flatMap((s) => shares(p, m.production, s.stage, s.year, s.form));
  const reserveYear = Math.max(-Infinity, ...m.reserves.map((f) => f.year));
  if (Number.isFinite(reserveYear)) tableRows.push(...shares(p, m.reserves, "reserves", reserveYear));
  // the lead stage first, the reserves last, each by amount: the table's first order (by stage) keeps it
  const stageOrder = [...new Set([lead?.stage, ...p.summary.stages.map((st) => st.stage), "reserves"])];
  tableRows.sort((a, b) => stageOrder.indexOf(a.stage) - stageOrder.indexOf(b.stage) || (b.tons ?? -1) - (a.tons ?? -1));

  const mapFig = el("figure", { class: "chart", id: "production-map" });
  const mapHeading = el("h2", { id: "production-map-heading" }, "World production");
  const stageButtons = stages.map((s) => {
    const b = el("button", { type: "button", "aria-pressed": String(s === shown), "data-stage": s.stage }, stageLabel(s));
    b.addEventListener("click", () => pickStage(s));
    return b;
  });
  const stagePicker = el(
    "div",
    { class: "stage-picker", id: "stage-picker", role: "group", "aria-label": "Stage shown on the map" },
    "Stage: ",
    ...stageButtons,
  );
  const mapTitle = (s: StageSummary) => `World ${s.stage} production, ${s.year}${s.form && s.form !== m.name ? ` (${s.form})` : ""}`;
  if (shown) mapHeading.textContent = mapTitle(shown);
  const drawMap = (w: number) => {
    if (!shown) return;
    mapFig.dataset.stage = shown.stage;
    mapFig.replaceChildren(
      productionMap(stageRows.get(shown) ?? shares(p, m.production, shown.stage, shown.year, shown.form), shown, w),
      el(
        "figcaption",
        {},
        `${shown.stage[0]!.toUpperCase()}${shown.stage.slice(1)} stage: share of the ${shown.year} world figure; grey: no figure. ${(shown.caveats ?? []).join(" ")}`,
      ),
    );
  };
  function pickStage(s: StageSummary) {
    shown = s;
    mapHeading.textContent = mapTitle(s);
    stageButtons.forEach((b, i) => b.setAttribute("aria-pressed", String(stages[i] === s)));
    drawMap(chartWidth(view));
  }
  const importsFig = el("figure", { class: "chart", id: "imports" });
  const nirFig = el("figure", { class: "chart", id: "nir" });
  const priceFig = el("figure", { class: "chart", id: "price" });
  const assumed = p.assumed ?? [];
  view.append(
    el(
      "p",
      { class: "meta" },
      `${m.basis ?? ""} Data year ${p.summary.dataYear ?? "—"}. Hover a country, bar or point for its figure and source (file:row). Hollow points are USGS estimates; `,
      el("span", { class: "assumed-key" }, "orange †"),
      " marks an analyst's assumed figure where USGS withholds one.",
    ),
    assumed.length
      ? el("ul", { class: "assumed-list", id: "assumed" }, ...assumed.map((a) => el("li", {}, el("span", { class: "assumed" }, "† "), assumedText(a))))
      : "",
    mapHeading,
    stages.length > 1 ? stagePicker : "",
    lead ? mapFig : el("p", { class: "meta" }, "USGS gives no production by country for this mineral."),
    el("section", { id: "production-table" }),
    el("h2", {}, "US import sources"),
    m.importSources.length ? importsFig : el("p", { class: "meta" }, "No import sources listed."),
    importNote(p),
    el("h2", {}, "US net import reliance"),
    nirFig,
    el("h2", {}, "Price"),
    priceFig,
  );
  const tableSection = view.querySelector<HTMLElement>("#production-table")!;
  if (tableRows.length)
    tableSection.append(
      sortableTable(
        tableRows,
        [
          { key: "name", label: "Country", value: (r) => r.name },
          {
            key: "stage",
            label: "Stage",
            value: (r) => stageOrder.indexOf(r.stage),
            cell: (r) => `${r.stage}${r.figure.form && r.figure.form !== m.name ? ` (${r.figure.form})` : ""}`,
          },
          { key: "year", label: "Year", value: (r) => r.year, numeric: true },
          {
            key: "tons",
            label: "Amount",
            value: (r) => r.tons,
            numeric: true,
            cell: (r) => (r.tons == null ? (r.figure.raw ?? r.status) : `${fmtNum(r.tons)} ${r.unit}${r.status === "estimated" ? " e" : ""}`),
          },
          { key: "share", label: "Share of world", value: (r) => r.share, numeric: true, cell: (r) => (r.share == null ? "—" : pct(r.share)) },
          { key: "source", label: "Source", value: (r) => at(r.figure) },
        ],
        { caption: "Production by country and stage (and reserves); e = estimated", sort: "stage" },
      ),
    );

  const nirPoints = salientPoints(p, "net-import-reliance", (v) => `${fmtNum(v)} %`, false);
  const nirAssumed = assumedOf(p, "net import reliance");
  if (nirAssumed)
    nirPoints.push({
      year: nirAssumed.mark.year,
      value: nirAssumed.value,
      series: "assumed",
      estimated: false,
      assumed: true,
      title: `† ${assumedText(nirAssumed)}`,
    });
  const pricePoints = salientPoints(p, "price", (v) => `${fmtUsd(v)}/t`, true);
  const priceAssumed = assumedOf(p, "price");
  if (priceAssumed)
    pricePoints.push({
      year: priceAssumed.mark.year,
      value: priceAssumed.value,
      series: "assumed",
      estimated: false,
      assumed: true,
      title: `† ${assumedText(priceAssumed)}`,
    });

  const draw = () => {
    const w = chartWidth(view);
    drawMap(w);
    if (m.importSources.length) importsFig.replaceChildren(importBars(p, w));
    nirFig.replaceChildren(
      nirPoints.length
        ? yearLine(nirPoints, w, {
            label: "↑ net import reliance (% of consumption)",
            domain: [Math.min(0, ...nirPoints.map((q) => q.value)), Math.max(100, ...nirPoints.map((q) => q.value))],
          })
        : el("p", { class: "meta" }, "No numeric net import reliance (USGS may report it as withheld or as a net exporter)."),
    );
    priceFig.replaceChildren(
      pricePoints.length
        ? yearLine(pricePoints, w, { label: "↑ USD per metric ton", tickFormat: (d: number) => fmtUsd(d) })
        : el("p", { class: "meta" }, "No price series."),
    );
  };
  draw();
  window.addEventListener("resize", () => draw(), { signal });
}
