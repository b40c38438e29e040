import type { SourceRef } from "../data/types.js";
import { type AssumedMark, type Assumption, markOf } from "./types.js";

/** An input filled from an assumption, in the shape of a dataset input (scenario/inputs.ts Sourced), marked. */
export interface AssumedInput {
  value: number;
  year: number;
  /** the statistic as USGS words it (for an assumption: what it stands in for) */
  detail: string;
  /** the cell as published (for an assumption: the figure as the file gives it) */
  raw: string;
  unit: string;
  source: SourceRef;
  note: string;
  assumed: AssumedMark;
}

const NOTE = {
  consumption: "US consumption withheld or not published; the assumed figure is used",
  price: "no usable US price in USD per ton published; the assumed figure is used",
  net_import_reliance: "no US net import reliance published; the assumed figure is used",
  world_production: "no world production published for the element; the assumed figure is used",
} as const;

/**
 * The input an assumption supplies, in the simulator's units: consumption t/yr → d0 in t/month
 * (value / 12), price USD/t as is, reliance percent → fraction (value / 100). Only called where the
 * public figure is missing: a published figure is never overridden.
 */
export function assumedInput(a: Assumption): AssumedInput {
  const value = a.quantity === "consumption" ? a.value / 12 : a.quantity === "net_import_reliance" ? a.value / 100 : a.value;
  return {
    value,
    year: a.year,
    detail: `assumed ${a.quantity.replace(/_/g, " ")}${a.basis ? ` (${a.basis})` : ""}`,
    raw: String(a.value),
    unit: a.unit === "t" ? "metric tons" : a.unit,
    source: a.at,
    note: `${NOTE[a.quantity]}: ${a.method}`,
    assumed: markOf(a),
  };
}
