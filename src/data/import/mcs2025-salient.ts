import type { Issue } from "../../errors.js";
import { parseCsv } from "../csv.js";
import { salient25File, salient25Meta } from "../sources.js";
import type { Mineral, SalientFigure, SalientMeasure } from "../types.js";
import { SUFFIX_UNITS } from "../units.js";
import { cleanText } from "../values.js";
import { type Kind, makeFigure } from "./figure.js";

const PREFIX: [RegExp, SalientMeasure][] = [
  [/^USprod/i, "production"],
  [/^Imports?_/i, "imports"],
  [/^Exports?_/i, "exports"],
  [/^Consump/i, "consumption"],
  [/^NIR/i, "net-import-reliance"],
  [/^Stocks?_/i, "stocks"],
  [/^Price/i, "price"],
  [/^Employment/i, "employment"],
];

/** `<attrlabl>` and `<attrdef>` pairs of an FGDC metadata file, in order. */
export function metaAttributes(xml: string): { label: string; def: string }[] {
  const out: { label: string; def: string }[] = [];
  const re = /<attrlabl>([\s\S]*?)<\/attrlabl>\s*<attrdef>([\s\S]*?)<\/attrdef>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push({ label: cleanText(m[1]), def: cleanText(m[2]) });
  return out;
}

/**
 * MCS 2025 salient statistics: the earlier year 2020, which MCS 2026 (2021–2025) lacks.
 * Header unit suffixes are unreliable (PROVENANCE.md §1b), so each column's unit is read from
 * the matching `<attrlabl>` of the `_meta.xml` file (matched by label, else by position).
 */
export function importMcs2025Salient(code: string, csv: string, xml: string, mineral: Mineral, issues: Issue[], years: ReadonlySet<number>): void {
  const file = salient25File(code);
  const table = parseCsv(csv, file);
  const attrs = metaAttributes(xml);
  const yearCol = table.header.findIndex((h) => h.trim() === "Year");
  if (yearCol < 0) {
    issues.push({ file, line: 1, field: "Year", message: "missing column", expected: "DataSource/Source, Commodity, Year, measures…" });
    return;
  }
  table.header.forEach((h, i) => {
    if (i <= yearCol || h.trim() === "") return;
    const label = h.trim();
    const meta = attrs.find((a) => a.label === label) ?? attrs[i];
    const trueLabel = meta?.label ?? label;
    const suffix = trueLabel.split("_").pop() ?? "";
    const def = meta?.def ?? "";
    // "dollars per metric ton unit" (10 kg of WO3 or Mn) hides behind the dt suffix in some files
    const unit = /per (dry )?metric ton unit/i.test(def) ? "dollars per metric ton unit" : (SUFFIX_UNITS[suffix] ?? suffix);
    const measure = PREFIX.find(([re]) => re.test(trueLabel))?.[1] ?? "other";
    const kind: Kind = measure === "price" ? "price" : suffix === "pct" ? "percent" : measure === "employment" || measure === "other" ? "other" : "quantity";
    const detail = (meta?.def ?? label).replace(/\s*Data are estimated for the most recent year\.?/, "");
    for (const { line, cells } of table.rows) {
      const year = Number(cells[yearCol]);
      if (!years.has(year)) continue;
      const ref = { file, row: line, column: label };
      const fig = makeFigure(cells[i] ?? "", unit, year, kind, ref, issues, {
        note: trueLabel !== label ? `unit and definition from ${salient25Meta(code)} (${trueLabel})` : undefined,
      });
      if (fig) mineral.salient.push({ ...fig, measure, detail } as SalientFigure);
    }
  });
}
