import * as Plot from "@observablehq/plot";
import { getJson, runJob } from "./api.js";
import { chartWidth, el, fmtNum, fmtUsd, sortableTable, statusBox } from "./ui.js";

interface ScenarioListing {
  id: string;
  name: string;
}
interface PlanMineral {
  id: string;
  buyTons: number;
  costUsd: number;
  daysOfCover: number | null;
  shortfallBefore: number;
  shortfallAfter: number;
}
interface PlanJson {
  status: string;
  budgetUsd: number;
  spentUsd: number;
  unspentUsd: number;
  valueBeforeUsd: number;
  valueAfterUsd: number;
  netBenefitUsd: number;
  minerals: PlanMineral[];
  projects: { id: string; funded?: boolean }[];
}
interface FrontierJson {
  points: { budgetUsd: number; status: string; spentUsd: number; valueAfterUsd: number; marginalValue: number | null }[];
  flattensAt: { budgetUsd: number; spentUsd: number } | null;
}

/** The slider's range: the frontier is computed over the same span, so the marker always falls on it. */
const MAX_BUDGET = 6e9;
const STEP = 0.1e9;
const FRONTIER_STEPS = 30;
const DEFAULT_BUDGET = 1e9;

function allocationBars(p: PlanJson, width: number) {
  const bought = p.minerals.filter((m) => m.buyTons > 0).sort((a, b) => b.costUsd - a.costUsd);
  if (!bought.length) return el("p", { class: "meta" }, "This budget buys nothing.");
  return Plot.plot({
    width,
    height: 40 + bought.length * 22,
    marginLeft: 110,
    x: { label: "spent (USD) →", tickFormat: (d: number) => fmtUsd(d), grid: true },
    y: { label: null },
    marks: [
      Plot.barX(bought, {
        y: "id",
        x: "costUsd",
        fill: "#0072b2",
        sort: { y: "-x" },
        title: (m: PlanMineral) => `${m.id}: ${fmtNum(m.buyTons)} t, ${fmtUsd(m.costUsd)}`,
      }),
      Plot.ruleX([0]),
    ],
  });
}

/** Expected loss after the plan against the budget, the current budget marked and where extra money stops helping. */
function frontierChart(f: FrontierJson, budget: number, width: number) {
  const pts = f.points.filter((p) => p.status === "optimal");
  const marks: Plot.Markish[] = [
    Plot.line(pts, { x: "budgetUsd", y: "valueAfterUsd", stroke: "#0072b2" }),
    Plot.dot(pts, {
      x: "budgetUsd",
      y: "valueAfterUsd",
      r: 2.5,
      fill: "#0072b2",
      title: (p: FrontierJson["points"][0]) => `${fmtUsd(p.budgetUsd)}: expected loss ${fmtUsd(p.valueAfterUsd)}`,
    }),
    Plot.ruleX([budget], { stroke: "#d55e00", strokeWidth: 2 }),
    Plot.text([budget], {
      x: (d: number) => d,
      frameAnchor: "top",
      text: () => `budget ${fmtUsd(budget)}`,
      dy: -4,
      fill: "#d55e00",
      textAnchor: "start",
      dx: 4,
    }),
  ];
  if (f.flattensAt) {
    marks.push(
      Plot.ruleX([f.flattensAt.budgetUsd], { stroke: "#009e73", strokeDasharray: "4,3" }),
      Plot.text([f.flattensAt.budgetUsd], {
        x: (d: number) => d,
        frameAnchor: "bottom",
        text: () => `flattens at ${fmtUsd(f.flattensAt!.budgetUsd)}`,
        dy: -16,
        dx: 4,
        textAnchor: "start",
        fill: "#00734f",
      }),
    );
  }
  return Plot.plot({
    width,
    height: 300,
    marginLeft: 60,
    marginTop: 24,
    grid: true,
    x: { label: "budget (USD) →", tickFormat: (d: number) => fmtUsd(d) },
    y: { label: "↑ expected loss after the plan (USD)", tickFormat: (d: number) => fmtUsd(d), zero: true },
    marks,
  });
}

export async function plan(view: HTMLElement, signal: AbortSignal) {
  const status = statusBox();
  view.replaceChildren(el("h1", {}, "Plan: budget and scenarios"), status.node);
  status.loading("Loading the scenarios");
  let scenarios: ScenarioListing[];
  try {
    scenarios = await getJson<ScenarioListing[]>("/scenarios", signal);
  } catch (e) {
    if (!signal.aborted) status.error(e);
    return;
  }
  status.clear();

  const slider = el("input", { type: "range", id: "budget", min: 0, max: MAX_BUDGET, step: STEP, value: DEFAULT_BUDGET, "aria-describedby": "budget-out" });
  const out = el("output", { id: "budget-out", for: "budget" }, fmtUsd(DEFAULT_BUDGET));
  const boxes = scenarios.map((s) => el("input", { type: "checkbox", name: "scenario", value: s.id, checked: true }));
  const set = el(
    "fieldset",
    { class: "scenario-set" },
    el("legend", {}, "Scenario set (equal weights)"),
    ...scenarios.map((s, i) => el("label", { title: s.name }, boxes[i], ` ${s.id}`)),
  );
  const planStatus = statusBox();
  const frontierStatus = statusBox();
  const summary = el("dl", { class: "summary", id: "plan-summary" });
  const bars = el("figure", { class: "chart", id: "allocation" });
  const table = el("section", { id: "plan-table" });
  const frontier = el("figure", { class: "chart", id: "frontier" });
  view.append(
    el("div", { class: "controls" }, el("label", { for: "budget" }, "Budget "), slider, " ", out),
    set,
    el("h2", {}, "Allocation"),
    planStatus.node,
    summary,
    bars,
    table,
    el("h2", {}, "Frontier"),
    frontierStatus.node,
    frontier,
  );

  const budget = () => Number(slider.value);
  const chosen = () => boxes.filter((b) => b.checked).map((b) => ({ name: b.value }));
  let frontierData: FrontierJson | undefined;
  const drawFrontier = () => {
    if (frontierData) frontier.replaceChildren(frontierChart(frontierData, budget(), chartWidth(view)));
  };

  let planRun: AbortController | undefined;
  const runPlan = async () => {
    planRun?.abort();
    const own = new AbortController();
    planRun = own;
    const both = AbortSignal.any([signal, own.signal]);
    const set = chosen();
    if (!set.length) return planStatus.error(new Error("choose at least one scenario"));
    planStatus.loading(`Planning for ${fmtUsd(budget())}`);
    view.setAttribute("aria-busy", "true");
    try {
      const p = await runJob<PlanJson>("/plans", { budget: budget(), scenarios: set }, (g) => planStatus.loading(`Planning: ${g.phase}`), both);
      if (both.aborted) return;
      planStatus.clear();
      summary.dataset.budget = String(p.budgetUsd);
      summary.replaceChildren(
        ...[
          ["Budget", fmtUsd(p.budgetUsd)],
          ["Spent", fmtUsd(p.spentUsd)],
          ["Unspent", fmtUsd(p.unspentUsd)],
          ["Expected loss before", fmtUsd(p.valueBeforeUsd)],
          ["Expected loss after", fmtUsd(p.valueAfterUsd)],
          ["Net benefit", fmtUsd(p.netBenefitUsd)],
          ["Solver status", p.status],
        ].flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]),
      );
      bars.replaceChildren(allocationBars(p, chartWidth(view)));
      const bought = p.minerals.filter((m) => m.buyTons > 0);
      table.replaceChildren(
        sortableTable(
          bought,
          [
            { key: "id", label: "Mineral", value: (m) => m.id },
            { key: "buyTons", label: "Buy (t)", value: (m) => m.buyTons, numeric: true, cell: (m) => fmtNum(m.buyTons) },
            { key: "costUsd", label: "Cost", value: (m) => m.costUsd, numeric: true, cell: (m) => fmtUsd(m.costUsd) },
            {
              key: "daysOfCover",
              label: "Days of cover",
              value: (m) => m.daysOfCover,
              numeric: true,
              cell: (m) => (m.daysOfCover == null ? "—" : Math.round(m.daysOfCover).toString()),
            },
            {
              key: "shortfallAfter",
              label: "Expected shortfall after (t)",
              value: (m) => m.shortfallAfter,
              numeric: true,
              cell: (m) => fmtNum(m.shortfallAfter),
            },
          ],
          { caption: `${bought.length} minerals bought`, sort: "costUsd", desc: true },
        ),
      );
    } catch (e) {
      if (!both.aborted) planStatus.error(e);
    } finally {
      if (planRun === own) view.removeAttribute("aria-busy");
    }
  };

  let frontierRun: AbortController | undefined;
  const runFrontier = async () => {
    frontierRun?.abort();
    const own = new AbortController();
    frontierRun = own;
    const both = AbortSignal.any([signal, own.signal]);
    const set = chosen();
    if (!set.length) return frontierStatus.error(new Error("choose at least one scenario"));
    frontierStatus.loading("Computing the frontier");
    try {
      const body = { from: 0, to: MAX_BUDGET, steps: FRONTIER_STEPS, scenarios: set };
      frontierData = await runJob<FrontierJson>("/frontier", body, (g) => frontierStatus.loading(`Frontier: ${g.done}/${g.total} ${g.phase}`), both);
      if (both.aborted) return;
      frontierStatus.clear();
      drawFrontier();
    } catch (e) {
      if (!both.aborted) frontierStatus.error(e);
    }
  };

  slider.addEventListener("input", () => {
    out.textContent = fmtUsd(budget());
    drawFrontier();
  });
  slider.addEventListener("change", () => void runPlan());
  set.addEventListener("change", () => {
    void runPlan();
    void runFrontier();
  });
  window.addEventListener("resize", drawFrontier, { signal });
  await Promise.all([runPlan(), runFrontier()]);
}
