import * as Plot from "@observablehq/plot";
import { type FrontierJson, funded, type PlanJson, type PlanMineral } from "./plan-types.js";
import { el, fmtNum, fmtUsd } from "./ui.js";

/** What the allocation bars measure: each unit reads one field of a plan's mineral. */
export const UNITS = {
  tons: { label: "tons", axis: "bought (t) →", value: (m: PlanMineral) => m.buyTons, fmt: (v: number) => `${fmtNum(v)} t` },
  usd: { label: "dollars", axis: "spent (USD) →", value: (m: PlanMineral) => m.costUsd, fmt: (v: number) => fmtUsd(v) },
  days: {
    label: "days of cover",
    axis: "days of cover →",
    value: (m: PlanMineral) => m.daysOfCover,
    fmt: (v: number) => `${Math.round(v)} days`,
  },
} as const;
/** A unit the allocation bars can show. */
export type Unit = keyof typeof UNITS;

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
export function allocationBars(p: PlanJson, unit: Unit, width: number) {
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
export function scheduleChart(p: PlanJson, width: number) {
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

/**
 * Expected loss after the plan against the budget, the current budget marked and where extra money stops helping;
 * `maxBudget` is the axis's span (the slider's), and a label in its right half is anchored to its left.
 */
export function frontierChart(f: FrontierJson, budget: number, width: number, maxBudget: number) {
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
      textAnchor: budget > maxBudget / 2 ? "end" : "start",
      dx: budget > maxBudget / 2 ? -4 : 4,
    }),
  ];
  if (f.flattensAt) {
    const right = f.flattensAt.budgetUsd > maxBudget / 2;
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
