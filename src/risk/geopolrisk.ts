import { importShares } from "../data/select.js";
import type { Country, Mineral, SourceRef } from "../data/types.js";
import { type Concentration, concentration, type StageMeasure } from "./concentration.js";
import type { RiskOptions } from "./defaults.js";
import { governanceScore, WGI_LABEL } from "./governance.js";
import { describe, jointSalient } from "./salient.js";
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

/**
 * GeoPolRisk of a mineral from the dataset, from the US perspective: HHI of production at the
 * bottleneck stage (or `stage`); p and F the US headline production and imports of the latest
 * year with both numeric; f_i = US import share of i (MCS import sources, 2021–24) × F; g_i from
 * WGI PV (opts.geopolWgi). Partners with no WGI, and "Other countries", get opts.unknownG1.
 */
export function geoPolRiskOf(
  m: Mineral,
  countries: Map<string, Country>,
  opts: Pick<RiskOptions, "geopolWgi" | "unknownG1">,
  stage?: string,
  /** the mineral's HHI at `stage` when the caller has it already (the risk table does) */
  pre?: { hhi: StageMeasure<Concentration> },
): Measure<GeoPolRisk & { stage: string }> {
  const c = pre?.hhi ?? concentration(m, stage).best;
  if (!c.ok) return fail(`HHI: ${c.reason}`, c.inputs);
  const sh = importShares(m);
  if (!sh?.shares.length) return fail(`${m.id}: no US import sources by country in the data`, c.inputs);
  const j = jointSalient(m, ["production", "imports"]);
  if (j.year === undefined) {
    const why = j.unusable.length ? `not usable: ${j.unusable.slice(0, 4).map(describe).join("; ")}` : "no US production or imports figures";
    return fail(`${m.id}: no year with numeric US production (p) and imports (F); ${why}`, c.inputs);
  }
  const [pf, Ff] = j.figures;
  const p = pf.normalized as number;
  const F = Ff.normalized as number;
  const inputs: Input[] = [
    { name: `p: US ${pf.detail}`, value: p, unit: "t", raw: pf.raw, source: pf.source },
    { name: `F: US ${Ff.detail}`, value: F, unit: "t", raw: Ff.raw, source: Ff.source },
  ];
  const defaulted: string[] = [];
  const gSteps: Step[] = [];
  const imports: ImportIn[] = sh.shares.map((s) => {
    inputs.push({
      name: `import share ${s.country} (${sh.form})`,
      value: s.share,
      unit: "fraction",
      raw: s.figure.raw,
      source: s.figure.source,
      note: s.figure.period,
    });
    const gm = governanceScore(countries.get(s.country), s.country, opts.geopolWgi, 1);
    let g = opts.unknownG1;
    if (gm.ok) {
      g = gm.value;
      inputs.push(...gm.inputs);
      gSteps.push(...gm.steps);
    } else
      defaulted.push(
        `g(${s.country}) = ${opts.unknownG1} (${s.country === "OTHER" ? '"Other countries" is not one country' : gm.reason}; geopolrisk-py's value for a missing score)`,
      );
    gSteps.push({ label: `f ${s.country}`, formula: `${s.share} × F`, value: r4(s.share * F) });
    return { id: s.country, f: s.share * F, g, raw: s.figure.raw, source: s.figure.source };
  });
  const r = geoPolRisk({ hhi: c.value, imports, p, F });
  if (!r.ok) return fail(r.reason, [...c.inputs, ...inputs]);
  const sum = sh.shares.reduce((a, s) => a + s.share, 0);
  const caveats = [
    `HHI from ${c.stage} / ${c.form} / ${c.year} (${r4(c.value)}); p and F from ${j.year}; import shares are the ${sh.shares[0].figure.period ?? sh.shares[0].figure.year} average`,
    `g = (2.5 − WGI) / 5 on 0–1 with WGI the ${WGI_LABEL[opts.geopolWgi]}`,
    ...c.caveats.filter((x) => x.includes("lower bound")),
  ];
  if (Math.abs(sum - 1) > 0.02) caveats.push(`import shares sum to ${r4(sum)}, so Σf ≠ F`);
  return {
    ...r,
    stage: c.stage,
    inputs: [...c.inputs, ...inputs],
    steps: [...c.steps.filter((s) => s.label.startsWith("HHI (0–1)")), ...gSteps, ...r.steps],
    defaulted,
    caveats,
  };
}
