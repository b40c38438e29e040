import type { Gap } from "../assumptions/gaps.js";
import type { AssumptionSet } from "../assumptions/types.js";
import { type Column, type Format, render, textLines } from "./format.js";

const COLUMNS: Column[] = [
  { key: "rank", plain: true },
  { key: "mineral" },
  { key: "quantity" },
  { key: "lists" },
  { key: "consumptionT", label: "US t/yr" },
  { key: "valueUsd", label: "value USD/yr" },
  { key: "valueBasis", label: "value basis" },
  { key: "filledBy", label: "filled by" },
  { key: "why", note: 24 },
];
/** CSV keeps the figures behind each value too. */
const CSV_COLUMNS: Column[] = [...COLUMNS, { key: "valueNote", label: "value note" }];

/** The text table keeps to WIDTH: lists and value bases abbreviated (legend above it), the filling entry as its line in the file the head names, why as a numbered note. */
const TABLE_COLUMNS: Column[] = COLUMNS.map((c) =>
  c.key === "filledBy"
    ? { ...c, label: "line", plain: true }
    : c.key === "why"
      ? { ...c, note: true }
      : c.key === "valueBasis"
        ? { ...c, label: "basis" }
        : { ...c },
);
const SHORT_BASIS: Record<string, string> = {
  "consumption × price": "C×P",
  "assumed consumption × price": "assumed C×P",
  "net imports × price": "net M×P",
  "imports × price": "M×P",
};
const SHORT_LIST: Record<string, string> = { "eu-2023": "EU23", "usgs-2022": "US22", "usgs-2025": "US25" };

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
  const head =
    format === "table"
      ? textLines([
          `${gaps.length} gaps on the critical lists; ${filled} filled by ${file ?? "no assumptions file"}${file ? " (line: the entry that fills it)" : ""}`,
          "ranked by the value of US consumption (USD/yr), then by the lists naming the mineral (EU23: EU 2023, US22 and US25: USGS 2022 and 2025); basis: C×P consumption × price on the baseline of simulate and plan (mean:3), price per ton of what the quantities measure; assumed C×P where an assumption fills the consumption; net M×P net imports × price where USGS withholds consumption (a lower bound); M×P imports × price for a net exporter (the value of imports only); — where the data gives none (the JSON and CSV valueNote say why and give the figures)",
        ])
      : "";
  const heldLines =
    format === "table" && held.length
      ? `\n${textLines(held.map((h) => `held (not applied, not a dataset mineral yet): ${h.mineral} ${h.quantity} [${h.at.file}:${h.at.row}]: ${h.why}`))}`
      : "";
  if (format === "csv") return { text: render(format, rows, CSV_COLUMNS) };
  const short = gaps.map((g, i) => ({
    ...rows[i],
    lists: g.lists.map((l) => SHORT_LIST[l] ?? l).join(" "),
    valueBasis: g.valueBasis ? SHORT_BASIS[g.valueBasis] : null,
    filledBy: g.filledBy ? g.filledBy.slice(g.filledBy.lastIndexOf(":") + 1) : "",
  }));
  return { text: head + render(format, short, TABLE_COLUMNS) + heldLines };
}

/** `lodestone assumptions check FILE`: valid, and each entry held for a list name that is not a dataset mineral yet (wrapped to 120 columns). */
export function checkReport(file: string, set: AssumptionSet | null | undefined): { text: string } {
  const held = set?.held ?? [];
  return {
    text: `${file}: ${set?.entries.length ?? 0} assumptions, valid\n${textLines(held.map((h) => `held (not applied): ${h.mineral} ${h.quantity} [${h.at.file}:${h.at.row}]: ${h.why}`))}`,
  };
}
