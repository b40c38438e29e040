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
