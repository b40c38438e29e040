import { isAggregate } from "../data/countries.js";
import { type FormChoice, importFormOf, importFormsOf } from "../data/forms.js";
import { importShares } from "../data/select.js";
import type { ImportShare, Mineral } from "../data/types.js";

/**
 * The import-source table of each production stage's own product, where USGS publishes one per stage
 * (MCS 2026 "Import Sources (2021–24)"). The EU computes its supply risk per stage, each stage with its
 * own sourcing (Blengini et al. 2017 §3.2), so a stage's US sourcing should be split by the partners
 * of the product that stage makes: bauxite partners at the mine, alumina partners at the refinery.
 * Listed only where the chapter has several stages and USGS splits the import tables by those
 * stages' products; every other stage uses the mineral's chosen form (data/forms.ts), said so.
 */
export const STAGE_IMPORT_FORMS: Readonly<Record<string, Readonly<Record<string, FormChoice>>>> = Object.freeze({
  "bauxite-alumina": {
    mine: { form: "Bauxite", why: "the mine stage makes bauxite, and USGS gives a bauxite partner table" },
    refinery: { form: "Alumina", why: "the refinery stage makes alumina, and USGS gives an alumina partner table" },
  },
  copper: {
    mine: {
      form: "Copper content of ore and concentrate",
      why: "the mine stage makes ore and concentrate, and USGS gives their partner table (copper content)",
    },
    refinery: { form: "Refined copper", why: "the refinery stage makes refined copper, and USGS gives its partner table" },
  },
  mica: {
    mine: { form: "Sheet", why: "the mine table is sheet mica, and USGS gives a sheet-mica partner table" },
    production: { form: "Scrap and flake", why: "the production table is scrap and flake mica, and USGS gives its partner table" },
  },
});

/** Where a stage's import partners came from: the stage's own product, the mineral's chosen form, or the user's pick. */
export type StageFormBy = "stage" | "mineral" | "user";

export interface StageImports {
  form: string;
  by: StageFormBy;
  why: string;
  /** the table's period as USGS gives it, e.g. "2021–24" */
  period: string;
  shares: { country: string; share: number; figure: ImportShare }[];
  /** named countries only (aggregates such as "Other countries" cannot carry a governance score) */
  named: { country: string; share: number; figure: ImportShare }[];
  /** aggregates left out */
  left: { country: string; share: number; figure: ImportShare }[];
}

/**
 * The US import shares a stage's EU SR splits its imports by: the user's `--import-form` pick for the
 * mineral (every stage), else the stage's own product table (STAGE_IMPORT_FORMS) where USGS lists it,
 * else the mineral's chosen form (importFormOf), with `why` saying which and why. Undefined where USGS
 * lists no import sources for the mineral.
 */
export function stageImports(m: Mineral, stage: string, pick?: string): StageImports | undefined {
  const own = STAGE_IMPORT_FORMS[m.id]?.[stage];
  const listed = importFormsOf(m);
  const choice: { form: string; why: string; by: StageFormBy } | undefined =
    pick === undefined && own && listed.includes(own.form)
      ? { form: own.form, why: own.why, by: "stage" }
      : (() => {
          const c = importFormOf(m, pick);
          if (!c) return undefined;
          if (c.by === "user") return { form: c.form, why: "chosen by the user (--import-form), for every stage", by: "user" as const };
          return {
            form: c.form,
            why: `no import table of the ${stage} stage's own product is stated for ${m.id} (STAGE_IMPORT_FORMS), so the mineral's chosen form stands for it: ${c.why}`,
            by: "mineral" as const,
          };
        })();
  if (!choice) return undefined;
  const sh = importShares(m, choice.form);
  if (!sh) return undefined;
  const first = sh.shares[0]?.figure;
  return {
    form: choice.form,
    by: choice.by,
    why: choice.why,
    period: first ? (first.period ?? String(first.year)) : "",
    shares: sh.shares,
    named: sh.shares.filter((s) => !isAggregate(s.country)),
    left: sh.shares.filter((s) => isAggregate(s.country)),
  };
}
