import type { FigureStatus } from "./types.js";

export interface ParsedValue {
  value: number | null;
  status: FigureStatus;
  bound?: ">" | "<";
  range?: [number, number];
  /** the unit the text itself names, when it overrides the column's ("Less than 50,000 tons") */
  unit?: string;
}

/** Clean a cell or name: NBSP → space, trim, collapse inner runs of spaces. */
export function cleanText(s: string): string {
  return s
    .replace(/\u00a0/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const QUALITATIVE = /^(large|small|moderate|very small|moderate to large|variable\b.*)$/i;

/**
 * Parse a published number cell (USGS conventions, see data/sources/PROVENANCE.md §2a, §1b).
 * Never turns a code into zero: W, NA, XX, E, s and words keep value null with their status.
 * Returns undefined when the text is not any known form (the caller reports it).
 */
export function parseValue(raw: string): ParsedValue | undefined {
  // NBSP, thousands separators, Unicode minus, footnote "?1" prefix marks
  const s = cleanText(raw).replace(/\u2212/g, "-");
  if (s === "") return { value: null, status: "not-available" };
  if (s === "—" || s === "–" || s === "-") return { value: 0, status: "zero" };
  const up = s.toUpperCase();
  if (up === "W") return { value: null, status: "withheld" };
  if (up === "NA") return { value: null, status: "not-available" };
  if (up === "XX") return { value: null, status: "not-applicable" };
  if (up === "E") return { value: null, status: "net-exporter" };
  if (s === "s") return { value: null, status: "suppressed" };
  if (QUALITATIVE.test(s)) return { value: null, status: "qualitative" };
  if (/^\?\d+$/.test(s)) return { value: null, status: "not-available" }; // "?1": a dangling footnote mark
  // "Less than ½ unit." (MCS 2025 salient footnote text used as a value)
  if (/^less than (1\/2|½) unit\.?$/i.test(s)) return { value: 0.5, status: "bound", bound: "<" };
  const lessTons = /^less than ([\d,.]+) (metric )?tons\.?$/i.exec(s);
  if (lessTons) {
    const n = parseNumber(lessTons[1]);
    return n === undefined ? undefined : { value: n, status: "bound", bound: "<", unit: "metric tons" };
  }
  const bound = /^([<>])\s*(.+)$/.exec(s);
  if (bound) {
    const n = parseNumber(bound[2]);
    if (n === undefined) return undefined;
    return { value: n, status: "bound", bound: bound[1] as ">" | "<" };
  }
  const range = /^([\d,.]+)\s*[-–]\s*([\d,.]+)$/.exec(s);
  if (range) {
    const lo = parseNumber(range[1]);
    const hi = parseNumber(range[2]);
    if (lo === undefined || hi === undefined) return undefined;
    return { value: (lo + hi) / 2, status: "range", range: [lo, hi] };
  }
  const n = parseNumber(s);
  if (n === undefined) return undefined;
  return { value: n, status: "reported" };
}

/** "230,000" → 230000, "15.7" → 15.7, "2.94E-2" → 0.0294; anything else → undefined. */
export function parseNumber(s: string): number | undefined {
  const t = s.replace(/,/g, "").trim();
  if (!/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return undefined;
  return Number(t);
}
