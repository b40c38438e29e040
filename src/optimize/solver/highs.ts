import type { Highs, ModelData } from "highs";
import type { LpModel } from "../model.js";
import { safeNames } from "../names.js";
import { statusFromHighs } from "../status.js";
import type { ModelFormat, SolveOutput, Solver } from "./types.js";

/**
 * The only file that imports `highs` (HiGHS compiled to WebAssembly). In Node the loader finds
 * highs.wasm beside its own module file, both under tsx and from dist/, so no locateFile is needed.
 * Loading is asynchronous and done once; solves are synchronous.
 */
let runtime: Promise<Highs> | undefined;

/**
 * The package is typed as CommonJS but Node loads its ES module, whose default export is the loader.
 * Imported on first use, so importing the core (every CLI command, every Monte Carlo worker) does not load it.
 */
const loadHighs = async (): Promise<Highs> => ((await import("highs")) as unknown as { default: () => Promise<Highs> }).default();

export async function loadHighsSolver(): Promise<Solver> {
  runtime ??= loadHighs();
  const highs: Highs = await runtime;
  return { name: "highs", solve: (model, options) => solveWith(highs, model, options), write: (model, format) => writeWith(highs, model, format) };
}

/** Tight tolerances: the fast path must match to 1e-6 relative, so MIPs are solved to a 1e-9 gap. */
const OPTIONS = { output_flag: false, mip_rel_gap: 1e-9, mip_abs_gap: 1e-6, primal_feasibility_tolerance: 1e-9, dual_feasibility_tolerance: 1e-9 };

/**
 * `fixed`: integer columns fixed at these values (the LP for duals). `named`: pass the model's
 * names, made LP-safe, for the writers; solves leave them out, so HiGHS works on its own labels.
 */
function toModelData(highs: Highs, m: LpModel, fixed?: Float64Array, named = false): ModelData {
  const inf = highs.infinity;
  const bound = (v: number) => (v === Infinity ? inf : v === -Infinity ? -inf : v);
  const lower = m.colLower.map((v, j) => (fixed && m.colInteger[j] ? Math.round(fixed[j]) : bound(v)));
  const upper = m.colUpper.map((v, j) => (fixed && m.colInteger[j] ? Math.round(fixed[j]) : bound(v)));
  const csc = m.toCsc();
  return {
    numCols: m.numCols,
    numRows: m.numRows,
    colCost: Float64Array.from(m.colCost),
    colLower: Float64Array.from(lower),
    colUpper: Float64Array.from(upper),
    rowLower: Float64Array.from(m.rowLower, bound),
    rowUpper: Float64Array.from(m.rowUpper, bound),
    matrix: { format: "csc", numRows: m.numRows, numCols: m.numCols, ...csc },
    ...(m.isMip && !fixed ? { integrality: Int32Array.from(m.colInteger, (b) => (b ? 1 : 0)) } : {}),
    ...(named ? { colNames: safeNames(m.colNames), rowNames: safeNames(m.rowNames), modelName: "lodestone-plan" } : {}),
  } as ModelData;
}

/** MPS bytes as text: every name is LP-safe ASCII, so one byte is one character. */
function ascii(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

/** HiGHS' own LP and MPS writers (Highs::writeModel), run on its private in-memory file system. */
function writeWith(highs: Highs, m: LpModel, format: ModelFormat): string {
  const model = highs.createModel(toModelData(highs, m, undefined, true));
  try {
    return format === "lp" ? model.exportModel("lp") : ascii(model.exportModel("mps"));
  } finally {
    model.dispose();
  }
}

function run(highs: Highs, data: ModelData, timeLimit?: number, presolve = true) {
  const model = highs.createModel(data);
  try {
    model.options.set({ ...OPTIONS, ...(timeLimit ? { time_limit: timeLimit } : {}), ...(presolve ? {} : { presolve: "off" }) });
    model.run();
    const code = model.getModelStatus();
    const ok = code === highs.constants.modelStatus.optimal;
    const sol = ok ? model.getSolution() : undefined;
    return { code, objective: ok ? model.getObjectiveValue() : NaN, x: sol?.colValue, rowDual: sol?.rowDual };
  } finally {
    model.dispose();
  }
}

const STATUS_WORDS: Record<number, string> = { 7: "Optimal", 8: "Infeasible", 9: "Primal infeasible or unbounded", 10: "Unbounded", 13: "Time limit reached" };

function solveWith(highs: Highs, m: LpModel, options: { timeLimit?: number; duals?: boolean; presolve?: boolean } = {}): SolveOutput {
  const t0 = performance.now();
  if (m.numCols === 0)
    return { status: "optimal", detail: "empty model", objective: 0, x: new Float64Array(), rowDual: new Float64Array(m.numRows), seconds: 0 };
  const first = run(highs, toModelData(highs, m), options.timeLimit, options.presolve);
  const status = statusFromHighs(first.code);
  let rowDual = first.rowDual ?? null;
  if (status === "optimal" && m.isMip && options.duals !== false && first.x) {
    // A MIP has no duals: re-solve the LP with the integer columns fixed at their optimum.
    const fixedLp = run(highs, toModelData(highs, m, first.x), options.timeLimit, options.presolve);
    rowDual = fixedLp.rowDual ?? null;
  } else if (m.isMip) rowDual = null;
  return {
    status,
    detail: STATUS_WORDS[first.code] ?? `HiGHS model status ${first.code}`,
    objective: first.objective,
    x: first.x ?? new Float64Array(m.numCols),
    rowDual,
    seconds: (performance.now() - t0) / 1000,
  };
}
