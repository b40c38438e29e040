import type { Holdings } from "../scenario/holdings.js";
import type { PlanScenario } from "./types.js";

/**
 * The plan's scenarios with a reserve's existing holdings in store: each held mineral's tons are
 * added to stock1 (the stock at month 1, before any purchase) in every scenario that simulates it,
 * on top of the scenario file's own `stock:`. New scenario objects are returned (the input is not
 * changed; demand and supply paths are shared, read only). A held mineral no scenario simulates
 * changes nothing and is named in the notes, as is every holding applied (tons, as of, source).
 */
export function withHoldings(scenarios: readonly PlanScenario[], holdings: Holdings): { scenarios: PlanScenario[]; notes: string[] } {
  const held = new Map(holdings.holdings.filter((h) => h.tons > 0).map((h) => [h.mineral, h.tons]));
  if (!held.size) return { scenarios: [...scenarios], notes: [`holdings ${holdings.file} (as of ${holdings.asOf}): no tons held`] };
  const simulated = new Set<string>();
  const out = scenarios.map((s) => {
    if (!s.minerals.some((m) => held.has(m.id))) return s;
    return {
      ...s,
      minerals: s.minerals.map((m) => {
        const t = held.get(m.id);
        if (t === undefined) return m;
        simulated.add(m.id);
        return { ...m, stock1: m.stock1 + t };
      }),
    };
  });
  const notes = holdings.holdings.map((h) => {
    const from = h.source ? `${h.source.publisher}, ${h.source.title} (${h.source.date}) ${h.source.url}` : `judgement: ${h.judgement}`;
    const what = `${h.mineral}: ${fmt(h.tons)} t held${h.form ? ` (${h.form})` : ""} as of ${holdings.asOf} (${holdings.file}; ${from})`;
    if (h.tons <= 0) return `${what}: nothing to add`;
    return simulated.has(h.mineral)
      ? `${what}, added to month-1 stock in every scenario that simulates it, on top of the scenario's own stock`
      : `${what}: the plan's scenarios do not simulate it (outside the basket or --minerals, or no scenario touches it), so the holding changes nothing`;
  });
  return { scenarios: out, notes };
}

const fmt = (t: number) => (Number.isInteger(t) ? t.toLocaleString("en-US") : String(t));
