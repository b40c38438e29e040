import { PER_PART_CHAPTERS, SPLITS } from "./catalog.js";
import { isAggregate } from "./countries.js";
import { importFormOf } from "./forms.js";
import type { CountryFigure, ImportShare, Mineral, SalientFigure, SalientMeasure } from "./types.js";

/** One production (or capacity/reserve) table: a stage and product form in one year. */
export interface Series {
  stage: string;
  form: string;
  year: number;
  /** the World total row, if published */
  world?: CountryFigure;
  /** the "Other countries" row, if published */
  other?: CountryFigure;
  /** individual countries (aggregates such as "United States and Canada" included, flagged by code) */
  countries: CountryFigure[];
}

export interface Share {
  country: string;
  share: number;
  tons: number;
  figure: CountryFigure;
}

const num = (f: { normalized?: number | null } | undefined) => (f && typeof f.normalized === "number" ? f.normalized : undefined);

/** Group figures into series by (stage, form, year), in a stable order. */
export function seriesOf(figures: readonly CountryFigure[]): Series[] {
  const map = new Map<string, Series>();
  for (const f of figures) {
    const key = `${f.stage}\u0000${f.form}\u0000${f.year}`;
    let s = map.get(key);
    if (!s) {
      s = { stage: f.stage, form: f.form, year: f.year, countries: [] };
      map.set(key, s);
    }
    if (f.country === "WORLD") s.world ??= f;
    else if (f.country === "OTHER") s.other ??= f;
    else s.countries.push(f);
  }
  return [...map.values()];
}

/** Does the series carry at least one country figure in tons? */
const hasData = (s: Series) => s.countries.some((c) => (num(c) ?? 0) > 0) || (num(s.world) ?? 0) > 0;

/**
 * The latest year of each (stage, form) of a mineral's production that has data in tons.
 * `stage` narrows to one stage. Sorted by stage then form.
 */
export function latestSeries(m: Mineral, stage?: string, figures: readonly CountryFigure[] = m.production): Series[] {
  const best = new Map<string, Series>();
  for (const s of seriesOf(figures)) {
    if (stage && s.stage !== stage) continue;
    if (!hasData(s)) continue;
    const key = `${s.stage}\u0000${s.form}`;
    const cur = best.get(key);
    if (!cur || s.year > cur.year) best.set(key, s);
  }
  return [...best.values()].sort((a, b) => a.stage.localeCompare(b.stage) || a.form.localeCompare(b.form));
}

/**
 * A stage's latest tables in order of preference, the one every module leads with first
 * (catalogue, risk, scenario exposure, the plan's market limit): tables with country figures
 * before tables with only a World total, then tables with a numeric World total, then the
 * largest total, then by form. `stage` undefined: across all stages.
 */
export function seriesByPreference(m: Mineral, stage?: string): Series[] {
  const hasCountries = (s: Series) => s.countries.some((c) => !isAggregate(c.country) && (num(c) ?? 0) > 0);
  const hasWorld = (s: Series) => (num(s.world) ?? 0) > 0;
  const rank = (s: Series) => (hasCountries(s) ? 2 : 0) + (hasWorld(s) ? 1 : 0);
  return latestSeries(m, stage).sort((a, b) => rank(b) - rank(a) || total(b) - total(a) || a.form.localeCompare(b.form));
}

/** The primary series of a stage (or of the mineral): the first of seriesByPreference. */
export function primarySeries(m: Mineral, stage?: string): Series | undefined {
  return seriesByPreference(m, stage)[0];
}

/** Stages with production data, most downstream first is not implied: alphabetical. */
export function stagesOf(m: Mineral): string[] {
  return [...new Set(latestSeries(m).map((s) => s.stage))].sort();
}

/** Tons of the individual countries of a series (group aggregates and "Other countries" left out). */
export function countryTons(s: Series): number {
  return s.countries.filter((c) => !isAggregate(c.country)).reduce((a, c) => a + (num(c) ?? 0), 0);
}

/** World total in tons: the published total if numeric, otherwise countries + other. */
export function total(s: Series): number {
  const w = num(s.world);
  if (w !== undefined && w > 0) return w;
  return countryTons(s) + (num(s.other) ?? 0);
}

/**
 * Country shares of the world total (published World total where numeric, else the sum of
 * countries and "Other countries"). Countries with no numeric figure (W, NA) are left out and
 * listed in `missing`; group aggregates ("United States and Canada") are left out too.
 */
export function sharesOf(s: Series): { shares: Share[]; denominator: number; basis: "world-total" | "sum-of-countries"; missing: CountryFigure[] } {
  const w = num(s.world);
  // A rounded world total can fall below the sum of its countries (gallium 2025: China 900,000 kg
  // of a 900,000 kg world total, plus Japan and Russia); shares are then taken of the larger sum so
  // that they never exceed 100 %.
  const sum = countryTons(s) + (num(s.other) ?? 0);
  const basis = w !== undefined && w > 0 && w >= sum ? "world-total" : "sum-of-countries";
  const denominator = basis === "world-total" ? w! : sum;
  const shares: Share[] = [];
  const missing: CountryFigure[] = [];
  for (const c of s.countries) {
    if (isAggregate(c.country)) continue;
    const t = num(c);
    if (t === undefined) missing.push(c);
    else if (t > 0 && denominator > 0) shares.push({ country: c.country, share: t / denominator, tons: t, figure: c });
  }
  shares.sort((a, b) => b.share - a.share || a.country.localeCompare(b.country));
  return { shares, denominator, basis, missing };
}

const PREFER: Partial<Record<SalientMeasure, RegExp>> = {
  consumption: /apparent/i,
};

/**
 * Judgement call: the consumption row of a mineral whose chapter reports several apparent-consumption
 * rows, where the first is a part. Each one is the row its net import reliance is a share of, so that
 * d0·r is the net import: nickel's NIR is "a percentage of total apparent consumption" (the primary row,
 * first, leaves out the secondary nickel in scrap); strontium's "Total" is celestite plus strontium
 * compounds (celestite alone, first, was 29 t in 2024 against 3,650 t in all).
 */
const CONSUMPTION_PREFERENCE: Record<string, RegExp> = {
  nickel: /Apparent, total/i,
  strontium: /apparent: Total/i,
};

/**
 * Judgement call: the headline price of a mineral whose chapter prices several products. Default:
 * the first price row USGS lists. Rare earths: NdPr oxide (the magnet feedstock that dominates the
 * value of US rare-earth demand; the first row, lanthanum oxide, trades near US$1/kg).
 */
const PRICE_PREFERENCE: Record<string, RegExp> = {
  "rare-earths": /NdPr/,
  // chromium quantities are chromium content; the first row, chromite ore, is gross weight of an ore whose
  // grade MCS 2026 does not state, while ferrochromium (the form US stainless steel uses) is priced per pound of chromium content
  chromium: /Ferrochromium \(chromium content\)/,
  // the consumption row used is alumina (bauxite's apparent consumption is withheld), so the price is alumina's
  // (the second row, "f.a.s.," abbreviated), not bauxite's US$ 32/t
  "bauxite-alumina": /f\.a\.s\.,/,
};
const PRICE_WHY: Record<string, string> = {
  chromium:
    "judgement call: chromium is priced at ferrochromium per pound of chromium content (its quantities are chromium content), not at chromite ore per ton of gross weight (src/data/select.ts)",
  "rare-earths":
    "judgement call: rare earths are priced at NdPr oxide, the magnet feedstock, not at a basket of the mixed oxides US consumption covers (lanthanum and cerium oxide trade near US$1–2/kg), so tonnage costs and shortfall values are upper-end (src/data/select.ts)",
};

/** Why a mineral's headline price is the row it is, where that was a judgement call (printed by plan and simulate). */
export function priceJudgement(id: string): string | undefined {
  return PRICE_WHY[id];
}

const usable = (f: SalientFigure) =>
  (f.value !== null || (f.measure === "net-import-reliance" && f.status === "net-exporter")) && (f.measure !== "price" || typeof f.normalized === "number");

/** Measures a split chapter publishes only per part: the chapter mineral has no headline figure for them. */
const SPLIT_MEASURES = new Set<SalientMeasure>(["consumption", "net-import-reliance", "price"]);

/**
 * Why a chapter mineral has no headline consumption, net import reliance or price of its own: USGS
 * publishes them per metal, and the metals are minerals of their own (catalog SPLITS). Undefined for
 * every other mineral or measure.
 */
export function splitReason(id: string, measure: SalientMeasure): string | undefined {
  if (!SPLIT_MEASURES.has(measure) || !PER_PART_CHAPTERS.has(id)) return undefined;
  const parts = SPLITS.filter((s) => s.of === id).map((s) => s.id);
  return parts.length
    ? `USGS publishes this chapter's ${measure === "net-import-reliance" ? "net import reliance" : measure} per metal only: see ${parts.join(", ")}`
    : undefined;
}

/**
 * Why a mineral split out of a chapter (rhodium) has no figure of a measure at all: the chapter has no
 * row for it. Undefined when the mineral is not a split one or has rows of the measure.
 */
export function partReason(m: Mineral, measure: SalientMeasure): string | undefined {
  const s = SPLITS.find((p) => p.id === m.id);
  if (!s || m.salient.some((f) => f.measure === measure)) return undefined;
  const has = [...new Set(m.salient.map((f) => f.measure))].map((x) => (x === "net-import-reliance" ? "net import reliance" : x));
  return `USGS publishes no US ${measure === "net-import-reliance" ? "net import reliance" : measure === "consumption" ? "apparent consumption" : measure} for ${m.id} (its ${m.chapter} chapter rows give ${has.join(", ") || "nothing"})`;
}

/**
 * Judgement call: the net import reliance of a mineral whose chapter reports it for several products,
 * where the first is not the product its consumption row counts. NIR is a share of apparent
 * consumption, so it must be the same product's, or d0·r is not the net import. Zinc: consumption is
 * refined zinc, whose NIR is 73 % (2024), while the first row, ores and concentrates, is a net export.
 */
const NIR_PREFERENCE: Record<string, RegExp> = {
  zinc: /Refined zinc/,
};

/**
 * Chapters whose NIR rows carry the same wording for each product (MCS 2026 tells them apart only
 * by a sub-commodity column the dataset does not keep): the NIR used is the first one after the
 * consumption row used, in the same file, i.e. in that product's block. Bauxite and alumina:
 * consumption is alumina's (bauxite's is withheld), so NIR is alumina's 63 % (2024), not bauxite's ">75".
 */
const NIR_FOLLOWS_CONSUMPTION = new Set(["bauxite-alumina"]);

/** The rows of a measure in a year, preferred first (apparent consumption, the mineral's headline price), then file order. */
function candidates(m: Mineral, measure: SalientMeasure, year: number): SalientFigure[] {
  if (splitReason(m.id, measure)) return [];
  const rows = m.salient.filter((f) => f.measure === measure && f.year === year);
  if (measure === "net-import-reliance" && NIR_FOLLOWS_CONSUMPTION.has(m.id)) {
    const c = salientFor(m, "consumption", year);
    if (c) {
      const after = (r: SalientFigure) =>
        r.source.file === c.source.file && r.source.row > c.source.row ? r.source.row - c.source.row : Number.POSITIVE_INFINITY;
      return [...rows].sort((a, b) => after(a) - after(b));
    }
  }
  const pref =
    measure === "price"
      ? PRICE_PREFERENCE[m.id]
      : measure === "net-import-reliance"
        ? NIR_PREFERENCE[m.id]
        : ((measure === "consumption" ? CONSUMPTION_PREFERENCE[m.id] : undefined) ?? PREFER[measure]);
  return pref ? [...rows.filter((r) => pref.test(r.detail)), ...rows.filter((r) => !pref.test(r.detail))] : rows;
}

/** The headline US salient figure of a measure for a year: the preferred row if usable, else the first usable one, else the first. */
export function salientFor(m: Mineral, measure: SalientMeasure, year: number): SalientFigure | undefined {
  const rows = candidates(m, measure, year);
  return rows.find(usable) ?? rows[0];
}

/**
 * The latest year's headline figure that is usable: a number, a bound, or (net import reliance)
 * a net-exporter code; prices must convert to US$/t. Withheld and unavailable years are skipped,
 * and the skipped ones returned so the caller can say why an older year was used.
 */
export function latestSalient(m: Mineral, measure: SalientMeasure): { figure?: SalientFigure; skipped: SalientFigure[] } {
  const years = [...new Set(m.salient.filter((f) => f.measure === measure).map((f) => f.year))].sort((a, b) => b - a);
  const skipped: SalientFigure[] = [];
  for (const y of years) {
    const f = salientFor(m, measure, y);
    if (!f) continue;
    if (usable(f)) return { figure: f, skipped };
    skipped.push(f);
  }
  return { skipped };
}

/** The latest price row whose detail matches `re` and converts to US$/t (a residual's price, scenario/inputs.ts). */
export function latestPriceMatching(m: Mineral, re: RegExp): SalientFigure | undefined {
  return m.salient
    .filter((f) => f.measure === "price" && re.test(f.detail) && typeof f.normalized === "number")
    .sort((a, b) => b.year - a.year || b.source.file.localeCompare(a.source.file))[0];
}

/**
 * A mineral's most recent US import shares by country, for one product form: `form` if given (it
 * must be one USGS lists), else the form that stands for the mineral's US supply (importFormOf in
 * forms.ts: the total row where USGS gives one, else a stated per-mineral choice). `why` says why.
 */
export function importShares(
  m: Mineral,
  form?: string,
): { form: string; why: string; shares: { country: string; share: number; figure: ImportShare }[] } | undefined {
  const choice = importFormOf(m, form);
  if (!choice) return undefined;
  const rows = m.importSources.filter((f) => f.form === choice.form && f.value !== null);
  return { form: choice.form, why: choice.why, shares: rows.map((f) => ({ country: f.country, share: (f.value ?? 0) / 100, figure: f })) };
}
