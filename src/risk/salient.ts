import { salientFor } from "../data/select.js";
import type { Mineral, SalientFigure, SalientMeasure } from "../data/types.js";

/**
 * The latest year in which every measure's headline US figure (salientFor) has a number in
 * normalised units, so quantities combined in one formula come from the same year. Returns the
 * figures of that year, or the later years' figures that were not usable (so callers can say why).
 */
export function jointSalient(
  m: Mineral,
  measures: readonly SalientMeasure[],
): { year: number; figures: SalientFigure[] } | { year?: undefined; unusable: SalientFigure[] } {
  const years = [...new Set(m.salient.filter((f) => f.measure === measures[0]).map((f) => f.year))].sort((a, b) => b - a);
  const unusable: SalientFigure[] = [];
  for (const y of years) {
    const figures = measures.map((me) => salientFor(m, me, y));
    const bad = figures.filter((f) => !f || typeof f.normalized !== "number");
    if (!bad.length) return { year: y, figures: figures as SalientFigure[] };
    for (const f of bad) if (f) unusable.push(f);
  }
  return { unusable };
}

/** "production 2025 = "W" (withheld)" for a reason text. */
export const describe = (f: SalientFigure) =>
  `${f.measure} ${f.year} = ${JSON.stringify(f.raw)} (${f.status}) [${f.source.file}:${f.source.row}:${f.source.column}]`;
