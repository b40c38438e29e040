import type { Gap } from "../assumptions/gaps.js";
import type { AssumptionSet } from "../assumptions/types.js";
import { type Column, type Format, render, textLines } from "./format.js";

const COLUMNS: Column[] = [
  { key: "rank", plain: true },
  { key: "mineral" },
  { key: "quantity" },
  { key: "lists" },
  { key: "consumptionT", label: "US consumption t" },
  { key: "valueUsd", label: "value USD/yr" },
  // the table shows the entry's line in the headline's file (the path would push it past 120 columns); any other path becomes a note
  { key: "filledBy", label: "filled by", note: 10 },
  { key: "why", note: true },
];

/** `lodestone assumptions gaps`: the ranked gaps, with the entry filling each (table, CSV or JSON). */
export function gapsReport(gaps: readonly Gap[], format: Format, file: string | null, held: AssumptionSet["held"] = []): { text: string } {
  const rows = gaps.map((g, i) => ({ rank: i + 1, ...g, lists: g.lists.join(" "), filledBy: g.filledBy ?? "" }));
  if (format === "json")
    return {
      text: render(format, rows, COLUMNS, {
        assumptions: file,
        gaps: gaps.map((g, i) => ({ rank: i + 1, ...g })),
        held: held.map((h) => ({ name: h.mineral, quantity: h.quantity, value: h.value, unit: h.unit, at: `${h.at.file}:${h.at.row}`, why: h.why })),
      }),
    };
  const filled = gaps.filter((g) => g.filledBy).length;
  const at = (by: string) => (format === "table" && file !== null && by.startsWith(`${file}:`) ? `line ${by.slice(file.length + 1)}` : by);
  const shown = rows.map((r) => ({ ...r, filledBy: at(r.filledBy) }));
  const head = format === "table" ? textLines([`${gaps.length} gaps on the critical lists; ${filled} filled by ${file ?? "no assumptions file"}`]) : "";
  const heldLines =
    format === "table" && held.length
      ? `\n${textLines(held.map((h) => `held (not applied, not a dataset mineral yet): ${h.mineral} ${h.quantity} [${h.at.file}:${h.at.row}]: ${h.why}`))}`
      : "";
  return { text: head + render(format, shown, COLUMNS) + heldLines };
}

/** `lodestone assumptions check FILE`: valid, and each entry held for a list name that is not a dataset mineral yet (wrapped to 120 columns). */
export function checkReport(file: string, set: AssumptionSet | null | undefined): { text: string } {
  const held = set?.held ?? [];
  return {
    text: `${file}: ${set?.entries.length ?? 0} assumptions, valid\n${textLines(held.map((h) => `held (not applied): ${h.mineral} ${h.quantity} [${h.at.file}:${h.at.row}]: ${h.why}`))}`,
  };
}
