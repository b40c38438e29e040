import type { PlanResult } from "../optimize/types.js";
import { type Column, type Format, type Report, type Row, render, textLines, toTable, WIDTH } from "./format.js";
import { INFEASIBLE_EXIT, musd, planHeadline } from "./plan.js";

/*
 * `plan --vary KEY=V1,V2,...`: the base plan and the plan at each named value, side by side. Table
 * and CSV: one row per plan (money in US$ M); JSON: every plan's summary and per-mineral buys (USD).
 */

/** One plan of a sensitivity run: the value it was made with ("low (5,390)", "0.5") and its result. */
export interface SensitivityCase {
  /** what the user typed (`low`, `0.5`), or "base" */
  label: string;
  /** the figure the plan used, in the key's unit (t/yr, USD/t, percent, or the option's own unit); null: each mineral's own (the base of an option set per mineral) */
  value: number | null;
  result: PlanResult;
}

export interface Sensitivity {
  /** the key as given: `tungsten.consumption`, `premium` */
  key: string;
  kind: "assumption" | "option" | "market";
  /** the unit of the values (t, USD/t, percent; "" for an option) */
  unit: string;
  /** for an assumption or a one-mineral market parameter: the mineral whose figure changes (its shortfall gets its own column) */
  mineral?: string;
  base: SensitivityCase;
  cases: SensitivityCase[];
  notes?: readonly string[];
}

const MUSD = (v: number) => v / 1e6;
/** How many minerals the table names per row (the ones whose purchase changed most); CSV and JSON keep all. */
const TOP = 3;

/** Change in tons bought against the base plan, per mineral, largest first (ties by id); zero changes left out. */
export function buyChanges(base: PlanResult, other: PlanResult): { id: string; deltaTons: number }[] {
  const ids = new Set([...base.minerals, ...other.minerals].map((m) => m.id));
  const tons = (r: PlanResult, id: string) => r.minerals.find((m) => m.id === id)?.buyTons ?? 0;
  return [...ids]
    .map((id) => ({ id, deltaTons: tons(other, id) - tons(base, id) }))
    .filter((c) => Math.abs(c.deltaTons) >= 0.5)
    .sort((a, b) => Math.abs(b.deltaTons) - Math.abs(a.deltaTons) || a.id.localeCompare(b.id));
}

const signed = (t: number) => `${t > 0 ? "+" : "−"}${Math.abs(Math.round(t)).toLocaleString("en-US")}`;
const changeText = (changes: readonly { id: string; deltaTons: number }[], top: number) =>
  changes.length
    ? changes
        .slice(0, top)
        .map((c) => `${c.id} ${signed(c.deltaTons)}`)
        .join(", ") + (changes.length > top ? `, +${changes.length - top} more` : "")
    : "none";

function columns(s: Sensitivity, note: number): Column[] {
  return [
    { key: "case", label: `${s.key}${s.unit ? ` ${s.unit}` : ""}`.length <= 24 ? `${s.key}${s.unit ? ` ${s.unit}` : ""}` : "value" },
    { key: "spentMusd", label: "spent US$ M", digits: 1 },
    { key: "valueBeforeMusd", label: "E[value] US$ M", digits: 1 },
    { key: "valueAfterMusd", label: "after US$ M", digits: 1 },
    { key: "deltaAfterMusd", label: "Δ after", digits: 1 },
    ...(s.mineral ? [{ key: "mineralShortAfterT", label: "short t" }] : []),
    { key: "changes", label: "bought t vs base", note },
  ];
}

/** "low: 5,390", "0.5", "base: 0.1": the value as given and, for a word, the figure it stands for. */
const caseLabel = (c: SensitivityCase, base: boolean) => {
  if (c.value === null) return base ? "base: per mineral" : c.label;
  const figure = c.value.toLocaleString("en-US", { maximumFractionDigits: Math.abs(c.value) >= 100 ? 0 : 6 });
  return base ? `base: ${figure}` : c.label === String(c.value) ? c.label : `${c.label}: ${figure}`;
};

function rows(s: Sensitivity, top: number): Row[] {
  return [s.base, ...s.cases].map((c, i) => {
    const r = c.result;
    const ok = r.status === "optimal";
    const mineral = s.mineral ? r.minerals.find((m) => m.id === s.mineral) : undefined;
    return {
      case: caseLabel(c, i === 0),
      value: c.value,
      status: r.status,
      spentMusd: ok ? MUSD(r.spent) : null,
      valueBeforeMusd: ok ? MUSD(r.valueBefore) : null,
      valueAfterMusd: ok ? MUSD(r.valueAfter) : null,
      deltaAfterMusd: ok && s.base.result.status === "optimal" ? MUSD(r.valueAfter - s.base.result.valueAfter) : null,
      ...(s.mineral ? { mineralShortAfterT: ok && mineral ? mineral.shortfallAfter : null } : {}),
      changes: ok ? (i === 0 ? "" : changeText(buyChanges(s.base.result, r), top)) : (planHeadline(r) ?? r.status),
    };
  });
}

/** The table with the widest changes column that keeps every line within WIDTH (longer lists go below as numbered notes). */
function fittedTable(s: Sensitivity): string {
  const data = rows(s, TOP);
  let table = "";
  for (let note = 60; note >= 0; note -= 2) {
    table = toTable(data, columns(s, note));
    if (Math.max(...table.split("\n").map((l) => [...l].length)) <= WIDTH) break;
  }
  return table;
}

/** A plan's summary and its per-mineral buys, as the sensitivity JSON gives them (USD). */
function caseJson(c: SensitivityCase, base?: PlanResult) {
  const r = c.result;
  return {
    label: c.label,
    value: c.value,
    ...(c.value === null ? { valueWhy: "each mineral's own figure (the market file's, by form): no single base value" } : {}),
    status: r.status,
    ...(planHeadline(r) ? { headline: planHeadline(r) } : {}),
    spentUsd: r.spent,
    valueBeforeUsd: r.valueBefore,
    valueAfterUsd: r.valueAfter,
    marginalValue: r.marginalValue,
    projectsFunded: r.projects.filter((j) => j.fund > 0).map((j) => ({ id: j.id, fund: j.fund })),
    minerals: r.minerals.map((m) => ({
      id: m.id,
      buyTons: m.buyTons,
      costUsd: m.dollars,
      shortfallBeforeT: m.shortfallBefore,
      shortfallAfterT: m.shortfallAfter,
      valueBeforeUsd: m.valueBefore,
      valueAfterUsd: m.valueAfter,
    })),
    ...(base ? { buyChanges: buyChanges(base, r), valueAfterChangeUsd: r.valueAfter - base.valueAfter } : {}),
  };
}

export function sensitivityJson(s: Sensitivity) {
  return {
    key: s.key,
    kind: s.kind,
    unit: s.unit,
    ...(s.mineral ? { mineral: s.mineral } : {}),
    base: caseJson(s.base),
    cases: s.cases.map((c) => caseJson(c, s.base.result)),
    notes: [...(s.notes ?? [])],
  };
}

/**
 * `lodestone plan --vary`: a table (one row per plan, the base first; the minerals whose purchase
 * changed most against the base), CSV (every changed mineral) or JSON. Exit 4 when any plan is infeasible.
 */
export function sensitivityReport(s: Sensitivity, format: Format): Report {
  const code = [s.base, ...s.cases].some((c) => c.result.status === "infeasible") ? INFEASIBLE_EXIT : 0;
  if (format === "json") return { text: render("json", [], [], sensitivityJson(s)), code };
  if (format === "csv") {
    const csvColumns = [
      { key: "case" },
      { key: "value" },
      { key: "status" },
      ...columns(s, 0)
        .slice(1)
        .map(({ note, ...c }) => c),
    ];
    return { text: render("csv", rows(s, Number.POSITIVE_INFINITY), csvColumns), code };
  }
  const b = s.base.result;
  const head = [
    `sensitivity of the plan to ${s.key} (${s.kind === "assumption" ? "assumed figure" : s.kind === "market" ? "market parameter" : "plan option"}): the base plan, then one plan per value, same budget US$ ${musd(b.budget)} M`,
  ];
  const legend = [
    `E[value]/after: expected shortfall value before/after the plan; Δ after: after minus the base plan's; bought t vs base: the ${TOP} minerals whose purchase changed most (all of them: --format csv or json)${s.mineral ? `; short t: ${s.mineral}'s expected shortfall after the plan` : ""}; a plan that is not optimal shows its status there`,
  ];
  return { text: textLines(head) + fittedTable(s) + textLines([...legend, ...(s.notes ?? [])], "note: "), code };
}
