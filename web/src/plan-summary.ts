import type { PlanJson } from "./plan-types.js";
import { el, fmtUsd } from "./ui.js";

/** The plan's headline figures as term and value pairs (dt, dd) for the summary list. */
export function summaryItems(p: PlanJson) {
  return [
    ["Budget", fmtUsd(p.budgetUsd)],
    ["Spent", fmtUsd(p.spentUsd)],
    ["Unspent", fmtUsd(p.unspentUsd)],
    ["Expected loss before", fmtUsd(p.valueBeforeUsd)],
    ["Expected loss after", fmtUsd(p.valueAfterUsd)],
    ["Net benefit", fmtUsd(p.netBenefitUsd)],
    ["Solver status", p.status],
  ].flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]);
}

/** Spend against budget in plain words, and what the net benefit is made of. */
export function spendSentences(p: PlanJson): string[] {
  if (p.status !== "optimal") return [p.headline ?? `No plan: ${p.status}${p.reason ? ` (${p.reason})` : ""}`];
  const unspent = p.unspentUsd > 0.5;
  const returns = p.marginalValue ? `; locally, each extra dollar returns about ${p.marginalValue.toFixed(2)} dollars net` : "";
  // a schedule can leave money unspent while an early year's tranche binds: more money still buys more, early
  const trancheBinds = unspent && (p.years ?? 1) > 1 && (p.marginalValue ?? 0) > 1e-9;
  const spend = trancheBinds
    ? `Spends ${fmtUsd(p.spentUsd)} of ${fmtUsd(p.budgetUsd)}: an early year's tranche binds (by the end of year y at most y/${p.years} of the budget is spent)${returns}; the money left for the later years would buy stock too late to pay for itself.`
    : unspent
      ? `Spends ${fmtUsd(p.spentUsd)} of ${fmtUsd(p.budgetUsd)}: more money buys nothing more under these scenarios (no further purchase avoids more expected loss than it costs).`
      : `Spends all of ${fmtUsd(p.budgetUsd)}: the budget binds${returns}.`;
  const avoided = p.valueBeforeUsd - p.valueAfterUsd;
  const net = `Net benefit ${fmtUsd(p.netBenefitUsd)} = expected loss avoided ${fmtUsd(avoided)} + resale of what is left ${fmtUsd(p.resaleValueUsd)} − spent ${fmtUsd(p.spentUsd)} − holding ${fmtUsd(p.holdingCostUsd)}.`;
  return [spend, net];
}

/** The plan's notes: the ones starting "*N" are assumed figures (not published data), marked. */
export function notesList(notes: string[]) {
  if (!notes.length) return el("p", { class: "meta" }, "No notes.");
  return el(
    "details",
    { class: "plan-notes" },
    el("summary", {}, `${notes.length} notes and assumptions (${notes.filter((n) => n.startsWith("*")).length} assumed figures, marked *)`),
    el("ul", { class: "assumed-list" }, ...notes.map((n) => el("li", { class: n.startsWith("*") ? "assumed-note" : undefined }, n))),
  );
}
