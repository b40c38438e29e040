import type { Baseline } from "../data/baseline.js";
import { LodestoneError } from "../errors.js";
import { SCENARIO_DEFAULTS } from "../scenario/defaults.js";
/**
 * Judgement-call parameters of the risk measures, in one frozen object. Each states its default
 * and why. Options passed to the measures override them (resolveRiskOptions).
 */
export type WgiAggregate = "mean" | "va" | "pv" | "ge" | "rq" | "rl" | "cc";
export const WGI_AGGREGATES: readonly WgiAggregate[] = ["mean", "va", "pv", "ge", "rq", "rl", "cc"];

export interface CompositeWeights {
  /** production concentration, HHI on 0–1 */
  hhi: number;
  /** governance-weighted concentration, HHI_WGI / 10 */
  hhiWgi: number;
  /** US net import reliance, 0–1 */
  nir: number;
  /** GeoPolRisk score, 0–1 */
  geopolrisk: number;
}

export interface RiskOptions {
  /** WGI aggregate for the EU-style governance score g (0–10). */
  wgiAggregate: WgiAggregate;
  /** WGI dimension for the GeoPolRisk political-stability weight (0–1). */
  geopolWgi: WgiAggregate;
  /** g (0–10) for a producer with no WGI estimate. */
  unknownG10: number;
  /** g (0–1) for an import partner with no WGI estimate, or the "Other countries" row. */
  unknownG1: number;
  /** end-of-life recycling input rate, 0–1, for the EU SR when the data has none. */
  eolRir: number;
  /** substitution index for supply risk, 0–1, for the EU SR when the data has none. */
  siSr: number;
  /**
   * How the EU SR weighs US domestic output in US sourcing: "wgi" counts it as one producer with
   * the US's own governance score g_USA (the literal transposition), "none" as risk-free (g = 0, as
   * GeoPolRisk treats domestic production).
   */
  euDomestic: "wgi" | "none";
  /** composite criticality weights (normalised to sum 1 over the available components). */
  weights: CompositeWeights;
  /** a composite needs at least this share of the total weight available, else it says why not. */
  minCoverage: number;
  /** composite-score band edges for the matrix: below the first is low, at or above the second high. */
  riskBands: readonly [number, number];
  /** importance (US apparent consumption × price, US$/yr) band edges for the matrix. */
  importanceBands: readonly [number, number];
  /** the US consumption years importance stands on: latest, a year, or mean:N (as simulate and plan's --baseline) */
  baseline: Baseline;
  /** |NIR slope| below this (percentage points per year) is called "flat". */
  flatSlope: number;
  /**
   * Per-mineral import product form for the US import shares (EU SR sourcing), e.g.
   * { niobium: "Niobium oxide" }; by default the form that stands for the US supply (src/data/forms.ts).
   * GeoPolRisk keeps its product chain's partner table (src/data/chains.ts).
   */
  importForm: Readonly<Record<string, string>>;
}

export const RISK_DEFAULTS: Readonly<RiskOptions> = Object.freeze({
  // EU CRM method (Blengini et al. 2017; EC 2023 methodology): the plain mean of the six WGI
  // estimates, rescaled to 0–10. The dataset carries the compiled file's mean6_est.
  wgiAggregate: "mean",
  // geopolrisk-py (Koyamparambath et al. 2024) weights import partners by "Political Stability and
  // Absence of Violence" (PV) rescaled to 0–1; we follow it.
  geopolWgi: "pv",
  // A producer with no WGI estimate gets the middle of the scale: neither good nor bad governance.
  // It is listed under "defaulted" wherever used.
  unknownG10: 5,
  // geopolrisk-py assigns 0.5 to a partner whose WGI is missing (utils.aggregateTrade.wgi_func);
  // we do the same, and also for the "Other countries" import row (an unnamed mix of partners).
  unknownG1: 0.5,
  // No recycling input rates are in the embedded data. 0 gives no recycling credit, the
  // conservative choice (SR is not lowered by an assumption). Listed as defaulted.
  eolRir: 0,
  // No substitution indices are in the data. 1 = no substitute (EU SI_SR range 0–1), again the
  // conservative choice. Listed as defaulted.
  siSr: 1,
  // US output counts in US sourcing as risk-free (g = 0), as GeoPolRisk treats domestic production.
  // Counting it as one producer at g_USA ("wgi", the literal transposition) makes every net exporter
  // score SR ≈ 3 (clays, kyanite, soda ash above gallium): it measures US governance, not foreign
  // exposure, which is what a US reserve ranks minerals for (docs/risk-methods.md, "EU supply risk").
  euDomestic: "none",
  // Half on global supply (HHI, HHI_WGI), half on US exposure (NIR, GeoPolRisk). Within each half
  // the governance-aware measure (HHI_WGI) and the direct exposure (NIR) weigh a little more, as
  // the EU method and USGS 2022 both treat governance and import reliance as the core drivers.
  weights: Object.freeze({ hhi: 0.2, hhiWgi: 0.3, nir: 0.3, geopolrisk: 0.2 }),
  // A composite from less than half the weight would mostly reflect what is missing.
  minCoverage: 0.5,
  // Thirds of the 0–1 composite scale.
  riskBands: Object.freeze([1 / 3, 2 / 3] as const),
  // US$100 million and US$1 billion a year of apparent consumption: under 1e8 a market is niche,
  // over 1e9 it is large for a minerals commodity.
  importanceBands: Object.freeze([1e8, 1e9] as const),
  // The simulator's and the planner's d0 rule (SCENARIO_DEFAULTS.baseline, mean:3: the last three
  // reported years), so a mineral's importance is the consumption value the plan protects, not the
  // 2025 estimates that jump (rare earths 27,000 t against 7,900–10,200 t in 2021–24).
  baseline: SCENARIO_DEFAULTS.baseline,
  // One percentage point a year over the MCS's five or six years is within rounding of the data.
  flatSlope: 1,
  // No user pick: every mineral's stated form (src/data/forms.ts, each with its reason).
  importForm: Object.freeze({}),
});

/**
 * Resolve partial options into a full set (weights merged key by key). Weights must be finite and
 * ≥ 0, and at least one must be above 0: the composite renormalises them, and a zero sum would make
 * every score 0/0.
 */
export function resolveRiskOptions(partial: Partial<Omit<RiskOptions, "weights">> & { weights?: Partial<CompositeWeights> } = {}): RiskOptions {
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  const weights = { ...RISK_DEFAULTS.weights, ...defined(partial.weights ?? {}) };
  const bad = Object.entries(weights).filter(([, w]) => !Number.isFinite(w) || w < 0);
  if (bad.length)
    throw new LodestoneError(
      "invalid",
      bad.map(([k, w]) => ({ field: `weights.${k}`, message: `${w} is not a finite number ≥ 0`, expected: "a weight ≥ 0" })),
    );
  if (Object.values(weights).every((w) => w === 0))
    throw new LodestoneError("invalid", {
      field: "weights",
      message: "every composite weight is 0",
      expected: `at least one weight above 0 among ${Object.keys(weights).join(", ")}`,
    });
  return { ...RISK_DEFAULTS, ...defined(partial), weights } as RiskOptions;
}
