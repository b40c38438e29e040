import { type Issue, LodestoneError } from "../../errors.js";
import { MINERALS, SPLITS, type SplitEntry } from "../catalog.js";
import { AGGREGATES, isAggregate } from "../countries.js";
import { EU_PARAMS_FILE, LISTS_FILE, MCS2025_WORLD_FILE, MCS2026_FILE, salient25File, salient25Meta, sourceFiles, WGI_FILE } from "../sources.js";
import type { Country, CountryFigure, Dataset, Figure, Mineral } from "../types.js";
import { importEuParams } from "./eu-params.js";
import { importLists } from "./lists.js";
import { importMcs2025Salient } from "./mcs2025-salient.js";
import { importMcs2025World, type World25Figure } from "./mcs2025-world.js";
import { importMcs2026 } from "./mcs2026.js";
import { CountryNames } from "./names.js";
import { importWgi } from "./wgi.js";

/** Years MCS 2025 salient files add: MCS 2026 covers 2021–2025. */
const SALIENT25_YEARS = new Set([2020]);

/**
 * Build the dataset from the decoded source texts (path relative to data/sources/ → text).
 * Pure: no I/O. Any malformed row fails the whole build with every issue listed.
 */
export function buildDataset(texts: ReadonlyMap<string, string>, sha256: ReadonlyMap<string, string>): Dataset {
  const issues: Issue[] = [];
  const text = (path: string) => {
    const t = texts.get(path);
    if (t === undefined) throw new LodestoneError("bad-input", { file: path, message: "source file missing", expected: "the file under data/sources/" });
    return t;
  };
  const minerals: Mineral[] = MINERALS.map((m) => ({
    id: m.id,
    name: m.name,
    chapter: m.chapter,
    lists: [],
    production: [],
    capacity: [],
    reserves: [],
    salient: [],
    importSources: [],
  }));
  const byChapter = new Map(minerals.map((m, i) => [MINERALS[i].chapter, m]));
  const byWorld25 = new Map(MINERALS.flatMap((e, i) => (e.world25 ?? []).map((w) => [w, minerals[i]] as const)));
  const byEu = new Map(MINERALS.flatMap((e, i) => (e.eu ?? []).map((w) => [w, minerals[i]] as const)));
  const names = new CountryNames();

  importMcs2026(text(MCS2026_FILE), byChapter, names, issues);
  mergeWorld25(importMcs2025World(text(MCS2025_WORLD_FILE), byWorld25, names, issues));
  MINERALS.forEach((e, i) => {
    if (e.salient25)
      importMcs2025Salient(e.salient25, text(salient25File(e.salient25)), text(salient25Meta(e.salient25)), minerals[i], issues, SALIENT25_YEARS);
  });
  const notCovered = importLists(text(LISTS_FILE), byChapter, byEu, issues);
  const byId = new Map(minerals.map((m) => [m.id, m]));
  for (const s of SPLITS) {
    const m = splitOut(byId, s);
    minerals.push(m);
    byId.set(m.id, m);
  }
  const wgi = importWgi(text(WGI_FILE), issues);
  importEuParams(text(EU_PARAMS_FILE), minerals, issues);
  if (issues.length) throw new LodestoneError("bad-input", issues);

  for (const m of minerals) sortFigures(m);
  return {
    schema: 1,
    sources: sourceFiles().map((s) => ({ ...s, sha256: sha256.get(s.path) ?? "" })),
    countries: buildCountries(names, wgi),
    minerals: minerals.sort((a, b) => a.id.localeCompare(b.id)),
    notCovered,
  };
}

/**
 * A mineral made of a chapter's rows that name one of its parts (catalog SPLITS): salient rows whose
 * detail names the part after the statistic ("Consumption, apparent: Palladium", "Exports - Palladium.
 * Includes …", "Price …: Terbium oxide"), and production, capacity, reserves and import-source tables
 * whose form is the part ("Terbium compounds and metals"). Each figure is a copy that keeps its source
 * cell. The list entries that name the part move to it from the chapter. A table USGS gives only for
 * the group (`inherit`) is copied from it with a note saying so and why. Employment, waste-and-scrap
 * trade and the chapter's reserves stay with the chapter only.
 */
function splitOut(byId: ReadonlyMap<string, Mineral>, s: SplitEntry): Mineral {
  // an earlier split (platinum) may be inherited from
  const chapter = byId.get(s.of)!;
  const detail = new RegExp(`(:|\\s-)[^:]*?\\b${s.match}\\b(?!-)`);
  const form = new RegExp(`^${s.match}( compounds and metals)?$`, "i");
  const copy = <T extends { source: object }>(f: T): T => ({ ...f, source: { ...f.source } });
  const names = new Set((s.listNames ?? [s.name]).map((n) => n.toLowerCase()));
  const m: Mineral = {
    id: s.id,
    name: s.name,
    chapter: chapter.chapter,
    basis: chapter.basis,
    lists: [],
    production: chapter.production.filter((f) => form.test(f.form)).map(copy),
    capacity: chapter.capacity.filter((f) => form.test(f.form)).map(copy),
    reserves: chapter.reserves.filter((f) => form.test(f.form)).map(copy),
    salient: chapter.salient.filter((f) => detail.test(f.detail)).map(copy),
    importSources: chapter.importSources.filter((f) => form.test(f.form)).map(copy),
  };
  // each list entry lives on one mineral: the ones naming the part move from the chapter (or its family) to it
  for (const x of byId.values()) {
    m.lists.push(...x.lists.filter((l) => names.has(l.name.toLowerCase())));
    x.lists = x.lists.filter((l) => !names.has(l.name.toLowerCase()));
  }
  for (const i of s.inherit ?? []) {
    const from = byId.get(i.from)!;
    const mark = <T extends { source: object; note?: string }>(f: T): T => ({
      ...copy(f),
      note: `${f.note ? `${f.note}; ` : ""}inherited from ${from.chapter} (${i.from}): ${i.why}`,
    });
    if (i.table === "production" && !m.production.length) m.production = from.production.map(mark);
    if (i.table === "importSources" && !m.importSources.length) m.importSources = from.importSources.map(mark);
    if (i.table === "net-import-reliance" && !m.salient.some((f) => f.measure === "net-import-reliance"))
      m.salient.push(...from.salient.filter((f) => f.measure === "net-import-reliance" && !/concentrate/i.test(f.detail)).map(mark));
  }
  return m;
}

/**
 * MCS 2025 figures fill what MCS 2026 lacks: a (stage, form, year) series that MCS 2026 publishes
 * is kept from MCS 2026 alone. MCS 2025 labels its forms differently ("Mine production, Palladium
 * content"), so each is aligned with the MCS 2026 form at the same stage whose product it names,
 * or with the only MCS 2026 form at that stage.
 */
function mergeWorld25(rows: World25Figure[]): void {
  for (const { figure, mineral, target, type } of rows) {
    const list = mineral[target];
    // the same stage under another name ("Plant production" in 2025, "Production" in 2026): when
    // MCS 2026 has one stage for this table and not this one, take its name
    const stages26 = new Set(list.filter((f) => f.source.file === MCS2026_FILE).map((f) => f.stage));
    if (stages26.size === 1 && !stages26.has(figure.stage)) figure.stage = [...stages26][0];
    const form = alignForm(list, figure, type);
    // fill whole series only: mixing one country's older estimate into a revised MCS 2026 table would distort shares
    const covered = list.some((f) => f.source.file === MCS2026_FILE && f.stage === figure.stage && f.form === form && f.year === figure.year);
    if (!covered) list.push({ ...figure, form });
  }
}

/** The MCS 2026 form an MCS 2025 TYPE ("Mine production, usable ore") belongs to, or its own. */
function alignForm(list: readonly CountryFigure[], figure: CountryFigure, type: string): string {
  const forms = [...new Set(list.filter((f) => f.stage === figure.stage && f.source.file === MCS2026_FILE).map((f) => f.form))];
  if (forms.length === 1) return forms[0];
  const t = type.toLowerCase();
  // match on the first five letters of the distinguishing part, which survives USGS typos ("ilmentite")
  const tail = (f: string) => (f.split(": ").pop() ?? f).toLowerCase().replace(/[’']/g, "");
  const named = forms.filter((f) => t.replace(/[’']/g, "").includes(tail(f).slice(0, 5)));
  if (named.length === 1) return named[0];
  // several match ("ilmenite" and "ilmenite and rutile"): the one the label spells out in full, else the most specific
  const whole = named.filter((f) => t.includes(tail(f)));
  if (whole.length) return whole.sort((a, b) => tail(b).length - tail(a).length)[0];
  if (named.length) return named.sort((a, b) => tail(a).length - tail(b).length)[0];
  return `${figure.form.split(":")[0]}: ${type}`;
}

const cmpSource = (a: Figure, b: Figure) =>
  a.source.file.localeCompare(b.source.file) || a.source.row - b.source.row || a.source.column.localeCompare(b.source.column);
const cmpCountry = (a: CountryFigure, b: CountryFigure) => a.stage.localeCompare(b.stage) || a.form.localeCompare(b.form) || a.year - b.year || cmpSource(a, b);

function sortFigures(m: Mineral): void {
  m.production.sort(cmpCountry);
  m.capacity.sort(cmpCountry);
  m.reserves.sort(cmpCountry);
  m.salient.sort((a, b) => a.year - b.year || cmpSource(a, b));
  m.importSources.sort(cmpSource);
  m.lists.sort((a, b) => a.list.localeCompare(b.list) || a.source.row - b.source.row);
}

function buildCountries(names: CountryNames, wgi: ReturnType<typeof importWgi>): Country[] {
  const codes = new Set<string>([...names.aliases.keys(), ...wgi.keys(), ...Object.keys(AGGREGATES)]);
  return [...codes].sort().map((code) => {
    const w = wgi.get(code);
    const aliases = [...(names.aliases.get(code) ?? [])].sort();
    const country: Country = { code, name: AGGREGATES[code] ?? aliases[0] ?? w?.name ?? code, aggregate: isAggregate(code), aliases };
    if (w) country.governance = w.scores;
    return country;
  });
}
