import { SCENARIO_DEFAULTS } from "./defaults.js";
import type { RunRng } from "./rng.js";

/** A number in a scenario file: a fixed value or a distribution. */
export type Dist =
  | { kind: "fixed"; value: number }
  | { kind: "triangular"; min: number; mode: number; max: number }
  | { kind: "uniform"; a: number; b: number }
  | { kind: "normal"; mean: number; sd: number };

/**
 * One uncertain input of a scenario. Every number in a scenario file becomes one ParamSpec, so a
 * draw is just a Float64Array indexed like `Scenario.params`.
 */
export interface ParamSpec {
  /** where it came from, e.g. "events[0].severity" */
  field: string;
  line?: number;
  dist: Dist;
  /** the field's valid range; normal draws are truncated to it */
  lo: number;
  hi: number;
  /** months: rounded to whole months after drawing */
  round: boolean;
  /** a `probability`: a Monte Carlo run draws yes (1) / no (0) with it; a deterministic run uses it as a factor */
  bernoulli: boolean;
}

/** The deterministic value: the fixed value, the mode, the midpoint, or the mean. */
export function centralValue(d: Dist): number {
  switch (d.kind) {
    case "fixed":
      return d.value;
    case "triangular":
      return d.mode;
    case "uniform":
      return (d.a + d.b) / 2;
    case "normal":
      return d.mean;
  }
}

/** Inverse-CDF draw from a triangular distribution. */
function triangular(min: number, mode: number, max: number, u: number): number {
  const w = max - min;
  if (w <= 0) return min;
  const fc = (mode - min) / w;
  return u < fc ? min + Math.sqrt(u * w * (mode - min)) : max - Math.sqrt((1 - u) * w * (max - mode));
}

/** Box–Muller standard normal (one of the pair; the other is discarded to keep draws stateless). */
function gauss(rng: RunRng): number {
  let u = rng.next();
  while (u <= 0) u = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** One draw of a distribution, inside [lo, hi] (normal: truncated by redrawing). */
export function sampleDist(d: Dist, lo: number, hi: number, rng: RunRng): number {
  switch (d.kind) {
    case "fixed":
      return d.value;
    case "triangular":
      return triangular(d.min, d.mode, d.max, rng.next());
    case "uniform":
      return d.a + (d.b - d.a) * rng.next();
    case "normal": {
      if (d.sd === 0) return d.mean;
      for (let i = 0; i < SCENARIO_DEFAULTS.normalMaxTries; i++) {
        const x = d.mean + d.sd * gauss(rng);
        if (x >= lo && x <= hi) return x;
      }
      return Math.min(hi, Math.max(lo, d.mean));
    }
  }
}

/** The value a run uses: central (deterministic) or drawn; months rounded; probabilities drawn yes/no. */
export function paramValue(p: ParamSpec, rng?: RunRng): number {
  let v = rng ? sampleDist(p.dist, p.lo, p.hi, rng) : centralValue(p.dist);
  if (p.bernoulli && rng) v = rng.next() < v ? 1 : 0;
  if (p.round) v = Math.round(v);
  return v;
}
