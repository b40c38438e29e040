import { SPLITS, type SplitEntry } from "../data/catalog.js";
import { importFormOf, importFormsOf } from "../data/forms.js";
import type { Dataset, Mineral } from "../data/types.js";
import { STAGE_IMPORT_FORMS } from "../risk/stage-forms.js";

type Table = NonNullable<SplitEntry["inherit"]>[number]["table"];

/**
 * A table of a split mineral that is a copy of its chapter's (all rare earths' world mine output for
 * terbium) or of a sibling's (platinum's for rhodium): catalog SPLITS `inherit`, with the reason.
 */
export interface StandIn {
  table: Table;
  from: string;
  fromName: string;
  why: string;
}

/** The import form that stands for a mineral's US supply (data/forms.ts), the stage tables risk's EU SR takes instead, and the other forms. */
export interface ImportFormView {
  form: string;
  why: string;
  stages: { stage: string; form: string }[];
  others: string[];
}

/** The tables of m copied from another mineral (none for a mineral that is not split out of a chapter). */
export function standInsOf(d: Dataset, m: Mineral): StandIn[] {
  return (SPLITS.find((x) => x.id === m.id)?.inherit ?? []).map((i) => ({
    table: i.table,
    from: i.from,
    fromName: d.minerals.find((x) => x.id === i.from)?.name ?? i.from,
    why: i.why,
  }));
}

/** The chosen US import form of m and the stage forms (risk/stage-forms.ts) USGS lists for it; undefined without import sources. */
export function importFormView(m: Mineral): ImportFormView | undefined {
  const chosen = importFormOf(m);
  if (!chosen) return undefined;
  const forms = importFormsOf(m);
  const stages = Object.entries(STAGE_IMPORT_FORMS[m.id] ?? {})
    .filter(([, f]) => forms.includes(f.form))
    .map(([stage, f]) => ({ stage, form: f.form }));
  return { form: chosen.form, why: chosen.why, stages, others: forms.filter((f) => f !== chosen.form) };
}

/**
 * A section's title and note when its table is a stand-in: the title says whose figures they are, so all
 * rare earths' world mine output is not read as terbium's own; the note says why USGS has none of its own.
 */
export function standInNote(m: Mineral, standIns: readonly StandIn[] | undefined, table: Table, title: string): { title: string; note?: string } {
  const s = standIns?.find((x) => x.table === table);
  if (!s) return { title };
  // the chapter total (all rare earths) or a sibling's figures (platinum's for rhodium)
  const whose = SPLITS.some((x) => x.id === s.from) ? `${s.from}'s figures stand in` : `the "${s.fromName}" chapter total (${s.from}) stands in`;
  const rows = table === "net-import-reliance" ? " for net import reliance" : "";
  const what = table === "production" ? "world production by country" : table === "importSources" ? "US import sources" : "US net import reliance";
  return { title: `${title}${rows}: not ${m.id}'s own; ${whose}`, note: `USGS publishes no ${what} for ${m.id} alone: ${s.why}.` };
}

/**
 * Which import form the rows marked "chosen" are and why (data/forms.ts importFormOf), which stage tables
 * risk's EU supply risk takes instead (risk/stage-forms.ts), and how to pick another.
 */
export function importNote(m: Mineral, f: ImportFormView | undefined): string | undefined {
  if (!f) return undefined;
  if (!f.others.length) return `"${f.form}" is the only form USGS lists: risk and simulate's import exposure use it.`;
  const stages = f.stages.length
    ? ` The EU supply risk splits a stage's imports by that stage's own product where USGS gives its table: ${f.stages.map((s) => `${s.stage} "${s.form}"`).join(", ")} (marked by stage).`
    : "";
  return (
    `"${f.form}" (marked chosen) stands for US ${m.id} supply: ${f.why}. Risk's EU supply risk (lodestone risk ${m.id} --explain states it) and simulate's import exposure use it; GeoPolRisk takes the partner table of its stated product chain (--explain shows it).${stages}` +
    ` Pick another form with --import-form, e.g. lodestone risk ${m.id} --explain --import-form "${m.id}=${f.others[0]}".`
  );
}
