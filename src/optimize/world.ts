import { type AssumedMark, type AssumptionSet, findAssumption, markOf } from "../assumptions/types.js";
import { primarySeries, total } from "../data/select.js";
import type { Dataset } from "../data/types.js";

/**
 * Which world annual output a mineral's purchase cap (α × W) and market-impact curve (price × (1 + λ·q/W))
 * use, and where it comes from:
 * - `published`: the mineral's own world total in the vendored MCS data (palladium and platinum: the
 *   PGM chapter gives each metal's world mine production);
 * - `assumed`: an analyst assumption (`quantity: world_production`) where USGS publishes none for the
 *   element (NdPr, dysprosium, rhodium), used in place of the stand-in;
 * - `stand-in`: the chapter's world total inherited by a mineral split out of it (dysprosium: all rare
 *   earths, 390,000 t REO; rhodium: platinum) and no assumption fills it. The cap and the impact are
 *   then far too loose (Dy is about 0.5 % of REO output), and the plan says so.
 */
export type WorldBasis = "published" | "assumed" | "stand-in";

export interface WorldSupply {
  /** world annual output, tons; null when unknown (no market limit) */
  tons: number | null;
  basis: WorldBasis | null;
  /** for a stand-in: the mineral whose world total stands in (rare-earths, platinum) */
  standInFor?: string;
  /** for a stand-in: why USGS gives none of the mineral's own (the importer's note) */
  why?: string;
  /** for an assumed figure: its mark (range, source, file and line) */
  assumed?: AssumedMark;
}

/** World annual production in tons: the primary series' world total (null when unknown). A stand-in counts (see worldSupply). */
export function worldProduction(dataset: Dataset, id: string): number | null {
  const m = dataset.minerals.find((x) => x.id === id);
  const s = m && primarySeries(m);
  const t = s ? total(s) : 0;
  return t > 0 ? t : null;
}

/** The mineral whose world total a split mineral's primary series was copied from (catalog SPLITS `inherit`), and why. */
function inheritedFrom(dataset: Dataset, id: string): { from: string; why: string } | undefined {
  const m = dataset.minerals.find((x) => x.id === id);
  const s = m && primarySeries(m);
  if (!s) return undefined;
  for (const f of [s.world, s.other, ...s.countries]) {
    const x = /inherited from .*?\(([a-z0-9-]+)\): (.*)$/.exec(f?.note ?? "");
    if (x) return { from: x[1], why: x[2] };
  }
  return undefined;
}

/**
 * The world output the plan limits and prices a mineral's purchases by: its own published total,
 * else an assumed `world_production` entry, else the inherited chapter total as a stand-in (said so),
 * else none. A published figure is never overridden by an assumption.
 */
export function worldSupply(dataset: Dataset, id: string, assumptions?: AssumptionSet): WorldSupply {
  const published = worldProduction(dataset, id);
  const inherited = published !== null ? inheritedFrom(dataset, id) : undefined;
  if (published !== null && !inherited) return { tons: published, basis: "published" };
  const a = findAssumption(assumptions, id, "world_production");
  if (a) return { tons: a.value, basis: "assumed", assumed: markOf(a) };
  if (published !== null && inherited) return { tons: published, basis: "stand-in", standInFor: inherited.from, why: inherited.why };
  return { tons: null, basis: null };
}
