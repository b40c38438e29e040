import { latestSalient, partReason, splitReason } from "../data/select.js";
import type { Dataset, Mineral } from "../data/types.js";
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

/** A mineral's estimated US consumption value: the tons it stands on, USD a year, its basis, and the figures in words (or why there is none). */
export interface GapValue {
  tons: number | null;
  value: number | null;
  basis: ValueBasis | null;
  note: string;
}

/**
 * Every missing US consumption, net import reliance or price of a mineral on a critical list,
 * ranked by how much it matters: the estimated value of US consumption first (`estimate`, see
 * risk/gap-value.ts consumptionValue: the published or assumed consumption × price, else net imports
 * or imports × price; gaps with no estimate last), then the number of lists naming the mineral, then
 * consumption (without it a mineral cannot be simulated at all) before reliance and price.
 * `filledBy` names the entry that fills it. The value function is passed in because it stands on
 * the simulator's demand and price (a higher layer); without it every value is null.
 */
export function listGaps(dataset: Dataset, set: AssumptionSet | undefined, estimate?: (m: Mineral) => GapValue): Gap[] {
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
    let v: GapValue | undefined;
    for (const [quantity, measure] of q) {
      // a split chapter's consumption, reliance and price are its metals' (palladium, platinum, rhodium), not a gap
      const why = splitReason(m.id, measure) ? undefined : missing(m, measure);
      if (!why) continue;
      v ??= estimate?.(m) ?? { tons: null, value: null, basis: null, note: "no estimate asked for" };
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
