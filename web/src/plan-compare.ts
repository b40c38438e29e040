import { runJob } from "./api.js";
import type { CompareJson } from "./plan-types.js";
import { el, fmtNum, fmtUsd, latestRun, sortableTable, statusBox } from "./ui.js";

/** The default cut: a third of the budget, in US$ bn to two decimals. */
const thirdInBn = (budget: number) => Math.round(budget / 3 / 1e7) / 100;

/** A comparison as shown: the summary sentence, whether neither budget binds, the two budgets and spends, and what the smaller loses. */
export function compareView(c: CompareJson) {
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

/** What the compare section reads from the page: the budget and the fields every plan request shares (which throws when a control is invalid). */
export interface CompareInputs {
  signal: AbortSignal;
  maxBudget: number;
  defaultBudget: number;
  budget: () => number;
  fields: () => Record<string, unknown>;
}

/** The compare-with-a-cut section: its heading, the cut and its button, a status and the result; the page tells it when the budget or settings change. */
export function compareSection({ signal, maxBudget, defaultBudget, budget, fields }: CompareInputs) {
  const cutInput = el("input", {
    type: "number",
    id: "cut",
    min: 0,
    max: maxBudget / 1e9,
    step: 0.01,
    value: thirdInBn(defaultBudget),
    inputmode: "decimal",
  });
  const compareButton = el("button", { type: "button", id: "compare" }, "Compare");
  const compareStatus = statusBox();
  const compareResult = el("section", { id: "compare-result" });

  const compareRuns = latestRun(signal);
  const runCompare = async () => {
    const { signal: both } = compareRuns.next();
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

  return {
    /** The section's heading, controls, status and result, in page order. */
    nodes: [
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
    ],
    /** The budget moved: the cut follows it (a third) unless someone has typed one. */
    budgetMoved() {
      if (!cutEdited) cutInput.value = String(thirdInBn(budget()));
    },
    /** A comparison on show is redone for the new budget or settings, so it never answers an older question. */
    recompare() {
      if (compareResult.childElementCount) void runCompare();
    },
  };
}
