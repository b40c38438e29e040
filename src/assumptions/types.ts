import type { SourceRef } from "../data/types.js";

/** What an assumption stands in for: the three inputs the simulator and planner take from USGS. */
export const QUANTITIES = ["consumption", "price", "net_import_reliance"] as const;
export type Quantity = (typeof QUANTITIES)[number];

/**
 * Every quantity an assumptions file may give: the three inputs, and `world_production`, a mineral's
 * world annual output in metric tons, which the plan's purchase cap (α × world) and market-impact
 * curve use where USGS publishes none for the element (NdPr, dysprosium, terbium, rhodium: split out
 * of a chapter whose world total stands in). It is no input of the simulator, so `--vary` and
 * `assumptions gaps`, which work on the inputs, keep to QUANTITIES.
 */
export const ASSUMPTION_QUANTITIES = [...QUANTITIES, "world_production"] as const;
export type AssumptionQuantity = (typeof ASSUMPTION_QUANTITIES)[number];

/** The unit each quantity must be given in: consumption and world production in metric tons per year, price in US$ per metric ton, reliance in percent. */
export const UNIT_OF: Readonly<Record<AssumptionQuantity, "t" | "USD/t" | "percent">> = {
  consumption: "t",
  price: "USD/t",
  net_import_reliance: "percent",
  world_production: "t",
};

/** A published source for an assumed figure. */
export interface Citation {
  title: string;
  publisher: string;
  /** ISO date, e.g. 2026-01-30 */
  date: string;
  url: string;
}

/** A dataset cell a derived figure was computed from. */
export interface DerivedCell {
  /** the statistic as USGS words it */
  detail: string;
  year: number;
  raw: string;
  value: number;
  source: SourceRef;
}

/** One analyst assumption: a figure the public data withholds, with its range and where it comes from. */
export interface Assumption {
  mineral: string;
  quantity: AssumptionQuantity;
  /** the central figure, in `unit` */
  value: number;
  /** low, high (low ≤ value ≤ high) */
  range: [number, number];
  unit: "t" | "USD/t" | "percent";
  year: number;
  /** what the quantity is of, e.g. "W content" */
  basis?: string;
  /** how it was obtained */
  method: string;
  /** exactly one of source and judgement */
  source?: Citation;
  judgement?: string;
  /** how the range was set, where the source gives only the central figure (e.g. "±25 %: the figure is ten years old") */
  rangeBasis?: string;
  /** the named derivation (src/assumptions/derive.ts) that computed value and range from the dataset */
  derive?: string;
  /** the dataset cells a derivation used */
  cells?: DerivedCell[];
  /** where the entry is written: the file and its line */
  at: SourceRef;
}

/** A parsed assumptions file. */
export interface AssumptionSet {
  file: string;
  entries: Assumption[];
  /**
   * Valid entries for a name on a critical list that is not (yet) a mineral of the dataset: a part of
   * a USGS chapter (dysprosium, palladium) or a name with no chapter (uranium). Kept, shown by
   * `assumptions gaps` and `check`, applied to nothing until element-level minerals exist.
   */
  held: (Assumption & { why: string })[];
  /** figures looked for and not found in any public source, with the reason (the file's `missing:` list) */
  missing?: MissingFigure[];
}

/** A figure no public source was found for: it stays missing, and every output that leaves the mineral out gives this reason. */
export interface MissingFigure {
  /** the dataset mineral id (or the name as written, for a list name that is not a mineral of the dataset) */
  mineral: string;
  quantity: Quantity;
  /** why no figure is given, e.g. "no public source found gives US terbium consumption …" */
  reason: string;
  /** where it was looked for */
  lookedIn: string[];
  /** the assumptions file and the entry's line */
  at: SourceRef;
}

/** The documented-missing entry for one mineral and quantity, if the set has one. */
export function findMissing(set: AssumptionSet | undefined, mineral: string, quantity: Quantity): MissingFigure | undefined {
  return set?.missing?.find((a) => a.mineral === mineral && a.quantity === quantity);
}

/** "no public source was found for … [file:line]": the reason a documented-missing figure leaves a mineral out (where it was looked for: `lookedIn`, shown by the profile and in JSON). */
export function missingReason(x: MissingFigure): string {
  return `${x.reason} [${x.at.file}:${x.at.row}]`;
}

/** The marker an assumed input carries in every output (JSON beside the value; tables as `*` with a numbered note). */
export interface AssumedMark {
  source?: Citation;
  judgement?: string;
  rangeBasis?: string;
  range: [number, number];
  unit: string;
  year: number;
  method: string;
  basis?: string;
  derive?: string;
  cells?: DerivedCell[];
  /** the assumptions file and the entry's line */
  at: SourceRef;
}

/** The entry for one mineral and quantity, if the set has one. */
export function findAssumption(set: AssumptionSet | undefined, mineral: string, quantity: AssumptionQuantity): Assumption | undefined {
  return set?.entries.find((a) => a.mineral === mineral && a.quantity === quantity);
}

/** An assumption as the marker its input carries. */
export function markOf(a: Assumption): AssumedMark {
  return {
    ...(a.source ? { source: a.source } : {}),
    ...(a.judgement ? { judgement: a.judgement } : {}),
    ...(a.rangeBasis ? { rangeBasis: a.rangeBasis } : {}),
    range: a.range,
    unit: a.unit,
    year: a.year,
    method: a.method,
    ...(a.basis ? { basis: a.basis } : {}),
    ...(a.derive ? { derive: a.derive } : {}),
    ...(a.cells ? { cells: a.cells } : {}),
    at: a.at,
  };
}

/** "judgement: …" or "Title (Publisher, date)": the short form a table note gives. */
export function citeOf(a: { source?: Citation; judgement?: string }): string {
  if (a.source) return `${a.source.title} (${a.source.publisher}, ${a.source.date}) ${a.source.url}`;
  return `judgement: ${a.judgement ?? ""}`;
}
