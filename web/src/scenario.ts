import * as Plot from "@observablehq/plot";
import { getJson, postJson, runJob } from "./api.js";
import { type Column, chartWidth, el, fmtNum, fmtUsd, sortableTable, statusBox } from "./ui.js";

interface ScenarioListing {
  id: string;
  name: string;
  horizon: number;
}
interface Quantiles {
  p10: number[];
  p50: number[];
  p90: number[];
}
/** A deterministic run's price: USD/t where P0 is known (else null, with the reason), always the multiple of P0. */
interface DetPrice {
  unit: string;
  monthly: number[] | null;
  multiple: number[];
  reason?: string;
}
interface McPrice {
  unit: string;
  monthly: Quantiles | null;
  multiple: Quantiles;
  reason?: string;
}
interface DetMineral {
  id: string;
  name: string;
  inputs: { stock1?: { value?: number }; price?: { value: number | null } };
  shortfall: number[];
  stock: number[];
  price?: DetPrice;
  sectorShortfall: { name: string; total: number; monthly: number[] }[];
  notes?: string[];
  metrics: {
    totalShortfall: number;
    daysOfCover: number | null;
    lossUsd: number | null;
    peakShortfallShare: number | null;
    peakPriceMultiple?: number | null;
  };
}
interface McMineral {
  id: string;
  name: string;
  priceUsdPerTon?: number | null;
  shortfall: Quantiles;
  stock: Quantiles;
  price?: McPrice;
  peakPriceMultiple?: { p50: number } | null;
  totalShortfall: { mean: number; p10: number; p50: number; p90: number };
  lossUsd?: { p50: number } | null;
  probAnyShortfall: number;
}
interface SimJson<M> {
  scenario: { name: string; description?: string; cites?: string[] };
  runs?: number;
  minerals?: M[];
  excluded?: { id: string; name: string; reason: string }[];
  notes?: string[];
}
type DetJson = SimJson<DetMineral>;
type McJson = SimJson<McMineral>;

/** One month of one mineral's series: the P10–P90 band and the median for a Monte Carlo, the single path (p50) otherwise. */
type Point = { mineral: string; month: number; p10?: number; p50: number; p90?: number; x?: number };

const BLUE = "#0072b2";
const ORANGE = "#d55e00";
const GREEN = "#009e73";

const points = (id: string, s: number[] | Quantiles): Point[] =>
  Array.isArray(s)
    ? s.map((v, i) => ({ mineral: id, month: i + 1, p50: v }))
    : s.p50.map((p50, i) => ({ mineral: id, month: i + 1, p10: s.p10[i], p50, p90: s.p90[i] }));

/**
 * A series by month for one mineral: the P10–P90 band (class "band") and the median for a Monte Carlo,
 * the single path otherwise (class "median" either way). Each chart has its own scale (a mineral short
 * by 1 t/month next to one short by 10,000 would otherwise be a flat line).
 */
function monthlyChart(
  pts: Point[],
  o: {
    fan: boolean;
    width: number;
    color: string;
    label: string;
    unit: string;
    fmt: (v: number | undefined) => string;
    extra?: (p: Point) => string;
    p0?: number | null;
  },
) {
  const marks: Plot.Markish[] = [Plot.ruleY([0])];
  if (o.fan) marks.push(Plot.areaY(pts, { x: "month", y1: "p10", y2: "p90", fill: o.color, fillOpacity: 0.25, curve: "step-after", className: "band" }));
  marks.push(
    Plot.line(pts, { x: "month", y: "p50", stroke: o.color, strokeWidth: 2, curve: "step-after", className: "median" }),
    Plot.tip(
      pts,
      Plot.pointerX({
        x: "month",
        y: "p50",
        title: (p: Point) =>
          `${p.mineral}, month ${p.month}: ${o.fan ? `P10 ${o.fmt(p.p10)}, P50 ${o.fmt(p.p50)}, P90 ${o.fmt(p.p90)}` : o.fmt(p.p50)} ${o.unit}${o.extra ? o.extra(p) : ""}`,
      }),
    ),
  );
  const label = `↑ ${o.label}${o.fan ? ": P10–P90, P50" : ""}`;
  const p0 = o.p0;
  if (p0) {
    // the price in USD/t on the left, the same ticks as multiples of P0 on the right (a linear rescale)
    marks.unshift(
      Plot.gridY(),
      Plot.axisY({ anchor: "left", label, tickFormat: (d: number) => o.fmt(d) }),
      Plot.axisY({ anchor: "right", label: "× P0 ↑", ticks: multipleTicks(pts, p0), tickFormat: (d: number) => `×${+(d / p0).toFixed(2)}` }),
    );
  }
  return Plot.plot({
    width: o.width,
    height: 170,
    marginLeft: 60,
    marginRight: p0 ? 50 : undefined,
    grid: true,
    x: { label: "month →" },
    y: { label, tickFormat: (d: number) => o.fmt(d) },
    marks,
  });
}

/** Round multiples of P0 for the right-hand axis (×1, and steps of 0.5, 1, 2, 5, 10 … up to the top of the chart), as prices in USD/t. */
function multipleTicks(pts: Point[], p0: number): number[] {
  const top = Math.max(1, ...pts.map((p) => Math.max(p.p50, p.p90 ?? 0))) / p0;
  const step = [0.5, 1, 2, 5, 10, 20, 50, 100].find((k) => top / k <= 5) ?? Math.ceil(top / 5);
  const ticks = new Set([1]);
  for (let k = step; k <= top + 1e-9; k += step) ticks.add(+k.toFixed(2));
  return [...ticks].filter((k) => k <= top + 1e-9).map((k) => k * p0);
}

const fmtTons = (v: number | undefined) => fmtNum(v);
const fmtMultiple = (v: number | undefined) => (v == null || !Number.isFinite(v) ? "—" : `×${v.toFixed(v < 10 ? 2 : 1)}`);

/** A figure for one chart, named so its SVG/PNG export is <id>.svg (the export buttons are added by exportableCharts). */
const figure = (id: string, title: string, chart: Element, caption?: string) =>
  el("figure", { class: "chart panel", id }, el("h4", {}, title), chart, caption ? el("figcaption", {}, caption) : null);

/** The width of one chart panel: two side by side when several are shown and the section is wide enough, else the section's width (at most 640 px). */
const panelWidth = (section: HTMLElement, panels: number) => {
  const w = section.clientWidth;
  return panels > 1 && w >= 760 ? Math.floor((w - 16) / 2) : chartWidth(section, 640);
};

/** Replace a node's children, skipping the absent ones. */
const fill = (node: Element, ...children: (Node | string | null | undefined)[]) =>
  node.replaceChildren(...children.filter((c): c is Node | string => c != null));

/** A mineral's row of the union of both kinds of run, for the charts and tables. */
interface Row {
  id: string;
  name: string;
  /** what sorts the minerals, worst first: the total shortfall (P50 for a Monte Carlo), t */
  worst: number;
  shortfall: number[] | Quantiles;
  stock: number[] | Quantiles;
  price?: DetPrice | McPrice;
  /** the pre-crisis price P0, USD/t (null: unknown) */
  p0: number | null;
}

export async function scenario(view: HTMLElement, signal: AbortSignal) {
  const status = statusBox();
  view.replaceChildren(el("h1", {}, "Scenario: run a disruption"), status.node);
  status.loading("Loading the scenarios");
  let list: ScenarioListing[];
  try {
    list = await getJson<ScenarioListing[]>("/scenarios", signal);
  } catch (e) {
    if (!signal.aborted) status.error(e);
    return;
  }
  status.clear();
  const select = el("select", { id: "scenario-pick" }, ...list.map((s) => el("option", { value: s.id }, `${s.id}: ${s.name}`)));
  const runs = el("input", { type: "number", id: "runs", min: 0, max: 10000, step: 1, value: 0, inputmode: "numeric" });
  const upload = el("input", { type: "file", id: "upload", accept: ".yaml,.yml,.json,text/yaml,application/json" });
  const clear = el("button", { type: "button", id: "clear-upload" }, "Clear file");
  clear.addEventListener("click", () => {
    upload.value = "";
  });
  const button = el("button", { type: "submit", id: "run" }, "Run");
  const form = el(
    "form",
    { class: "controls" },
    el("label", { for: "scenario-pick" }, "Scenario "),
    select,
    " ",
    el("label", { for: "runs" }, "Monte Carlo runs (0: one deterministic run) "),
    runs,
    " ",
    el("label", { for: "upload" }, "or upload a scenario file (used instead of the list) "),
    upload,
    clear,
    " ",
    button,
  );
  const runStatus = statusBox();
  const head = el("div", { id: "scenario-head" });
  const picker = el("div", { class: "controls", id: "mineral-picker" });
  const shortfall = el("section", { class: "charts", id: "shortfall", "aria-label": "Shortfall by month" });
  const price = el("section", { class: "charts", id: "price", "aria-label": "Price by month" });
  const stock = el("section", { class: "charts", id: "stock", "aria-label": "Stock by month" });
  const sectors = el("section", { class: "charts", id: "sectors", "aria-label": "Shortfall by sector" });
  const cover = el("section", { class: "charts", id: "cover-section", "aria-label": "Days of cover" });
  const table = el("section", { id: "scenario-table" });
  const sectorTable = el("section", { id: "sector-table" });
  const monthlyTable = el("section", { id: "monthly-table" });
  const notes = el("section", { id: "scenario-notes" });
  view.append(form, runStatus.node, head, picker, shortfall, price, stock, sectors, cover, table, sectorTable, monthlyTable, notes);
  const results = [head, picker, shortfall, price, stock, sectors, cover, table, sectorTable, monthlyTable, notes];

  let current: AbortController | undefined;
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    current?.abort();
    const own = new AbortController();
    current = own;
    const both = AbortSignal.any([signal, own.signal]);
    const n = Math.max(0, Math.floor(Number(runs.value) || 0));
    const file = upload.files?.[0];
    const source = file ? { yaml: await file.text() } : { scenario: select.value };
    runStatus.loading(n > 0 ? `Running ${n} Monte Carlo draws` : "Running");
    button.disabled = true;
    view.setAttribute("aria-busy", "true");
    try {
      if (n > 0) {
        // the Monte Carlo report has no per-sector summary or days of cover: one deterministic run of the same scenario gives them, said so on the page
        const det = postJson("/simulations", source, both).then(
          (r) => r.body as DetJson,
          (e: unknown) => e,
        );
        const mc = await runJob<McJson>(
          "/simulations",
          { ...source, runs: n, seed: 1 },
          (g) => runStatus.loading(`Monte Carlo: ${g.done}/${g.total} ${g.phase}`),
          both,
        );
        const d = await det;
        if (both.aborted) return;
        runStatus.clear();
        show({
          kind: "mc",
          mc,
          det: d instanceof Error || !d || typeof d !== "object" ? undefined : (d as DetJson),
          detError: d instanceof Error ? d : undefined,
        });
      } else {
        const det = await runJob<DetJson>("/simulations", source, () => {}, both);
        if (both.aborted) return;
        runStatus.clear();
        show({ kind: "det", det });
      }
    } catch (e) {
      if (both.aborted) return;
      for (const r of results) r.replaceChildren();
      runStatus.error(e);
    } finally {
      if (current === own) {
        button.disabled = false;
        view.removeAttribute("aria-busy");
      }
    }
  });

  type Shown = { kind: "det"; det: DetJson } | { kind: "mc"; mc: McJson; det?: DetJson; detError?: Error };

  const show = (s: Shown) => {
    const fan = s.kind === "mc";
    const r = s.kind === "mc" ? s.mc : s.det;
    const det = s.det;
    const detById = new Map((det?.minerals ?? []).map((m) => [m.id, m]));
    const rows: Row[] = (
      s.kind === "mc"
        ? (s.mc.minerals ?? []).map((m) => ({
            id: m.id,
            name: m.name,
            worst: m.totalShortfall.p50,
            shortfall: m.shortfall,
            stock: m.stock,
            price: m.price,
            p0: m.priceUsdPerTon ?? null,
          }))
        : (s.det.minerals ?? []).map((m) => ({
            id: m.id,
            name: m.name,
            worst: m.metrics.totalShortfall,
            shortfall: m.shortfall,
            stock: m.stock,
            price: m.price,
            p0: m.inputs.price?.value ?? null,
          }))
    ).sort((a, b) => b.worst - a.worst || a.id.localeCompare(b.id));

    fill(
      head,
      el("h2", {}, r.scenario.name),
      r.scenario.description ? el("p", { class: "meta" }, r.scenario.description) : null,
      el(
        "p",
        { class: "meta" },
        fan ? `${r.runs ?? ""} Monte Carlo runs (seed 1): the bands are P10–P90 and the line the median, month by month.` : "One deterministic run.",
      ),
    );
    showNotes(r, det);
    for (const x of [picker, shortfall, price, stock, sectors, cover, table, sectorTable, monthlyTable]) x.replaceChildren();
    if (!rows.length) {
      shortfall.replaceChildren(el("p", {}, "No mineral is affected."));
      return;
    }

    // which minerals' charts: all of them when there are few, else the worst; a select picks another (or all), worst first
    const pick = el(
      "select",
      { id: "mineral-show" },
      el("option", { value: "" }, `All ${rows.length} affected minerals`),
      ...rows.map((m) => el("option", { value: m.id }, `${m.name}: ${fmtNum(m.worst)} t short${fan ? " (P50)" : ""}`)),
    );
    pick.value = rows.length <= 4 ? "" : rows[0].id;
    picker.replaceChildren(
      el("label", { for: "mineral-show" }, "Charts for "),
      pick,
      el("span", { class: "meta" }, " (worst first: the largest total shortfall)"),
    );
    const draw = () => {
      const shown = pick.value ? rows.filter((m) => m.id === pick.value) : rows;
      drawMonthly(shown, fan);
      drawSectors(shown, s);
      drawMonthlyTable(shown, fan);
    };
    pick.addEventListener("change", draw);
    draw();
    drawCover(det, s.kind === "mc" ? s.detError : undefined, fan);
    table.replaceChildren(s.kind === "mc" ? mcTable(s.mc.minerals ?? [], s.mc.runs, detById) : detTable(s.det.minerals ?? []));
    sectorTable.replaceChildren(
      det
        ? sortableTable(
            (det.minerals ?? []).flatMap((m) =>
              m.sectorShortfall.map((x) => ({
                mineral: m.id,
                sector: x.name,
                total: x.total,
                share: m.metrics.totalShortfall > 0 ? x.total / m.metrics.totalShortfall : null,
              })),
            ),
            [
              { key: "mineral", label: "Mineral", value: (x) => x.mineral },
              { key: "sector", label: "Sector", value: (x) => x.sector },
              { key: "total", label: "Total shortfall (t)", value: (x) => x.total, numeric: true, cell: (x) => fmtNum(x.total) },
              {
                key: "share",
                label: "Share of the mineral's",
                value: (x) => x.share,
                numeric: true,
                cell: (x) => (x.share == null ? "—" : `${Math.round(x.share * 100)} %`),
              },
            ],
            { caption: fan ? "Shortfall by sector (one deterministic run of the same scenario)" : "Shortfall by sector", sort: "total", desc: true },
          )
        : "",
    );
  };

  const drawMonthly = (shown: Row[], fan: boolean) => {
    const width = panelWidth(shortfall, shown.length);
    shortfall.dataset.kind = fan ? "fan" : "path";
    price.dataset.kind = fan ? "fan" : "path";
    stock.dataset.kind = fan ? "fan" : "path";
    shortfall.replaceChildren(
      el("h3", {}, "Shortfall by month"),
      ...shown.map((m) =>
        figure(
          `shortfall-${m.id}`,
          m.name,
          monthlyChart(points(m.id, m.shortfall), { fan, width, color: BLUE, label: "shortfall (t/month)", unit: "t", fmt: fmtTons }),
        ),
      ),
    );
    const priced = shown.filter((m) => m.price);
    fill(
      price,
      el("h3", {}, "Price by month"),
      ...priced.map((m) => {
        const p = m.price!;
        const usd = p.monthly;
        const mult = p.multiple;
        const pts = usd ? points(m.id, usd) : points(m.id, mult);
        if (usd) {
          // the multiple of P0 beside the dollars in the tip
          const mp = points(m.id, mult);
          for (let i = 0; i < pts.length; i++) pts[i].x = mp[i].p50;
        }
        return figure(
          `price-${m.id}`,
          m.name,
          monthlyChart(pts, {
            fan,
            width,
            color: ORANGE,
            label: usd ? "price (USD/t)" : "price (× P0)",
            unit: usd ? "USD/t" : "× P0",
            fmt: usd ? (v) => fmtUsd(v).replace(/^\$/, "") : (v) => (v == null ? "—" : v.toFixed(2)),
            extra: usd ? (q) => ` (${fmtMultiple(q.x)} P0${fan ? " at P50" : ""})` : undefined,
            p0: usd ? m.p0 : null,
          }),
          usd
            ? `USD/t on the left; on the right the same as a multiple of the pre-crisis price P0 = ${fmtUsd(m.p0)}/t.`
            : `No pre-crisis price P0 for ${m.name}: the price is shown as a multiple of P0, not in US dollars${p.reason ? ` (${p.reason})` : ""}.`,
        );
      }),
      priced.length < shown.length
        ? el(
            "p",
            { class: "meta" },
            `No price path (no market parameters) for ${shown
              .filter((m) => !m.price)
              .map((m) => m.name)
              .join(", ")}.`,
          )
        : null,
    );
    stock.replaceChildren(
      el("h3", {}, "Stock by month (end of month)"),
      ...shown.map((m) => {
        const held = (Array.isArray(m.stock) ? m.stock : m.stock.p90).some((v) => v > 0);
        return figure(
          `stock-${m.id}`,
          m.name,
          monthlyChart(points(m.id, m.stock), { fan, width, color: GREEN, label: "stock (t)", unit: "t", fmt: fmtTons }),
          held ? undefined : "No stock is held: it stays at 0 t (the scenario's stock for this mineral is 0 or not set).",
        );
      }),
    );
  };

  const drawSectors = (shown: Row[], s: Shown) => {
    const det = s.det;
    const byId = new Map((det?.minerals ?? []).map((m) => [m.id, m]));
    const width = panelWidth(sectors, shown.length);
    const from =
      s.kind === "mc"
        ? el(
            "p",
            { class: "meta", id: "sector-source" },
            "The Monte Carlo report has no per-sector summary: the sector split below is from one deterministic run of the same scenario.",
          )
        : null;
    if (!det) {
      fill(
        sectors,
        el("h3", {}, "Shortfall by sector"),
        from,
        el("p", { class: "status error" }, `The deterministic run for the sector split failed: ${s.kind === "mc" ? (s.detError?.message ?? "") : ""}`),
      );
      return;
    }
    fill(
      sectors,
      el("h3", {}, "Shortfall by sector"),
      from,
      ...shown.flatMap((m) => {
        const d = byId.get(m.id);
        if (!d) return [];
        const data = d.sectorShortfall.map((x) => ({ sector: x.name, total: x.total }));
        return [
          figure(
            `sectors-${m.id}`,
            m.name,
            Plot.plot({
              width,
              height: 50 + 28 * data.length,
              marginLeft: 110,
              marginRight: 50,
              x: { label: "total shortfall (t) →", grid: true, tickFormat: (v: number) => fmtNum(v) },
              y: { label: null },
              marks: [
                Plot.barX(data, {
                  x: "total",
                  y: "sector",
                  fill: ORANGE,
                  sort: { y: "-x" },
                  className: "sector-bar",
                  title: (x: { sector: string; total: number }) => `${m.name}, ${x.sector}: ${fmtNum(x.total)} t`,
                }),
                Plot.text(data, { x: "total", y: "sector", text: (x: { total: number }) => fmtNum(x.total), textAnchor: "start", dx: 4 }),
                Plot.ruleX([0]),
              ],
            }),
          ),
        ];
      }),
    );
  };

  const drawCover = (det: DetJson | undefined, detError: Error | undefined, fan: boolean) => {
    const from = fan
      ? el("p", { class: "meta" }, "Days of cover from one deterministic run of the same scenario (stock at the start over the imports it replaces).")
      : null;
    if (!det) {
      fill(
        cover,
        el("h3", {}, "Days of cover"),
        from,
        el("p", { class: "status error" }, `The deterministic run for days of cover failed: ${detError?.message ?? ""}`),
      );
      return;
    }
    const ms = det.minerals ?? [];
    const data = ms.filter((m) => m.metrics.daysOfCover != null).map((m) => ({ mineral: m.name, days: m.metrics.daysOfCover as number }));
    const none = ms.filter((m) => m.metrics.daysOfCover == null);
    const width = chartWidth(cover, 640);
    fill(
      cover,
      el("h3", {}, "Days of cover"),
      from,
      data.length
        ? figure(
            "cover",
            "Days of import cover at the start, by mineral (least first)",
            Plot.plot({
              width,
              height: 50 + 22 * data.length,
              marginLeft: 120,
              marginRight: 50,
              // all zero (no stock held) would leave Plot a degenerate [0, 0] domain, drawn as full-width bars
              x: { label: "days of cover →", grid: true, domain: [0, Math.max(1, ...data.map((d) => d.days))], nice: true },
              y: { label: null },
              marks: [
                Plot.barX(data, {
                  x: "days",
                  y: "mineral",
                  fill: GREEN,
                  sort: { y: "x" },
                  className: "cover-bar",
                  title: (d: { mineral: string; days: number }) => `${d.mineral}: ${fmtNum(d.days)} days`,
                }),
                Plot.text(data, { x: "days", y: "mineral", text: (d: { days: number }) => fmtNum(d.days), textAnchor: "start", dx: 4 }),
                Plot.ruleX([0]),
              ],
            }),
            data.every((d) => d.days === 0) ? "No stock is held at the start: every mineral has 0 days of cover." : undefined,
          )
        : null,
      none.length ? el("p", { class: "meta" }, `No days of cover (no imports to cover) for ${none.map((m) => m.name).join(", ")}.`) : null,
    );
  };

  const drawMonthlyTable = (shown: Row[], fan: boolean) => {
    type M = { mineral: string; month: number; s: Point; k: Point; p?: Point; unit: string };
    const rows: M[] = shown.flatMap((m) => {
      const s = points(m.id, m.shortfall);
      const k = points(m.id, m.stock);
      const usd = m.price?.monthly;
      const p = m.price ? points(m.id, usd ?? m.price.multiple) : undefined;
      return s.map((x, i) => ({ mineral: m.id, month: x.month, s: x, k: k[i], p: p?.[i], unit: usd ? "USD/t" : "× P0" }));
    });
    const q = (label: string, get: (r: M) => Point | undefined, unit: string): Column<M>[] =>
      fan
        ? (["p10", "p50", "p90"] as const).map((k) => ({
            key: `${label}-${k}`,
            label: `${label} ${k.toUpperCase()}${unit}`,
            value: (r: M) => get(r)?.[k] ?? null,
            numeric: true,
            cell: (r: M) => fmtNum(get(r)?.[k]),
          }))
        : [{ key: label, label: `${label}${unit}`, value: (r: M) => get(r)?.p50 ?? null, numeric: true, cell: (r: M) => fmtNum(get(r)?.p50) }];
    monthlyTable.replaceChildren(
      el(
        "details",
        {},
        el("summary", {}, "Monthly figures of the minerals shown (table, CSV, XLSX)"),
        sortableTable(
          rows,
          [
            { key: "mineral", label: "Mineral", value: (r) => r.mineral },
            { key: "month", label: "Month", value: (r) => r.month, numeric: true },
            ...q("Shortfall", (r) => r.s, " (t)"),
            ...q("Stock", (r) => r.k, " (t)"),
            ...q("Price", (r) => r.p, ""),
            { key: "unit", label: "Price unit", value: (r) => r.unit },
          ],
          { caption: fan ? "Monthly P10, P50, P90" : "Monthly path", sort: "month" },
        ),
      ),
    );
  };

  const showNotes = (r: DetJson | McJson, det: DetJson | undefined) => {
    const perMineral = (det?.minerals ?? []).flatMap((m) => (m.notes ?? []).map((n) => `${m.id}: ${n}`));
    const excluded = (r.excluded ?? []).map((x) => `left out: ${x.id}: ${x.reason}`);
    const all = [...(r.notes ?? []), ...excluded, ...perMineral];
    notes.replaceChildren(
      all.length || r.scenario.cites?.length
        ? el(
            "details",
            { open: all.length <= 6 },
            el("summary", {}, `Notes (${all.length})${r.scenario.cites?.length ? ` and sources (${r.scenario.cites.length})` : ""}`),
            el("ul", { class: "notes" }, ...all.map((n) => el("li", {}, n))),
            r.scenario.cites?.length ? el("ul", { class: "notes cites" }, ...r.scenario.cites.map((c) => el("li", {}, c))) : null,
          )
        : "",
    );
  };
}

function detTable(ms: DetMineral[]) {
  return sortableTable(
    ms,
    [
      { key: "id", label: "Mineral", value: (m) => m.id },
      { key: "total", label: "Total shortfall (t)", value: (m) => m.metrics.totalShortfall, numeric: true, cell: (m) => fmtNum(m.metrics.totalShortfall) },
      {
        key: "peak",
        label: "Peak share",
        value: (m) => m.metrics.peakShortfallShare,
        numeric: true,
        cell: (m) => (m.metrics.peakShortfallShare == null ? "—" : `${Math.round(m.metrics.peakShortfallShare * 100)} %`),
      },
      { key: "stock", label: "Stock at start (t)", value: (m) => m.inputs.stock1?.value ?? null, numeric: true, cell: (m) => fmtNum(m.inputs.stock1?.value) },
      { key: "cover", label: "Days of cover", value: (m) => m.metrics.daysOfCover, numeric: true, cell: (m) => fmtNum(m.metrics.daysOfCover) },
      {
        key: "price",
        label: "Peak price ×P0",
        value: (m) => m.metrics.peakPriceMultiple ?? null,
        numeric: true,
        cell: (m) => fmtMultiple(m.metrics.peakPriceMultiple ?? undefined),
      },
      { key: "loss", label: "Loss", value: (m) => m.metrics.lossUsd, numeric: true, cell: (m) => fmtUsd(m.metrics.lossUsd) },
    ],
    { caption: "One deterministic run, by mineral", sort: "total", desc: true },
  );
}

function mcTable(ms: McMineral[], runs: number | undefined, det: Map<string, DetMineral>) {
  const cover = (m: McMineral) => det.get(m.id)?.metrics.daysOfCover ?? null;
  return sortableTable(
    ms,
    [
      { key: "id", label: "Mineral", value: (m) => m.id },
      { key: "p", label: "P(any shortfall)", value: (m) => m.probAnyShortfall, numeric: true, cell: (m) => `${Math.round(m.probAnyShortfall * 100)} %` },
      { key: "p10", label: "Total shortfall P10 (t)", value: (m) => m.totalShortfall.p10, numeric: true, cell: (m) => fmtNum(m.totalShortfall.p10) },
      { key: "p50", label: "P50 (t)", value: (m) => m.totalShortfall.p50, numeric: true, cell: (m) => fmtNum(m.totalShortfall.p50) },
      { key: "p90", label: "P90 (t)", value: (m) => m.totalShortfall.p90, numeric: true, cell: (m) => fmtNum(m.totalShortfall.p90) },
      {
        key: "price",
        label: "Peak price P50 ×P0",
        value: (m) => m.peakPriceMultiple?.p50 ?? null,
        numeric: true,
        cell: (m) => fmtMultiple(m.peakPriceMultiple?.p50),
      },
      { key: "cover", label: "Days of cover (deterministic)", value: cover, numeric: true, cell: (m) => fmtNum(cover(m)) },
      { key: "loss", label: "Loss P50", value: (m) => m.lossUsd?.p50 ?? null, numeric: true, cell: (m) => fmtUsd(m.lossUsd?.p50) },
    ],
    { caption: `${runs ?? ""} runs, by mineral`, sort: "p50", desc: true },
  );
}
