import { closest, type Issue, LodestoneError } from "../errors.js";
import { ALIASES, PARTS, type Part, SAME_AS, SPLITS } from "./catalog.js";
import type { Dataset, Figure, ListId, Mineral } from "./types.js";

/**
 * Every name an analyst types, resolved against the dataset: a mineral id, a mineral or chapter name,
 * every name on the USGS 2022, USGS 2025 and EU 2023 lists (through the dataset's `lists`, which the
 * importer filled from data/sources/lists/critical_minerals_lists.csv), and a few common aliases.
 * Case, spaces, hyphens and underscores do not matter ("Light-rare-earth elements" = "light rare earth elements").
 *
 * A name resolves to one of three things:
 * - `mineral`: a mineral of the dataset (its id, its name, or a list's word for the same chapter: "Baryte");
 * - `part`: one element or product inside a USGS chapter (dysprosium in "Rare earths", palladium in
 *   "Platinum-group metals"); `note` says which part it is, which figures USGS reports for it on its own
 *   (found in the chapter's rows, see `reportedFor`) and which only for the whole chapter;
 * - `no-chapter`: a list name USGS has no chapter and no data for (uranium, metallurgical coal, coking coal);
 *   `head` is the name it stands for (coking coal → metallurgical coal).
 * The parts and aliases are tables in catalog.ts (PARTS, ALIASES, SAME_AS).
 */
export type NameResolution =
  | { kind: "mineral"; id: string }
  | { kind: "part"; id: string; part: string; lists: ListId[]; note: string; reported: PartFigures[] }
  | { kind: "no-chapter"; name: string; head: string; lists: ListId[]; note: string };

export type PartName = Extract<NameResolution, { kind: "part" }>;
export type NoChapterName = Extract<NameResolution, { kind: "no-chapter" }>;

/**
 * The figures USGS gives for a part: rows of mineral `id` whose detail (or form) names it, by measure.
 * Only what is published counts as reported: a row withheld (W) or not available (NA) every year has
 * no `years`, and a row that covers the part with another product ("ferrosilicon and silicon metal")
 * carries `shared`, so it is not claimed as the part's own.
 */
export interface PartFigures {
  id: string;
  measure: string;
  /** first and last year with a published figure; absent when no year of the row is published */
  years?: [number, number];
  /** years whose figure is not published (withheld, not available, suppressed) */
  unpublished?: number[];
  /** the words that make the row the part together with other products, e.g. "ferrosilicon and silicon metal" */
  shared?: string;
}

/** The lookup key of a name: NFKC, lower case, runs of spaces, hyphens, dashes and underscores as one space. */
export function nameKey(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\-_\u2010-\u2015]+/g, " ")
    .trim();
}

interface NameIndex {
  /** key → resolution; null where two minerals claim the same key at the same priority (ambiguous) */
  byKey: Map<string, NameResolution | null>;
  /** what to suggest for a mistyped name: ids, then every other name the index knows */
  suggestions: string[];
}

const indexes = new WeakMap<Dataset, NameIndex>();

function nameIndex(d: Dataset): NameIndex {
  let index = indexes.get(d);
  if (!index) {
    index = buildIndex(d);
    indexes.set(d, index);
  }
  return index;
}

function buildIndex(d: Dataset): NameIndex {
  const byKey = new Map<string, NameResolution | null>();
  const priority = new Map<string, number>();
  const sameTarget = (a: NameResolution, b: NameResolution) => JSON.stringify(a) === JSON.stringify(b);
  // a lower priority number wins; two different targets at the same priority make the key ambiguous
  const add = (name: string, r: NameResolution, p: number) => {
    const key = nameKey(name);
    if (!key) return;
    const had = priority.get(key);
    if (had === undefined || p < had) {
      byKey.set(key, r);
      priority.set(key, p);
    } else if (had === p) {
      const prev = byKey.get(key);
      if (prev && !sameTarget(prev, r)) byKey.set(key, null);
    }
  };
  const byId = new Map(d.minerals.map((m) => [m.id, m]));
  // a mineral split out of a chapter (palladium) shares the chapter's name with it; the chapter's name is the chapter mineral's
  const split = new Set(SPLITS.map((s) => s.id));
  for (const m of d.minerals) for (const n of split.has(m.id) ? [m.id, m.name] : [m.id, m.name, m.chapter]) add(n, { kind: "mineral", id: m.id }, 0);
  for (const m of d.minerals) add(m.name.replace(/\s*\([^)]*\)\s*/g, " "), { kind: "mineral", id: m.id }, 1);
  const parts = new Map(PARTS.filter((p) => byId.has(p.of)).map((p) => [nameKey(p.name), p]));
  for (const m of d.minerals)
    for (const l of m.lists) {
      const part = parts.get(nameKey(l.name));
      add(l.name, part ? partOf(d, byId.get(part.of)!, part) : { kind: "mineral", id: m.id }, 2);
    }
  for (const p of parts.values()) add(p.name, partOf(d, byId.get(p.of)!, p), 2);
  for (const r of noChapter(d)) add(r.name, r, 2);
  for (const [alias, target] of ALIASES) {
    const r = byKey.get(nameKey(target));
    if (r) add(alias, r, 3);
  }
  const ids = d.minerals.map((m) => m.id);
  const idKeys = new Set(ids.map(nameKey));
  const others = [...byKey.keys()].filter((k) => !idKeys.has(k) && byKey.get(k));
  return { byKey, suggestions: [...ids, ...others] };
}

/** Lists a name is on, from the dataset's list entries (a part or a mineral's own name). */
function listsNaming(d: Dataset, key: string): ListId[] {
  const out = new Set<ListId>();
  for (const m of d.minerals) for (const l of m.lists) if (nameKey(l.name) === key) out.add(l.list);
  return [...out].sort();
}

/** A part's name in a sentence: "Dysprosium" → "dysprosium", "NdPr" stays. */
const inSentence = (name: string) => (/^[A-Z][a-z]+(\s|$)/.test(name) ? name[0].toLowerCase() + name.slice(1) : name);

function partOf(d: Dataset, m: Mineral, p: Part): PartName {
  const part = inSentence(p.name);
  const reported = reportedFor(d, m, p.match ?? [p.name]);
  const lists = listsNaming(d, nameKey(p.name));
  const chapter = `"${m.name}" (${m.id})`;
  const head = `${part} is ${p.is.includes("{chapter}") ? p.is.replace("{chapter}", chapter) : `${p.is} in the USGS ${chapter} chapter`}${lists.length ? `; it is on the ${lists.join(", ")} list${lists.length > 1 ? "s" : ""}` : ""}.`;
  return { kind: "part", id: m.id, part, lists, note: `${head} ${splitNote(part, m, reported, p.group)}`, reported };
}

const MEASURES: Record<string, string> = { "net-import-reliance": "net import reliance", production: "US production", other: "other statistics" };
const measureLabel = (measure: string) => MEASURES[measure] ?? measure;
/** "world mine production", "world sponge capacity"; a stage named "production" is not said twice */
const worldLabel = (kind: "production" | "capacity" | "reserves", stage: string) =>
  kind === "reserves" ? "world reserves" : `world ${stage === "production" ? "" : `${stage} `}${kind}`;

/** A figure USGS did not publish: withheld (W), not available (NA), not applicable (XX) or suppressed. */
const unpublishedStatus = new Set(["withheld", "not-available", "not-applicable", "suppressed"]);

/** The years a figure covers: its period ("2021–24" → 2021…2024) or its year. */
function periodYears(f: Figure): number[] {
  const p = /^(\d{4})\s*[–-]\s*(\d{2}|\d{4})$/.exec(f.period ?? "");
  if (!p) return [f.year];
  const from = Number(p[1]);
  const to = p[2].length === 2 ? Math.floor(from / 100) * 100 + Number(p[2]) : Number(p[2]);
  return to >= from && to - from < 20 ? Array.from({ length: to - from + 1 }, (_, i) => from + i) : [f.year];
}

/** The tables of a split mineral that are copies of its chapter's (catalog SPLITS `inherit`): not the part's own figures. */
function inheritedTables(id: string): Set<string> {
  return new Set((SPLITS.find((s) => s.id === id)?.inherit ?? []).map((i) => i.table));
}

/**
 * The rows of the chapter (and of its sub-chapters, such as "RARE EARTHS (Heavy)" under "RARE EARTHS",
 * and of the minerals split out of them) whose detail or product form names the part, grouped by
 * mineral, measure and whether the row is shared with other products, with the years published and
 * not. A sub-chapter's rows are matched with the chapter title in front, so "heavy" finds every row of
 * "RARE EARTHS (Heavy)". A split mineral's inherited tables (dysprosium's world production is all rare
 * earths, standing in) are not its own figures and are skipped.
 */
export function reportedFor(d: Dataset, m: Mineral, words: readonly string[]): PartFigures[] {
  const alt = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  const re = new RegExp(`\\b(${alt})\\b`, "i");
  // "ferrosilicon and silicon metal", "silicon metal and ferrosilicon": the part named with another product in one phrase
  const sharedRe = new RegExp(`[\\w-]+\\s+and\\s+(?:[\\w-]+\\s+)?\\b(?:${alt})\\b|\\b(?:${alt})\\b\\s+and\\s+[\\w-]+`, "i");
  const family = d.minerals.filter((x) => x.id === m.id || x.chapter.startsWith(`${m.chapter} (`));
  const found = new Map<string, { id: string; measure: string; shared?: string; pub: Set<number>; unpub: Set<number> }>();
  const note = (id: string, measure: string, text: string, f: Figure) => {
    // the sentence that names the part decides whether the row is the part alone or shared
    const sentence = text.split(/\.\s+/).find((x) => re.test(x)) ?? text;
    const shared = sharedRe.exec(sentence)?.[0];
    const k = `${id}\u0000${measure}\u0000${shared?.toLowerCase() ?? ""}`;
    const g = found.get(k) ?? { id, measure, ...(shared ? { shared: shared.toLowerCase() } : {}), pub: new Set<number>(), unpub: new Set<number>() };
    (unpublishedStatus.has(f.status) ? g.unpub : g.pub).add(f.year);
    found.set(k, g);
  };
  for (const x of family) {
    const prefix = x.id === m.id ? "" : `${x.chapter}: `;
    const inherited = inheritedTables(x.id);
    for (const f of x.salient) {
      if (f.measure === "net-import-reliance" && inherited.has("net-import-reliance")) continue;
      if (re.test(prefix + f.detail)) note(x.id, measureLabel(f.measure), prefix + f.detail, f);
    }
    for (const kind of ["production", "capacity", "reserves"] as const) {
      if (inherited.has(kind)) continue;
      for (const f of x[kind]) if (re.test(prefix + f.form)) note(x.id, worldLabel(kind, f.stage), prefix + f.form, f);
    }
    // an import-source table covers a period ("2021–24"): every year of it
    if (!inherited.has("importSources"))
      for (const f of x.importSources)
        if (re.test(prefix + f.form)) for (const year of periodYears(f)) note(x.id, "US import sources", prefix + f.form, { ...f, year });
  }
  const out: PartFigures[] = [...found.values()].map((g) => {
    // a year published in one row of the group counts as published
    const pub = [...g.pub].sort((a, b) => a - b);
    const unpub = [...g.unpub].filter((y) => !g.pub.has(y)).sort((a, b) => a - b);
    return {
      id: g.id,
      measure: g.measure,
      ...(pub.length ? { years: [pub[0], pub[pub.length - 1]] as [number, number] } : {}),
      ...(unpub.length ? { unpublished: unpub } : {}),
      ...(g.shared ? { shared: g.shared } : {}),
    };
  });
  return out.sort(
    (a, b) =>
      (a.id === m.id ? 0 : 1) - (b.id === m.id ? 0 : 1) ||
      a.id.localeCompare(b.id) ||
      a.measure.localeCompare(b.measure) ||
      (a.shared ?? "").localeCompare(b.shared ?? ""),
  );
}

const years = ([a, b]: [number, number]) => (a === b ? `${a}` : `${a}–${b}`);
const andList = (xs: string[]) => (xs.length < 2 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);
/** 2020, 2021, 2022, 2024 → "2020–2022, 2024" */
const yearRuns = (ys: readonly number[]) => {
  const runs: [number, number][] = [];
  for (const y of ys) {
    const last = runs[runs.length - 1];
    if (last && y === last[1] + 1) last[1] = y;
    else runs.push([y, y]);
  }
  return runs.map(years).join(", ");
};

/** "price 2021–2025 (in rare-earths-heavy)", "stocks 2021–2023, not published 2020, 2024–2025": what a row group really gives. */
function figuresText(r: PartFigures, chapter: string): string {
  const where = r.id === chapter ? "" : ` (in ${r.id})`;
  const unpub = r.unpublished?.length ? `withheld or not available ${yearRuns(r.unpublished)}` : "";
  if (!r.years) return `${r.measure}${where} (none published: ${unpub})`;
  return `${r.measure} ${years(r.years)}${where}${unpub ? ` (${unpub})` : ""}`;
}

/**
 * What USGS reports for the part on its own, what only with other products, and what only for the whole
 * chapter, all derived from the rows reportedFor found (published years only count as reported).
 */
function splitNote(part: string, m: Mineral, reported: readonly PartFigures[], group?: boolean): string {
  const chapterMeasures = new Set<string>(m.salient.map((f) => measureLabel(f.measure)));
  for (const kind of ["production", "capacity", "reserves"] as const) for (const f of m[kind]) chapterMeasures.add(worldLabel(kind, f.stage));
  const alone = reported.filter((r) => !r.shared && r.years);
  const own = new Set(alone.filter((r) => r.id === m.id).map((r) => r.measure));
  const whole = [...chapterMeasures].filter((x) => !own.has(x)).sort();
  const said = alone.map((r) => figuresText(r, m.id));
  const split = !said.length
    ? `USGS does not report ${part} separately.`
    : group
      ? `USGS reports the group or some of its members on their own only for: ${said.join(", ")}.`
      : `USGS reports ${part} on its own only for: ${said.join(", ")}.`;
  const withheld = reported.filter((r) => !r.shared && !r.years);
  const none = withheld.length ? ` Its own rows with no published figure: ${withheld.map((r) => figuresText(r, m.id)).join(", ")}.` : "";
  const shared = reported.filter((r) => r.shared);
  const combined = shared.length
    ? ` Rows that give ${part} only together with other products: ${shared.map((r) => `${figuresText(r, m.id)} as "${r.shared}"`).join(", ")}.`
    : "";
  const rest = whole.length ? ` The ${andList(whole)} figures are for the whole "${m.name}" chapter, not ${part} alone.` : "";
  return split + none + combined + rest;
}

/** The list names no USGS chapter covers (dataset.notCovered), names that are one thing (coking coal = metallurgical coal) merged. */
function noChapter(d: Dataset): NoChapterName[] {
  const groups = new Map<string, { names: Set<string>; lists: Set<ListId> }>();
  for (const n of d.notCovered) {
    const key = nameKey(n.name);
    const head = SAME_AS[key] ?? key;
    const g = groups.get(head) ?? { names: new Set(), lists: new Set() };
    g.names.add(key);
    g.lists.add(n.list);
    groups.set(head, g);
  }
  const out: NoChapterName[] = [];
  for (const [head, g] of groups) {
    const lists = [...g.lists].sort();
    const also = [...g.names].filter((n) => n !== head);
    for (const name of g.names) {
      const same = name === head ? (also.length ? ` (also named ${andList(also)})` : "") : ` (the same as ${head})`;
      // what USGS does not publish, and why that keeps it out of risk, simulate and plan; what an assumptions file
      // holds for it (uranium's consumption, price and reliance) is shown beside this note by the profile (noChapterProfile)
      const note =
        `${name}${same} is on the ${lists.join(", ")} list${lists.length > 1 ? "s" : ""}, but USGS has no Mineral Commodity Summaries chapter for it and collects no data on it` +
        ` (MCS 2026 Table 6): the vendored MCS 2025 and MCS 2026 files publish no production, trade, consumption or price figure for it.` +
        ` With no world production or US import sources by country, Lodestone cannot score its supply risk or simulate or plan for it, whatever figures an assumptions file gives.`;
      out.push({ kind: "no-chapter", name, head, lists, note });
    }
  }
  return out;
}

/** Resolve a typed name, or undefined when nothing matches (a plural "s" may be added or dropped). */
export function resolveName(d: Dataset, input: string): NameResolution | undefined {
  const { byKey } = nameIndex(d);
  const key = nameKey(input);
  for (const k of [key, key.replace(/s$/, ""), `${key}s`]) {
    const r = byKey.get(k);
    if (r) return r;
  }
  return undefined;
}

/** The closest known names to a mistyped one (ids and list names, compared as keys). */
export function nameSuggestions(d: Dataset, input: string, n = 3): string[] {
  const { suggestions } = nameIndex(d);
  const byKey = new Map<string, string>();
  for (const s of suggestions) if (!byKey.has(nameKey(s))) byKey.set(nameKey(s), s);
  return closest(nameKey(input), [...byKey.keys()], n).map((k) => byKey.get(k)!);
}

/** The issue for a name that resolves to nothing: not-found, with the closest known names. */
export function unknownNameIssue(d: Dataset, input: string, field = "mineral"): Issue {
  return {
    field,
    message: `unknown mineral ${JSON.stringify(input)}`,
    expected: "a mineral id or a name on the USGS 2022, USGS 2025 or EU 2023 list (lodestone minerals lists them)",
    suggestions: nameSuggestions(d, input),
  };
}

/** Resolve a name or throw not-found with suggestions. */
export function resolveNameOrThrow(d: Dataset, input: string, field = "mineral"): NameResolution {
  const r = resolveName(d, input);
  if (r) return r;
  throw new LodestoneError("not-found", unknownNameIssue(d, input, field));
}

/**
 * The mineral id a name stands for, for commands that compute on a mineral (risk, plan): a part gives its
 * chapter; a no-chapter name is not-found, with its note as the message (there is nothing to compute on).
 */
export function mineralIdFor(d: Dataset, input: string, field = "mineral"): { id: string; resolution: NameResolution } {
  const r = resolveNameOrThrow(d, input, field);
  if (r.kind === "no-chapter")
    throw new LodestoneError("not-found", {
      field,
      message: `${r.name} has no USGS chapter: USGS publishes no data on it in the vendored MCS 2025 and MCS 2026 files (it is on the ${r.lists.join(", ")} list${r.lists.length > 1 ? "s" : ""}; lodestone mineral ${JSON.stringify(input)} says more)`,
      expected: "a mineral with a USGS chapter (lodestone minerals lists them)",
    });
  return { id: r.id, resolution: r };
}

/**
 * A list of typed names (`--minerals palladium,gallium`) as mineral ids, in order. Every unknown or
 * no-chapter name is reported at once (not-found); two names for one mineral ("gallium,gallium",
 * "palladium,platinum") are bad-input. `notes` says which names stood for a whole chapter.
 */
export function mineralIdsFor(d: Dataset, names: readonly string[], field: string): { ids: string[]; notes: string[] } {
  const issues: Issue[] = [];
  const notes: string[] = [];
  const byId = new Map<string, string[]>();
  for (const name of names) {
    try {
      const { id, resolution } = mineralIdFor(d, name, field);
      if (resolution.kind === "part")
        notes.push(
          `${field} ${name}: ${resolution.part} is a part of ${id}; the whole chapter is used (lodestone mineral ${name} says what USGS reports for ${resolution.part} alone)`,
        );
      byId.set(id, [...(byId.get(id) ?? []), name]);
    } catch (e) {
      if (!(e instanceof LodestoneError)) throw e;
      issues.push(...e.issues);
    }
  }
  if (issues.length) throw new LodestoneError("not-found", issues);
  const twice = [...byId].filter(([, typed]) => typed.length > 1);
  if (twice.length)
    throw new LodestoneError("bad-input", {
      field,
      message: twice.map(([id, typed]) => (new Set(typed).size === 1 ? `${typed[0]} given twice` : `${typed.join(", ")} all name ${id}`)).join("; "),
      expected: "each mineral once",
    });
  return { ids: [...byId.keys()], notes };
}
