import { isAggregate } from "../data/countries.js";
import { importShares } from "../data/select.js";
import type { Country, Mineral } from "../data/types.js";
import type { StageMeasure } from "./concentration.js";
import { RISK_DEFAULTS, type RiskOptions } from "./defaults.js";
import { hhiWgi, hhiWgiGlobal, withGovernance } from "./hhi-wgi.js";
import { type ImportReliance, importRelianceOf } from "./import-reliance.js";
import { fail, type Measure, r4 } from "./types.js";

export interface EuSrInput {
  /** HHI_WGI of global production (0–10) */
  hhiWgiGlobal: number;
  /** HHI_WGI of the sourcing (here: US import shares), 0–10 */
  hhiWgiSourcing: number;
  /** import reliance, 0–1 */
  ir: number;
  /** end-of-life recycling input rate, 0–1 */
  eolRir: number;
  /** substitution index for supply risk, 0–1 (1 = no substitute) */
  siSr: number;
}

/**
 * EU supply risk (European Commission 2017, "Methodology for establishing the EU list of critical
 * raw materials", Blengini et al., eq. 2; unchanged in the 2020 and 2023 assessments):
 *
 *   SR = [HHI_WGI,GS · IR/2 + HHI_WGI,sourcing · (1 − IR/2)] · (1 − EOL_RIR) · SI_SR
 *
 * GS global supply, sourcing the supplier mix of the assessing economy. SR runs 0–10; the EU
 * criticality threshold is SR ≥ 1. The EU's trade-restriction factor t is not applied (no data).
 */
export function euSupplyRisk(x: EuSrInput): Measure<EuSrInput> {
  const inputs = [
    { name: "HHI_WGI,global", value: x.hhiWgiGlobal, unit: "0–10" },
    { name: "HHI_WGI,sourcing", value: x.hhiWgiSourcing, unit: "0–10" },
    { name: "IR", value: x.ir, unit: "0–1" },
    { name: "EOL_RIR", value: x.eolRir, unit: "0–1" },
    { name: "SI_SR", value: x.siSr, unit: "0–1" },
  ];
  const in01 = (v: number) => v >= 0 && v <= 1;
  const in10 = (v: number) => v >= 0 && v <= 10;
  if (!in10(x.hhiWgiGlobal) || !in10(x.hhiWgiSourcing)) return fail("HHI_WGI must be in [0, 10]", inputs);
  if (!in01(x.ir) || !in01(x.eolRir) || !in01(x.siSr)) return fail("IR, EOL_RIR and SI_SR must be in [0, 1]", inputs);
  const a = x.hhiWgiGlobal * (x.ir / 2);
  const b = x.hhiWgiSourcing * (1 - x.ir / 2);
  const value = (a + b) * (1 - x.eolRir) * x.siSr;
  return {
    ok: true,
    value,
    ...x,
    inputs,
    steps: [
      { label: "global term", formula: `HHI_WGI,global × IR/2 = ${r4(x.hhiWgiGlobal)} × ${r4(x.ir)}/2`, value: r4(a) },
      { label: "sourcing term", formula: `HHI_WGI,sourcing × (1 − IR/2) = ${r4(x.hhiWgiSourcing)} × (1 − ${r4(x.ir)}/2)`, value: r4(b) },
      { label: "SR", formula: `(${r4(a)} + ${r4(b)}) × (1 − ${x.eolRir}) × ${x.siSr}`, value: r4(value) },
    ],
    defaulted: [],
    caveats: value >= 1 ? ["SR ≥ 1: above the EU criticality threshold for supply risk"] : [],
  };
}

/**
 * EU SR of a mineral from the dataset. HHI_WGI,global at the bottleneck stage (the EU takes the
 * higher of the extraction and processing SR; SR rises with HHI_WGI,global, so that is the stage
 * of the highest HHI_WGI); sourcing from US import shares (not the EU's domestic production plus
 * imports: US production by country of origin is not in the data); IR from the latest US NIR.
 * EOL_RIR and SI_SR are not in the data: per-mineral `params`, else the options, listed as defaulted.
 */
export function euSupplyRiskOf(
  m: Mineral,
  countries: Map<string, Country>,
  opts: Pick<RiskOptions, "wgiAggregate" | "unknownG10" | "eolRir" | "siSr" | "flatSlope"> & Partial<Pick<RiskOptions, "importForm">>,
  stage?: string,
  params: { eolRir?: number; siSr?: number } = {},
  /** HHI_WGI,global and NIR when the caller has them already (the risk table does) */
  pre?: { hhiWgi: StageMeasure<{ hhi: number }>; nir: Measure<ImportReliance> },
): Measure<EuSrInput & { stage: string }> {
  const g = pre?.hhiWgi ?? hhiWgiGlobal(m, countries, opts, stage).best;
  if (!g.ok) return fail(`HHI_WGI,global: ${g.reason}`, g.inputs);
  const sh = importShares(m, opts.importForm?.[m.id]);
  const named = sh?.shares.filter((s) => !isAggregate(s.country)) ?? [];
  if (!sh || !named.length) return fail(`${m.id}: no US import sources by country, so HHI_WGI,sourcing cannot be computed`, g.inputs);
  const w = withGovernance(
    named.map((s) => ({ id: s.country, share: s.share, raw: s.figure.raw, source: s.figure.source })),
    countries,
    opts,
  );
  const src = hhiWgi(w.items);
  if (!src.ok) return fail(`HHI_WGI,sourcing: ${src.reason}`, src.inputs);
  const nir = pre?.nir ?? importRelianceOf(m, opts);
  if (!nir.ok) return fail(`IR: ${nir.reason}`, nir.inputs);
  const defaulted = [...g.defaulted, ...w.defaulted];
  const param = (key: "eolRir" | "siSr", name: string, why: string) => {
    if (params[key] !== undefined) return params[key] as number;
    defaulted.push(`${name} = ${opts[key]} (${opts[key] === RISK_DEFAULTS[key] ? why : "set by the user for all minerals"})`);
    return opts[key];
  };
  const eolRir = param("eolRir", "EOL_RIR", "no end-of-life recycling input rate in the data; 0 gives no recycling credit");
  const siSr = param("siSr", "SI_SR", "no substitution index in the data; 1 means no substitute");
  const r = euSupplyRisk({ hhiWgiGlobal: g.value, hhiWgiSourcing: src.value, ir: nir.ir, eolRir, siSr });
  if (!r.ok) return fail(r.reason, r.inputs);
  const left = sh.shares.filter((s) => isAggregate(s.country));
  return {
    ...r,
    stage: g.stage,
    inputs: [...g.inputs, ...w.inputs, ...nir.inputs.filter((i) => i.name === `NIR ${nir.year}`), ...src.inputs, ...r.inputs],
    steps: [
      { label: "HHI_WGI,global", formula: `stage ${g.stage} / ${g.form} / ${g.year}`, value: r4(g.value) },
      ...w.steps,
      ...src.steps.map((s) => ({ ...s, label: s.label.replace("HHI_WGI", "HHI_WGI,sourcing") })),
      ...nir.steps.slice(0, 2),
      ...r.steps,
    ],
    defaulted,
    caveats: [
      ...r.caveats,
      `sourcing = US import shares (${sh.form}, ${sh.shares[0].figure.period ?? sh.shares[0].figure.year})${left.length ? `; aggregates left out of Σs²·g: ${left.map((s) => `${s.country} (${s.figure.raw} %)`).join(", ")}` : ""}`,
      ...nir.caveats,
    ],
  };
}
