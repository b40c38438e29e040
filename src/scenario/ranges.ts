import { z } from "zod";
import { SCENARIO_DEFAULTS } from "./defaults.js";

/**
 * The valid range of every number in the three input files (scenario, projects, basket), stated
 * once. The parsers check against it and docs/input-ranges.md is its table (a test keeps the two
 * equal). Bounds are in the dataset's units: tons (t) of the mineral in the USGS basis, months
 * counted from month 1 of a scenario, USD. Every bound carries its reason; numbers outside are
 * typos or the wrong unit, and a non-finite value (.nan, .inf, 1e309) is never a valid input.
 */
export interface NumberRange {
  lo: number;
  hi: number;
  /** the low bound itself is excluded (e.g. a project's capacity must be > 0) */
  loOpen?: boolean;
  /** whole numbers only (months in the projects file; scenario months are rounded after a draw) */
  integer?: boolean;
  /** e.g. "a share of supply withheld between 0 and 1": the "expected …" of an error */
  expected: string;
  /** why these bounds (the docs table's last column) */
  why: string;
}

/** The largest world production figure in the dataset: cement, 4.1e9 t in 2023 (USGS MCS2025 world data). */
const LARGEST_WORLD_T = "the largest world production figure in the dataset (cement, 4.1e9 t in 2023)";
const MAX_MONTH = SCENARIO_DEFAULTS.maxHorizon;

const month = (what: string): NumberRange => ({
  lo: 1,
  hi: MAX_MONTH,
  expected: `${what} between 1 and ${MAX_MONTH} (at most the scenario's horizon)`,
  why: `months from month 1; no scenario horizon exceeds ${MAX_MONTH} months, and a month after the horizon has no effect (an error)`,
});
const months = (what: string, why: string): NumberRange => ({ lo: 0, hi: MAX_MONTH, expected: `${what} between 0 and ${MAX_MONTH}`, why });
const share = (expected: string, why: string): NumberRange => ({ lo: 0, hi: 1, expected, why });

const TONS_PER_YEAR: NumberRange = {
  lo: 0,
  hi: 1e10,
  expected: "tons per year between 0 and 1e10",
  why: `1e10 t/yr is about 2.4 × ${LARGEST_WORLD_T}: no project or new supply can exceed it`,
};

/** Numbers of a scenario file, by field name (a number or a distribution; each draw stays inside). */
export const SCENARIO_RANGES = {
  horizon_months: {
    lo: 1,
    hi: MAX_MONTH,
    integer: true,
    expected: `a whole number of months between 1 and ${MAX_MONTH}`,
    why: `SCENARIO_DEFAULTS.maxHorizon: beyond 50 years the dataset's one-year snapshot means nothing (above it: too-large)`,
  },
  start_month: month("a start month"),
  online_month: month("an online month"),
  duration_months: {
    ...months("a duration in months", "0 is allowed only inside a distribution; a fixed 0 has no effect (an error); omitted: to the end of the horizon"),
    lo: 0,
  },
  ramp_months: months("a ramp in months", "linear ramp to full output; longer than the longest horizon is the same as never at full output"),
  severity: share("a share of supply withheld between 0 and 1", "a share of the restricted countries' exports"),
  factor: {
    lo: 0,
    hi: 100,
    expected: "a demand multiplier between 0 and 100 (1.3 = +30 %)",
    why: "a hundredfold demand is far beyond any mobilisation (the built-in defence scenario uses at most 3); larger is a typo, and products of surges stay finite",
  },
  tons_per_year: TONS_PER_YEAR,
  probability: share("a probability between 0 and 1", "a chance: a Monte Carlo run draws yes or no with it, the deterministic run scales the supply by it"),
  tons: { lo: 0, hi: 1e12, expected: "tons between 0 and 1e12", why: `1e12 t is over 200 years of ${LARGEST_WORLD_T}: any real stock is far below` },
  days: {
    lo: 0,
    hi: 36_525,
    expected: "days of import cover between 0 and 36525 (100 years)",
    why: `100 years is twice the longest horizon (${MAX_MONTH} months): more cover behaves the same`,
  },
  share: share("a share of use between 0 and 1", "a sector's share of US use; shares sum to at most 1"),
  priority: {
    lo: -1000,
    hi: 1000,
    expected: "a priority between -1000 and 1000 (lower is served first)",
    why: "only the order matters; the bound keeps it readable",
  },
} satisfies Record<string, NumberRange>;

/** Numbers of a projects file, by field name. */
export const PROJECT_RANGES = {
  tons_per_year: { ...TONS_PER_YEAR, loOpen: true, expected: "tons per year above 0 and at most 1e10" },
  online_month: {
    ...month("a whole online month"),
    integer: true,
    expected: `a whole month between 1 and ${MAX_MONTH}`,
    why: `months from month 1 of the scenarios; no horizon exceeds ${MAX_MONTH} months`,
  },
  ramp_months: {
    ...months("a whole number of ramp months", "linear ramp to full output; longer than the longest horizon is the same as never at full output"),
    integer: true,
  },
  probability: share("a probability between 0 and 1", "the chance the project delivers on schedule"),
  capex: {
    lo: 0,
    hi: 1e12,
    expected: "USD between 0 and 1e12",
    why: "US$ 1 trillion is more than any mining or refining project has cost (the largest are tens of billions) and more than any reserve budget; larger is a typo or the wrong unit",
  },
} satisfies Record<string, NumberRange>;

/** Numbers of a basket file, by field name (each maps mineral id → number). */
export const BASKET_RANGES = {
  market_share: share("a share of world production between 0 and 1", "a share of world production the reserve may buy"),
  value_multiplier: {
    lo: 0,
    hi: 1000,
    expected: "a multiplier between 0 and 1000",
    why: "w = price × multiplier: ×1000 already values a ton short at a thousand tons at market; larger only spoils the LP's scaling",
  },
} satisfies Record<string, NumberRange>;

/** Whether `v` lies in the range (NaN and ±Infinity never do). */
export function inRange(v: number, r: NumberRange): boolean {
  return Number.isFinite(v) && (r.loOpen ? v > r.lo : v >= r.lo) && v <= r.hi && (!r.integer || Number.isInteger(v));
}

/** What is wrong with `v` against the range ("1.5 is not a whole number", "-2 is out of range"), or undefined. */
export function rangeProblem(v: number, r: NumberRange): string | undefined {
  if (inRange(v, r)) return undefined;
  return r.integer && Number.isFinite(v) && !Number.isInteger(v) && v >= r.lo && v <= r.hi ? `${v} is not a whole number` : `${v} is out of range`;
}

/** A zod number checked against its range; the issue carries the range's `expected` text. */
export function rangedNumber(r: NumberRange) {
  return z.number().check((ctx) => {
    const problem = rangeProblem(ctx.value, r);
    if (problem) ctx.issues.push({ code: "custom", message: problem, input: ctx.value, params: { expected: r.expected } });
  });
}
