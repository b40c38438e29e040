/**
 * The central data model. Every figure carries its provenance: the source file
 * (path relative to data/sources/), the 1-based line number of its record in that
 * file (the header is line 1), and the column header it came from.
 */

export interface SourceRef {
  file: string;
  row: number;
  column: string;
}

/**
 * How a figure was published.
 * - reported / estimated: a number (estimated where USGS labels it so)
 * - zero: published as "—" (zero or none)
 * - withheld: "W", to avoid disclosing company proprietary data; value null
 * - not-available: "NA" or blank without a stated reason; value null
 * - not-applicable: "XX"
 * - net-exporter: "E" in a net-import-reliance column; value null
 * - bound: ">95", "<100,000": value is the bound, `bound` says which side
 * - range: "50–300": value is the midpoint, `range` holds the ends
 * - qualitative: "Large", "Small", …; value null
 * - suppressed: "s" (meaning not stated in the file); value null
 */
export type FigureStatus =
  | "reported"
  | "estimated"
  | "zero"
  | "withheld"
  | "not-available"
  | "not-applicable"
  | "net-exporter"
  | "bound"
  | "range"
  | "qualitative"
  | "suppressed";

export interface Figure {
  value: number | null;
  /** unit as published */
  unit: string;
  /** the value normalised to metric tons (mass quantities) or US$ per metric ton (prices); absent when not convertible */
  normalized?: number | null;
  normalizedUnit?: "t" | "USD/t" | "%";
  year: number;
  /** a period label when the figure covers several years, e.g. "2021–24" */
  period?: string;
  status: FigureStatus;
  /** USGS marks the figure estimated ("Estimated." in the Notes), whatever its status: a bound or a range can be an estimate too */
  estimated?: true;
  bound?: ">" | "<";
  range?: [number, number];
  /** the cell text exactly as published */
  raw: string;
  note?: string;
  source: SourceRef;
}

/** A production, capacity or reserve figure for one country (or aggregate) at one stage. */
export interface CountryFigure extends Figure {
  /** ISO 3166-1 alpha-3, or an aggregate id: "OTHER", "WORLD", or a group id such as "GRP-CHN-DEU-RUS" */
  country: string;
  /** the supply-chain stage as USGS reports it: mine, refinery, smelter, primary, plant, production, … */
  stage: string;
  /** the product form when a mineral has several series at one stage (platinum vs palladium, sheet vs scrap mica) */
  form: string;
}

export type SalientMeasure = "production" | "imports" | "exports" | "consumption" | "net-import-reliance" | "stocks" | "price" | "employment" | "other";

/** A US salient statistic (one row of the MCS "Salient Statistics—United States" table). */
export interface SalientFigure extends Figure {
  measure: SalientMeasure;
  /** the statistic as USGS words it, e.g. "Consumption, apparent" */
  detail: string;
}

export interface ImportShare extends Figure {
  country: string;
  /** the product form the shares refer to, e.g. "Metal" */
  form: string;
}

export type ListId = "usgs-2022" | "usgs-2025" | "eu-2023";

export interface ListEntry {
  list: ListId;
  /** the name as the list words it, e.g. "Neodymium" */
  name: string;
  note?: string;
  source: SourceRef;
}

export interface Mineral {
  id: string;
  name: string;
  /** the MCS 2026 chapter, e.g. "RARE EARTHS" */
  chapter: string;
  /** what USGS says the quantities measure, e.g. "(Data in metric tons, cobalt content, …)" */
  basis?: string;
  lists: ListEntry[];
  production: CountryFigure[];
  capacity: CountryFigure[];
  reserves: CountryFigure[];
  salient: SalientFigure[];
  importSources: ImportShare[];
  /** the EU 2023 criticality study's parameters for the material this mineral maps to (src/data/import/eu-params.ts) */
  eu2023?: EuParameters;
}

/** One row of data/sources/eu-crm-2023/eu2023_parameters.csv (PROVENANCE.md §7). */
export interface EuParameters {
  /** the EU's material name, e.g. "Natural graphite" */
  material: string;
  /** the stage whose SR the EU reports (Extraction | Processing) and the stages assessed (E, P, E+P) */
  assessedStage: string;
  stages: string;
  /** substitution index for supply risk, 0–1; null where the study gives none */
  siSr: number | null;
  /** end-of-life recycling input rate as a fraction 0–1 (the file has percent); null where none */
  eolRir: number | null;
  /** the cells as published */
  raw: { siSr: string; eolRir: string };
  source: SourceRef;
}

export interface GovernanceScores {
  /** WGI estimates (about −2.5 … +2.5, higher is better), 2023 */
  va: number | null;
  pv: number | null;
  ge: number | null;
  rq: number | null;
  rl: number | null;
  cc: number | null;
  /** plain mean of the six estimates (the compiled file's mean6_est); null unless all six exist */
  mean: number | null;
  year: number;
  source: SourceRef;
}

export interface Country {
  /** ISO 3166-1 alpha-3, or an aggregate id */
  code: string;
  name: string;
  aggregate: boolean;
  /** every spelling in the sources that maps to this code */
  aliases: string[];
  governance?: GovernanceScores;
}

export interface SourceFile {
  path: string;
  sha256: string;
  encoding: "utf-8" | "cp1252";
  publisher: string;
  title: string;
  licence: string;
}

/** A list entry no USGS chapter covers (metallurgical coal, uranium, coking coal). */
export interface NotCovered {
  list: ListId;
  name: string;
  reason: string;
}

export interface Dataset {
  schema: 1;
  sources: SourceFile[];
  countries: Country[];
  minerals: Mineral[];
  notCovered: NotCovered[];
}
