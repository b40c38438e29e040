import type { PricePoint } from "./types.js";

/** The latest price of `mineral` dated on or before `day` (YYYY-MM-DD), or undefined when none is. */
export function latestPrice(prices: readonly PricePoint[], mineral: string, day: string): PricePoint | undefined {
  let best: PricePoint | undefined;
  for (const p of prices) if (p.mineral === mineral && p.date <= day && (best === undefined || p.date >= best.date)) best = p;
  return best;
}
