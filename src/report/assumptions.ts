import type { Gap } from "../assumptions/gaps.js";
import { type Column, type Format, render, textLines } from "./format.js";

const COLUMNS: Column[] = [
  { key: "rank", plain: true },
  { key: "mineral" },
  { key: "quantity" },
  { key: "lists" },
  { key: "consumptionT", label: "US consumption t" },
  { key: "valueUsd", label: "value USD/yr" },
  { key: "filledBy", label: "filled by" },
  { key: "why", note: 24 },
];

/** `lodestone assumptions gaps`: the ranked gaps, with the entry filling each (table, CSV or JSON). */
export function gapsReport(gaps: readonly Gap[], format: Format, file: string | null): { text: string } {
  const rows = gaps.map((g, i) => ({ rank: i + 1, ...g, lists: g.lists.join(" "), filledBy: g.filledBy ?? "" }));
  if (format === "json") return { text: render(format, rows, COLUMNS, { assumptions: file, gaps: gaps.map((g, i) => ({ rank: i + 1, ...g })) }) };
  const filled = gaps.filter((g) => g.filledBy).length;
  const head = format === "table" ? textLines([`${gaps.length} gaps on the critical lists; ${filled} filled by ${file ?? "no assumptions file"}`]) : "";
  return { text: head + render(format, rows, COLUMNS) };
}
