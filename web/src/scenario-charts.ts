/** The Scenario page's charts (Observable Plot): each builder takes the rows shown and returns the figures; the page places them. */
import * as Plot from "@observablehq/plot";
import { type DetJson, fmtMultiple, type Point, points, type Row } from "./scenario-data.js";
import { chartWidth, el, fmtNum, fmtUsd } from "./ui.js";

const BLUE = "#0072b2";
const ORANGE = "#d55e00";
const GREEN = "#009e73";

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

/** A figure for one chart, named so its SVG/PNG export is <id>.svg (the export buttons are added by exportableCharts). */
const figure = (id: string, title: string, chart: Element, caption?: string) =>
  el("figure", { class: "chart panel", id }, el("h4", {}, title), chart, caption ? el("figcaption", {}, caption) : null);

/** The width of one chart panel: two side by side when several are shown and the section is wide enough, else the section's width (at most 640 px). */
export const panelWidth = (section: HTMLElement, panels: number) => {
  const w = section.clientWidth;
  return panels > 1 && w >= 760 ? Math.floor((w - 16) / 2) : chartWidth(section, 640);
};

/** One shortfall chart (t/month) per mineral shown: its path, or its P10–P90 fan and median for a Monte Carlo. */
export const shortfallFigures = (shown: Row[], fan: boolean, width: number) =>
  shown.map((m) =>
    figure(
      `shortfall-${m.id}`,
      m.name,
      monthlyChart(points(m.id, m.shortfall), { fan, width, color: BLUE, label: "shortfall (t/month)", unit: "t", fmt: fmtNum }),
    ),
  );

/** One price chart per mineral shown that has a price path (USD/t with ×P0 beside, or ×P0 alone when P0 is unknown), then a note naming those without (null when none). */
export function priceFigures(shown: Row[], fan: boolean, width: number): (Element | null)[] {
  const priced = shown.filter((m) => m.price);
  return [
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
  ];
}

/** One end-of-month stock chart (t) per mineral shown, captioned when no stock is held. */
export const stockFigures = (shown: Row[], fan: boolean, width: number) =>
  shown.map((m) => {
    const held = (Array.isArray(m.stock) ? m.stock : m.stock.p90).some((v) => v > 0);
    return figure(
      `stock-${m.id}`,
      m.name,
      monthlyChart(points(m.id, m.stock), { fan, width, color: GREEN, label: "stock (t)", unit: "t", fmt: fmtNum }),
      held ? undefined : "No stock is held: it stays at 0 t (the scenario's stock for this mineral is 0 or not set).",
    );
  });

/** One bar chart per mineral shown of its total shortfall by sector (class "sector-bar"), from the deterministic run `det` (none for a mineral it lacks). */
export function sectorFigures(shown: Row[], det: DetJson, width: number): Element[] {
  const byId = new Map((det.minerals ?? []).map((m) => [m.id, m]));
  return shown.flatMap((m) => {
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
  });
}

/** The days of import cover at the start, one bar per mineral of `det`, least first (figure "cover", class "cover-bar"); then a note naming the minerals with none. */
export function coverFigures(det: DetJson, width: number): (Element | null)[] {
  const ms = det.minerals ?? [];
  const data = ms.filter((m) => m.metrics.daysOfCover != null).map((m) => ({ mineral: m.name, days: m.metrics.daysOfCover as number }));
  const none = ms.filter((m) => m.metrics.daysOfCover == null);
  return [
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
  ];
}
