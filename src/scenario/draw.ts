import { LodestoneError } from "../errors.js";
import type { CompiledScenario } from "./compile.js";
import { paramValue } from "./params.js";
import { RunRng } from "./rng.js";

/**
 * The values of every scenario param for one run, indexed like `CompiledScenario.params`.
 * `run` is -1 for the deterministic run (modes, midpoints, means; probabilities as factors).
 */
export interface Draw {
  run: number;
  seed?: number;
  values: Float64Array;
}

export function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new LodestoneError("invalid", { field: "seed", message: `${seed} is not a valid seed`, expected: "an integer between 0 and 4294967295" });
  return seed;
}

export function deterministicDraw(c: CompiledScenario): Draw {
  const values = new Float64Array(c.params.length);
  for (let i = 0; i < values.length; i++) values[i] = paramValue(c.params[i]);
  return { run: -1, values };
}

/** Write run `run`'s values into `out` (no allocation besides what the caller passes in). */
export function drawInto(c: CompiledScenario, seed: number, run: number, rng: RunRng, out: Float64Array, offset = 0): void {
  rng.reset(seed, run);
  const ps = c.params;
  for (let i = 0; i < ps.length; i++) out[offset + i] = paramValue(ps[i], rng);
}

/** The Monte Carlo draw of run `run` under `seed`: the same whoever computes it. */
export function drawScenario(c: CompiledScenario, seed: number, run: number): Draw {
  checkSeed(seed);
  const values = new Float64Array(c.params.length);
  drawInto(c, seed, run, new RunRng(), values);
  return { run, seed, values };
}

/** Draws of runs 0..runs-1 in one block (run-major, params.length per run). */
export function drawBlock(c: CompiledScenario, seed: number, runs: number): Float64Array {
  const P = c.params.length;
  const out = new Float64Array(runs * P);
  const rng = new RunRng();
  for (let r = 0; r < runs; r++) drawInto(c, seed, r, rng, out, r * P);
  return out;
}
