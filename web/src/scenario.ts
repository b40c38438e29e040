import * as Plot from "@observablehq/plot";
import { getJson, runJob } from "./api.js";
import { chartWidth, el, fmtNum, fmtUsd, sortableTable, statusBox } from "./ui.js";

interface ScenarioListing {
  id: string;
  name: string;
  horizon: number;
}
interface DetMineral {
  id: string;
  name: string;
  shortfall: number[];
  metrics: { totalShortfall: number; daysOfCover: number | null; lossUsd: number | null; peakShortfallShare: number | null };
}
interface Quantiles {
  p10: number[];
  p50: number[];
  p90: number[];
}
interface McMineral {
  id: string;
  name: string;
  shortfall: Quantiles;
  totalShortfall: { mean: number; p10: number; p50: number; p90: number };
  lossUsd?: { p50: number } | null;
  probAnyShortfall: number;
}
interface SimJson {
  scenario: { name: string; description?: string };
  runs?: number;
  minerals?: (DetMineral | McMineral)[];
  notes?: string[];
}

type Point = { mineral: string; month: number; p10?: number; p50: number; p90?: number };

/**
 * Shortfall by month for one mineral: the P10–P90 band and the median for a Monte Carlo, the single
 * path otherwise. One chart per mineral, each on its own scale (a mineral short by 1 t/month next to
 * one short by 10,000 would otherwise be a flat line).
 */
function shortfallChart(points: Point[], fan: boolean, width: number) {
  const marks: Plot.Markish[] = [Plot.ruleY([0])];
  if (fan) marks.push(Plot.areaY(points, { x: "month", y1: "p10", y2: "p90", fill: "#0072b2", fillOpacity: 0.25, curve: "step-after", className: "band" }));
  marks.push(
    Plot.line(points, { x: "month", y: "p50", stroke: "#0072b2", strokeWidth: 2, curve: "step-after" }),
    Plot.tip(
      points,
      Plot.pointerX({
        x: "month",
        y: "p50",
        title: (p: Point) => `${p.mineral}, month ${p.month}: ${fan ? `P10 ${fmtNum(p.p10)}, P50 ${fmtNum(p.p50)}, P90 ${fmtNum(p.p90)}` : fmtNum(p.p50)} t`,
      }),
    ),
  );
  return Plot.plot({
    width,
    height: 160,
    marginLeft: 60,
    grid: true,
    x: { label: "month →" },
    y: { label: fan ? "↑ shortfall (t/month): P10–P90, P50" : "↑ shortfall (t/month)", tickFormat: (d: number) => fmtNum(d) },
    marks,
  });
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
  const runs = el("input", { type: "number", id: "runs", min: 0, max: 10000, step: 100, value: 0, inputmode: "numeric" });
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
  const chart = el("figure", { class: "chart", id: "shortfall" });
  const table = el("section", { id: "scenario-table" });
  view.append(form, runStatus.node, head, chart, table);

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
    const body = n > 0 ? { ...source, runs: n, seed: 1 } : source;
    runStatus.loading(n > 0 ? `Running ${n} Monte Carlo draws` : "Running");
    button.disabled = true;
    try {
      const r = await runJob<SimJson>("/simulations", body, (g) => runStatus.loading(`Monte Carlo: ${g.done}/${g.total} ${g.phase}`), both);
      if (both.aborted) return;
      runStatus.clear();
      show(r, n > 0);
    } catch (e) {
      if (!both.aborted) runStatus.error(e);
    } finally {
      if (current === own) button.disabled = false;
    }
  });

  const show = (r: SimJson, fan: boolean) => {
    const ms = r.minerals ?? [];
    head.replaceChildren(el("h2", {}, r.scenario.name), ...(r.notes ?? []).slice(0, 5).map((n) => el("p", { class: "meta" }, n)));
    if (!ms.length) {
      chart.replaceChildren(el("p", {}, "No mineral is affected."));
      table.replaceChildren();
      return;
    }
    const points: Point[] = fan
      ? (ms as McMineral[]).flatMap((m) =>
          m.shortfall.p50.map((p50, i) => ({ mineral: m.id, month: i + 1, p10: m.shortfall.p10[i], p50, p90: m.shortfall.p90[i] })),
        )
      : (ms as DetMineral[]).flatMap((m) => m.shortfall.map((v, i) => ({ mineral: m.id, month: i + 1, p50: v })));
    chart.dataset.kind = fan ? "fan" : "path";
    const width = chartWidth(view);
    chart.replaceChildren(
      ...ms.map((m) =>
        el(
          "div",
          { class: "panel" },
          el("h3", {}, m.name),
          shortfallChart(
            points.filter((p) => p.mineral === m.id),
            fan,
            width,
          ),
        ),
      ),
    );
    table.replaceChildren(
      fan
        ? sortableTable(
            ms as McMineral[],
            [
              { key: "id", label: "Mineral", value: (m) => m.id },
              {
                key: "p",
                label: "P(any shortfall)",
                value: (m) => m.probAnyShortfall,
                numeric: true,
                cell: (m) => `${Math.round(m.probAnyShortfall * 100)} %`,
              },
              { key: "p10", label: "Total shortfall P10 (t)", value: (m) => m.totalShortfall.p10, numeric: true, cell: (m) => fmtNum(m.totalShortfall.p10) },
              { key: "p50", label: "P50 (t)", value: (m) => m.totalShortfall.p50, numeric: true, cell: (m) => fmtNum(m.totalShortfall.p50) },
              { key: "p90", label: "P90 (t)", value: (m) => m.totalShortfall.p90, numeric: true, cell: (m) => fmtNum(m.totalShortfall.p90) },
              { key: "loss", label: "Loss P50", value: (m) => m.lossUsd?.p50 ?? null, numeric: true, cell: (m) => fmtUsd(m.lossUsd?.p50) },
            ],
            { caption: `${r.runs ?? ""} runs, by mineral`, sort: "p50", desc: true },
          )
        : sortableTable(
            ms as DetMineral[],
            [
              { key: "id", label: "Mineral", value: (m) => m.id },
              {
                key: "total",
                label: "Total shortfall (t)",
                value: (m) => m.metrics.totalShortfall,
                numeric: true,
                cell: (m) => fmtNum(m.metrics.totalShortfall),
              },
              {
                key: "peak",
                label: "Peak share",
                value: (m) => m.metrics.peakShortfallShare,
                numeric: true,
                cell: (m) => (m.metrics.peakShortfallShare == null ? "—" : `${Math.round(m.metrics.peakShortfallShare * 100)} %`),
              },
              { key: "cover", label: "Days of cover", value: (m) => m.metrics.daysOfCover, numeric: true, cell: (m) => fmtNum(m.metrics.daysOfCover) },
              { key: "loss", label: "Loss", value: (m) => m.metrics.lossUsd, numeric: true, cell: (m) => fmtUsd(m.metrics.lossUsd) },
            ],
            { caption: "One deterministic run, by mineral", sort: "total", desc: true },
          ),
    );
  };
}
