import { type AssumedMark, citeOf } from "../assumptions/types.js";
import type { MineralInputs } from "../scenario/inputs.js";
import type { Row } from "./format.js";

/*
 * How tables mark a figure an analyst assumed where USGS withholds it: the mineral cell gets `*n`
 * (n numbering the notes), and each note, below the table, says which figure, its range, and its
 * source or the judgement behind it. JSON carries the same as `assumed` beside the value.
 */

const fmt = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 2 });

/** One note line per assumed input of the minerals, numbered from 1, and the numbers of each mineral. */
export function assumedNotes(minerals: readonly { id: string; inputs: Pick<MineralInputs, "d0" | "r" | "price"> }[]): {
  lines: string[];
  marks: Map<string, number[]>;
} {
  const lines: string[] = [];
  const marks = new Map<string, number[]>();
  for (const m of minerals) {
    const figs: [string, AssumedMark | undefined, number | null][] = [
      ["consumption", m.inputs.d0.assumed, m.inputs.d0.assumed ? m.inputs.d0.value * 12 : null],
      ["net import reliance", m.inputs.r.assumed, m.inputs.r.assumed ? m.inputs.r.value * 100 : null],
      ["price", m.inputs.price.value === null ? undefined : m.inputs.price.assumed, m.inputs.price.value],
    ];
    for (const [what, a, v] of figs) {
      if (!a || v === null) continue;
      const n = lines.push(
        `*${lines.length + 1} ${m.id}: assumed ${what} ${fmt(v)} ${a.unit} (${a.year}; range ${fmt(a.range[0])}–${fmt(a.range[1])}${a.basis ? `; ${a.basis}` : ""}): ${a.method.replace(/\.$/, "")}; ${citeOf(a)} [${a.at.file}:${a.at.row}]`,
      );
      marks.set(m.id, [...(marks.get(m.id) ?? []), n]);
    }
  }
  return { lines, marks };
}

/**
 * The plan's notes for each assumed world production (`world_production`), numbered on from `after`
 * (the input notes assumedNotes wrote come first): `*n id: assumed world production …, used for the
 * purchase cap and the market impact`, in the same form, so marksFromNotes marks the table.
 */
export function assumedWorldNotes(
  economics: readonly { id: string; worldProduction: number | null; assumed?: { world?: AssumedMark } }[],
  after: number,
): string[] {
  const lines: string[] = [];
  for (const e of economics) {
    const a = e.assumed?.world;
    if (!a || e.worldProduction === null) continue;
    lines.push(
      `*${after + lines.length + 1} ${e.id}: assumed world production ${fmt(e.worldProduction)} ${a.unit}/yr (${a.year}; range ${fmt(a.range[0])}–${fmt(a.range[1])}${a.basis ? `; ${a.basis}` : ""}), used for the purchase cap and the market impact in place of the chapter total: ${a.method.replace(/\.$/, "")}; ${citeOf(a)} [${a.at.file}:${a.at.row}]`,
    );
  }
  return lines;
}

/** Table rows with `*n` after each mineral that uses an assumed figure. */
export function markAssumed(rows: readonly Row[], marks: Map<string, number[]>, key = "mineral"): Row[] {
  if (!marks.size) return [...rows];
  return rows.map((r) => {
    const n = marks.get(String(r[key]));
    return n ? { ...r, [key]: `${r[key]} *${n.join(",")}` } : r;
  });
}

/** The marks of the numbered notes assumedNotes wrote (`*n id: assumed …`), read back from a list of notes (the plan passes its notes as text). */
export function marksFromNotes(notes: readonly string[]): Map<string, number[]> {
  const marks = new Map<string, number[]>();
  for (const n of notes) {
    const m = /^\*(\d+) ([^\s:]+): assumed /.exec(n);
    if (m) marks.set(m[2], [...(marks.get(m[2]) ?? []), Number(m[1])]);
  }
  return marks;
}

/** Each mineral's assumed-figure notes in full (`id: assumed consumption …`, without the `*n`), read back from the numbered notes: what a CSV note column carries. */
export function assumedTexts(notes: readonly string[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const n of notes) {
    const m = /^\*\d+ (([^\s:]+): assumed .*)$/.exec(n);
    if (m) texts.set(m[2], texts.has(m[2]) ? `${texts.get(m[2])}; ${m[1]}` : m[1]);
  }
  return texts;
}

/** Rows with the full assumed-figure text in their note column (after any note already there): CSV has no numbered notes to point to. */
export function noteAssumed(rows: readonly Row[], texts: Map<string, string>, key = "mineral"): Row[] {
  if (!texts.size) return [...rows];
  return rows.map((r) => {
    const t = texts.get(String(r[key]));
    return t ? { ...r, note: r.note ? `${r.note}; ${t}` : t } : r;
  });
}
