import { assumedNotes, assumedText, assumedWhat, markedCell } from "./assumed.js";
import { funded, type PlanJson, type PlanMineral } from "./plan-types.js";
import { el, fmtNum, fmtUsd, sortableTable } from "./ui.js";

/**
 * The minerals the plan buys: tons, cost, days of cover, shortfall after and any cap, sortable; a mineral
 * whose input an analyst assumed is marked (†) and noted under the table (what, range, source), and its
 * CSV/XLSX row carries the same note in an "Assumed" column.
 */
export function mineralsTable(p: PlanJson) {
  const bought = p.minerals.filter((m) => m.buyTons > 0);
  const table = sortableTable(
    bought,
    [
      { key: "id", label: "Mineral", value: (m) => m.id, cell: (m) => markedCell(m.id, m.assumed) },
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
      { key: "assumed", label: "Assumed", value: (m) => assumedText(m.assumed), cell: (m) => assumedWhat(m.assumed) },
    ],
    { caption: `${bought.length} minerals bought`, sort: "costUsd", desc: true },
  );
  return el("div", {}, table, assumedNotes(bought, "plan-assumed"));
}

/** A schedule's two tables over its `years` (the plan's): spend per year (every year, even one that buys nothing), then spend per mineral and year. */
export function scheduleTables(p: PlanJson, years: number) {
  const yearRows = Array.from({ length: years }, (_, i) => {
    const year = i + 1;
    const buys = p.minerals.flatMap((m) => (m.schedule ?? []).filter((s) => s.year === year && s.cashUsd > 0).map((s) => ({ id: m.id, ...s })));
    return { year, cashUsd: buys.reduce((a, b) => a + b.cashUsd, 0), buys };
  });
  const bought = p.minerals.filter((m) => (m.schedule ?? []).some((s) => s.cashUsd > 0));
  const cash = (m: PlanMineral, year: number) => m.schedule?.find((s) => s.year === year)?.cashUsd ?? 0;
  return [
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
      { caption: `Spend per year (${years} years, ${fmtUsd(p.spentUsd)} in all)`, sort: "year" },
    ),
    sortableTable(
      bought,
      [
        { key: "id", label: "Mineral", value: (m) => m.id, cell: (m) => markedCell(m.id, m.assumed) },
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
  ];
}

/**
 * The plan's capacity projects: how many are funded and the table of them, or why there are none
 * (`years` is read only then: the years asked for, to say that projects need a single purchase).
 */
export function projectsView(p: PlanJson, years: () => number): Node[] {
  if (!p.projects.length) {
    return [
      el(
        "p",
        { class: "meta" },
        years() > 1
          ? "Capacity projects are planned with a single purchase only: set years to 1 and tick “candidate capacity projects”."
          : "No capacity projects in this plan: tick “candidate capacity projects” to let the plan fund them.",
      ),
    ];
  }
  const n = funded(p).length;
  return [
    el(
      "p",
      { class: "meta", id: "projects-summary" },
      n
        ? `${n} of ${p.projects.length} candidate projects funded, ${fmtUsd(funded(p).reduce((a, j) => a + j.spentUsd, 0))} in all.`
        : p.unspentUsd > 0.5
          ? `None of the ${p.projects.length} candidate projects is funded: under these scenarios each costs more than the expected loss it avoids.`
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
        { key: "tonsPerYear", label: "Output t/yr", value: (j) => j.tonsPerYear, numeric: true, cell: (j) => fmtNum(j.tonsPerYear) },
        { key: "onlineMonth", label: "From month", value: (j) => j.onlineMonth, numeric: true, cell: (j) => String(j.onlineMonth) },
        { key: "probability", label: "Chance it delivers", value: (j) => j.probability, numeric: true, cell: (j) => `${Math.round(j.probability * 100)} %` },
        {
          key: "worthUsd",
          label: "Worth to the plan",
          value: (j) => j.worthUsd ?? -1,
          numeric: true,
          cell: (j) =>
            el(
              "span",
              { title: j.worthUsd === null ? (j.flipCostUsdReason ?? "") : "what its output is worth to the plan, net of the purchases it replaces" },
              j.worthUsd === null ? "—" : fmtUsd(j.worthUsd),
            ),
        },
        {
          key: "flipCostUsd",
          label: "Other decision costs",
          value: (j) => j.flipCostUsd ?? -1,
          numeric: true,
          cell: (j) =>
            el(
              "span",
              {
                title:
                  j.flipCostUsd === null
                    ? (j.flipCostUsdReason ?? "")
                    : j.fund > 0
                      ? "net expected benefit lost if it were dropped"
                      : "net expected benefit lost if it were funded",
              },
              j.flipCostUsd === null ? "—" : fmtUsd(j.flipCostUsd),
            ),
        },
      ],
      { caption: "Candidate capacity projects", sort: "spentUsd", desc: true },
    ),
  ];
}
