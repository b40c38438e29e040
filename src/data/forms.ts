import { closest, type Issue, LodestoneError } from "../errors.js";
import type { Mineral } from "./types.js";

/** The import product form that stands for a mineral's US supply, and why. */
export interface FormChoice {
  form: string;
  why: string;
}

/**
 * Judgement calls: which of the import-source tables USGS publishes per product form stands for the
 * mineral's US supply (MCS 2026 "Import Sources (2021–24)"). Rule: the one form when USGS lists one;
 * the total row ("Total", "Total imports", "Combined total", "All forms") where USGS gives one;
 * otherwise the entry below. Every mineral of the dataset with several forms has an entry (a test
 * checks it), so the rule's fallback, the first form listed, is never silently used on the shipped
 * data. A user picks another form with `importForm` (`--import-form mineral=form`).
 */
export const IMPORT_FORMS: Readonly<Record<string, FormChoice>> = Object.freeze({
  abrasives: {
    form: "Total fused aluminum oxide",
    why: "no total over all abrasives; fused aluminum oxide is the largest US import (161,000 t in 2024 against 113,000 t silicon carbide)",
  },
  antimony: {
    form: "Total metal and oxide",
    why: "the total row; ores and concentrates are a small part of US antimony imports (430 t of about 29,700 t in 2024)",
  },
  arsenic: { form: "All forms of arsenic", why: "the total row (arsenic content of metal and compounds)" },
  "bauxite-alumina": {
    form: "Bauxite",
    why: "no total over bauxite and alumina (different products); bauxite is the chapter's mined product and the larger US import (2,920 of 4,260 thousand t in 2024)",
  },
  chromium: {
    form: "Total imports",
    why: "the total row; chromite is a minor part of US chromium imports, which are mostly ferrochromium and stainless steel",
  },
  copper: {
    form: "Refined copper",
    why: "no total row; refined copper is most of US copper imports (903,000 t in 2024; ores and concentrates suppressed and a few thousand t before); blister and anodes are a minor stream",
  },
  "diamond-industrial": {
    form: "Bort, grit, and dust and powder; natural and synthetic",
    why: "no total row; bort, grit, dust and powder are almost all US industrial-diamond imports by carats (238 million against 0.39 million carats of stones in 2024)",
  },
  feldspar: { form: "Feldspar", why: "no total row; feldspar is the chapter's US production; nepheline syenite is a substitute product" },
  germanium: { form: "Combined total", why: "the total row (germanium metal and dioxide, Ge content)" },
  gold: { form: "Total", why: "the total row; ores and concentrates are a minor part of US gold imports (mostly bullion and doré)" },
  helium: { form: "Helium", why: "the chapter's commodity; argon is another gas in the same table" },
  "iron-oxide-pigments": { form: "Total", why: "the total row (natural and synthetic)" },
  magnesium: { form: "Combined total (includes magnesium content of alloys, metal, powder, scrap, sheet, and other)", why: "the total row" },
  "magnesium-compounds": { form: "Total imports", why: "the total row; caustic-calcined magnesia is one of six compounds" },
  manganese: {
    form: "Manganese contained in principal manganese imports",
    why: "the total row (manganese content of ore, ferromanganese and silicomanganese)",
  },
  mica: {
    form: "Scrap and flake",
    why: "no total row; scrap and flake is most of US mica imports by mass (19,700 t against 4,520 t of sheet in 2024)",
  },
  molybdenum: { form: "Total", why: "the total row" },
  nickel: {
    form: "Primary nickel",
    why: "no total row; primary nickel is the larger US nickel import (105,000 t in 2024 against 40,000 t of scrap, nickel content)",
  },
  niobium: { form: "Total imports", why: "the total row; Nb/Ta ores are a minor part of US niobium imports, which are mostly ferroniobium" },
  "platinum-group-metals": {
    form: "Palladium",
    why: "no total row; palladium is the first and largest-value table (palladium, platinum and rhodium are also minerals of their own, each with its own table)",
  },
  "rare-earths-heavy": {
    form: "Ytterbium compounds and metals",
    why: "no total row over the heavy rare earths; ytterbium is the only one with a partner table of several countries (the others list one to three)",
  },
  rhenium: { form: "Total imports", why: "the total row (ammonium perrhenate and metal)" },
  selenium: { form: "Selenium", why: "no total row; selenium metal is almost all US selenium imports (225 t against 5 t of dioxide in 2024)" },
  silicon: { form: "Total", why: "the total row (ferrosilicon and silicon metal)" },
  "stone-dimension": { form: "All dimension stone", why: "the total row; granite is a subset" },
  strontium: { form: "Total imports", why: "the total row; celestite is a minor part of US strontium imports (29 t against 3,690 t of compounds in 2024)" },
  sulfur: { form: "Total sulfur imports", why: "the total row (elemental sulfur and sulfuric acid)" },
  tantalum: { form: "Total", why: "the total row" },
  thorium: { form: "Thorium compounds", why: "no total row; US imports of monazite ore were nil in 2024 (—), compounds are the whole stream" },
  tin: { form: "Refined tin", why: "no total row; refined tin is most of US tin imports (25,400 t in 2024 against 8,210 t gross weight of scrap)" },
  titanium: {
    form: "Titanium Sponge Metal",
    why: "no total row over different products; the chapter's world production table is sponge metal, so its import partners follow",
  },
  vanadium: { form: "Total", why: "the total row" },
  zinc: {
    form: "Refined metal",
    why: "the combined total adds scrap in gross weight to zinc content, mixing bases; refined zinc is most of US zinc imports (590,000 t in 2024)",
  },
  "zirconium-hafnium": {
    form: "Zirconium ores and concentrates",
    why: "no total row; the chapter's US production and world table are zirconium mineral concentrates, and they are the largest US import (18,900 t ZrO2 in 2024)",
  },
});

const TOTAL = /^(total\b|combined total|all forms\b)/i;

/** The import-source forms USGS lists for a mineral, in file order. */
export function importFormsOf(m: Mineral): string[] {
  return [...new Set(m.importSources.map((f) => f.form))];
}

/**
 * The import form that stands for a mineral's US supply: the user's pick, else the one form, else
 * the table entry, else the total row, else the first form listed (said so in `why`). A user pick that
 * USGS does not list is bad input naming the forms that exist.
 */
export function importFormOf(m: Mineral, pick?: string): (FormChoice & { by: "user" | "single" | "table" | "total-row" | "first" }) | undefined {
  const forms = importFormsOf(m);
  if (!forms.length) return undefined;
  if (pick !== undefined) {
    const hit = forms.find((f) => f.toLowerCase() === pick.toLowerCase());
    if (!hit)
      throw new LodestoneError("bad-input", {
        field: `importForm.${m.id}`,
        message: `${JSON.stringify(pick)} is not an import form USGS lists for ${m.id}`,
        expected: forms.map((f) => JSON.stringify(f)).join(" | "),
      });
    return { form: hit, why: "chosen by the user", by: "user" };
  }
  if (forms.length === 1) return { form: forms[0], why: "the only form USGS lists", by: "single" };
  const t = IMPORT_FORMS[m.id];
  if (t && forms.includes(t.form)) return { ...t, by: "table" };
  const total = forms.find((f) => TOTAL.test(f));
  if (total) return { form: total, why: "the total row", by: "total-row" };
  return { form: forms[0], why: "no stated choice for this mineral: the first form USGS lists", by: "first" };
}

/**
 * Check user picks of import forms against the data: every mineral id must exist and every form be
 * one USGS lists for it. All offenders at once, each naming the valid choices.
 */
export function checkImportForms(minerals: readonly Mineral[], picks: Readonly<Record<string, string>>, field = "--import-form"): void {
  const issues: Issue[] = [];
  for (const [id, form] of Object.entries(picks)) {
    const m = minerals.find((x) => x.id === id);
    if (!m) {
      issues.push({
        field,
        message: `unknown mineral ${JSON.stringify(id)}`,
        expected: "a mineral id (lodestone catalogue lists them)",
        suggestions: closest(
          id,
          minerals.map((x) => x.id),
        ),
      });
      continue;
    }
    const forms = importFormsOf(m);
    if (!forms.some((f) => f.toLowerCase() === form.toLowerCase()))
      issues.push({
        field: `${field} ${id}`,
        message: forms.length ? `${JSON.stringify(form)} is not an import form USGS lists for ${id}` : `USGS lists no import sources for ${id}`,
        expected: forms.map((f) => JSON.stringify(f)).join(" | ") || "no --import-form for this mineral",
      });
  }
  if (issues.length) throw new LodestoneError("bad-input", issues);
}
