import type { Country, Dataset } from "../data/types.js";
import type { WgiAggregate } from "./defaults.js";
import { fail, type Measure, r4 } from "./types.js";

/**
 * Governance score from the Worldwide Governance Indicators (Kaufmann & Kraay, World Bank; WGI
 * 2024 update, year 2023). WGI estimates run about −2.5 (worst) … +2.5 (best). The EU critical
 * raw materials method uses them rescaled to 0–10 with 10 the worst governance:
 *
 *   g = (2.5 − wgi) / 5 × 10, clipped to [0, 10]
 *
 * geopolrisk-py uses the same rescaling on 0–1 (scale = 1). By default `wgi` is the plain mean of
 * the six estimates (VA, PV, GE, RQ, RL, CC; the compiled file's mean6_est).
 */
export function rescaleWgi(wgi: number, scale = 10): number {
  const g = ((2.5 - wgi) / 5) * scale;
  return Math.min(scale, Math.max(0, g));
}

export const WGI_LABEL: Record<WgiAggregate, string> = {
  mean: "mean of the six WGI estimates",
  va: "Voice and Accountability",
  pv: "Political Stability and Absence of Violence",
  ge: "Government Effectiveness",
  rq: "Regulatory Quality",
  rl: "Rule of Law",
  cc: "Control of Corruption",
};

/** Country lookup by code, built once per dataset. */
export function countryIndex(d: Pick<Dataset, "countries">): Map<string, Country> {
  return new Map(d.countries.map((c) => [c.code, c]));
}

/** The governance score g of one country, with its WGI source cell. */
export function governanceScore(
  country: Country | undefined,
  code: string,
  aggregate: WgiAggregate = "mean",
  scale = 10,
): Measure<{ wgi: number; aggregate: WgiAggregate; scale: number }> {
  const gov = country?.governance;
  const wgi = gov?.[aggregate];
  if (!country) return fail(`${code}: not a known country`);
  if (!gov) return fail(`${code}: no WGI estimates in the WGI 2023 file`);
  if (typeof wgi !== "number") return fail(`${code}: WGI ${WGI_LABEL[aggregate]} is missing`);
  const source = { ...gov.source, column: aggregate === "mean" ? "mean6_est" : `${aggregate}_est` };
  const value = rescaleWgi(wgi, scale);
  return {
    ok: true,
    value,
    wgi,
    aggregate,
    scale,
    inputs: [{ name: `WGI ${aggregate} ${code}`, value: wgi, raw: String(wgi), source, note: `${WGI_LABEL[aggregate]}, ${gov.year}` }],
    steps: [{ label: `g(${code})`, formula: `(2.5 − ${wgi}) / 5 × ${scale}, clipped to [0, ${scale}]`, value: r4(value) }],
    defaulted: [],
    caveats: [],
  };
}
