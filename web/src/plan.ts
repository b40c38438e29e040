import { getJson, runJob } from "./api.js";
import { allocationBars, frontierChart, scheduleChart } from "./plan-charts.js";
import { compareSection } from "./plan-compare.js";
import { DEFAULT_BUDGET, MAX_BUDGET, planControls } from "./plan-controls.js";
import { notesList, spendSentences, summaryItems } from "./plan-summary.js";
import { mineralsTable, projectsView, scheduleTables } from "./plan-tables.js";
import type { FrontierJson, PlanJson, ScenarioListing } from "./plan-types.js";
import { chartWidth, el, fmtUsd, latestRun, statusBox } from "./ui.js";

/** The frontier's budgets: 0 to the slider's top in this many steps. */
const FRONTIER_STEPS = 30;

/** The Plan page: a budget and a scenario set in; the plan, its schedule and projects, the frontier and a comparison with a cut out. */
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

  // the controls, and what they ask for (each accessor throws an error naming the field when a control is invalid)
  const controls = planControls(scenarios);
  const { budget, unit, fields } = controls;
  const compare = compareSection({ signal, maxBudget: MAX_BUDGET, defaultBudget: DEFAULT_BUDGET, budget, fields });

  // the page's parts, each with its own status where a request fills it
  const planStatus = statusBox();
  const scheduleStatus = statusBox();
  const projectStatus = statusBox();
  const frontierStatus = statusBox();
  const summary = el("dl", { class: "summary", id: "plan-summary" });
  const spendText = el("div", { id: "plan-spend", class: "plan-spend" });
  const bars = el("figure", { class: "chart", id: "allocation" });
  const table = el("section", { id: "plan-table" });
  const schedule = el("figure", { class: "chart", id: "schedule" });
  const scheduleTable = el("section", { id: "schedule-table" });
  const projects = el("section", { id: "projects" });
  const notes = el("section", { id: "plan-notes" });
  const frontier = el("figure", { class: "chart", id: "frontier" });
  view.append(
    ...controls.nodes,
    el("h2", {}, "Allocation"),
    planStatus.node,
    summary,
    spendText,
    controls.unitSwitch,
    bars,
    table,
    el("h2", {}, "Yearly schedule"),
    scheduleStatus.node,
    schedule,
    scheduleTable,
    el("h2", {}, "Funded projects"),
    projectStatus.node,
    projects,
    el("h2", {}, "Frontier"),
    frontierStatus.node,
    frontier,
    ...compare.nodes,
    el("h2", {}, "Notes and assumptions"),
    notes,
  );

  // drawing: from the last answers, at the view's width (redrawn when the budget, the unit or the width changes)
  let frontierData: FrontierJson | undefined;
  const drawFrontier = () => {
    if (frontierData) frontier.replaceChildren(frontierChart(frontierData, budget(), chartWidth(view), MAX_BUDGET));
  };
  let last: PlanJson | undefined;
  const drawBars = () => {
    if (last) bars.replaceChildren(allocationBars(last, unit(), chartWidth(view)));
  };
  const drawSchedule = () => {
    if (!last) return;
    const p = last;
    if (!p.years || p.years < 2 || p.status !== "optimal") {
      schedule.replaceChildren(el("p", { class: "meta" }, "A single purchase: set years above 1 for a schedule in annual tranches."));
      scheduleTable.replaceChildren();
      return;
    }
    schedule.replaceChildren(scheduleChart(p, chartWidth(view)));
    scheduleTable.replaceChildren(...scheduleTables(p, p.years));
  };
  const drawProjects = () => {
    if (last) projects.replaceChildren(...projectsView(last, controls.years));
  };

  // requests: each run aborts the one before it, so only the latest answer is drawn
  const planRuns = latestRun(signal);
  const planParts = [planStatus, scheduleStatus, projectStatus];
  const runPlan = async () => {
    const { signal: both, isLatest } = planRuns.next();
    let body: Record<string, unknown>;
    try {
      body = { budget: budget(), ...fields() };
    } catch (e) {
      for (const s of planParts) s.error(e);
      return;
    }
    for (const s of planParts) s.loading(`Planning for ${fmtUsd(budget())}`);
    view.setAttribute("aria-busy", "true");
    try {
      const p = await runJob<PlanJson>("/plans", body, (g) => planStatus.loading(`Planning: ${g.phase}`), both);
      if (both.aborted) return;
      for (const s of planParts) s.clear();
      last = p;
      summary.dataset.budget = String(p.budgetUsd);
      // the request this plan answers, so the figures can be checked against the API's own answer
      summary.dataset.request = JSON.stringify(body);
      summary.replaceChildren(...summaryItems(p));
      spendText.replaceChildren(...spendSentences(p).map((s) => el("p", {}, s)));
      drawBars();
      table.replaceChildren(mineralsTable(p));
      drawSchedule();
      drawProjects();
      notes.replaceChildren(notesList(p.notes));
    } catch (e) {
      if (!both.aborted) for (const s of planParts) s.error(e);
    } finally {
      if (isLatest()) view.removeAttribute("aria-busy");
    }
  };

  const frontierRuns = latestRun(signal);
  const runFrontier = async () => {
    const { signal: both } = frontierRuns.next();
    let body: Record<string, unknown>;
    try {
      body = { from: 0, to: MAX_BUDGET, steps: FRONTIER_STEPS, ...fields() };
    } catch (e) {
      return frontierStatus.error(e);
    }
    frontierStatus.loading("Computing the frontier");
    try {
      frontierData = await runJob<FrontierJson>("/frontier", body, (g) => frontierStatus.loading(`Frontier: ${g.done}/${g.total} ${g.phase}`), both);
      if (both.aborted) return;
      frontierStatus.clear();
      drawFrontier();
    } catch (e) {
      if (!both.aborted) frontierStatus.error(e);
    }
  };

  // wiring: moving the slider redraws; letting go re-plans (and redoes a comparison on show); any other setting re-plans everything
  controls.slider.addEventListener("input", () => {
    controls.out.textContent = fmtUsd(budget());
    compare.budgetMoved();
    drawFrontier();
  });
  controls.slider.addEventListener("change", () => {
    void runPlan();
    compare.recompare();
  });
  for (const r of controls.units) r.addEventListener("change", drawBars);
  controls.onSettingsChange(() => {
    void runPlan();
    void runFrontier();
    compare.recompare();
  });
  window.addEventListener(
    "resize",
    () => {
      drawFrontier();
      drawBars();
      drawSchedule();
    },
    { signal },
  );
  await Promise.all([runPlan(), runFrontier()]);
}
