import type { FigureStatus } from "./types.js";

/**
 * The interval a NIR cell allows, in percent (net exporter 0; NIR is a share of consumption, so
 * 0–100): ">95" → [95, 100], "<50" → [0, 50], a number v → [v, v]. A bound is not a point. Shared by
 * the risk measures (risk/import-reliance.ts) and the simulator's inputs (scenario/inputs.ts).
 */
export function nirRange(p: { value: number | null; status: FigureStatus; bound?: ">" | "<" }): [number, number] {
  if (p.status === "net-exporter" || p.value === null) return [0, 0];
  const v = Math.min(100, Math.max(0, p.value));
  if (p.bound === ">") return [v, 100];
  if (p.bound === "<") return [0, v];
  return [v, v];
}
