import type { Baseline } from "../data/baseline.js";

/**
 * Judgement-call parameters of scenarios and the simulator, in one frozen object. Each says its
 * default and why; nothing here is data.
 */
export const SCENARIO_DEFAULTS = Object.freeze({
  /** Longest horizon a scenario may ask for: 600 months (50 years). Beyond that the dataset's
   *  one-year snapshot means nothing, and the per-run buffers grow large → error `too-large`. */
  maxHorizon: 600,
  /** Largest scenario, projects or basket file read: 1,000,000 bytes (error too-large). Each is a
   *  page or two of YAML (the largest built-in file is under 10 kB), so a megabyte is a wrong file. */
  maxInputBytes: 1_000_000,
  /** YAML alias expansions allowed in an input file (the yaml package's maxAliasCount, counted as
   *  uses × nodes aliased): enough for a few shared lists, far below an alias bomb. */
  maxAliasCount: 100,
  /** Deepest nesting of lists and mappings in an input file: 32. The deepest any format needs is 5
   *  (events[0].severity.triangular[1]); the limit keeps every later walk off the stack limit. */
  maxNesting: 32,
  /** The reserve's own country: d0 is US consumption, so a restriction on US exports cuts nothing
   *  the simulator models (an error). */
  homeCountry: "USA",
  /** Most Monte Carlo runs: 100,000 (P10/P90 are stable to well under 1 % long before that). */
  maxRuns: 100_000,
  /** Most runs × months: 6·10^6, so one mineral's shortfall and stock columns stay under 100 MB. */
  maxRunMonths: 6_000_000,
  /** Days per month for "days of cover": 365.25 / 12, the average month of a 365.25-day year. */
  daysPerMonth: 30.4375,
  /** Exposure stage when an event names none: the first of these the mineral has: refinery, else
   *  mine (README "Scenarios and simulation"). */
  exposureStages: Object.freeze(["refinery", "mine"]),
  /** Sector priority when a scenario gives none: defence first, every other sector after it at one
   *  shared priority (so they are served pro rata). Lower is served first. */
  sectorPriority: Object.freeze({ defense: 0 } as Record<string, number>),
  otherSectorPriority: 1,
  /** A gap below this fraction of demand is rounding (d0·(1−r) + d0·r ≠ d0 in floating point),
   *  not a shortage: it is treated as 0. 1e-9 of demand is below any reported precision. */
  gapTolerance: 1e-9,
  /** Sector shares supplied by a scenario may sum to at most 1 + this (rounding in the file). */
  shareTolerance: 1e-6,
  /** Truncated normal: draws outside the field's range are redrawn up to this many times, then
   *  clamped (reached only when the range holds a tiny part of the distribution). */
  normalMaxTries: 64,
  /**
   * Baseline demand d0: the mean of the last 3 reported (not estimated) years of US apparent
   * consumption (mean:3; 2022–2024 for most minerals in MCS 2026), not the latest year. The latest
   * year is a preliminary estimate made before the year's trade data are complete, and it jumps where
   * trade did, not use: rare earths 27,000 t in 2025 against 7,900–10,200 t in 2021–24 (concentrate no
   * longer exported counts as consumed), antimony 45,000 t against 20,700–28,600 t (oxide imports 24,000 t
   * in 2024, 39,000 t in 2025e, stock building included). Apparent consumption also leaves out stock changes, so one year swings with
   * stocking (strontium, celestite: 106 t, 9,160 t, 2,060 t, 29 t in 2021–24); three years damp that and
   * stay recent. Where USGS estimates every year (arsenic, indium, yttrium, niobium), the 3 latest
   * estimates are used, marked e. `--baseline latest` gives the latest year (the old behaviour);
   * docs/data-note.md argues the choice per mineral.
   */
  baseline: Object.freeze({ kind: "mean", years: 3 }) as Baseline,
  /** Default Monte Carlo seed when none is given. */
  seed: 1,
  /** Show a progress bar when runs × minerals × months exceeds this (about half a second). */
  progressThreshold: 20_000_000,
});
