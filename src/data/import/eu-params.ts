import type { Issue } from "../../errors.js";
import { parseCsv, requireColumns } from "../csv.js";
import { EU_PARAMS_FILE } from "../sources.js";
import type { EuParameters, Mineral } from "../types.js";
import { cleanText } from "../values.js";

/**
 * Which row of the EU 2023 parameters file (PROVENANCE.md §7) stands for each mineral id. The EU
 * names materials by element or group, USGS by chapter, so the match is stated here, once:
 * - `aluminum` and `bauxite-alumina` both take "Aluminium": the EU 2023 study assesses bauxite,
 *   alumina and aluminium as one material (extraction = bauxite, processing = alumina/aluminium).
 * - `magnesium-compounds` takes "Magnesite" (the ore USGS's chapter starts from); `magnesium` the metal.
 * - `titanium-mineral-concentrates` takes "Titanium" (ores), `titanium` (sponge, TiO2) "Titanium metal".
 * - `rare-earths` takes "LREE" (US and world mine output is mostly light rare earths), and
 *   `rare-earths-heavy` "HREE"; the EU gives no SI_SR for the group rows, so SI_SR stays default.
 * - `platinum-group-metals` takes "PGM" (no group SI_SR either); `palladium`, `platinum`, `rhodium`
 *   take their own rows if the catalogue has them.
 * - `zirconium-hafnium` takes "Zirconium" (hafnium is a by-product of a few per cent of the tonnage).
 * - `sand-gravel-industrial` takes "Silica Sand", `sand-gravel-construction` and `stone-crushed`
 *   "Aggregates", `talc` "Talc, Steatite & Pyrophyllite", `graphite` "Natural graphite".
 * Left unmatched on purpose: `clays` (the EU splits kaolin and bentonite, USGS's chapter is all
 * clays), `phosphate-rock`'s "Phosphorus" row (a processed product; the rock row is used), and
 * every mineral the EU does not assess (soda ash, salt, cement, …): they keep the defaults.
 */
export const EU_MATERIAL: Readonly<Record<string, string>> = Object.freeze({
  aluminum: "Aluminium",
  antimony: "Antimony",
  arsenic: "Arsenic",
  barite: "Baryte",
  "bauxite-alumina": "Aluminium",
  beryllium: "Beryllium",
  bismuth: "Bismuth",
  boron: "Boron",
  cadmium: "Cadmium",
  chromium: "Chromium",
  cobalt: "Cobalt",
  copper: "Copper",
  diatomite: "Diatomite",
  dysprosium: "Dysprosium",
  feldspar: "Feldspar",
  fluorspar: "Fluorspar",
  gallium: "Gallium",
  germanium: "Germanium",
  gold: "Gold",
  graphite: "Natural graphite",
  gypsum: "Gypsum",
  helium: "Helium",
  indium: "Indium",
  "iron-ore": "Iron ore",
  lead: "Lead",
  lime: "Lime",
  lithium: "Lithium",
  magnesium: "Magnesium",
  "magnesium-compounds": "Magnesite",
  manganese: "Manganese",
  molybdenum: "Molybdenum",
  nickel: "Nickel",
  niobium: "Niobium",
  palladium: "Palladium",
  perlite: "Perlite",
  "phosphate-rock": "Phosphate rock",
  platinum: "Platinum",
  "platinum-group-metals": "PGM",
  potash: "Potash",
  "rare-earths": "LREE",
  "rare-earths-heavy": "HREE",
  rhenium: "Rhenium",
  rhodium: "Rhodium",
  "sand-gravel-construction": "Aggregates",
  "sand-gravel-industrial": "Silica Sand",
  scandium: "Scandium",
  selenium: "Selenium",
  silicon: "Silicon metal",
  silver: "Silver",
  "stone-crushed": "Aggregates",
  strontium: "Strontium",
  sulfur: "Sulfur",
  talc: "Talc, Steatite & Pyrophyllite",
  tantalum: "Tantalum",
  tellurium: "Tellurium",
  terbium: "Terbium",
  tin: "Tin",
  titanium: "Titanium metal",
  "titanium-mineral-concentrates": "Titanium",
  tungsten: "Tungsten",
  vanadium: "Vanadium",
  yttrium: "Yttrium",
  zinc: "Zinc",
  "zirconium-hafnium": "Zirconium",
});

/** A blank cell is "not published"; anything else must be a number in [0, max]. */
function cell(raw: string, max: number, line: number, field: string, issues: Issue[]): number | null {
  const t = cleanText(raw);
  if (t === "") return null;
  const v = Number(t);
  if (!Number.isFinite(v) || v < 0 || v > max) {
    issues.push({
      file: EU_PARAMS_FILE,
      line,
      field,
      message: `${JSON.stringify(raw)} is not a number in [0, ${max}]`,
      expected: `a number in [0, ${max}] or blank`,
    });
    return null;
  }
  return v;
}

/**
 * Attach the EU 2023 study's SI_SR and EOL_RIR to each mineral EU_MATERIAL names (eol_rir_pct is
 * percent; stored as a fraction). A mapped material missing from the file is an issue.
 */
export function importEuParams(text: string, minerals: readonly Mineral[], issues: Issue[]): void {
  const table = parseCsv(text, EU_PARAMS_FILE);
  const c = requireColumns(table, ["material", "eu_assessed_stage", "eu_stages", "si_sr", "eol_rir_pct"]);
  const rows = new Map<string, EuParameters>();
  for (const { line, cells } of table.rows) {
    const material = cleanText(cells[c.material]);
    const siSr = cell(cells[c.si_sr], 1, line, "si_sr", issues);
    const eolPct = cell(cells[c.eol_rir_pct], 100, line, "eol_rir_pct", issues);
    rows.set(material, {
      material,
      assessedStage: cleanText(cells[c.eu_assessed_stage]),
      stages: cleanText(cells[c.eu_stages]),
      siSr,
      eolRir: eolPct === null ? null : eolPct / 100,
      raw: { siSr: cleanText(cells[c.si_sr]), eolRir: cleanText(cells[c.eol_rir_pct]) },
      source: { file: EU_PARAMS_FILE, row: line, column: "material" },
    });
  }
  for (const m of minerals) {
    const name = EU_MATERIAL[m.id];
    if (!name) continue;
    const p = rows.get(name);
    if (p) m.eu2023 = p;
    else
      issues.push({
        file: EU_PARAMS_FILE,
        field: "material",
        message: `no row for ${JSON.stringify(name)} (mapped from ${m.id})`,
        expected: "a material the file lists",
      });
  }
}
