import * as Plot from "@observablehq/plot";
import { getJson, runJob } from "./api.js";
import { chartWidth, el, fmtNum, fmtUsd, sortableTable, statusBox } from "./ui.js";

interface ScenarioListing {
  id: string;
  name: string;
  /** the file's probability over its horizon and why (the plan weighs each scenario by it) */
  probability: { value: number; why: string; defaulted: boolean };
}
interface ScheduleYear {
  year: number;
  tons: number;
  cashUsd: number;
  priceUsdPerTon: number | null;
  priceReason?: string;
}
interface PlanMineral {
  id: string;
  buyTons: number;
  costUsd: number;
  daysOfCover: number | null;
  shortfallBefore: number;
  shortfallAfter: number;
  capReason?: string;
  schedule?: ScheduleYear[];
}
interface PlanProject {
  id: string;
  mineral: string;
  kind: string;
  /** 1 funded, 0 not, in between when projects may be funded in part */
  fund: number;
  capexUsd: number;
  spentUsd: number;
}
interface PlanJson {
  status: string;
  headline?: string;
  reason?: string;
  years?: number;
  budgetUsd: number;
  spentUsd: number;
  unspentUsd: number;
  valueBeforeUsd: number;
  valueAfterUsd: number;
  resaleValueUsd: number;
  holdingCostUsd: number;
  netBenefitUsd: number;
  marginalValue: number | null;
  minerals: PlanMineral[];
  projects: PlanProject[];
  notes: string[];
}
interface FrontierJson {
  points: { budgetUsd: number; status: string; spentUsd: number; valueAfterUsd: number; marginalValue: number | null }[];
  flattensAt: { budgetUsd: number; spentUsd: number } | null;
}
interface CompareRow {
  id: string;
  kind: "mineral" | "project";
  buyTonsLarger: number;
  buyTonsSmaller: number;
  costLargerUsd: number;
  costSmallerUsd: number;
  shortfallLargerTons: number | null;
  shortfallSmallerTons: number | null;
  valueLostBySmallerUsd: number;
}
interface CompareJson {
  direction: "cut" | "raise" | "equal";
  summary: string;
  neitherBinds?: boolean;
  budgetLargerUsd: number;
  budgetSmallerUsd: number;
  valueLostBySmallerUsd: number;
  larger: PlanJson;
  smaller: PlanJson;
  rows: CompareRow[];
}

/** The slider's range: the frontier is computed over the same span, so the marker always falls on it. */
const MAX_BUDGET = 6e9;
const STEP = 0.1e9;
const FRONTIER_STEPS = 30;
const DEFAULT_BUDGET = 1e9;
/** The built-in candidate capacity projects (projects/us-candidates.yaml). */
const PROJECTS_FILE = "us-candidates";

/** What the allocation bars measure: each unit reads one field of a plan's mineral. */
const UNITS = {
  tons: { label: "tons", axis: "bought (t) →", value: (m: PlanMineral) => m.buyTons, fmt: (v: number) => `${fmtNum(v)} t` },
  usd: { label: "dollars", axis: "spent (USD) →", value: (m: PlanMineral) => m.costUsd, fmt: (v: number) => fmtUsd(v) },
  days: {
    label: "days of cover",
    axis: "days of cover →",
    value: (m: PlanMineral) => m.daysOfCover,
    fmt: (v: number) => `${Math.round(v)} days`,
  },
} as const;
type Unit = keyof typeof UNITS;

const funded = (p: PlanJson) => p.projects.filter((j) => j.fund > 0);

/**
 * A mark that tags each element it draws with its datum (data-id, data-value), so what a bar shows can
 * be read back (by a test, or a script) from the drawn chart rather than recomputed.
 */
function tagged<T>(rows: T[], id: (r: T) => string, value: (r: T) => number, extra?: (r: T) => Record<string, string>) {
  return (
    index: number[],
    scales: Plot.ScaleFunctions,
    values: Plot.ChannelValues,
    dims: Plot.Dimensions,
    context: Plot.Context,
    next?: Plot.RenderFunction,
  ) => {
    const g = next!(index, scales, values, dims, context);
    const shapes = g?.querySelectorAll("rect") ?? [];
    index.forEach((i, k) => {
      const shape = shapes[k];
      if (!shape) return;
      shape.setAttribute("data-id", id(rows[i]));
      shape.setAttribute("data-value", String(value(rows[i])));
      for (const [a, v] of Object.entries(extra?.(rows[i]) ?? {})) shape.setAttribute(`data-${a}`, v);
    });
    return g;
  };
}

/** The minerals bought, one bar each in the chosen unit; ◆ after a mineral's name: a capacity project funded for it. */
function allocationBars(p: PlanJson, unit: Unit, width: number) {
  const u = UNITS[unit];
  const withProject = new Set(funded(p).map((j) => j.mineral));
  const rows = p.minerals
    .filter((m) => m.buyTons > 0 || withProject.has(m.id))
    .map((m) => ({ id: m.id, value: u.value(m) ?? 0, m }))
    .filter((r) => Number.isFinite(r.value))
    .sort((a, b) => b.value - a.value);
  if (!rows.length) return el("p", { class: "meta" }, p.status === "optimal" ? "This budget buys nothing." : "No plan at this budget.");
  const chart = Plot.plot({
    width,
    height: 40 + rows.length * 22,
    marginLeft: 120,
    x: { label: u.axis, tickFormat: unit === "usd" ? (d: number) => fmtUsd(d) : undefined, grid: true },
    y: { label: null, domain: rows.map((r) => r.id), tickFormat: (id: string) => (withProject.has(id) ? `${id} ◆` : id) },
    marks: [
      Plot.barX(rows, {
        y: "id",
        x: "value",
        fill: (r: (typeof rows)[0]) => (withProject.has(r.id) ? "#009e73" : "#0072b2"),
        title: (r: (typeof rows)[0]) =>
          `${r.id}: ${fmtNum(r.m.buyTons)} t, ${fmtUsd(r.m.costUsd)}, ${r.m.daysOfCover == null ? "—" : Math.round(r.m.daysOfCover)} days of cover${withProject.has(r.id) ? "\n◆ a capacity project funded" : ""}`,
        render: tagged(
          rows,
          (r) => r.id,
          (r) => r.value,
        ),
      }),
      Plot.ruleX([0]),
    ],
  });
  return el(
    "div",
    {},
    chart,
    withProject.size ? el("p", { class: "meta" }, "◆ (green bar): a capacity project is funded for this mineral; see Funded projects below.") : null,
  );
}

/** Spend per year, stacked by mineral; every year of the schedule on the axis, even one that buys nothing. */
function scheduleChart(p: PlanJson, width: number) {
  const years = Array.from({ length: p.years ?? 1 }, (_, i) => i + 1);
  const rows = p.minerals.flatMap((m) => (m.schedule ?? []).filter((s) => s.cashUsd > 0).map((s) => ({ mineral: m.id, ...s })));
  return Plot.plot({
    width,
    height: 300,
    marginLeft: 60,
    x: { type: "band", domain: years, label: "year →" },
    y: { label: "↑ spent (USD)", tickFormat: (d: number) => fmtUsd(d), grid: true },
    color: { legend: true, scheme: "tableau10" },
    marks: [
      Plot.barY(rows, {
        x: "year",
        y: "cashUsd",
        fill: "mineral",
        title: (r: (typeof rows)[0]) => `year ${r.year}: ${r.mineral} ${fmtNum(r.tons)} t for ${fmtUsd(r.cashUsd)}`,
        render: tagged(
          rows,
          (r) => r.mineral,
          (r) => r.cashUsd,
          (r) => ({ year: String(r.year) }),
        ),
      }),
      Plot.ruleY([0]),
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
      textAnchor: budget > MAX_BUDGET / 2 ? "end" : "start",
      dx: budget > MAX_BUDGET / 2 ? -4 : 4,
    }),
  ];
  if (f.flattensAt) {
    const right = f.flattensAt.budgetUsd > MAX_BUDGET / 2;
    marks.push(
      Plot.ruleX([f.flattensAt.budgetUsd], { stroke: "#009e73", strokeDasharray: "4,3" }),
      Plot.text([f.flattensAt.budgetUsd], {
        x: (d: number) => d,
        frameAnchor: "bottom",
        text: () => `flattens at ${fmtUsd(f.flattensAt!.budgetUsd)}`,
        dy: -16,
        dx: right ? -4 : 4,
        textAnchor: right ? "end" : "start",
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

/** Spend against budget in plain words, and what the net benefit is made of. */
function spendSentences(p: PlanJson): string[] {
  if (p.status !== "optimal") return [p.headline ?? `No plan: ${p.status}${p.reason ? ` (${p.reason})` : ""}`];
  const unspent = p.unspentUsd > 0.5;
  const spend = unspent
    ? `Spends ${fmtUsd(p.spentUsd)} of ${fmtUsd(p.budgetUsd)}: more money buys nothing more under these scenarios (no further purchase avoids more expected loss than it costs).`
    : `Spends all of ${fmtUsd(p.budgetUsd)}: the budget binds${p.marginalValue ? `; locally, each extra dollar returns about ${p.marginalValue.toFixed(2)} dollars net` : ""}.`;
  const avoided = p.valueBeforeUsd - p.valueAfterUsd;
  const net = `Net benefit ${fmtUsd(p.netBenefitUsd)} = expected loss avoided ${fmtUsd(avoided)} + resale of what is left ${fmtUsd(p.resaleValueUsd)} − spent ${fmtUsd(p.spentUsd)} − holding ${fmtUsd(p.holdingCostUsd)}.`;
  return [spend, net];
}

/** The plan's notes: the ones starting "*N" are assumed figures (not published data), marked. */
function notesList(notes: string[]) {
  if (!notes.length) return el("p", { class: "meta" }, "No notes.");
  return el(
    "details",
    { class: "plan-notes" },
    el("summary", {}, `${notes.length} notes and assumptions (${notes.filter((n) => n.startsWith("*")).length} assumed figures, marked *)`),
    el("ul", { class: "assumed-list" }, ...notes.map((n) => el("li", { class: n.startsWith("*") ? "assumed-note" : undefined }, n))),
  );
}

function compareView(c: CompareJson) {
  const lost = c.rows.filter((r) => r.buyTonsLarger - r.buyTonsSmaller > 1e-9 || Math.abs(r.costLargerUsd - r.costSmallerUsd) > 0.5);
  const neither = c.neitherBinds ?? false;
  return el(
    "div",
    {},
    el("p", { class: "compare-summary" }, c.summary.charAt(0).toUpperCase() + c.summary.slice(1), "."),
    neither
      ? el(
          "p",
          { class: "neither-binds", role: "note" },
          `Neither budget binds: both plans spend ${fmtUsd(c.smaller.spentUsd)}, below ${fmtUsd(c.budgetSmallerUsd)}, so the cut loses nothing under these scenarios.`,
        )
      : null,
    el(
      "dl",
      { class: "summary" },
      ...[
        ["Larger budget", fmtUsd(c.budgetLargerUsd), ""],
        ["Smaller budget", fmtUsd(c.budgetSmallerUsd), ""],
        ["Larger plan spends", fmtUsd(c.larger.spentUsd), ""],
        ["Smaller plan spends", fmtUsd(c.smaller.spentUsd), ""],
        ["Expected loss added by the smaller budget", fmtUsd(c.valueLostBySmallerUsd), "compare-loss"],
      ].flatMap(([k, v, id]) => [el("dt", {}, k), el("dd", id ? { id, "data-usd": String(c.valueLostBySmallerUsd) } : {}, v)]),
    ),
    lost.length
      ? sortableTable(
          lost,
          [
            { key: "id", label: "Mineral or project", value: (r) => r.id },
            { key: "kind", label: "Kind", value: (r) => r.kind },
            { key: "buyTonsLarger", label: "Tons (larger)", value: (r) => r.buyTonsLarger, numeric: true, cell: (r) => fmtNum(r.buyTonsLarger) },
            { key: "buyTonsSmaller", label: "Tons (smaller)", value: (r) => r.buyTonsSmaller, numeric: true, cell: (r) => fmtNum(r.buyTonsSmaller) },
            {
              key: "tonsLost",
              label: "Tons lost",
              value: (r) => r.buyTonsLarger - r.buyTonsSmaller,
              numeric: true,
              cell: (r) => fmtNum(r.buyTonsLarger - r.buyTonsSmaller),
            },
            {
              key: "valueLost",
              label: "Expected loss added",
              value: (r) => r.valueLostBySmallerUsd,
              numeric: true,
              cell: (r) => fmtUsd(r.valueLostBySmallerUsd),
            },
          ],
          { caption: `What the smaller budget loses (${lost.length} ${lost.length === 1 ? "line" : "lines"})`, sort: "valueLost", desc: true },
        )
      : el("p", { class: "meta" }, "No mineral loses tons and no project loses funding."),
  );
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
  const yearsInput = el("input", { type: "number", id: "years", min: 1, max: 20, step: 1, value: 1, inputmode: "numeric", "aria-describedby": "years-hint" });
  const projectsBox = el("input", { type: "checkbox", id: "with-projects", "aria-describedby": "years-hint" });
  const yearsHint = el("span", { id: "years-hint", class: "meta" }, "1: a single purchase; 2–20: annual tranches.");
  // when a disruption may begin, for a schedule (the API's onset; uniform is the default, a judgement call: docs/economics.md)
  const onsetPick = el(
    "select",
    { id: "onset", disabled: true, title: "With years above 1: when a disruption may begin. A ton protects only from the end of the year it is bought." },
    el("option", { value: "uniform" }, "at the end of any year (uniform)"),
    el("option", { value: "end" }, "only after the schedule (end)"),
  );
  const boxes = scenarios.map((s) => el("input", { type: "checkbox", name: "scenario", value: s.id, checked: true }));
  const set = el(
    "fieldset",
    { class: "scenario-set" },
    el("legend", {}, "Scenario set (each weighted by its stated probability; hover for why)"),
    ...scenarios.map((s, i) =>
      el(
        "label",
        { title: `${s.name}\nprobability ${s.probability.value}${s.probability.defaulted ? " (default)" : ""}: ${s.probability.why}` },
        boxes[i],
        ` ${s.id} (${Math.round(s.probability.value * 100)} %)`,
      ),
    ),
  );
  const units = (Object.keys(UNITS) as Unit[]).map((u) => el("input", { type: "radio", name: "unit", id: `unit-${u}`, value: u, checked: u === "usd" }));
  const unitSwitch = el(
    "fieldset",
    { class: "unit-switch", role: "radiogroup", "aria-label": "Allocation bars show" },
    el("legend", {}, "Bars show"),
    ...units.map((r) => el("label", { for: r.id }, r, ` ${UNITS[r.value as Unit].label}`)),
  );

  const planStatus = statusBox();
  const scheduleStatus = statusBox();
  const projectStatus = statusBox();
  const frontierStatus = statusBox();
  const compareStatus = statusBox();
  const summary = el("dl", { class: "summary", id: "plan-summary" });
  const spendText = el("div", { id: "plan-spend", class: "plan-spend" });
  const bars = el("figure", { class: "chart", id: "allocation" });
  const table = el("section", { id: "plan-table" });
  const schedule = el("figure", { class: "chart", id: "schedule" });
  const scheduleTable = el("section", { id: "schedule-table" });
  const projects = el("section", { id: "projects" });
  const notes = el("section", { id: "plan-notes" });
  const frontier = el("figure", { class: "chart", id: "frontier" });
  const cutInput = el("input", {
    type: "number",
    id: "cut",
    min: 0,
    max: MAX_BUDGET / 1e9,
    step: 0.01,
    value: Math.round(DEFAULT_BUDGET / 3 / 1e7) / 100,
    inputmode: "decimal",
  });
  const compareButton = el("button", { type: "button", id: "compare" }, "Compare");
  const compareResult = el("section", { id: "compare-result" });
  view.append(
    el(
      "div",
      { class: "controls" },
      el("label", { for: "budget" }, "Budget "),
      slider,
      " ",
      out,
      el("label", { for: "years" }, "Years "),
      yearsInput,
      el("label", { for: "onset" }, " Disruption may begin "),
      onsetPick,
      el("label", { for: "with-projects" }, projectsBox, " candidate capacity projects"),
      yearsHint,
    ),
    set,
    el("h2", {}, "Allocation"),
    planStatus.node,
    summary,
    spendText,
    unitSwitch,
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
    el("h2", {}, "Compare with a cut"),
    el(
      "div",
      { class: "controls" },
      el("label", { for: "cut" }, "Cut the budget to (US$ bn) "),
      cutInput,
      compareButton,
      el("span", { class: "meta" }, "default: a third of the budget"),
    ),
    compareStatus.node,
    compareResult,
    el("h2", {}, "Notes and assumptions"),
    notes,
  );

  const budget = () => Number(slider.value);
  const unit = () => (units.find((r) => r.checked)?.value ?? "usd") as Unit;
  const chosen = () => boxes.filter((b) => b.checked).map((b) => ({ name: b.value }));
  /** The years asked for, or an error naming the field (the API's range: whole numbers 1..20). */
  const years = () => {
    const y = Number(yearsInput.value);
    if (!Number.isInteger(y) || y < 1 || y > 20) throw new Error(`years: ${yearsInput.value || "(empty)"}, expected a whole number from 1 to 20`);
    return y;
  };
  /** The plan fields every request shares (plan, frontier, compare): the scenario set, the schedule, the projects. */
  const fields = () => {
    const set = chosen();
    if (!set.length) throw new Error("choose at least one scenario");
    const y = years();
    return {
      scenarios: set,
      ...(y > 1 ? { years: y, onset: onsetPick.value } : {}),
      ...(projectsBox.checked && y === 1 ? { projects: PROJECTS_FILE } : {}),
    };
  };
  const syncProjects = () => {
    // a schedule does not fund capacity projects yet (the API answers 400): projects with a one-year plan only
    const many = Number(yearsInput.value) > 1;
    projectsBox.disabled = many;
    onsetPick.disabled = !many;
    yearsHint.textContent = many
      ? "annual tranches; capacity projects are planned with a single purchase only (years 1)."
      : "1: a single purchase; 2–20: annual tranches.";
  };

  let frontierData: FrontierJson | undefined;
  const drawFrontier = () => {
    if (frontierData) frontier.replaceChildren(frontierChart(frontierData, budget(), chartWidth(view)));
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
    const yearRows = Array.from({ length: p.years }, (_, i) => {
      const year = i + 1;
      const buys = p.minerals.flatMap((m) => (m.schedule ?? []).filter((s) => s.year === year && s.cashUsd > 0).map((s) => ({ id: m.id, ...s })));
      return { year, cashUsd: buys.reduce((a, b) => a + b.cashUsd, 0), buys };
    });
    const bought = p.minerals.filter((m) => (m.schedule ?? []).some((s) => s.cashUsd > 0));
    const cash = (m: PlanMineral, year: number) => m.schedule?.find((s) => s.year === year)?.cashUsd ?? 0;
    scheduleTable.replaceChildren(
      sortableTable(
        yearRows,
        [
          { key: "year", label: "Year", value: (r) => r.year, numeric: true },
          { key: "cashUsd", label: "Spend", value: (r) => r.cashUsd, numeric: true, cell: (r) => fmtUsd(r.cashUsd) },
          {
            key: "buys",
            label: "Bought",
            value: (r) => r.buys.map((b) => `${b.id} ${Math.round(b.tons)} t`).join("; "),
            cell: (r) => (r.buys.length ? r.buys.map((b) => `${b.id} ${fmtNum(b.tons)} t`).join(", ") : "nothing"),
          },
        ],
        { caption: `Spend per year (${p.years} years, ${fmtUsd(p.spentUsd)} in all)`, sort: "year" },
      ),
      sortableTable(
        bought,
        [
          { key: "id", label: "Mineral", value: (m) => m.id },
          ...yearRows.map((r) => ({
            key: `y${r.year}`,
            label: `Year ${r.year}`,
            value: (m: PlanMineral) => cash(m, r.year),
            numeric: true,
            cell: (m: PlanMineral) => (cash(m, r.year) ? fmtUsd(cash(m, r.year)) : "—"),
          })),
          { key: "costUsd", label: "Total", value: (m) => m.costUsd, numeric: true, cell: (m) => fmtUsd(m.costUsd) },
        ],
        { caption: "Spend per mineral and year (USD)", sort: "costUsd", desc: true },
      ),
    );
  };
  const drawProjects = () => {
    if (!last) return;
    const p = last;
    if (!p.projects.length) {
      projects.replaceChildren(
        el(
          "p",
          { class: "meta" },
          years() > 1
            ? "Capacity projects are planned with a single purchase only: set years to 1 and tick “candidate capacity projects”."
            : "No capacity projects in this plan: tick “candidate capacity projects” to let the plan fund them.",
        ),
      );
      return;
    }
    const n = funded(p).length;
    projects.replaceChildren(
      el(
        "p",
        { class: "meta", id: "projects-summary" },
        n
          ? `${n} of ${p.projects.length} candidate projects funded, ${fmtUsd(funded(p).reduce((a, j) => a + j.spentUsd, 0))} in all.`
          : `None of the ${p.projects.length} candidate projects is funded at this budget: buying stock avoids more expected loss per dollar.`,
      ),
      sortableTable(
        p.projects,
        [
          { key: "id", label: "Project", value: (j) => j.id },
          { key: "mineral", label: "Mineral", value: (j) => j.mineral },
          { key: "kind", label: "Kind", value: (j) => j.kind },
          {
            key: "fund",
            label: "Funded",
            value: (j) => j.fund,
            numeric: true,
            cell: (j) => (j.fund >= 1 ? "yes" : j.fund > 0 ? `${Math.round(j.fund * 100)} %` : "no"),
          },
          { key: "capexUsd", label: "Cost (capex)", value: (j) => j.capexUsd, numeric: true, cell: (j) => fmtUsd(j.capexUsd) },
          { key: "spentUsd", label: "Spent", value: (j) => j.spentUsd, numeric: true, cell: (j) => fmtUsd(j.spentUsd) },
        ],
        { caption: "Candidate capacity projects", sort: "spentUsd", desc: true },
      ),
    );
  };

  let planRun: AbortController | undefined;
  const planParts = [planStatus, scheduleStatus, projectStatus];
  const runPlan = async () => {
    planRun?.abort();
    const own = new AbortController();
    planRun = own;
    const both = AbortSignal.any([signal, own.signal]);
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
      spendText.replaceChildren(...spendSentences(p).map((s) => el("p", {}, s)));
      drawBars();
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
            { key: "capReason", label: "Cap", value: (m) => m.capReason ?? "" },
          ],
          { caption: `${bought.length} minerals bought`, sort: "costUsd", desc: true },
        ),
      );
      drawSchedule();
      drawProjects();
      notes.replaceChildren(notesList(p.notes));
    } catch (e) {
      if (!both.aborted) for (const s of planParts) s.error(e);
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

  let compareRun: AbortController | undefined;
  const runCompare = async () => {
    compareRun?.abort();
    const own = new AbortController();
    compareRun = own;
    const both = AbortSignal.any([signal, own.signal]);
    let body: Record<string, unknown>;
    try {
      const cut = Number(cutInput.value) * 1e9;
      if (cutInput.value === "" || !Number.isFinite(cut) || cut < 0)
        throw new Error(`cut: ${cutInput.value || "(empty)"}, expected a budget in US$ bn, 0 or more`);
      body = { budget: budget(), compare: Math.round(cut), ...fields() };
    } catch (e) {
      return compareStatus.error(e);
    }
    compareStatus.loading(`Comparing ${fmtUsd(budget())} with ${fmtUsd(body.compare as number)}`);
    try {
      const c = await runJob<CompareJson>("/compare", body, (g) => compareStatus.loading(`Comparing: ${g.phase}`), both);
      if (both.aborted) return;
      compareStatus.clear();
      compareResult.dataset.request = JSON.stringify(body);
      compareResult.replaceChildren(compareView(c));
    } catch (e) {
      if (!both.aborted) compareStatus.error(e);
    }
  };

  /** The cut follows a third of the budget until someone types their own. */
  let cutEdited = false;
  cutInput.addEventListener("input", () => {
    cutEdited = true;
  });
  compareButton.addEventListener("click", () => void runCompare());
  cutInput.addEventListener("keydown", (e) => {
    if (e.key === "Enter") void runCompare();
  });
  slider.addEventListener("input", () => {
    out.textContent = fmtUsd(budget());
    if (!cutEdited) cutInput.value = String(Math.round(budget() / 3 / 1e7) / 100);
    drawFrontier();
  });
  /** A comparison on show is redone for the new budget or settings, so it never answers an older question. */
  const recompare = () => {
    if (compareResult.childElementCount) void runCompare();
  };
  slider.addEventListener("change", () => {
    void runPlan();
    recompare();
  });
  for (const r of units) r.addEventListener("change", drawBars);
  const replanAll = () => {
    void runPlan();
    void runFrontier();
    recompare();
  };
  set.addEventListener("change", replanAll);
  yearsInput.addEventListener("change", () => {
    syncProjects();
    replanAll();
  });
  projectsBox.addEventListener("change", replanAll);
  onsetPick.addEventListener("change", replanAll);
  window.addEventListener(
    "resize",
    () => {
      drawFrontier();
      drawBars();
      drawSchedule();
    },
    { signal },
  );
  syncProjects();
  await Promise.all([runPlan(), runFrontier()]);
}
