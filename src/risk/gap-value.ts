import { type Gap, type GapValue, listGaps, type ValueBasis } from "../assumptions/gaps.js";
import type { AssumptionSet } from "../assumptions/types.js";
import type { Baseline } from "../data/baseline.js";
import type { Dataset, Mineral, SalientFigure } from "../data/types.js";
import { quantityPrice } from "../scenario/inputs.js";
import { importanceOf } from "./criticality.js";

/*
 * How much an assumption gap matters: an estimate of the value of US consumption (USD a year) with
 * its basis, from the importance the risk table shows where it can be computed, else from US trade.
 */

const tonsOf = (f: SalientFigure) =>
  typeof f.normalized === "number" && (f.status === "reported" || f.status === "estimated" || f.status === "zero") ? f.normalized : undefined;
const fmt = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: Math.abs(x) >= 100 ? 0 : 3 });

/**
 * US imports and exports in tons of the latest year with a numeric import figure (rows of the latest
 * edition giving it). Every import row is a form of the mineral (ores, other forms, compounds) and is
 * summed, except a "General" imports row where a "For consumption" row is given too (barite): the two
 * count the same goods. Exports: the sum of that year's export rows, 0 when USGS gives none.
 */
export function usTrade(m: Mineral): { year: number; imports: number; exports: number; exportsGiven: boolean } | undefined {
  const years = [...new Set(m.salient.filter((f) => f.measure === "imports" && tonsOf(f) !== undefined).map((f) => f.year))].sort((a, b) => b - a);
  for (const year of years) {
    const of = (measure: "imports" | "exports") => {
      const all = m.salient.filter((f) => f.measure === measure && f.year === year);
      const file = all
        .map((f) => f.source.file)
        .sort()
        .at(-1);
      return all.filter((f) => f.source.file === file);
    };
    let imp = of("imports");
    if (imp.some((f) => /for consumption/i.test(f.detail))) imp = imp.filter((f) => !/general/i.test(f.detail));
    if (imp.some((f) => tonsOf(f) === undefined)) continue;
    const exp = of("exports");
    if (exp.some((f) => tonsOf(f) === undefined)) continue;
    const sum = (fs: SalientFigure[]) => fs.reduce((a, f) => a + (tonsOf(f) as number), 0);
    return { year, imports: sum(imp), exports: sum(exp), exportsGiven: exp.length > 0 };
  }
  return undefined;
}

/**
 * An estimate of a mineral's US consumption value in USD a year, and its basis, from the best figure
 * the data (and the assumptions) give, in this order:
 * 1. consumption × price as the risk table's importance takes them (risk/criticality.ts importanceOf:
 *    the baseline rule of simulate and plan, the price on the quantity basis, an assumed consumption or
 *    price where USGS withholds it: basis "assumed consumption × price");
 * 2. net imports (imports − exports) × price, where USGS withholds consumption: a lower bound of apparent
 *    consumption when domestic output is withheld (consumption = production + net imports ± stocks);
 * 3. imports × price, where the US is a net exporter (exports ≥ imports): the value of what is imported,
 *    not a bound of consumption, the only figure the data gives.
 */
export function consumptionValue(m: Mineral, opts: { baseline?: Baseline; assumptions?: AssumptionSet; dataset?: Dataset } = {}): GapValue {
  const imp = importanceOf(m, opts);
  if (imp.ok) {
    const assumed = imp.assumed?.consumption;
    const basis: ValueBasis = assumed ? "assumed consumption × price" : "consumption × price";
    const where = assumed ? `assumed ${assumed.year} [${assumed.at.file}:${assumed.at.row}]` : `baseline ${imp.baseline.rule}: ${imp.baseline.label}`;
    const p = imp.assumed?.price ? ` (assumed [${imp.assumed.price.at.file}:${imp.assumed.price.at.row}])` : "";
    return { tons: imp.consumption, value: imp.value, basis, note: `${fmt(imp.consumption)} t (${where}) × US$ ${fmt(imp.price)}/t${p}` };
  }
  const price = quantityPrice(m, opts.assumptions);
  if (price.value === null) return { tons: null, value: null, basis: null, note: `no estimate: ${imp.reason}; and no price in USD per ton (${price.reason})` };
  const trade = usTrade(m);
  if (!trade) return { tons: null, value: null, basis: null, note: `no estimate: ${imp.reason}; and no US imports in tons` };
  const net = trade.imports - trade.exports;
  const pNote = `US$ ${fmt(price.value)}/t (${price.year}${price.assumed ? `, assumed [${price.assumed.at.file}:${price.assumed.at.row}]` : ""})`;
  if (net > 0)
    return {
      tons: net,
      value: net * price.value,
      basis: "net imports × price",
      note: `net imports ${trade.year}: ${fmt(trade.imports)} − ${fmt(trade.exports)}${trade.exportsGiven ? "" : " (no exports published)"} = ${fmt(net)} t × ${pNote}; a lower bound: domestic output is withheld`,
    };
  return {
    tons: trade.imports,
    value: trade.imports * price.value,
    basis: "imports × price",
    note: `imports ${trade.year}: ${fmt(trade.imports)} t × ${pNote}; the US is a net exporter (exports ${fmt(trade.exports)} t), so this is the value of imports, not a bound of consumption`,
  };
}

/**
 * `lodestone assumptions gaps`: every figure USGS withholds for a mineral on a critical list, ranked
 * by the estimated value of US consumption (consumptionValue, on the default baseline of simulate and
 * plan, with `set`), then by list membership (assumptions/gaps.ts listGaps).
 */
export function assumptionGaps(dataset: Dataset, set?: AssumptionSet): Gap[] {
  return listGaps(dataset, set, (m) => consumptionValue(m, { assumptions: set, dataset }));
}
