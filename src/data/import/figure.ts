import type { Issue } from "../../errors.js";
import type { Figure, SourceRef } from "../types.js";
import { isPercent, priceFactor, tonsFactor } from "../units.js";
import { parseValue } from "../values.js";

export type Kind = "quantity" | "price" | "percent" | "other";

/**
 * Build a Figure from one cell, or push an Issue naming file:line and column when the
 * text is not a known form. `estimated` marks USGS "Estimated." figures.
 */
export function makeFigure(
  raw: string,
  unit: string,
  year: number,
  kind: Kind,
  source: SourceRef,
  issues: Issue[],
  extra: { note?: string; estimated?: boolean; period?: string } = {},
): Figure | undefined {
  const parsed = parseValue(raw);
  if (!parsed) {
    issues.push({
      file: source.file,
      line: source.row,
      field: source.column,
      message: `unrecognised value ${JSON.stringify(raw)}`,
      expected: "a number, a range (10–20), a bound (>95, <100,000) or a USGS code (W, NA, XX, E, —, s)",
    });
    return undefined;
  }
  if (parsed.unit && parsed.value !== null) {
    // the text names its own unit: convert the value into the column's unit
    const from = tonsFactor(parsed.unit);
    const to = tonsFactor(unit);
    if (from === undefined || to === undefined) {
      issues.push({
        file: source.file,
        line: source.row,
        field: source.column,
        message: `cannot convert ${JSON.stringify(raw)} to ${unit}`,
        expected: "a mass unit",
      });
      return undefined;
    }
    parsed.value = (parsed.value * from) / to;
  }
  const fig: Figure = { value: parsed.value, unit: unit.trim(), year, status: parsed.status, raw, source };
  if (extra.period) fig.period = extra.period;
  if (extra.estimated) {
    // kept as its own flag so a bound ("<100,000") or range USGS estimates stays marked estimated
    fig.estimated = true;
    if (parsed.status === "reported") fig.status = "estimated";
  }
  if (parsed.bound) fig.bound = parsed.bound;
  if (parsed.range) fig.range = parsed.range;
  const factor = kind === "quantity" ? tonsFactor(unit) : kind === "price" ? priceFactor(unit) : undefined;
  if (factor !== undefined) {
    // divide for sub-ton units so that 15,700 kg is exactly 15.7 t (15700 × 0.001 is not)
    fig.normalized = parsed.value === null ? null : factor < 1 ? parsed.value / (1 / factor) : parsed.value * factor;
    fig.normalizedUnit = kind === "quantity" ? "t" : "USD/t";
  } else if (kind === "percent" && isPercent(unit)) {
    fig.normalized = parsed.value;
    fig.normalizedUnit = "%";
  }
  if (extra.note) fig.note = extra.note;
  return fig;
}

const STAGES: [RegExp, string][] = [
  [/\bmine\b/i, "mine"],
  [/refinery/i, "refinery"],
  [/smelter/i, "smelter"],
  [/\bprimary\b/i, "primary"],
  [/\bplant\b/i, "plant"],
  [/sponge/i, "sponge"],
];

/** The supply stage a USGS production/capacity label names ("Mine production", "Refinery capacity" …). */
export function stageOf(label: string): string {
  for (const [re, stage] of STAGES) if (re.test(label)) return stage;
  return "production";
}

/** Labels that only name the stage, so carry no product form of their own. */
const GENERIC = /^(mine|refinery|smelter|primary|plant)?\s*(production|capacity|reserves)$|^reserves$|^production capacity$|^yearend capacity$|^rounded$/i;

/**
 * Split a USGS Statistics_detail such as "Mine production: Bentonite, rounded" or
 * "Reserves: Cr2O3 content: rounded" into its head, its tail and whether it is a rounded total.
 */
export function splitDetail(detail: string): { head: string; tail: string; rounded: boolean } {
  const parts = detail.split(":").map((p) => p.trim());
  const head = parts.shift() ?? "";
  let tail = parts.join(": ");
  let rounded = false;
  const r = /(^|[,:]\s*)rounded$/i.exec(tail);
  if (r) {
    rounded = true;
    tail = tail.slice(0, r.index).trim();
  }
  return { head, tail: GENERIC.test(tail) ? "" : tail, rounded };
}

/**
 * The product form of a figure. `tail` is a form only when it names a published series (the
 * World total row carries the same tail, e.g. "Bentonite, rounded"); otherwise it qualifies one
 * country's figure ("processed", "exports") and the caller keeps it as a note.
 */
export function formOf(commodity: string, head: string, tail = ""): string {
  const c = commodity.trim();
  const parts = [GENERIC.test(head) ? "" : head, tail && tail.toLowerCase() !== c.toLowerCase() ? tail.toLowerCase() : ""].filter(Boolean);
  return parts.length ? `${c}: ${parts.join(", ")}` : c;
}
