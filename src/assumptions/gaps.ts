import type { Baseline } from "../data/baseline.js";
import { latestSalient, partReason, splitReason } from "../data/select.js";
import type { Dataset, Mineral, SalientFigure } from "../data/types.js";
import { importanceOf } from "../risk/criticality.js";
import { quantityPrice } from "../scenario/inputs.js";
import { type AssumptionSet, findAssumption, type Quantity } from "./types.js";

/** How a gap's consumption value was estimated (the basis each row names). */
export type ValueBasis = "consumption × price" | "assumed consumption × price" | "net imports × price" | "imports × price";

/** One figure the public data withholds that an assumption could fill. */
export interface Gap {
  mineral: string;
  name: string;
  quantity: Quantity;
  /** what USGS publishes instead (W, NA, nothing) */
  why: string;
  /** the critical lists the mineral is on */
  lists: string[];
  /** the US tons a year the value stands on (consumption on the baseline, assumed consumption, or net imports / imports), null where none */
  consumptionT: number | null;
  /** an estimate of the US consumption value in USD per year (the gaps are ranked by it), null where none can be derived */
  valueUsd: number | null;
  /** how valueUsd was estimated, or null (see valueNote) */
  valueBasis: ValueBasis | null;
  /** the figures behind valueUsd in words, or why there is none */
  valueNote: string;
  /** the assumptions entry that fills it: file:line, or null */
  filledBy: string | null;
}

const ORDER: Record<Quantity, number> = { consumption: 0, net_import_reliance: 1, price: 2 };

function missing(m: Mineral, measure: "consumption" | "net-import-reliance" | "price"): string | undefined {
  const l = latestSalient(m, measure);
  const ok = measure === "price" ? typeof l.figure?.normalized === "number" : !!l.figure;
  if (ok) return undefined;
  const raws = [...new Set(l.skipped.map((f) => f.raw))];
  if (measure === "price" && l.figure) return `published in ${l.figure.unit}, not convertible to USD per ton`;
  return raws.length ? `published as ${raws.join(", ")} in every year` : (partReason(m, measure) ?? "not in the dataset");
}

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
export function consumptionValue(
  m: Mineral,
  opts: { baseline?: Baseline; assumptions?: AssumptionSet; dataset?: Dataset } = {},
): { tons: number | null; value: number | null; basis: ValueBasis | null; note: string } {
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
 * Every missing US consumption, net import reliance or price of a mineral on a critical list,
 * ranked by how much it matters: the estimated value of US consumption first (consumptionValue: the
 * published or assumed consumption × price, else net imports or imports × price; gaps with no
 * estimate last), then the number of lists naming the mineral, then consumption (without it a
 * mineral cannot be simulated at all) before reliance and price. `filledBy` names the entry that
 * fills it. The value uses the default baseline of simulate and plan (mean:3) and `set`.
 */
export function assumptionGaps(dataset: Dataset, set?: AssumptionSet): Gap[] {
  const gaps: Gap[] = [];
  for (const m of dataset.minerals) {
    // a mineral split out of a chapter (rhodium) carries the list entries that name it (the importer copies them)
    const entries = m.lists;
    if (!entries.length) continue;
    const lists = [...new Set(entries.map((l) => l.list))];
    const q: [Quantity, "consumption" | "net-import-reliance" | "price"][] = [
      ["consumption", "consumption"],
      ["net_import_reliance", "net-import-reliance"],
      ["price", "price"],
    ];
    let v: ReturnType<typeof consumptionValue> | undefined;
    for (const [quantity, measure] of q) {
      // a split chapter's consumption, reliance and price are its metals' (palladium, platinum, rhodium), not a gap
      const why = splitReason(m.id, measure) ? undefined : missing(m, measure);
      if (!why) continue;
      v ??= consumptionValue(m, { assumptions: set, dataset });
      const a = findAssumption(set, m.id, quantity);
      gaps.push({
        mineral: m.id,
        name: m.name,
        quantity,
        why,
        lists,
        consumptionT: v.tons,
        valueUsd: v.value,
        valueBasis: v.basis,
        valueNote: v.note,
        filledBy: a ? `${a.at.file}:${a.at.row}` : null,
      });
    }
  }
  return gaps.sort(
    (a, b) =>
      (b.valueUsd ?? -1) - (a.valueUsd ?? -1) || b.lists.length - a.lists.length || ORDER[a.quantity] - ORDER[b.quantity] || a.mineral.localeCompare(b.mineral),
  );
}
