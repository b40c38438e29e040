import { mineralIdFor } from "../data/names.js";
import { latestSalient, splitReason, stagesOf } from "../data/select.js";
import type { Dataset, Figure, ListId, Mineral, SourceRef } from "../data/types.js";
import { priceOnQuantityBasis } from "../data/units.js";
import { LodestoneError } from "../errors.js";
import { concentration } from "../risk/concentration.js";
import { exposureStage } from "../scenario/inputs.js";
import { type Column, type Format, type Row, render, textLines } from "./format.js";

export const LISTS: readonly ListId[] = ["usgs-2022", "usgs-2025", "eu-2023"];
export const CATALOGUE_SORTS = ["id", "name", "hhi", "share", "nir", "price"] as const;
export type CatalogueSort = (typeof CATALOGUE_SORTS)[number];

/** The stage a catalogue row leads with: the simulator's exposure stage (refinery, else mine, else the largest). */
export function leadStage(m: Mineral): string | undefined {
  return exposureStage(m).stage;
}

export interface StageSummary {
  stage: string;
  form: string;
  year: number;
  top?: { country: string; share: number; source?: SourceRef };
  /** HHI on 0–1, from the risk module's concentration (the same number `lodestone risk --stage` shows) */
  hhi: number | null;
  /** why the HHI or the top share cannot be given, when it cannot */
  reason?: string;
  caveats: string[];
}

/** One stage of a mineral, summarised with the risk module's concentration measure. */
export function stageSummary(m: Mineral, stage: string): StageSummary {
  const c = concentration(m, stage).best;
  if (!c.ok) return { stage, form: c.form, year: c.year, hhi: null, reason: c.reason, caveats: [] };
  const top = c.inputs.find((i) => i.name === `production ${c.top1Id}`);
  return {
    stage: c.stage,
    form: c.form,
    year: c.year,
    top: { country: c.top1Id, share: c.top1, source: top?.source },
    hhi: c.value,
    caveats: c.caveats,
  };
}

export interface CatalogueEntry {
  id: string;
  name: string;
  lists: ListId[];
  stages: StageSummary[];
  lead?: StageSummary;
  nir?: Figure;
  price?: Figure & { detail: string };
  /**
   * the price per metric ton of what the mineral's quantities measure (`quantities`), the one the
   * simulator, the planner and the risk importance use: the published price divided by `factor` where
   * USGS quotes it per ton of a compound, an ore or an alloy (data/units.ts PRICE_BASIS), else as published
   */
  priceOnBasis?: { usdPerTon: number; quantities: string; published?: { usdPerTon: number; per: string; factor: number; why: string } };
  consumption?: Figure;
  /** why a figure is absent */
  missing: string[];
  dataYear: number | null;
}

export function catalogueEntry(m: Mineral): CatalogueEntry {
  const stages = stagesOf(m).map((st) => stageSummary(m, st));
  const leadName = leadStage(m);
  const lead = stages.find((s) => s.stage === leadName);
  const missing: string[] = [];
  const nir = latestSalient(m, "net-import-reliance");
  const price = latestSalient(m, "price");
  const cons = latestSalient(m, "consumption");
  if (!stages.length) missing.push("world production: no country has a numeric figure");
  for (const st of stages) if (st.reason) missing.push(`${st.stage} concentration: ${st.reason}`);
  // a split chapter (platinum-group metals) publishes these per metal: say where they are
  if (!nir.figure) missing.push(`net import reliance: ${splitReason(m.id, "net-import-reliance") ?? describeSkipped(nir.skipped)}`);
  if (!price.figure) missing.push(`price: ${splitReason(m.id, "price") ?? describeSkipped(price.skipped)}`);
  if (!cons.figure) missing.push(`apparent consumption: ${splitReason(m.id, "consumption") ?? describeSkipped(cons.skipped)}`);
  const p = price.figure;
  const q = p && typeof p.normalized === "number" ? priceOnQuantityBasis(m.id, p.detail, p.normalized) : undefined;
  const priceOnBasis =
    p && q
      ? {
          usdPerTon: q.value,
          quantities: q.basis?.basis ?? quantitiesOf(m),
          ...(q.basis ? { published: { usdPerTon: p.normalized as number, per: q.basis.priced, factor: q.basis.factor, why: q.basis.why } } : {}),
        }
      : undefined;
  const years = [lead?.year, nir.figure?.year, price.figure?.year].filter((y): y is number => typeof y === "number");
  return {
    id: m.id,
    name: m.name,
    lists: [...new Set(m.lists.map((l) => l.list))].sort(),
    stages,
    lead,
    nir: nir.figure,
    price: price.figure,
    ...(priceOnBasis ? { priceOnBasis } : {}),
    consumption: cons.figure,
    missing,
    dataYear: years.length ? Math.max(...years) : null,
  };
}

/** What the quantities measure as USGS states it ("(Data in metric tons, cobalt content, …)" → "cobalt content"), else the product as the chapter counts it. */
function quantitiesOf(m: Mineral): string {
  const x = /Data in [^,)]*,\s*(.+?)(?:,? unless|\)\s*(?:--|$))/i.exec(m.basis ?? "");
  return x ? x[1].trim() : "product (as the chapter's quantities)";
}

function describeSkipped(skipped: Figure[]): string {
  if (!skipped.length) return "not published";
  return skipped.map((f) => `${f.year} ${f.status}`).join(", ");
}

export interface CatalogueOptions {
  sort?: CatalogueSort;
  list?: ListId;
}

/** `lodestone minerals`: one entry per mineral, filtered by list and sorted. */
export function catalogue(d: Dataset, opts: CatalogueOptions = {}): CatalogueEntry[] {
  if (opts.list && !LISTS.includes(opts.list)) {
    throw new LodestoneError("bad-input", { field: "--list", message: `unknown list ${JSON.stringify(opts.list)}`, expected: LISTS.join(" | ") });
  }
  const entries = d.minerals.filter((m) => !opts.list || m.lists.some((l) => l.list === opts.list)).map(catalogueEntry);
  const key = opts.sort ?? "id";
  const num = (e: CatalogueEntry): number | null =>
    key === "hhi"
      ? (e.lead?.hhi ?? null)
      : key === "share"
        ? (e.lead?.top?.share ?? null)
        : key === "nir"
          ? nirValue(e.nir)
          : key === "price"
            ? (e.priceOnBasis?.usdPerTon ?? null)
            : null;
  return entries.sort((a, b) => {
    if (key === "id") return a.id.localeCompare(b.id);
    if (key === "name") return a.name.localeCompare(b.name);
    const x = num(a);
    const y = num(b);
    if (x === null && y === null) return a.id.localeCompare(b.id);
    if (x === null) return 1; // missing figures sort last, never as zero
    if (y === null) return -1;
    return y - x || a.id.localeCompare(b.id);
  });
}

const nirValue = (f?: Figure) => (f ? (f.status === "net-exporter" ? 0 : f.value) : null);

const pct = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 1000) / 10);

export const CATALOGUE_COLUMNS: Column[] = [
  { key: "id" },
  { key: "stage" },
  { key: "top", label: "top producer" },
  { key: "share", label: "share %" },
  { key: "producers", label: "top producer by stage" },
  { key: "hhi", label: "HHI" },
  { key: "nir", label: "US NIR %" },
  { key: "price", label: "price USD/t" },
  { key: "priceBasis", label: "price basis" },
  { key: "year", label: "data year", plain: true },
  { key: "lists" },
];

const usd = (v: number) => Math.round(v).toLocaleString("en-US");

/** "per t tungsten content: US$ 38,000/t of WO3 (…) ÷ 0.7930 (why)" where the price is converted; "per t <quantities>" otherwise; null without a price. */
export function priceBasisText(e: Pick<CatalogueEntry, "priceOnBasis">): string | null {
  const b = e.priceOnBasis;
  if (!b) return null;
  if (!b.published) return `per t ${b.quantities}`;
  return `per t ${b.quantities}: US$ ${usd(b.published.usdPerTon)}/t of ${b.published.per} ÷ ${b.published.factor.toFixed(4)} (${b.published.why})`;
}

/** Flat rows for table/CSV; a missing figure stays null (printed "—"), with the reason in JSON. */
export function catalogueRows(entries: readonly CatalogueEntry[]): Row[] {
  return entries.map((e) => ({
    id: e.id,
    stage: e.lead?.stage ?? null,
    top: e.lead?.top?.country ?? null,
    share: pct(e.lead?.top?.share),
    producers: e.stages.map((s) => `${s.stage} ${s.top ? `${s.top.country} ${pct(s.top.share)}%` : "—"}`).join("; ") || null,
    hhi: e.lead?.hhi === null || e.lead?.hhi === undefined ? null : Math.round(e.lead.hhi * 10000),
    nir: e.nir ? (e.nir.status === "net-exporter" ? "E" : `${e.nir.bound ?? ""}${e.nir.value}`) : null,
    price: e.priceOnBasis ? Math.round(e.priceOnBasis.usdPerTon) : null,
    priceBasis: priceBasisText(e),
    year: e.dataYear,
    lists: e.lists.join(" "),
  }));
}

/**
 * Look a mineral up by any name an analyst types (src/data/names.ts): an id, a chapter or list name, or a
 * part of a chapter (dysprosium gives the rare-earths mineral). A name with no USGS chapter (uranium) and
 * an unknown name are not-found; the unknown one comes with the closest known names.
 */
export function findMineral(d: Dataset, name: string): Mineral {
  const { id } = mineralIdFor(d, name);
  return d.minerals.find((x) => x.id === id)!;
}

/**
 * The text table keeps to WIDTH columns: the producers of every stage (only for minerals with more
 * than one stage; the lead stage has its own columns) and the lists go below it, numbered, the
 * same text under the same number. CSV and JSON keep every column in full.
 */
const TABLE_COLUMNS: Column[] = CATALOGUE_COLUMNS.map((c) =>
  c.key === "top"
    ? { ...c, label: "top" }
    : c.key === "producers"
      ? { ...c, label: "stages", note: true }
      : c.key === "lists" || c.key === "priceBasis"
        ? { ...c, ...(c.key === "priceBasis" ? { label: "basis" } : {}), note: true }
        : c.key === "year"
          ? { ...c, label: "year" }
          : { ...c },
);

/** `lodestone minerals`: the table, the CSV (every column) or the JSON (the entries). */
export function catalogueReport(entries: readonly CatalogueEntry[], format: Format): { text: string } {
  if (format !== "table") return { text: render(format, catalogueRows(entries), CATALOGUE_COLUMNS, entries) };
  // the table notes only a converted price's basis; an unconverted one is per ton of what the mineral's quantities measure (the line below)
  const rows = catalogueRows(entries).map((r, i) => ({
    ...r,
    producers: entries[i].stages.length > 1 ? r.producers : null,
    priceBasis: entries[i].priceOnBasis?.published ? r.priceBasis : null,
  }));
  return {
    text:
      render("table", rows, TABLE_COLUMNS) +
      textLines([
        "top: top producer at the lead stage; share %: its share; stages: the top producer of every stage; US NIR %: net import reliance (E: net exporter); lists: the critical-mineral lists naming the mineral",
        "price USD/t: the latest price per metric ton of what the mineral's quantities measure (contained metal, oxide or product, as USGS states the chapter's data), the price simulate, plan and risk use; basis: where USGS quotes it per ton of a compound, an ore or an alloy (WO3, V2O5, Li2CO3, ferroniobium, …), the published price and the factor that converts it",
      ]),
  };
}
