import type { RangeWord, VaryKey } from "../assumptions/vary.js";
import { VARY_MARKET } from "../assumptions/vary.js";
import { LodestoneError } from "../errors.js";
import { MARKET_DOMAIN } from "./parse.js";
import { type MarketKey, type MarketMark, type MarketSet, marketMarkOf, marketParamsOf } from "./types.js";

/*
 * `plan --vary elasticity=low,high`, `--vary antimony.elasticity=-0.13`: a market set with one
 * parameter changed, for every mineral or one. Pure: the CLI parses the flag (src/assumptions/vary.ts
 * names the keys), src/io rebuilds the plan input from the changed set.
 */

/** Every market flag names a MarketParams key (a compile-time check: assumptions/ cannot import this folder's types). */
export const VARY_MARKET_PARAMS: Readonly<Record<string, MarketKey>> = VARY_MARKET;

/** A market parameter's figure for a value word (low/high: the mark's range ends, central: its value) or a number. */
function markValue(mark: MarketMark | undefined, fallback: number, value: number | RangeWord): number {
  if (typeof value === "number") return value;
  if (value === "central" || !mark?.range) return mark?.value ?? fallback;
  return value === "low" ? mark.range[0] : mark.range[1];
}

/**
 * A number given for a market parameter, checked against the parameter's domain (an elasticity
 * below 0, a cap above 1, an essentiality ≥ 1, a haircut in [0, 1), …): a LodestoneError naming
 * `--vary <key>` and the valid values otherwise.
 */
export function checkMarketValue(key: VaryKey & { kind: "market" }, value: number, set: MarketSet): number {
  const d = MARKET_DOMAIN[key.param];
  if (Number.isFinite(value) && d.ok(value)) return value;
  const mark = key.mineral ? marketMarkOf(set, key.mineral, key.param) : set.marks[`default.${key.param}`];
  throw new LodestoneError("bad-input", {
    field: `--vary ${key.key}`,
    message: Number.isFinite(value) ? d.wrong(value) : `${value} is not a finite number`,
    expected: `${d.expected}; or low, central or high (${key.mineral ?? "the default"}: ${mark?.value}${mark?.range ? ` in [${mark.range[0]}, ${mark.range[1]}]` : ""}${key.mineral ? "" : ", each mineral its own range"})`,
  });
}

/** The figure a market key stands at in a set: the mineral's own (or the default it falls back to), or for a key on every mineral the default's. */
export function marketValueOf(set: MarketSet, key: VaryKey & { kind: "market" }): number {
  return key.mineral ? marketParamsOf(set, key.mineral)[key.param] : set.defaults[key.param];
}

const variedMark = (mark: MarketMark | undefined, v: number, fallback: number, how: string): MarketMark => {
  const range: [number, number] = mark?.range ? [Math.min(mark.range[0], v), Math.max(mark.range[1], v)] : [Math.min(fallback, v), Math.max(fallback, v)];
  const was = `${v} in place of ${mark?.value ?? fallback}`;
  return {
    ...(mark ?? { at: { file: "--vary", row: 0, column: "market" } }),
    value: v,
    range,
    judgement: `varied (${how}): ${was}${mark?.judgement ? `; ${mark.judgement}` : ""}`,
  };
};

/**
 * The market set with one parameter replaced: for one mineral (`antimony.elasticity=low`: its own
 * range end, or the default's where it has no value of its own), or for every mineral (`elasticity=low`:
 * the defaults and every mineral's own value, each at its own range end; a number: every mineral at
 * that number). The ranges widen to take the new figure and the marks say it was varied, so every
 * output that cites a parameter shows the varied figure. The given set is not changed.
 */
export function withMarketValue(set: MarketSet, key: VaryKey & { kind: "market" }, value: number | RangeWord): MarketSet {
  const how = `--vary ${key.key}=${value}`;
  const byMineral: Record<string, Partial<MarketSet["defaults"]>> = { ...set.byMineral };
  const marks: Record<string, MarketMark> = { ...set.marks };
  if (key.mineral) {
    const mark = marketMarkOf(set, key.mineral, key.param);
    const now = marketParamsOf(set, key.mineral)[key.param];
    const v = markValue(mark, now, value);
    byMineral[key.mineral] = { ...byMineral[key.mineral], [key.param]: v };
    marks[`${key.mineral}.${key.param}`] = variedMark(mark, v, now, how);
    return { ...set, byMineral, marks };
  }
  const dMark = set.marks[`default.${key.param}`];
  const dv = markValue(dMark, set.defaults[key.param], value);
  marks[`default.${key.param}`] = variedMark(dMark, dv, set.defaults[key.param], how);
  for (const [mineral, own] of Object.entries(set.byMineral)) {
    const now = own[key.param];
    if (now === undefined) continue;
    const mark = set.marks[`${mineral}.${key.param}`];
    const v = markValue(mark, now, value);
    byMineral[mineral] = { ...own, [key.param]: v };
    marks[`${mineral}.${key.param}`] = variedMark(mark, v, now, how);
  }
  return { ...set, defaults: { ...set.defaults, [key.param]: dv }, byMineral, marks };
}

/** For a key on every mineral and a range word: the minerals whose own figure differs from the default's (`antimony -0.33`), for the report's note. */
export function ownMarketValues(set: MarketSet, key: VaryKey & { kind: "market" }): { mineral: string; value: number }[] {
  if (key.mineral) return [];
  return Object.entries(set.byMineral)
    .filter(([, own]) => own[key.param] !== undefined && own[key.param] !== set.defaults[key.param])
    .map(([mineral, own]) => ({ mineral, value: own[key.param]! }))
    .sort((a, b) => a.mineral.localeCompare(b.mineral));
}
