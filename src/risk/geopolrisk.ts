import { chainFigures, chainOf, type ProductChain } from "../data/chains.js";
import { importShares, seriesByPreference } from "../data/select.js";
import type { Country, Mineral, SalientFigure, SourceRef } from "../data/types.js";
import { type Concentration, concentration, concentrationOfSeries, type StageMeasure } from "./concentration.js";
import type { RiskOptions } from "./defaults.js";
import { governanceScore, WGI_LABEL } from "./governance.js";
import { describe } from "./salient.js";
import { fail, type Input, type Measure, r4, type Step } from "./types.js";

/** Imports from one partner: f in tons, g its political (in)stability on 0–1 (1 = worst). */
export interface ImportIn {
  id: string;
  f: number;
  g: number;
  raw?: string;
  source?: SourceRef;
}

export interface GeoPolRisk {
  hhi: number;
  /** Σ_i g_i·f_i / (p + F), the "import risk" (weighted trade average, WTA in geopolrisk-py) */
  importRisk: number;
  p: number;
  F: number;
}

/**
 * GeoPolRisk score (Gemechu, Helbig, Sonnemann, Thorenz & Tuma 2016, "Import-based indicator for
 * the geopolitical supply risk of raw materials in life cycle sustainability assessments",
 * J. Ind. Ecol. 20(1):154–165; with domestic production in the denominator as in Helbig et al.
 * 2016). We follow the score as geopolrisk-py implements it (Koyamparambath et al. 2024;
 * github.com/akoyamp/geopolrisk-py, assessment/core.py GeoPolRisk): the unitless score, not the
 * price-weighted characterisation factor normalised to copper.
 *
 *   GeoPolRisk = HHI × Σ_i g_i·f_i / (p + F)
 *
 * HHI production concentration (0–1), g_i partner i's WGI Political Stability rescaled to 0–1
 * (1 = least stable), f_i imports from i, p domestic production, F total imports. Range 0–1.
 */
export function geoPolRisk(input: { hhi: number; imports: readonly ImportIn[]; p: number; F: number }): Measure<GeoPolRisk> {
  const { hhi, imports, p, F } = input;
  const inputs: Input[] = [
    { name: "HHI", value: hhi, unit: "0–1" },
    { name: "p (US production)", value: p, unit: "t" },
    { name: "F (US imports)", value: F, unit: "t" },
    ...imports.map((i) => ({ name: `f ${i.id}`, value: i.f, unit: "t", raw: i.raw, source: i.source })),
  ];
  if (!(hhi >= 0 && hhi <= 1)) return fail(`HHI ${hhi} not in [0, 1]`, inputs);
  if (!(p >= 0) || !(F >= 0)) return fail(`p = ${p} and F = ${F} must be numbers ≥ 0`, inputs);
  if (p + F <= 0) return fail("p + F = 0: no domestic production and no imports, the import risk is undefined", inputs);
  if (!imports.length) return fail("no import partners", inputs);
  const bad = imports.find((i) => !(i.f >= 0) || !(i.g >= 0 && i.g <= 1));
  if (bad) return fail(`${bad.id}: f = ${bad.f}, g = ${bad.g}; expected f ≥ 0 and g in [0, 1]`, inputs);
  const steps: Step[] = imports.map((i) => ({ label: `g·f ${i.id}`, formula: `${r4(i.g)} × ${r4(i.f)}`, value: r4(i.g * i.f) }));
  const num = imports.reduce((a, i) => a + i.g * i.f, 0);
  const importRisk = num / (p + F);
  const value = hhi * importRisk;
  steps.push(
    { label: "Σ g_i·f_i", formula: "sum of the above", value: r4(num) },
    { label: "import risk", formula: `${r4(num)} / (${p} + ${F})`, value: r4(importRisk) },
    { label: "GeoPolRisk", formula: `HHI × import risk = ${r4(hhi)} × ${r4(importRisk)}`, value: r4(value) },
  );
  return { ok: true, value, hhi, importRisk, p, F, inputs, steps, defaulted: [], caveats: [] };
}

/** The product chain a score used, laid open for --explain and JSON. */
export interface ChainUsed {
  product: string;
  /** "table" (a stated per-mineral chain) or "rule" (one production row, one imports row, one partner table) */
  from: "table" | "rule";
  /** HHI: production table stage / form / year */
  hhi: string;
  /** p: the US production row(s) read, or "none published: 0" */
  p: string;
  /** F: the US imports row(s) read */
  F: string;
  /** partners: the import-source table, or why there is none */
  partners: string;
  why: string;
}

const rowText = (fs: readonly SalientFigure[]) => fs.map((f) => `"${f.detail}" ${f.year}`).join(" + ");

/** The HHI of the chain's production table: the caller's when it is the same table, else computed. */
function chainHhi(m: Mineral, chain: ProductChain, pre?: StageMeasure<Concentration>): StageMeasure<Concentration> {
  if (chain.hhiForm) {
    const s = seriesByPreference(m, chain.stage).find((x) => chain.hhiForm!.test(x.form));
    if (s) return concentrationOfSeries(s);
    return { ...fail(`${m.id}: no production table at stage ${chain.stage} with a form matching ${chain.hhiForm}`), stage: chain.stage, form: "", year: 0 };
  }
  if (pre && pre.stage === chain.stage) return pre;
  return concentration(m, chain.stage).best;
}

/**
 * GeoPolRisk of a mineral from the dataset, from the US perspective, on one product chain
 * (src/data/chains.ts): HHI of the chain's production table, p its US production row, F its US
 * imports row(s) and the partners its import-source table, all for one product, p and F in the
 * latest year with both numeric. Default chain: the mine stage, following geopolrisk-py; `stage`
 * picks another stated chain. f_i = US import share of i (MCS import sources, 2021–24) × F; g_i from
 * WGI PV (opts.geopolWgi). Partners with no WGI, "Other countries", and all of F where USGS publishes
 * no partner table for the product, get opts.unknownG1 (listed under defaulted).
 */
export function geoPolRiskOf(
  m: Mineral,
  countries: Map<string, Country>,
  opts: Pick<RiskOptions, "geopolWgi" | "unknownG1">,
  stage?: string,
  /** the mineral's HHI when the caller has it already (the risk table does); used only if it is the chain's table */
  pre?: { hhi: StageMeasure<Concentration> },
): Measure<GeoPolRisk & { stage: string; form: string; year: number; chain: ChainUsed }> {
  const ch = chainOf(m, stage);
  if ("reason" in ch) return fail(ch.reason);
  const { chain } = ch;
  const c = chainHhi(m, chain, pre?.hhi);
  if (!c.ok) return fail(`HHI: ${c.reason}`, c.inputs);
  const sh = chain.partners === null ? undefined : importShares(m, chain.partners);
  if (chain.partners !== null && !sh?.shares.length) return fail(`${m.id}: no US import sources by country in the data`, c.inputs);
  const j = chainFigures(m, chain);
  if (j.year === undefined) {
    const why = j.unusable.length
      ? `not usable: ${j.unusable.slice(0, 4).map(describe).join("; ")}`
      : j.missing.slice(0, 2).join("; ") || "no US imports figures";
    return fail(`${m.id}: no year with numeric US production (p) and imports (F) of ${chain.product}; ${why}`, c.inputs);
  }
  const p = j.p.reduce((a, f) => a + (f.normalized as number), 0);
  const F = j.F.reduce((a, f) => a + (f.normalized as number), 0);
  const inputs: Input[] = [
    ...(chain.p === "none" ? [{ name: "p: no US production row published", value: 0, unit: "t", note: chain.why }] : []),
    ...j.p.map((f) => ({ name: `p: US ${f.detail}`, value: f.normalized as number, unit: "t", raw: f.raw, source: f.source })),
    ...j.F.map((f) => ({ name: `F: US ${f.detail}`, value: f.normalized as number, unit: "t", raw: f.raw, source: f.source })),
  ];
  const defaulted: string[] = [];
  const gSteps: Step[] = [];
  if (j.F.length > 1) gSteps.push({ label: "F", formula: `sum of ${j.F.length} imports rows`, value: r4(F) });
  const shares = sh?.shares ?? [{ country: "UNKNOWN", share: 1, figure: undefined }];
  if (!sh)
    defaulted.push(`g of all of F = ${opts.unknownG1} (USGS publishes no import partners for ${chain.product}; geopolrisk-py's value for a missing score)`);
  const imports: ImportIn[] = shares.map((s) => {
    if (s.figure)
      inputs.push({
        name: `import share ${s.country} (${sh?.form})`,
        value: s.share,
        unit: "fraction",
        raw: s.figure.raw,
        source: s.figure.source,
        note: s.figure.period,
      });
    const gm = s.figure ? governanceScore(countries.get(s.country), s.country, opts.geopolWgi, 1) : undefined;
    let g = opts.unknownG1;
    if (gm?.ok) {
      g = gm.value;
      inputs.push(...gm.inputs);
      gSteps.push(...gm.steps);
    } else if (gm)
      defaulted.push(
        `g(${s.country}) = ${opts.unknownG1} (${s.country === "OTHER" ? '"Other countries" is not one country' : gm.reason}; geopolrisk-py's value for a missing score)`,
      );
    gSteps.push({ label: `f ${s.country}`, formula: `${s.share} × F`, value: r4(s.share * F) });
    return { id: s.country, f: s.share * F, g, raw: s.figure?.raw, source: s.figure?.source };
  });
  const r = geoPolRisk({ hhi: c.value, imports, p, F });
  if (!r.ok) return fail(r.reason, [...c.inputs, ...inputs]);
  const used: ChainUsed = {
    product: chain.product,
    from: ch.from,
    hhi: `${c.stage} / ${c.form} / ${c.year}`,
    p: chain.p === "none" ? "no US production row published: p = 0" : rowText(j.p),
    F: rowText(j.F),
    partners: sh ? `import sources "${sh.form}" (${sh.shares[0].figure.period ?? sh.shares[0].figure.year})` : "none published for this product",
    why: chain.why,
  };
  const sum = shares.reduce((a, s) => a + s.share, 0);
  const caveats = [
    `one product chain (${ch.from === "table" ? "stated per mineral" : "rule"}): ${used.product}`,
    `g = (2.5 − WGI) / 5 on 0–1 with WGI the ${WGI_LABEL[opts.geopolWgi]}`,
    ...c.caveats.filter((x) => x.includes("lower bound")),
  ];
  if (Math.abs(sum - 1) > 0.02) caveats.push(`import shares sum to ${r4(sum)}, so Σf ≠ F`);
  return {
    ...r,
    stage: c.stage,
    form: c.form,
    year: c.year,
    chain: used,
    inputs: [...c.inputs, ...inputs],
    steps: [...c.steps.filter((s) => s.label.startsWith("HHI (0–1)")), ...gSteps, ...r.steps],
    defaulted,
    caveats,
  };
}
