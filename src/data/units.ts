/**
 * Unit normalisation. Quantities go to metric tons, prices to US dollars per metric ton.
 * Factors are exact definitions: 1 lb = 0.45359237 kg, 1 troy oz = 31.1034768 g,
 * 1 short ton = 907.18474 kg.
 */
const LB_KG = 0.45359237;
const TROY_OZ_KG = 0.0311034768;

const MASS_TO_TONS: Record<string, number> = {
  "metric tons": 1,
  tons: 1, // MCS 2026 uses "tons" once for metric tons (its chapter header says metric tons)
  "thousand metric tons": 1e3,
  "thousand metric dry tons": 1e3,
  "metric dry tons": 1,
  "million metric tons": 1e6,
  kilograms: 1e-3,
  // MCS 2025 salient suffixes
  t: 1,
  kt: 1e3,
  mmt: 1e6,
  kg: 1e-3,
};

/** Price units → multiplier giving US$ per metric ton. */
const PRICE_TO_USD_PER_TON: Record<string, number> = {
  "dollars per metric ton": 1,
  "dollars per ton": 1,
  "dollars per kilogram": 1e3,
  "dollars per pound": 1 / (LB_KG / 1000),
  "cents per pound": 0.01 / (LB_KG / 1000),
  "dollars per troy ounce": 1 / (TROY_OZ_KG / 1000),
  "dollars per short ton": 1 / 0.90718474,
  "dollars per gram": 1e6,
  // a metric ton unit (mtu) is 10 kg of the contained compound (WO3 for tungsten, Mn for manganese)
  "dollars per metric ton unit": 100,
  "dollars per dry metric ton unit": 100,
  dt: 1,
  dkg: 1e3,
  dlb: 1 / (LB_KG / 1000),
  ctslb: 0.01 / (LB_KG / 1000),
  dto: 1 / (TROY_OZ_KG / 1000),
  dtoz: 1 / (TROY_OZ_KG / 1000),
};

export function tonsFactor(unit: string): number | undefined {
  return MASS_TO_TONS[unit.trim().toLowerCase()];
}

export function priceFactor(unit: string): number | undefined {
  return PRICE_TO_USD_PER_TON[unit.trim().toLowerCase()];
}

export function isPercent(unit: string): boolean {
  const u = unit.trim().toLowerCase();
  return u === "percent" || u === "pct";
}

/** Human label for a MCS 2025 salient header suffix (see PROVENANCE.md §1b). */
export const SUFFIX_UNITS: Record<string, string> = {
  t: "metric tons",
  kt: "thousand metric tons",
  mmt: "million metric tons",
  kg: "kilograms",
  dkg: "dollars per kilogram",
  dlb: "dollars per pound",
  dt: "dollars per metric ton",
  ctslb: "cents per pound",
  dto: "dollars per troy ounce",
  dtoz: "dollars per troy ounce",
  pct: "percent",
  num: "number",
  mdol: "million dollars",
  mct: "million carats",
  mcm: "million cubic meters",
};

/**
 * Standard atomic weights (IUPAC CIAAW, "Standard atomic weights of the elements 2021", Pure Appl.
 * Chem. 94 (2022) 573–600; conventional values), for the stoichiometric factors below.
 */
const AW = { W: 183.84, V: 50.942, Ta: 180.95, Li: 6.94, C: 12.011, N: 14.007, H: 1.008, O: 15.999 } as const;
type El = keyof typeof AW;
/** Mass fraction of `el` in a formula given as [element, count] pairs: e.g. W in WO3 = 183.84 / 231.837. */
export function massFraction(el: El, formula: readonly (readonly [El, number])[]): number {
  const total = formula.reduce((a, [e, n]) => a + AW[e] * n, 0);
  const own = formula.filter(([e]) => e === el).reduce((a, [e, n]) => a + AW[e] * n, 0);
  return own / total;
}

/** A price quoted on another basis than the mineral's quantities, and the factor that converts it. */
export interface PriceBasis {
  /** the price row it applies to, as USGS words its detail */
  detail: RegExp;
  /** tons of the quantity basis per ton of the priced product: US$/t (quantity basis) = US$/t (product) ÷ factor */
  factor: number;
  /** what the published price is per ton of */
  priced: string;
  /** what the mineral's quantities (consumption, imports) measure */
  basis: string;
  /** where the factor comes from */
  why: string;
}

/**
 * The audit of price against quantity basis (docs/data-note.md): every mineral whose headline price
 * is per ton of a compound, an ore or an alloy while its quantities are per ton of contained element
 * (or of another compound). Minerals not listed price the same thing their quantities count.
 * Stoichiometric factors are computed from IUPAC atomic weights; grade factors are the ones USGS
 * itself uses to convert gross weight in the same chapter, quoted from the cell that states them.
 */
export const PRICE_BASIS: Readonly<Record<string, PriceBasis>> = Object.freeze({
  // 1 mtu WO3 = 10 kg WO3 = 7.93 kg W (MCS 2026 tungsten price note: "A metric ton unit of tungsten trioxide contains 7.93 kilograms of tungsten")
  tungsten: {
    detail: /tungsten trioxide/i,
    factor: massFraction("W", [
      ["W", 1],
      ["O", 3],
    ]),
    priced: "WO3 (concentrate, per dry metric ton unit of WO3)",
    basis: "tungsten content",
    why: "stoichiometric: W / WO3 = 183.84 / 231.837 = 0.7930 (USGS: 1 mtu WO3 contains 7.93 kg W)",
  },
  vanadium: {
    detail: /vanadium pentoxide/i,
    factor: massFraction("V", [
      ["V", 2],
      ["O", 5],
    ]),
    priced: "V2O5 (Chinese 98 % flake, per pound of V2O5)",
    basis: "vanadium content",
    why: "stoichiometric: 2V / V2O5 = 101.884 / 181.879 = 0.5602",
  },
  tantalum: {
    detail: /Ta2O5/,
    factor: massFraction("Ta", [
      ["Ta", 2],
      ["O", 5],
    ]),
    priced: "tantalite, per kilogram of Ta2O5 content",
    basis: "tantalum content",
    why: "stoichiometric: 2Ta / Ta2O5 = 361.90 / 441.895 = 0.8190",
  },
  lithium: {
    detail: /lithium carbonate/i,
    factor: massFraction("Li", [
      ["Li", 2],
      ["C", 1],
      ["O", 3],
    ]),
    priced: "battery-grade lithium carbonate (Li2CO3)",
    basis: "lithium content",
    why: "stoichiometric: 2Li / Li2CO3 = 13.88 / 73.888 = 0.1879 (1 t Li = 5.32 t LCE)",
  },
  "nitrogen-ammonia": {
    detail: /Gulf Coast/i,
    factor: massFraction("N", [
      ["N", 1],
      ["H", 3],
    ]),
    priced: "anhydrous ammonia (NH3), per short ton",
    basis: "nitrogen content",
    why: "stoichiometric: N / NH3 = 14.007 / 17.031 = 0.8224",
  },
  niobium: {
    detail: /ferroniobium/i,
    factor: 0.65,
    priced: "ferroniobium, gross weight",
    basis: "niobium content",
    why: "grade: USGS counts ferroniobium as 65 % niobium in the same chapter's trade figures (MCS 2026 niobium import note)",
  },
  strontium: {
    detail: /celestite/i,
    factor: 0.4388,
    priced: "celestite ore, gross weight",
    basis: "strontium content",
    why: "grade: USGS converts gross-weight celestite at 43.88 % strontium (MCS 2026 strontium consumption note)",
  },
  "zirconium-hafnium": {
    detail: /Zircon, dollars per metric ton \(gross weight\)/i,
    factor: 0.65,
    priced: "zircon, gross weight",
    basis: "ZrO2 content",
    why: "grade: USGS calculates ZrO2 content as 65 % of gross weight (MCS 2026 zirconium consumption note)",
  },
  "titanium-mineral-concentrates": {
    detail: /Rutile, bulk, minimum 95% TiO2/i,
    factor: 0.95,
    priced: "rutile, gross weight (minimum 95 % TiO2)",
    basis: "TiO2 content",
    why: "grade: the price row's own minimum, 95 % TiO2 (an upper bound on US$/t TiO2: rutile runs 95–96 %)",
  },
});

/**
 * A headline price (US$/t of the product as published) on the mineral's quantity basis: divided by
 * the factor where PRICE_BASIS lists the mineral and its row, unchanged otherwise.
 */
export function priceOnQuantityBasis(mineralId: string, detail: string, usdPerTon: number): { value: number; basis?: PriceBasis } {
  const b = Object.hasOwn(PRICE_BASIS, mineralId) ? PRICE_BASIS[mineralId] : undefined;
  if (!b?.detail.test(detail)) return { value: usdPerTon };
  return { value: usdPerTon / b.factor, basis: b };
}
