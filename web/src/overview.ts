import * as Plot from "@observablehq/plot";
import { getJson } from "./api.js";
import { chartWidth, el, fmtUsd, sortableTable, statusBox } from "./ui.js";

/** A row of GET /risk's ranking (the fields the page reads). */
interface RiskRow {
  id: string;
  rank: number;
  value: number | null;
  valueLow: number | null;
  valueHigh: number | null;
  hhi: number | null;
  nir: number | string | null;
  importanceUsd: number | null;
  matrix: string | null;
  top1: string | null;
  note: string;
  assumed?: Record<string, { rangeBasis?: string; method?: string; at?: { file: string; row?: number } }>;
}
interface RiskJson {
  method: string;
  assumptions: string | null;
  options: { riskBands: number[]; importanceBands: number[] };
  ranking: RiskRow[];
}
interface Figure {
  source?: { file: string };
  year?: number;
}
interface MineralJson {
  id: string;
  name: string;
  dataYear?: number;
  nir?: Figure;
  price?: Figure;
  consumption?: Figure;
}

type Row = RiskRow & { name: string; assumedNote: string };

const assumedNote = (r: RiskRow) =>
  Object.entries(r.assumed ?? {})
    .map(([k, a]) => `${k} assumed${a.at ? ` (${a.at.file}${a.at.row ? `:${a.at.row}` : ""})` : ""}${a.rangeBasis ? `: ${a.rangeBasis}` : ""}`)
    .join("; ");

/** The supply-risk × importance matrix: x the composite risk (its range as a line), y and the bubble the US consumption value. */
function matrix(rows: Row[], bands: RiskJson["options"], width: number) {
  const placed = rows.filter((r) => r.value != null && r.importanceUsd != null && r.importanceUsd > 0);
  return Plot.plot({
    width,
    height: Math.round(Math.max(340, Math.min(520, width * 0.6))),
    marginLeft: 60,
    grid: true,
    x: { label: "supply risk (composite, 0–1) →", domain: [0, 1] },
    y: { type: "log", label: "↑ US consumption value (USD)", tickFormat: (d: number) => fmtUsd(d) },
    r: { range: width < 600 ? [2, 12] : [3, 22] },
    marks: [
      Plot.ruleX(bands.riskBands, { stroke: "#999", strokeDasharray: "4,3" }),
      Plot.ruleY(bands.importanceBands, { stroke: "#999", strokeDasharray: "4,3" }),
      Plot.link(
        placed.filter((r) => r.valueLow !== r.valueHigh),
        { x1: "valueLow", x2: "valueHigh", y1: "importanceUsd", y2: "importanceUsd", stroke: "#888" },
      ),
      Plot.dot(placed, {
        x: "value",
        y: "importanceUsd",
        r: "importanceUsd",
        fill: (r: Row) => (r.assumedNote ? "#e69f00" : "#0072b2"),
        fillOpacity: 0.55,
        stroke: (r: Row) => (r.assumedNote ? "#a05a00" : "#004c7a"),
        title: (r: Row) =>
          `${r.name}\nrisk ${r.value}${r.valueLow !== r.valueHigh ? ` (${r.valueLow}–${r.valueHigh})` : ""}\nUS consumption ${fmtUsd(r.importanceUsd)}\n${r.matrix ?? ""}${r.assumedNote ? `\n${r.assumedNote}` : ""}`,
      }),
      Plot.text(placed, {
        x: "value",
        y: "importanceUsd",
        text: "name",
        dy: -12,
        fontSize: 9,
        filter: (r: Row) => width >= 600 && ((r.value ?? 0) > bands.riskBands[1] || (r.importanceUsd ?? 0) > bands.importanceBands[1]),
      }),
    ],
  });
}

/** Minerals scored for risk but with no US consumption value: a strip under the matrix, so every scored mineral is shown. */
function unplacedStrip(rows: Row[], width: number) {
  const unplaced = rows.filter((r) => r.value != null && !(r.importanceUsd != null && r.importanceUsd > 0));
  return Plot.plot({
    width,
    height: 70,
    marginLeft: 60,
    x: { domain: [0, 1], label: "supply risk of minerals with no US consumption value →" },
    y: { axis: null },
    marks: [
      Plot.ruleY([0], { stroke: "#bbb" }),
      Plot.dotX(unplaced, {
        x: "value",
        r: 4,
        stroke: (r: Row) => (r.assumedNote ? "#a05a00" : "#555"),
        title: (r: Row) => `${r.name}: risk ${r.value}; no US consumption value`,
      }),
    ],
  });
}

export async function overview(view: HTMLElement, signal: AbortSignal) {
  const status = statusBox();
  view.replaceChildren(el("h1", {}, "Overview: supply risk and importance"), status.node);
  status.loading("Loading the risk ranking and the catalogue");
  let risk: RiskJson;
  let minerals: MineralJson[];
  try {
    [risk, minerals] = await Promise.all([getJson<RiskJson>("/risk", signal), getJson<MineralJson[]>("/minerals", signal)]);
  } catch (e) {
    if (!signal.aborted) status.error(e);
    return;
  }
  status.clear();
  const names = new Map(minerals.map((m) => [m.id, m.name]));
  const rows: Row[] = risk.ranking.map((r) => ({ ...r, name: names.get(r.id) ?? r.id, assumedNote: assumedNote(r) }));
  const years = [...new Set(minerals.map((m) => m.dataYear).filter((y): y is number => y != null))].sort();
  const sources = new Set<string>();
  for (const m of minerals) for (const f of [m.nir, m.price, m.consumption]) if (f?.source?.file) sources.add(f.source.file.split("/")[0]);
  if (risk.assumptions) sources.add(risk.assumptions);
  const unscored = rows.filter((r) => r.value == null);

  const chart = el("figure", { class: "chart", id: "matrix" });
  const strip = el("figure", { class: "chart", id: "unplaced" });
  const table = el("section", { id: "risk-table" });
  view.append(
    el(
      "p",
      { class: "meta" },
      `Data year ${years.join(", ") || "—"}; method ${risk.method}; sources: ${[...sources].join(", ")}. `,
      el("span", { class: "assumed-key" }, "Orange"),
      " marks a mineral with an assumed figure (†) rather than a published one.",
    ),
    chart,
    strip,
    unscored.length ? el("p", { class: "meta" }, `Not scored (too little data): ${unscored.map((r) => r.name).join(", ")}.`) : "",
    table,
  );
  const draw = () => {
    const w = chartWidth(view);
    chart.replaceChildren(
      matrix(rows, risk.options, w),
      el("figcaption", {}, "Bubble area: US consumption value. Dashed lines: the risk and importance bands."),
    );
    strip.replaceChildren(unplacedStrip(rows, w));
  };
  draw();
  const onResize = () => draw();
  window.addEventListener("resize", onResize, { signal });

  const mark = (r: Row, key: string, text: string) => (r.assumed?.[key] ? el("span", { class: "assumed", title: r.assumedNote }, `${text} †`) : text);
  table.append(
    sortableTable(
      rows,
      [
        { key: "rank", label: "Rank", value: (r) => r.rank, numeric: true },
        { key: "name", label: "Mineral", value: (r) => r.name, cell: (r) => el("a", { href: `#/mineral/${encodeURIComponent(r.id)}` }, r.name) },
        {
          key: "value",
          label: "Risk",
          value: (r) => r.value,
          numeric: true,
          cell: (r) => (r.valueLow !== r.valueHigh && r.value != null ? `${r.value} (${r.valueLow}–${r.valueHigh})` : String(r.value ?? "—")),
        },
        { key: "hhi", label: "HHI", value: (r) => r.hhi, numeric: true },
        { key: "top1", label: "Top producer", value: (r) => r.top1 },
        {
          key: "nir",
          label: "US import reliance %",
          value: (r) => (typeof r.nir === "number" ? r.nir : r.nir == null ? null : Number.parseFloat(r.nir)),
          numeric: true,
          cell: (r) => mark(r, "nir", String(r.nir ?? "—")),
        },
        { key: "importanceUsd", label: "US consumption value", value: (r) => r.importanceUsd, numeric: true, cell: (r) => fmtUsd(r.importanceUsd) },
        { key: "matrix", label: "Matrix cell", value: (r) => r.matrix },
      ],
      { caption: `${rows.length} minerals by ${risk.method} supply risk (click a heading to sort)`, sort: "rank" },
    ),
  );
}
