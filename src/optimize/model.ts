/**
 * A linear model held column-wise, as linopy keeps it: columns and rows with bounds and readable
 * names, and the matrix as coordinate triplets. Built by the define* functions, read by the
 * solver adapter (which also writes it as LP and MPS through HiGHS' own writers).
 */
export class LpModel {
  readonly colNames: string[] = [];
  readonly colLower: number[] = [];
  readonly colUpper: number[] = [];
  readonly colCost: number[] = [];
  readonly colInteger: boolean[] = [];
  readonly rowNames: string[] = [];
  readonly rowLower: number[] = [];
  readonly rowUpper: number[] = [];
  /** matrix entries (row, col, value) */
  readonly ai: number[] = [];
  readonly aj: number[] = [];
  readonly av: number[] = [];
  private readonly colIndex: Map<string, number>;
  private readonly rowIndex: Map<string, number>;

  /** An empty model, or a deep copy of `from` (so a caller can change bounds without touching `from`). */
  constructor(from?: LpModel) {
    this.colIndex = new Map(from?.colIndex);
    this.rowIndex = new Map(from?.rowIndex);
    if (!from) return;
    this.colNames = from.colNames.slice();
    this.colLower = from.colLower.slice();
    this.colUpper = from.colUpper.slice();
    this.colCost = from.colCost.slice();
    this.colInteger = from.colInteger.slice();
    this.rowNames = from.rowNames.slice();
    this.rowLower = from.rowLower.slice();
    this.rowUpper = from.rowUpper.slice();
    this.ai = from.ai.slice();
    this.aj = from.aj.slice();
    this.av = from.av.slice();
  }

  get numCols(): number {
    return this.colNames.length;
  }
  get numRows(): number {
    return this.rowNames.length;
  }
  get numNonzeros(): number {
    return this.av.length;
  }

  addCol(name: string, lower: number, upper: number, integer = false): number {
    const j = this.colNames.length;
    this.colNames.push(name);
    this.colLower.push(lower);
    this.colUpper.push(upper);
    this.colCost.push(0);
    this.colInteger.push(integer);
    this.colIndex.set(name, j);
    return j;
  }

  /** Add `lower ≤ Σ values·x[cols] ≤ upper`; zero coefficients are pruned. */
  addRow(name: string, lower: number, upper: number, cols: readonly number[], values: readonly number[]): number {
    const i = this.rowNames.length;
    this.rowNames.push(name);
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
    for (let k = 0; k < cols.length; k++) {
      if (values[k] === 0) continue;
      this.ai.push(i);
      this.aj.push(cols[k]);
      this.av.push(values[k]);
    }
    this.rowIndex.set(name, i);
    return i;
  }

  col(name: string): number | undefined {
    return this.colIndex.get(name);
  }
  row(name: string): number | undefined {
    return this.rowIndex.get(name);
  }

  get isMip(): boolean {
    return this.colInteger.some(Boolean);
  }

  /** Compressed sparse columns, as HiGHS takes them. */
  toCsc(): { starts: Int32Array; indices: Int32Array; values: Float64Array } {
    const n = this.numCols;
    const starts = new Int32Array(n + 1);
    for (const j of this.aj) starts[j + 1]++;
    for (let j = 0; j < n; j++) starts[j + 1] += starts[j];
    const next = starts.slice(0, n);
    const indices = new Int32Array(this.av.length);
    const values = new Float64Array(this.av.length);
    for (let k = 0; k < this.av.length; k++) {
      const p = next[this.aj[k]]++;
      indices[p] = this.ai[k];
      values[p] = this.av[k];
    }
    return { starts, indices, values };
  }
}
