import { isAggregate } from "./countries.js";
import { countryTons, seriesOf, total } from "./select.js";
import type { CountryFigure, Dataset, SourceRef } from "./types.js";

export interface Finding {
  severity: "error" | "warning";
  check: "shares-above-100" | "world-total-mismatch" | "no-producer" | "unit-not-normalised";
  mineral: string;
  message: string;
  source?: SourceRef;
}

/**
 * Judgement call: USGS rounds world totals (usually to two or three significant figures) and
 * leaves withheld countries out of the sum, so a world total within 10 % of the sum of countries
 * plus "Other countries" is accepted. Default 0.10.
 */
export const WORLD_TOTAL_TOLERANCE = 0.1;
/** Country shares may sum slightly above 100 % after rounding of the world total; 2 % tolerance. */
export const SHARE_TOLERANCE = 0.02;

const tons = (f?: CountryFigure) => (f && typeof f.normalized === "number" ? f.normalized : undefined);

/** Dataset-wide consistency checks; every offender is listed, none stops the others. */
export function checkDataset(d: Dataset): Finding[] {
  const out: Finding[] = [];
  for (const m of d.minerals) {
    for (const s of seriesOf(m.production)) {
      const w = tons(s.world);
      const countries = s.countries.filter((c) => !isAggregate(c.country));
      const sumCountries = countryTons(s);
      const label = `${m.id} ${s.stage} ${s.form} ${s.year}`;
      if (w !== undefined && w > 0) {
        if (sumCountries > w * (1 + SHARE_TOLERANCE)) {
          out.push({
            severity: "warning",
            check: "shares-above-100",
            mineral: m.id,
            message: `${label}: country shares sum to ${((100 * sumCountries) / w).toFixed(1)} % of the world total`,
            source: s.world!.source,
          });
        }
        const withOther = sumCountries + (tons(s.other) ?? 0);
        const gap = Math.abs(withOther - w) / w;
        const anyWithheld = countries.some((c) => c.value === null) || (s.other !== undefined && s.other.value === null);
        if (gap > WORLD_TOTAL_TOLERANCE && !anyWithheld && withOther > 0) {
          out.push({
            severity: "warning",
            check: "world-total-mismatch",
            mineral: m.id,
            message: `${label}: world total ${w} t vs sum of countries ${round(withOther)} t (${(100 * gap).toFixed(1)} % apart, tolerance ${100 * WORLD_TOTAL_TOLERANCE} %)`,
            source: s.world!.source,
          });
        }
      }
    }
    const produced = seriesOf(m.production).some((s) => total(s) > 0 || s.countries.some((c) => (c.value ?? 0) > 0));
    if (!produced) out.push({ severity: "warning", check: "no-producer", mineral: m.id, message: `${m.id}: no country has a numeric production figure` });
    const units = new Map<string, CountryFigure>();
    for (const f of [...m.production, ...m.reserves, ...m.capacity]) if (f.normalizedUnit === undefined && !units.has(f.unit)) units.set(f.unit, f);
    for (const [unit, f] of units) {
      out.push({
        severity: "warning",
        check: "unit-not-normalised",
        mineral: m.id,
        message: `${m.id}: unit ${JSON.stringify(unit)} cannot be normalised to metric tons`,
        source: f.source,
      });
    }
  }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
