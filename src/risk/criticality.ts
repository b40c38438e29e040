import type { Mineral } from "../data/types.js";
import type { CompositeWeights, RiskOptions } from "./defaults.js";
import { describe, jointSalient } from "./salient.js";
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

export interface Importance {
  consumption: number;
  price: number;
  year: number;
}

/**
 * Importance to the US economy: apparent consumption (t) × price (US$/t) = US$ a year, both from
 * the MCS salient statistics of the same year (the latest with both numeric).
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

/** Importance of a mineral from the dataset, with the salient rows it used. */
export function importanceOf(m: Mineral): Measure<Importance> {
  const j = jointSalient(m, ["consumption", "price"]);
  if (j.year === undefined) {
    const why = j.unusable.length ? `not usable: ${j.unusable.slice(0, 4).map(describe).join("; ")}` : "no US consumption or price figures";
    return fail(`${m.id}: no year with numeric US consumption and price; ${why}`);
  }
  const [c, p] = j.figures;
  const r = importance(c.normalized as number, p.normalized as number);
  if (!r.ok) return r;
  const caveats = [];
  if (!/apparent/i.test(c.detail)) caveats.push(`consumption is "${c.detail}", not apparent consumption`);
  caveats.push(`price is "${p.detail}"`);
  return {
    ...r,
    year: j.year,
    inputs: [
      { name: `consumption: ${c.detail}`, value: c.normalized as number, unit: "t", raw: c.raw, source: c.source, note: `${c.year}, ${c.unit}` },
      { name: `price: ${p.detail}`, value: p.normalized as number, unit: "USD/t", raw: p.raw, source: p.source, note: `${p.year}, ${p.unit}` },
    ],
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
