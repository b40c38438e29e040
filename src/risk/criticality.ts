import type { AssumedMark, AssumptionSet } from "../assumptions/types.js";
import { type Baseline, baselineLabel } from "../data/baseline.js";
import type { Dataset, Mineral } from "../data/types.js";
import { SCENARIO_DEFAULTS } from "../scenario/defaults.js";
import { demandAndPrice } from "../scenario/inputs.js";
import type { CompositeWeights, RiskOptions } from "./defaults.js";
import { fail, type Input, type Measure, r4, type Step } from "./types.js";

export type Component = keyof CompositeWeights;
export const COMPONENTS: readonly Component[] = ["hhi", "hhiWgi", "nir", "geopolrisk"];

/** Each component on 0–1 (with the interval it may lie in, when its input is a bound), or the reason it is missing. */
export type Components = Record<Component, { value: number; range?: readonly [number, number] } | { reason: string }>;

export interface Composite {
  /** the composite at the low and high end of every component's interval (equal when no input is a bound) */
  range: [number, number];
  /** share of the total weight whose component was available */
  coverage: number;
  used: Component[];
  missing: { component: Component; reason: string }[];
}

/**
 * Composite criticality (supply-risk side): a weighted mean of components already on 0–1,
 *
 *   C = Σ_k w_k·x_k / Σ_k w_k   over the available components k,
 *
 * x_hhi = HHI (0–1), x_hhiWgi = HHI_WGI / 10, x_nir = IR = clip(NIR/100, 0, 1), x_geopolrisk the
 * GeoPolRisk score (0–1). Weights are RISK_DEFAULTS.weights unless overridden. A missing component
 * is not zero: its weight is dropped and the rest renormalised, and it is listed; if less than
 * `minCoverage` of the weight remains, the composite is not computed. C rises with every x_k
 * (weights ≥ 0), so a component known only as an interval (IR from a NIR bound) gives the composite's
 * `range` by taking every component at its low end, then at its high end.
 */
export function composite(components: Components, weights: CompositeWeights, minCoverage = 0.5): Measure<Composite> {
  const inputs: Input[] = COMPONENTS.map((k) => {
    const c = components[k];
    return { name: `x_${k}`, value: "value" in c ? c.value : null, unit: "0–1", note: "reason" in c ? c.reason : `weight ${weights[k]}` };
  });
  const bad = COMPONENTS.find((k) => !(weights[k] >= 0) || !Number.isFinite(weights[k]));
  if (bad) return fail(`weight ${bad} = ${weights[bad]}, expected a number ≥ 0`, inputs);
  const total = COMPONENTS.reduce((a, k) => a + weights[k], 0);
  if (total <= 0) return fail("the weights sum to 0", inputs);
  const used = COMPONENTS.filter((k) => "value" in components[k] && weights[k] > 0);
  const missing = COMPONENTS.flatMap((k) => {
    const c = components[k];
    return "reason" in c ? [{ component: k, reason: c.reason }] : [];
  });
  const wUsed = used.reduce((a, k) => a + weights[k], 0);
  const coverage = wUsed / total;
  if (coverage < minCoverage || !used.length)
    return fail(
      `only ${r4(coverage * 100)} % of the weight is available (need ${minCoverage * 100} %); missing: ${missing.map((m) => `${m.component} (${m.reason})`).join("; ")}`,
      inputs,
    );
  const val = (k: Component) => (components[k] as { value: number }).value;
  const steps: Step[] = used.map((k) => ({ label: `w·x ${k}`, formula: `${weights[k]} × ${r4(val(k))}`, value: r4(weights[k] * val(k)) }));
  const value = used.reduce((a, k) => a + weights[k] * val(k), 0) / wUsed;
  steps.push({ label: "composite", formula: `Σ w·x / Σ w (Σ w = ${r4(wUsed)} of ${r4(total)})`, value: r4(value) });
  const end = (i: 0 | 1) => used.reduce((a, k) => a + weights[k] * ((components[k] as { range?: readonly [number, number] }).range?.[i] ?? val(k)), 0) / wUsed;
  const range: [number, number] = [end(0), end(1)];
  if (range[1] > range[0])
    steps.push({
      label: "composite range",
      formula: "every component at the low, then the high end of its interval",
      value: `${r4(range[0])}–${r4(range[1])}`,
    });
  return {
    ok: true,
    value,
    range,
    coverage,
    used,
    missing,
    inputs,
    steps,
    defaulted: [],
    caveats: [
      ...(missing.length ? [`computed without ${missing.map((m) => m.component).join(", ")} (weight renormalised; coverage ${r4(coverage * 100)} %)`] : []),
      ...(range[1] > range[0] ? [`an input is a bound: the composite lies in [${r4(range[0])}, ${r4(range[1])}]`] : []),
    ],
  };
}

export type BandName = "low" | "medium" | "high";
const bandOf = (x: number, [lo, hi]: readonly [number, number]): BandName => (x < lo ? "low" : x < hi ? "medium" : "high");

/** The consumption baseline an importance stands on: the rule (as the flag spells it), in words, and the years it took. */
export interface ImportanceBaseline {
  /** latest, 2024, mean:3; "assumed" when an analyst assumption gives the consumption */
  rule: string;
  description: string;
  /** e.g. "mean of 2022, 2023, 2024", "2025e", "2024 (assumed)" */
  label: string;
}

export interface Importance {
  /** US consumption on the baseline, t a year */
  consumption: number;
  /** US$ per ton of what the quantities measure (converted where PRICE_BASIS says) */
  price: number;
  /** the latest year the consumption figure stands on */
  year: number;
  baseline: ImportanceBaseline;
  /** the inputs an analyst assumption supplies (USGS withholds them), each with its mark */
  assumed?: { consumption?: AssumedMark; price?: AssumedMark };
}

/**
 * Importance to the US economy: US consumption (t a year) × price (US$/t) = US$ a year. Pure
 * arithmetic; `importanceOf` picks the two figures.
 */
export function importance(consumptionT: number, priceUsdPerT: number): Measure<{ consumption: number; price: number }> {
  const inputs: Input[] = [
    { name: "US apparent consumption", value: consumptionT, unit: "t" },
    { name: "price", value: priceUsdPerT, unit: "USD/t" },
  ];
  if (!(consumptionT >= 0) || !(priceUsdPerT >= 0)) return fail(`consumption ${consumptionT} t and price ${priceUsdPerT} US$/t must be numbers ≥ 0`, inputs);
  const value = consumptionT * priceUsdPerT;
  return {
    ok: true,
    value,
    consumption: consumptionT,
    price: priceUsdPerT,
    inputs,
    steps: [{ label: "importance", formula: `${consumptionT} t × ${priceUsdPerT} US$/t`, value: Math.round(value) }],
    defaulted: [],
    caveats: [],
  };
}

export interface ImportanceOptions {
  /** the consumption years it stands on (default SCENARIO_DEFAULTS.baseline, mean:3, as simulate and plan) */
  baseline?: Baseline;
  /** figures USGS withholds (assumptions/public-estimates.yaml): an assumed consumption or price is used, marked */
  assumptions?: AssumptionSet;
  /** the dataset, for a chapter whose parts are minerals of their own (rare earths less NdPr, Dy, Tb: scenario/inputs.ts residual) */
  dataset?: Dataset;
}

const t0 = (x: number) => Math.round(x).toLocaleString("en-US");

/**
 * Importance of a mineral: its demand and price exactly as the simulator and the planner take them
 * (scenario/inputs.ts demandAndPrice): US apparent consumption on the chosen baseline (default mean:3,
 * the last 3 reported years) × the latest price per ton of what the quantities measure (a price
 * USGS quotes per ton of WO3, V2O5, Li2CO3, an ore or an alloy is converted with the stated factor).
 * Where USGS withholds the consumption or the price, the assumption that fills it is used and marked.
 */
export function importanceOf(m: Mineral, opts: ImportanceOptions = {}): Measure<Importance> {
  const baseline = opts.baseline ?? SCENARIO_DEFAULTS.baseline;
  const dp = demandAndPrice(m, baseline, opts.assumptions, opts.dataset);
  if (!dp.inputs) return fail(`${m.id}: no US consumption on baseline ${baselineLabel(baseline)}: ${dp.reason}`);
  const { d0, price } = dp.inputs;
  const cIn: Input = {
    name: `consumption: ${d0.detail}`,
    value: d0.annual,
    unit: "t",
    raw: d0.raw,
    source: d0.source,
    note: [`baseline ${d0.baseline.rule}: ${d0.baseline.label}`, d0.assumed ? `assumed [${d0.assumed.at.file}:${d0.assumed.at.row}]` : "", d0.note ?? ""]
      .filter(Boolean)
      .join("; "),
  };
  if (price.value === null) return fail(`${m.id}: no US price in USD per ton: ${price.reason}`, [cIn]);
  const pIn: Input = {
    name: `price: ${price.detail}`,
    value: price.value,
    unit: "USD/t",
    raw: price.raw,
    source: price.source,
    note: [`${price.year}, ${price.unit}`, price.assumed ? `assumed [${price.assumed.at.file}:${price.assumed.at.row}]` : "", price.note ?? ""]
      .filter(Boolean)
      .join("; "),
  };
  const r = importance(d0.annual, price.value);
  if (!r.ok) return { ...r, inputs: [cIn, pIn] };
  const mean = d0.baseline.years.length ? d0.baseline.years.reduce((a, y) => a + y.tons, 0) / d0.baseline.years.length : d0.annual;
  const steps: Step[] = [
    {
      label: "consumption baseline",
      formula: `${d0.baseline.rule}: ${d0.baseline.years.map((y) => `${y.year}${y.estimated ? "e" : ""} ${t0(y.tons)} t`).join(", ")}${d0.baseline.years.length > 1 ? " (mean)" : ""}`,
      value: r4(mean),
    },
  ];
  // a chapter whose parts are minerals of their own (rare earths less NdPr, Dy, Tb) stands for the rest: the note says what is taken out
  if (Math.abs(mean - d0.annual) > 1e-6 * Math.max(1, mean))
    steps.push({ label: "less the parts modelled as minerals of their own", formula: `${r4(mean)} t − ${r4(mean - d0.annual)} t`, value: r4(d0.annual) });
  if (price.basis && price.published !== undefined)
    steps.push({
      label: "price on the quantity basis",
      formula: `${t0(price.published)} US$/t ÷ ${price.basis.factor.toFixed(4)}`,
      value: Math.round(price.value),
    });
  steps.push({ label: "importance", formula: `${r4(d0.annual)} t × ${r4(price.value)} US$/t`, value: Math.round(r.value) });
  const caveats: string[] = [];
  if (!d0.assumed && !/apparent/i.test(d0.detail)) caveats.push(`consumption is "${d0.detail}", not apparent consumption`);
  if (d0.note) caveats.push(`consumption: ${d0.note}`);
  if (d0.assumed)
    caveats.push(
      `consumption is assumed (USGS withholds it): range ${d0.assumed.range.join("–")} ${d0.assumed.unit} [${d0.assumed.at.file}:${d0.assumed.at.row}]`,
    );
  caveats.push(price.note ? `price: ${price.note}` : `price is "${price.detail}"`);
  if (price.assumed)
    caveats.push(
      `price is assumed (USGS publishes none in USD per ton): range ${price.assumed.range.join("–")} ${price.assumed.unit} [${price.assumed.at.file}:${price.assumed.at.row}]`,
    );
  const assumed =
    d0.assumed || price.assumed ? { ...(d0.assumed ? { consumption: d0.assumed } : {}), ...(price.assumed ? { price: price.assumed } : {}) } : undefined;
  return {
    ...r,
    year: d0.baseline.years[0]?.year ?? d0.year,
    baseline: { rule: d0.baseline.rule, description: d0.baseline.description, label: d0.baseline.label },
    ...(assumed ? { assumed } : {}),
    inputs: [cIn, pIn],
    steps,
    caveats,
  };
}

export interface MatrixCell {
  risk: number;
  importance: number;
  riskBand: BandName;
  importanceBand: BandName;
  /** e.g. "high risk × high importance" */
  cell: string;
}

/** Place a mineral in the 2-D matrix: composite supply risk × importance, each cut into three bands. */
export function matrixCell(risk: number, importanceUsd: number, opts: Pick<RiskOptions, "riskBands" | "importanceBands">): MatrixCell {
  const riskBand = bandOf(risk, opts.riskBands);
  const importanceBand = bandOf(importanceUsd, opts.importanceBands);
  return { risk, importance: importanceUsd, riskBand, importanceBand, cell: `${riskBand} risk × ${importanceBand} importance` };
}
