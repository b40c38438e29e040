import type { Issue } from "../../errors.js";
import { parseCsv, requireColumns } from "../csv.js";
import { MCS2026_FILE } from "../sources.js";
import type { CountryFigure, ImportShare, Mineral, SalientFigure, SalientMeasure } from "../types.js";
import { cleanText } from "../values.js";
import { formOf, type Kind, makeFigure, splitDetail, stageOf } from "./figure.js";
import type { CountryNames } from "./names.js";

const COLS = [
  "MCS chapter",
  "Section",
  "Commodity",
  "Country",
  "Statistics",
  "Statistics_detail",
  "Unit",
  "Year",
  "Value",
  "Notes",
  "Is critical mineral 2025",
  "Other notes",
] as const;

const MEASURES: Record<string, SalientMeasure> = {
  Production: "production",
  Import: "imports",
  Export: "exports",
  Consumption: "consumption",
  "Net import reliance": "net-import-reliance",
  Stock: "stocks",
  Price: "price",
  Employment: "employment",
};

const kindOf = (measure: SalientMeasure, unit: string): Kind =>
  measure === "price" ? "price" : /percent/i.test(unit) ? "percent" : measure === "employment" || measure === "other" ? "other" : "quantity";

/**
 * MCS 2026 `MCS2026_Commodities_Data.csv` (decoded from cp1252 by the caller): US salient
 * statistics 2021–2025, world production/capacity/reserves by country 2024–2025, and US import
 * sources 2021–24. Quirks handled: see PROVENANCE.md §2a.
 */
export function importMcs2026(text: string, byChapter: Map<string, Mineral>, names: CountryNames, issues: Issue[]): void {
  const table = parseCsv(text, MCS2026_FILE, { minColumns: 9 });
  const c = requireColumns(table, COLS);
  // Pass 1: the tails that World total rows carry name the product forms ("Bentonite, rounded")
  const worldTails = new Set<string>();
  for (const { cells } of table.rows) {
    if (cleanText(cells[c.Country] ?? "") !== "World total") continue;
    const { head, tail } = splitDetail(cleanText(cells[c.Statistics_detail] ?? ""));
    if (tail) worldTails.add(`${cells[c["MCS chapter"]]}|${head}|${tail}`.toLowerCase());
  }
  for (const { line, cells } of table.rows) {
    const get = (k: (typeof COLS)[number]) => cells[c[k]] ?? "";
    const chapter = cleanText(get("MCS chapter"));
    const mineral = byChapter.get(chapter);
    if (!mineral) {
      issues.push({
        file: MCS2026_FILE,
        line,
        field: "MCS chapter",
        message: `unknown chapter ${JSON.stringify(chapter)}`,
        expected: "a chapter listed in src/data/catalog.ts",
      });
      continue;
    }
    // One YTTRIUM row is shifted: Notes = "Yes", flag = "Yttrium" (PROVENANCE.md §2a)
    const flag = get("Is critical mineral 2025");
    const shifted = flag !== "" && flag !== "Yes" && flag !== "No";
    const notes = shifted ? "" : cleanText(get("Notes"));
    mineral.basis ??= cleanText(get("Other notes")) || undefined;
    const section = cleanText(get("Section"));
    const stat = cleanText(get("Statistics"));
    const detail = cleanText(get("Statistics_detail"));
    const unit = cleanText(get("Unit"));
    const yearText = cleanText(get("Year"));
    const estimated = /\bEstimated\b/.test(notes);
    const ref = { file: MCS2026_FILE, row: line, column: "Value" };
    const value = get("Value");

    if (section === "Import Sources") {
      const country = names.resolve(get("Country"), { file: MCS2026_FILE, line, field: "Country" }, issues);
      if (!country) continue;
      // "2021–24": the share covers four years; filed under the last one
      const fig = makeFigure(value, unit, 2024, "percent", ref, issues, { note: notes || undefined, period: yearText });
      if (fig) mineral.importSources.push({ ...fig, country: country.code, form: detail } as ImportShare);
      continue;
    }
    const year = Number(yearText);
    if (!Number.isInteger(year)) {
      issues.push({
        file: MCS2026_FILE,
        line,
        field: "Year",
        message: `unrecognised year ${JSON.stringify(yearText)}`,
        expected: "a four-digit year or 2021–24",
      });
      continue;
    }
    if (section.startsWith("Salient Statistics")) {
      const measure = MEASURES[stat] ?? "other";
      // Manganese prices say "dollars per metric ton unit" in the detail but "dollars per metric ton" in Unit
      const mtu = measure === "price" && /per (dry )?metric ton unit/i.test(detail) && !/unit/i.test(unit);
      const u = mtu ? "dollars per metric ton unit" : unit;
      const note = [mtu && `unit read from Statistics_detail (Unit column says "${unit}")`, notes].filter(Boolean).join(" -- ") || undefined;
      const fig = makeFigure(value, u, year, kindOf(measure, u), ref, issues, { note, estimated });
      if (fig) mineral.salient.push({ ...fig, measure, detail } as SalientFigure);
      continue;
    }
    if (section.startsWith("World")) {
      const target = stat === "Production" ? mineral.production : stat === "Capacity" ? mineral.capacity : stat === "Reserves" ? mineral.reserves : undefined;
      if (!target) continue;
      const country = names.resolve(get("Country"), { file: MCS2026_FILE, line, field: "Country" }, issues);
      if (!country) continue;
      const { head, tail } = splitDetail(detail);
      const isForm = tail !== "" && worldTails.has(`${get("MCS chapter")}|${head}|${tail}`.toLowerCase());
      const note =
        [country.qualifier && `country label: ${get("Country").trim()}`, tail && !isForm && `qualifier: ${tail}`, notes].filter(Boolean).join(" -- ") ||
        undefined;
      const fig = makeFigure(value, unit, year, "quantity", ref, issues, { note, estimated: estimated || (stat !== "Reserves" && year === 2025) });
      if (!fig) continue;
      const stage = stat === "Reserves" ? "reserves" : stageOf(detail || section);
      target.push({ ...fig, country: country.code, stage, form: formOf(cleanText(get("Commodity")), head, isForm ? tail : "") } as CountryFigure);
    }
  }
}
