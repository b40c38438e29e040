import { lpSafe, type LpModel } from "../index.js";
import { writeFileAtomic } from "./atomic.js";

/**
 * Write the plan's model in CPLEX LP and MPS text with its readable names (`buy.lithium`,
 * `cover.rare_earths.s3.14`, `budget`), so an auditor can solve it with another solver (CBC,
 * GLPK, Gurobi, …) and read the answer. Hyphens in ids become underscores, since LP names may
 * not contain them; a name that would collide gets a `_2` suffix.
 */
export function safeNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    let s = lpSafe(n);
    if (used.has(s)) {
      let k = 2;
      while (used.has(`${s}_${k}`)) k++;
      s = `${s}_${k}`;
    }
    used.add(s);
    return s;
  });
}

const num = (v: number) => String(v);

function rowsOf(m: LpModel): { col: number; val: number }[][] {
  const rows: { col: number; val: number }[][] = Array.from({ length: m.numRows }, () => []);
  for (let k = 0; k < m.av.length; k++) rows[m.ai[k]].push({ col: m.aj[k], val: m.av[k] });
  return rows;
}

/** `+ 2 x - 3 y …`, eight terms a line (LP readers limit line length). */
function terms(list: { col: number; val: number }[], cols: string[]): string {
  const parts = list.map(({ col, val }) => `${val < 0 ? "-" : "+"} ${num(Math.abs(val))} ${cols[col]}`);
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 8) lines.push(parts.slice(i, i + 8).join(" "));
  return lines.join("\n   ");
}

export function toLp(m: LpModel, header: readonly string[] = []): string {
  const cols = safeNames(m.colNames);
  const rowNames = safeNames(m.rowNames);
  const out: string[] = header.map((h) => `\\ ${h}`);
  const objective = m.colCost.map((val, col) => ({ col, val })).filter((t) => t.val !== 0);
  out.push("Minimize", ` obj: ${objective.length ? terms(objective, cols) : `0 ${cols[0] ?? "x"}`}`, "Subject To");
  rowsOf(m).forEach((row, i) => {
    if (!row.length) return;
    const lo = m.rowLower[i];
    const hi = m.rowUpper[i];
    let sense: string;
    if (lo === hi) sense = `= ${num(hi)}`;
    else if (lo === -Infinity) sense = `<= ${num(hi)}`;
    else if (hi === Infinity) sense = `>= ${num(lo)}`;
    else throw new Error(`ranged row ${m.rowNames[i]} is not supported by the LP writer`);
    out.push(` ${rowNames[i]}: ${terms(row, cols)} ${sense}`);
  });
  out.push("Bounds");
  const binaries: string[] = [];
  const generals: string[] = [];
  m.colNames.forEach((_, j) => {
    const lo = m.colLower[j];
    const hi = m.colUpper[j];
    if (m.colInteger[j]) (lo === 0 && hi === 1 ? binaries : generals).push(cols[j]);
    if (m.colInteger[j] && lo === 0 && hi === 1) return;
    if (lo === hi) out.push(` ${cols[j]} = ${num(lo)}`);
    else if (lo === 0 && hi === Infinity) return;
    else if (hi === Infinity) out.push(` ${cols[j]} >= ${lo === -Infinity ? "-inf" : num(lo)}`);
    else out.push(` ${lo === -Infinity ? "-inf" : num(lo)} <= ${cols[j]} <= ${num(hi)}`);
  });
  if (binaries.length) out.push("Binaries", ...binaries.map((c) => ` ${c}`));
  if (generals.length) out.push("Generals", ...generals.map((c) => ` ${c}`));
  out.push("End");
  return out.join("\n") + "\n";
}

/** Free-format MPS (names without spaces, fields separated by blanks), integer columns in MARKER blocks. */
export function toMps(m: LpModel, header: readonly string[] = []): string {
  const cols = safeNames(m.colNames);
  const rowNames = safeNames(m.rowNames);
  const out: string[] = header.map((h) => `* ${h}`);
  out.push("NAME lodestone-plan", "ROWS", " N obj");
  const type = m.rowNames.map((_, i) => (m.rowLower[i] === m.rowUpper[i] ? "E" : m.rowLower[i] === -Infinity ? "L" : m.rowUpper[i] === Infinity ? "G" : "R"));
  type.forEach((t, i) => {
    if (t === "R") throw new Error(`ranged row ${m.rowNames[i]} is not supported by the MPS writer`);
    out.push(` ${t} ${rowNames[i]}`);
  });
  out.push("COLUMNS");
  const byCol: { row: number; val: number }[][] = Array.from({ length: m.numCols }, () => []);
  for (let k = 0; k < m.av.length; k++) byCol[m.aj[k]].push({ row: m.ai[k], val: m.av[k] });
  let inInt = false;
  let marker = 0;
  m.colNames.forEach((_, j) => {
    if (m.colInteger[j] !== inInt) {
      out.push(` MARKER${marker++} 'MARKER' '${m.colInteger[j] ? "INTORG" : "INTEND"}'`);
      inInt = m.colInteger[j];
    }
    if (m.colCost[j] !== 0) out.push(` ${cols[j]} obj ${num(m.colCost[j])}`);
    for (const { row, val } of byCol[j]) out.push(` ${cols[j]} ${rowNames[row]} ${num(val)}`);
    if (m.colCost[j] === 0 && !byCol[j].length) out.push(` ${cols[j]} obj 0`);
  });
  if (inInt) out.push(` MARKER${marker++} 'MARKER' 'INTEND'`);
  out.push("RHS");
  m.rowNames.forEach((_, i) => {
    const rhs = type[i] === "L" ? m.rowUpper[i] : m.rowLower[i];
    if (rhs !== 0) out.push(` RHS ${rowNames[i]} ${num(rhs)}`);
  });
  out.push("BOUNDS");
  m.colNames.forEach((_, j) => {
    const lo = m.colLower[j];
    const hi = m.colUpper[j];
    if (lo === hi) return void out.push(` FX BND ${cols[j]} ${num(lo)}`);
    if (lo === -Infinity) out.push(` MI BND ${cols[j]}`);
    else if (lo !== 0) out.push(` LO BND ${cols[j]} ${num(lo)}`);
    if (hi !== Infinity) out.push(` UP BND ${cols[j]} ${num(hi)}`);
    else if (m.colInteger[j]) out.push(` PL BND ${cols[j]}`);
  });
  out.push("ENDATA");
  return out.join("\n") + "\n";
}

/** Write `path` (.lp) and its .mps sibling atomically; returns both paths. */
export function exportPlanModel(path: string, m: LpModel, header: readonly string[] = []): { lp: string; mps: string } {
  const lp = path;
  const mps = path.replace(/\.lp$/i, "") + ".mps";
  writeFileAtomic(lp, toLp(m, header));
  writeFileAtomic(mps, toMps(m, header));
  return { lp, mps };
}
