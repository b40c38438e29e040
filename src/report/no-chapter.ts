import { type AssumptionQuantity, type AssumptionSet, type Citation, citeOf, type Quantity } from "../assumptions/types.js";
import { type NoChapterName, resolveName } from "../data/names.js";
import type { Dataset } from "../data/types.js";
import { type Column, type Format, toCsv, toTable, wrapText } from "./format.js";

/** One figure an assumptions file gives for a name that is no mineral of the dataset (uranium), as the file states it. */
export interface HeldFigure {
  quantity: AssumptionQuantity;
  value: number;
  unit: string;
  year: number;
  range: [number, number];
  basis?: string;
  method: string;
  source?: Citation;
  judgement?: string;
  rangeBasis?: string;
  /** the source in short: "Title (Publisher, date) URL" or "judgement: why" */
  cite: string;
  /** the assumptions file and the entry's line, "assumptions/public-estimates.yaml:29" */
  at: string;
}

/**
 * `lodestone mineral uranium`: what is known about a list name with no USGS chapter. USGS publishes
 * nothing on it (`usgs`); an assumptions file may give figures for it (`assumed`, held: applied to no
 * mineral) or document them as missing (`missing`); `notModelled` says why it is still not scored,
 * simulated or planned. The resolution's own fields (kind, name, head, lists, note) stay at the top.
 */
export interface NoChapterProfile extends NoChapterName {
  usgs: string;
  /** the assumptions file read (null: none loaded) */
  assumptionsFile: string | null;
  assumed: HeldFigure[];
  missing: { quantity: Quantity; reason: string; lookedIn: string[]; at: string }[];
  notModelled: string;
}

const QUANTITY_WORDS: Record<AssumptionQuantity, string> = {
  consumption: "US consumption",
  price: "price",
  net_import_reliance: "US net import reliance",
  world_production: "world production",
};

/** The profile of a no-chapter name: the entries of `set` (held or documented missing) that name it or a name it is the same as. */
export function noChapterProfile(d: Dataset, r: NoChapterName, set: AssumptionSet | undefined): NoChapterProfile {
  // "coking coal" in the file and "metallurgical coal" asked are one thing: compare the names they stand for
  const same = (name: string) => {
    const x = resolveName(d, name);
    return x?.kind === "no-chapter" && x.head === r.head;
  };
  const assumed: HeldFigure[] = (set?.held ?? [])
    .filter((h) => same(h.mineral))
    .map((h) => ({
      quantity: h.quantity,
      value: h.value,
      unit: h.unit,
      year: h.year,
      range: h.range,
      ...(h.basis ? { basis: h.basis } : {}),
      method: h.method,
      ...(h.source ? { source: h.source } : {}),
      ...(h.judgement ? { judgement: h.judgement } : {}),
      ...(h.rangeBasis ? { rangeBasis: h.rangeBasis } : {}),
      cite: citeOf(h),
      at: `${h.at.file}:${h.at.row}`,
    }));
  const missing = (set?.missing ?? [])
    .filter((x) => same(x.mineral))
    .map((x) => ({ quantity: x.quantity, reason: x.reason, lookedIn: x.lookedIn, at: `${x.at.file}:${x.at.row}` }));
  return {
    ...r,
    usgs: `USGS publishes no data for ${r.name}: no Mineral Commodity Summaries chapter, and no production, trade, consumption or price figure in the vendored MCS 2025 and MCS 2026 files.`,
    assumptionsFile: set?.file ?? null,
    assumed,
    missing,
    notModelled:
      `${r.name} is not scored, simulated or planned: a supply-risk score and a disruption both act on world production or US import shares by country, ` +
      `and no vendored source gives either for ${r.name}` +
      (assumed.length ? `, so the assumed figures above are held (lodestone assumptions gaps lists them) and applied to no mineral.` : "."),
  };
}

const FIGURE_COLS: Column[] = [
  { key: "quantity" },
  { key: "value", align: "right" },
  { key: "unit" },
  { key: "year", plain: true },
  { key: "low", align: "right" },
  { key: "high", align: "right" },
  { key: "basis", note: 30 },
  { key: "method", label: "method", note: true },
  { key: "at", label: "file:line" },
];

const figureRows = (p: NoChapterProfile) =>
  p.assumed.map((a) => ({
    quantity: QUANTITY_WORDS[a.quantity],
    value: a.value,
    unit: a.unit,
    year: a.year,
    low: a.range[0],
    high: a.range[1],
    basis: a.basis ?? "",
    method: `${a.method} Source: ${a.cite}${a.rangeBasis ? `; range: ${a.rangeBasis}` : ""}`,
    at: a.at,
  }));

/** What the assumptions file says about the name, in one sentence, when it gives no figure. */
function assumptionsLine(p: NoChapterProfile): string {
  if (!p.assumptionsFile) return `No assumptions file is loaded, so nothing is known about ${p.name} beyond the lists that name it.`;
  if (p.assumed.length) return `What the assumptions file ${p.assumptionsFile} gives for ${p.name} (public sources other than USGS):`;
  return `The assumptions file ${p.assumptionsFile} gives no figure for ${p.name}: nothing is known about it here beyond the lists that name it.`;
}

const missingLines = (p: NoChapterProfile) =>
  p.missing.map((x) => `No figure for ${QUANTITY_WORDS[x.quantity]}: ${x.reason} (looked in: ${x.lookedIn.join("; ")}) [${x.at}]`);

/**
 * The no-chapter profile in the asked format: JSON as is; CSV one row per assumed figure, the notes as # lines;
 * text: the note (what USGS does not publish, why it is not modelled), then the assumed figures as a table,
 * what is documented missing, and, when figures are held, why they are applied to nothing.
 */
export function noChapterReport(p: NoChapterProfile, format: Format): { text: string } {
  if (format === "json") return { text: `${JSON.stringify(p, null, 2)}\n` };
  const lines = [...missingLines(p), ...(p.assumed.length ? [p.notModelled] : [])];
  if (format === "csv") return { text: [p.note, assumptionsLine(p), ...lines].map((n) => `# ${n}\r\n`).join("") + toCsv(figureRows(p), FIGURE_COLS) };
  const head = wrapText(`${p.name}: no USGS chapter\n${p.note}\n${assumptionsLine(p)}`);
  const table = p.assumed.length ? `\n${toTable(figureRows(p), FIGURE_COLS)}` : "\n";
  return { text: `${head}${table}${lines.length ? `${wrapText(lines.join("\n"))}\n` : ""}` };
}
