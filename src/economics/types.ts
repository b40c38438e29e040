import type { Citation } from "../assumptions/types.js";
import type { SourceRef } from "../data/types.js";

/**
 * The market parameters of one mineral that turn tons into dollars (docs/economics.md, Parameters): the short-run demand
 * curve that values a shortfall, what stock is still worth at the end, what holding it costs, and how
 * the price moves when the reserve buys. Every one is a judgement call or a cited figure (see
 * MarketMark); src/economics/defaults.ts holds the defaults used where no market file gives one.
 */
export interface MarketParams {
  /** short-run price elasticity of demand ε (< 0): P/P0 = (Q/Q0)^(1/ε) */
  elasticity: number;
  /** the price cap (choke price) as a multiple of the pre-crisis price (> 1) */
  chokeMultiple: number;
  /** a multiplier (≥ 1) on the loss of a ton short: how much more a user loses than the market says (defence) */
  essentiality: number;
  /** the share of the market price lost when stock is sold back at the end (0..1) */
  resaleHaircut: number;
  /** storage, US$ per ton and year */
  storageUsdPerTonYear: number;
  /** storage and insurance as a share of the stock's value per year */
  storageShareOfValuePerYear: number;
  /** market impact λ: buying a share q/W of a year's world supply raises that year's price by λ·q/W */
  impact: number;
}

export type MarketKey = keyof MarketParams;
export const MARKET_KEYS: readonly MarketKey[] = [
  "elasticity",
  "chokeMultiple",
  "essentiality",
  "resaleHaircut",
  "storageUsdPerTonYear",
  "storageShareOfValuePerYear",
  "impact",
];

/** Where one parameter value comes from: a cited figure or a judgement with its reason, and its range. */
export interface MarketMark {
  value: number;
  range?: [number, number];
  source?: Citation;
  judgement?: string;
  /** the file and line it is written at (built-in defaults: src/economics/defaults.ts) */
  at: SourceRef;
}

/** A market parameter set: defaults for every mineral, and per-mineral values over them. */
export interface MarketSet {
  file: string;
  defaults: MarketParams;
  byMineral: Readonly<Record<string, Partial<MarketParams>>>;
  /** `default.<key>` and `<mineral>.<key>` → where the value comes from */
  marks: Readonly<Record<string, MarketMark>>;
}

/** The parameters of one mineral: its own values over the set's defaults. */
export function marketParamsOf(set: MarketSet, mineral: string): MarketParams {
  return { ...set.defaults, ...set.byMineral[mineral] };
}

/** Where a mineral's parameter comes from: its own entry, else the default's. */
export function marketMarkOf(set: MarketSet, mineral: string, key: MarketKey): MarketMark | undefined {
  return set.marks[`${mineral}.${key}`] ?? set.marks[`default.${key}`];
}
