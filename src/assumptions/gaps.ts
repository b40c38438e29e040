import { consumptionBaseline } from "../data/baseline.js";
import { latestSalient, partReason, splitReason } from "../data/select.js";
import type { Dataset, Mineral } from "../data/types.js";
import { type AssumptionSet, findAssumption, type Quantity } from "./types.js";

/** One figure the public data withholds that an assumption could fill. */
export interface Gap {
  mineral: string;
  name: string;
  quantity: Quantity;
  /** what USGS publishes instead (W, NA, nothing) */
  why: string;
  /** the critical lists the mineral is on */
  lists: string[];
  /** latest US apparent consumption in t, where published (null: the gap is consumption itself, or not in tons) */
  consumptionT: number | null;
  /** consumption × latest price in USD per year, where both are published */
  valueUsd: number | null;
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

/**
 * Every missing US consumption, net import reliance or price of a mineral on a critical list,
 * ranked by how much it matters: minerals on more lists first, then consumption (without it a
 * mineral cannot be simulated at all) before reliance and price, then by the value of US
 * consumption (t × USD/t) where published, then by tons. `filledBy` names the entry that fills it.
 */
export function assumptionGaps(dataset: Dataset, set?: AssumptionSet): Gap[] {
  const gaps: Gap[] = [];
  for (const m of dataset.minerals) {
    // a mineral split out of a chapter (rhodium) carries the list entries that name it (the importer copies them)
    const entries = m.lists;
    if (!entries.length) continue;
    const c = consumptionBaseline(m, { kind: "latest" });
    const tons = c.result ? c.result.annual : null;
    const price = latestSalient(m, "price").figure?.normalized;
    const value = tons !== null && typeof price === "number" ? tons * price : null;
    const lists = [...new Set(entries.map((l) => l.list))];
    const q: [Quantity, "consumption" | "net-import-reliance" | "price"][] = [
      ["consumption", "consumption"],
      ["net_import_reliance", "net-import-reliance"],
      ["price", "price"],
    ];
    for (const [quantity, measure] of q) {
      // a split chapter's consumption, reliance and price are its metals' (palladium, platinum, rhodium), not a gap
      const why = splitReason(m.id, measure) ? undefined : missing(m, measure);
      if (!why) continue;
      const a = findAssumption(set, m.id, quantity);
      gaps.push({ mineral: m.id, name: m.name, quantity, why, lists, consumptionT: tons, valueUsd: value, filledBy: a ? `${a.at.file}:${a.at.row}` : null });
    }
  }
  return gaps.sort(
    (a, b) =>
      b.lists.length - a.lists.length ||
      ORDER[a.quantity] - ORDER[b.quantity] ||
      (b.valueUsd ?? -1) - (a.valueUsd ?? -1) ||
      (b.consumptionT ?? -1) - (a.consumptionT ?? -1) ||
      a.mineral.localeCompare(b.mineral),
  );
}
