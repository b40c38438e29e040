/**
 * The mark of an input an analyst assumed where USGS withholds it, as the Plan and Scenario tables show it: the
 * overview's style (orange, †, the note on hover) on the mineral's cell, and a note per mineral under the table
 * saying what is assumed, its range and its source. The plan's minerals carry `assumed: {d0?, r?, price?}`, a
 * run's minerals the same under `inputs.<input>.assumed` (the API's JSON, beside each value).
 */
// the mark as the core types it (type-only: nothing of the core is bundled)
import type { AssumedMark } from "../../src/index.js";
import { el } from "./ui.js";

export type { AssumedMark };

/** The inputs of a mineral an assumption filled: d0 its consumption, r its net import reliance, price its price. */
export type AssumedMarks = Partial<Record<"d0" | "r" | "price", AssumedMark>>;

const QUANTITY: Record<keyof AssumedMarks, string> = { d0: "consumption", r: "net import reliance", price: "price" };
const full = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: Math.abs(v) < 10 ? 3 : Math.abs(v) < 1000 ? 1 : 0 });
const entries = (a: AssumedMarks | undefined) => Object.entries(a ?? {}).filter((e): e is [keyof AssumedMarks, AssumedMark] => e[1] != null);

/** "consumption" or "consumption, price": what is assumed ("" when nothing is). */
export const assumedWhat = (a: AssumedMarks | undefined) =>
  entries(a)
    .map(([k]) => QUANTITY[k])
    .join(", ");

/** The source of a mark: "Title (Publisher, date) URL", or "judgement: why". */
const cite = (m: AssumedMark) =>
  m.source
    ? `${m.source.title} (${[m.source.publisher, m.source.date].filter(Boolean).join(", ")})${m.source.url ? ` ${m.source.url}` : ""}`
    : `judgement: ${m.judgement ?? ""}`;

/** "consumption assumed: range 5,390–10,780 t (2024); source: … [assumptions/public-estimates.yaml:11]", one clause per assumed input. */
export function assumedText(a: AssumedMarks | undefined): string {
  return entries(a)
    .map(
      ([k, m]) =>
        `${QUANTITY[k]} assumed: range ${full(m.range[0])}–${full(m.range[1])} ${m.unit} (${m.year}${m.basis ? `; ${m.basis}` : ""}); source: ${cite(m)}${m.at ? ` [${m.at.file}${m.at.row ? `:${m.at.row}` : ""}]` : ""}`,
    )
    .join("; ");
}

/** The cell of a mineral: its name, orange with † and the note on hover when an input of it is assumed. */
export function markedCell(text: string, a: AssumedMarks | undefined): Node | string {
  return entries(a).length ? el("span", { class: "assumed", title: assumedText(a) }, `${text} †`) : text;
}

/** The notes under a table: one per mineral with an assumed input (what, range, source, and the method on hover); null when none is. */
export function assumedNotes(rows: { id: string; assumed?: AssumedMarks }[], id: string): HTMLElement | null {
  const marked = rows.filter((r) => entries(r.assumed).length);
  if (!marked.length) return null;
  return el(
    "div",
    { class: "assumed-notes", id },
    el("p", { class: "meta" }, el("span", { class: "assumed-key" }, "Orange †"), " marks a mineral whose input an analyst assumed where USGS withholds it:"),
    el(
      "ul",
      { class: "assumed-list" },
      ...marked.map((r) =>
        el(
          "li",
          {
            "data-mineral": r.id,
            title: entries(r.assumed)
              .map(([k, m]) => `${QUANTITY[k]}: ${m.method}${m.rangeBasis ? ` ${m.rangeBasis}` : ""}`)
              .join("\n"),
          },
          el("span", { class: "assumed" }, `† ${r.id}`),
          `: ${assumedText(r.assumed)}`,
        ),
      ),
    ),
  );
}

/** A run's mineral's assumed inputs: those of its d0, r and price that carry a mark. */
export function inputsAssumed(inputs: Partial<Record<keyof AssumedMarks, { assumed?: AssumedMark } | undefined>> | undefined): AssumedMarks | undefined {
  const out: AssumedMarks = {};
  for (const k of ["d0", "r", "price"] as const) {
    const m = inputs?.[k]?.assumed;
    if (m) out[k] = m;
  }
  return Object.keys(out).length ? out : undefined;
}
