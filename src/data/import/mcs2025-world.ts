import type { Issue } from "../../errors.js";
import { parseCsv } from "../csv.js";
import { MCS2025_WORLD_FILE } from "../sources.js";
import type { CountryFigure, Mineral } from "../types.js";
import { cleanText } from "../values.js";
import { formOf, makeFigure, stageOf } from "./figure.js";
import type { CountryNames } from "./names.js";

export interface World25Figure {
  figure: CountryFigure;
  mineral: Mineral;
  target: "production" | "capacity" | "reserves";
  /** the TYPE column, e.g. "Mine production, Palladium content" */
  type: string;
}

/**
 * Unit corrections for MCS 2025 World Data, each checked against MCS 2026, which republishes the
 * same series: the TYPE and UNIT_MEAS of these rows disagree with the MCS 2026 table.
 */
const UNIT_FIX: Record<string, { unit: string; why: string }> = {
  // Mozambique ilmenite 2024: 1,900 here, 1,930 "thousand metric tons" in MCS 2026 (row 8070);
  // Sierra Leone rutile has a blank unit in the same table.
  "Titanium Mineral Concentrates": {
    unit: "thousand metric tons",
    why: "UNIT_MEAS says metric tons (or is blank), but the values are thousand metric tons as in MCS 2026",
  },
};

/** Note text → the status of a blank cell (PROVENANCE.md §1a: blanks carry their reason in the notes). */
function blankReason(notes: string): string | undefined {
  if (/\bW\b/.test(notes)) return "W";
  if (/\bXX\b/i.test(notes)) return "XX";
  if (/\bNA\b/i.test(notes)) return "NA";
  const q = /\b(Large|Moderate|Small)\b/.exec(notes);
  return q?.[1];
}

/**
 * MCS 2025 World Data: adds production and capacity for 2023 (and 2024 where MCS 2026 has
 * none: the caller keeps MCS 2026 figures first). Headers carry stray spaces ("PROD_EST_ 2024").
 */
export function importMcs2025World(text: string, byWorld25: Map<string, Mineral>, names: CountryNames, issues: Issue[]): World25Figure[] {
  const table = parseCsv(text, MCS2025_WORLD_FILE, { minColumns: 13 });
  const norm = (h: string) => h.replace(/\s+/g, "");
  const col = (name: string) => {
    const i = table.header.findIndex((h) => norm(h) === name);
    if (i < 0) issues.push({ file: MCS2025_WORLD_FILE, line: 1, field: name, message: "missing column", expected: "the MCS 2025 World Data header" });
    return i;
  };
  const [cCom, cCountry, cType, cUnit] = ["COMMODITY", "COUNTRY", "TYPE", "UNIT_MEAS"].map(col);
  const cell = (name: string, year: number, notes: string, target: World25Figure["target"], estimated: boolean) => ({
    col: table.header[col(name)],
    idx: col(name),
    year,
    notes: col(notes),
    target,
    estimated,
  });
  const cells = [
    cell("PROD_2023", 2023, "PROD_NOTES", "production", false),
    cell("PROD_EST_2024", 2024, "PROD_NOTES", "production", true),
    cell("CAP_2023", 2023, "CAP_NOTES", "capacity", false),
    cell("CAP_EST_2024", 2024, "CAP_NOTES", "capacity", true),
    cell("RESERVES_2024", 2024, "RESERVE_NOTES", "reserves", false),
  ];
  if (cells.some((c) => c.idx < 0) || [cCom, cCountry, cType, cUnit].some((i) => i < 0)) return [];
  const out: World25Figure[] = [];
  for (const { line, cells: row } of table.rows) {
    const commodity = cleanText(row[cCom]);
    const mineral = byWorld25.get(commodity);
    if (!mineral) {
      issues.push({
        file: MCS2025_WORLD_FILE,
        line,
        field: "COMMODITY",
        message: `unknown commodity ${JSON.stringify(commodity)}`,
        expected: "a commodity listed in src/data/catalog.ts (world25)",
      });
      continue;
    }
    const country = names.resolve(row[cCountry], { file: MCS2025_WORLD_FILE, line, field: "COUNTRY" }, issues);
    if (!country) continue;
    const type = cleanText(row[cType]);
    const fix = UNIT_FIX[commodity];
    const unit = fix?.unit ?? cleanText(row[cUnit]);
    // "Clinker capacity" rows carry capacity in the PROD_ columns
    const capacityRow = /capacity/i.test(type);
    for (const cdef of cells) {
      const c = capacityRow && cdef.target === "production" ? { ...cdef, target: "capacity" as const } : cdef;
      const notes = cleanText(row[c.notes] ?? "");
      let raw = row[c.idx] ?? "";
      if (cleanText(raw) === "") {
        const reason = blankReason(notes);
        if (!reason) continue; // a blank without a stated reason is not a figure
        raw = reason;
      }
      const ref = { file: MCS2025_WORLD_FILE, row: line, column: c.col };
      const note =
        [
          fix && `unit corrected: ${fix.why} (published: ${JSON.stringify(cleanText(row[cUnit]))})`,
          country.qualifier && `country label: ${cleanText(row[cCountry])}`,
          notes,
          cleanText(row[c.idx] ?? "") === "" && `blank cell; reason from ${table.header[c.notes]}`,
        ]
          .filter(Boolean)
          .join(" -- ") || undefined;
      const fig = makeFigure(raw, unit, c.year, "quantity", ref, issues, { note, estimated: c.estimated });
      if (!fig) continue;
      if (cleanText(row[c.idx] ?? "") === "") fig.raw = "";
      const stage = c.target === "reserves" ? "reserves" : stageOf(type);
      // a World total's label can name the product ("World total (ilmenite and rutile, rounded)"); it then decides the form
      const hint = country.aggregate && country.qualifier ? country.qualifier.replace(/,?\s*rounded/i, "").trim() : "";
      out.push({
        figure: { ...fig, country: country.code, stage, form: formOf(mineral.name, type.split(",")[0]) },
        mineral,
        target: c.target,
        type: hint || type,
      });
    }
  }
  return out;
}
