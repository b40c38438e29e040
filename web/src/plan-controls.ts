import { UNITS, type Unit } from "./plan-charts.js";
import type { ScenarioListing } from "./plan-types.js";
import { el, fmtUsd } from "./ui.js";

/** The slider's range, up to the US programme's US$ 12 bn (the frontier is computed over the same span, so the marker always falls on it). */
export const MAX_BUDGET = 12e9;
const STEP = 0.1e9;
/** The budget the page opens with. */
export const DEFAULT_BUDGET = 1e9;
/** The built-in candidate capacity projects (projects/us-candidates.yaml). */
const PROJECTS_FILE = "us-candidates";

/** The Plan page's controls (budget, years, onset, projects, scenario set, what the bars show) and what they ask for. */
export function planControls(scenarios: ScenarioListing[]) {
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

  syncProjects();

  return {
    /** the budget, years, onset and projects row, then the scenario set */
    nodes: [
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
    ],
    unitSwitch,
    slider,
    out,
    units,
    budget,
    unit,
    years,
    fields,
    /** Call `replan` whenever the scenario set, the years, the onset or the projects box changes (years first re-syncs what it allows). */
    onSettingsChange(replan: () => void) {
      set.addEventListener("change", replan);
      yearsInput.addEventListener("change", () => {
        syncProjects();
        replan();
      });
      projectsBox.addEventListener("change", replan);
      onsetPick.addEventListener("change", replan);
    },
  };
}
