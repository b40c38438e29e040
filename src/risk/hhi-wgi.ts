import type { Series } from "../data/select.js";
import type { Country, Mineral } from "../data/types.js";
import { bottleneck, type ShareIn, type StageMeasure, seriesShares } from "./concentration.js";
import type { RiskOptions } from "./defaults.js";
import { governanceScore, WGI_LABEL } from "./governance.js";
import { fail, type Input, type Measure, r4, type Step } from "./types.js";

/** A producer's share with its governance score g (0–10, 10 = worst). */
export interface WeightedShare extends ShareIn {
  g: number;
}

/**
 * Governance-weighted concentration, as in the EU critical raw materials method (European
 * Commission 2017, "Methodology for establishing the EU list of critical raw materials",
 * Blengini et al.; kept in the 2020 and 2023 assessments):
 *
 *   HHI_WGI = Σ_c s_c² · g_c
 *
 * s_c the country's share (0–1), g_c its WGI score rescaled to 0–10 (10 = worst). Range 0–10.
 */
export function hhiWgi(items: readonly WeightedShare[]): Measure<{ hhi: number }> {
  const inputs: Input[] = items.map((s) => ({ name: `share ${s.id}`, value: s.share, raw: s.raw, source: s.source, unit: "fraction" }));
  if (!items.length) return fail("no shares", inputs);
  const bad = items.find((s) => !Number.isFinite(s.share) || s.share < 0 || s.share > 1 + 1e-9 || !Number.isFinite(s.g) || s.g < 0 || s.g > 10);
  if (bad) return fail(`${bad.id}: share ${bad.share} or g ${bad.g} out of range, expected share in [0, 1] and g in [0, 10]`, inputs);
  const steps: Step[] = items.map((s) => ({ label: `s²·g ${s.id}`, formula: `${r4(s.share)}² × ${r4(s.g)}`, value: r4(s.share * s.share * s.g) }));
  const value = items.reduce((a, s) => a + s.share * s.share * s.g, 0);
  const h = items.reduce((a, s) => a + s.share * s.share, 0);
  steps.push({ label: "HHI_WGI", formula: "Σ s_c² · g_c", value: r4(value) });
  return { ok: true, value, hhi: h, inputs, steps, defaulted: [], caveats: [] };
}

/**
 * Attach g to each share: aggregates are dropped (as in HHI: "Other countries" is not one
 * producer); a country with no WGI estimate gets `unknownG10`, listed under `defaulted`.
 */
export function withGovernance(shares: readonly ShareIn[], countries: Map<string, Country>, opts: Pick<RiskOptions, "wgiAggregate" | "unknownG10">) {
  const items: WeightedShare[] = [];
  const inputs: Input[] = [];
  const steps: Step[] = [];
  const defaulted: string[] = [];
  for (const s of shares) {
    const gm = governanceScore(countries.get(s.id), s.id, opts.wgiAggregate, 10);
    if (gm.ok) {
      items.push({ ...s, g: gm.value });
      inputs.push(...gm.inputs);
      steps.push(...gm.steps);
    } else {
      items.push({ ...s, g: opts.unknownG10 });
      defaulted.push(`g(${s.id}) = ${opts.unknownG10} (${gm.reason}; middle of the 0–10 scale)`);
    }
  }
  return { items, inputs, steps, defaulted };
}

/** HHI_WGI of one production table. */
export function hhiWgiOfSeries(
  s: Series,
  countries: Map<string, Country>,
  opts: Pick<RiskOptions, "wgiAggregate" | "unknownG10">,
): StageMeasure<{ hhi: number }> {
  const where = { stage: s.stage, form: s.form, year: s.year };
  const sh = seriesShares(s);
  if (!sh.ok) return { ...sh, ...where };
  const g = withGovernance(sh.shares, countries, opts);
  const m = hhiWgi(g.items);
  if (!m.ok) return { ...m, ...where };
  return {
    ...m,
    ...where,
    inputs: [...sh.inputs, ...g.inputs],
    steps: [...g.steps, ...m.steps],
    defaulted: g.defaulted,
    caveats: [...sh.caveats, `g = (2.5 − WGI) / 5 × 10 with WGI the ${WGI_LABEL[opts.wgiAggregate]}; HHI_WGI is a lower bound where shares are left out`],
  };
}

/** Global HHI_WGI of a mineral's production, at the bottleneck stage (or `stage`). */
export function hhiWgiGlobal(m: Mineral, countries: Map<string, Country>, opts: Pick<RiskOptions, "wgiAggregate" | "unknownG10">, stage?: string) {
  return bottleneck(m, stage, (s) => hhiWgiOfSeries(s, countries, opts));
}
