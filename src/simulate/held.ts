import type { CompiledScenario } from "../scenario/compile.js";

/**
 * A compiled scenario with a reserve's holdings in store at month 1: each held mineral the scenario
 * simulates gets its tons added to stock_1, on top of the scenario's own `stock:` (a new object; the
 * input is not changed). `from` says where the tons come from, for the notes, e.g. "the ledger as of 2026-01-01".
 * A held mineral the scenario does not simulate changes nothing and is named in the notes.
 */
export function withHeld(c: CompiledScenario, held: ReadonlyMap<string, number>, from: string): { compiled: CompiledScenario; notes: string[] } {
  const simulated = new Set(c.minerals.map((m) => m.id));
  const minerals = c.minerals.map((m) => {
    const t = held.get(m.id) ?? 0;
    return t > 0 ? { ...m, held: (m.held ?? 0) + t } : m;
  });
  const notes = [...held]
    .filter(([, t]) => t > 0)
    .map(([id, t]) =>
      simulated.has(id)
        ? `held: ${fmt(t)} t of ${id} from ${from}, added to month-1 stock on top of the scenario's own stock`
        : `held: ${fmt(t)} t of ${id} from ${from}: the scenario does not simulate it, so the holding changes nothing`,
    );
  return { compiled: { ...c, minerals, notes: [...c.notes, ...notes] }, notes };
}

const fmt = (t: number) => Number(t.toPrecision(10)).toLocaleString("en-US", { maximumFractionDigits: 3 });
