/**
 * Quantile of sorted values by linear interpolation between order statistics (Hyndman & Fan type 7,
 * the default of R and NumPy): h = (n−1)·p, Q = x_⌊h⌋ + (h−⌊h⌋)·(x_⌊h⌋+1 − x_⌊h⌋).
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  if (lo + 1 >= n) return sorted[n - 1];
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

export interface Summary {
  mean: number;
  min: number;
  p5: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  max: number;
  /** share of runs above 0 */
  pPositive: number;
}

/** Distribution summary of `values` (sorted in place). Mean summed in run order before sorting. */
export function summarize(values: Float64Array): Summary {
  let sum = 0;
  let pos = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (values[i] > 0) pos++;
  }
  values.sort();
  const q = (p: number) => quantileSorted(values, p);
  return { mean: sum / values.length, min: values[0], p5: q(0.05), p10: q(0.1), p25: q(0.25), p50: q(0.5), p75: q(0.75), p90: q(0.9), p95: q(0.95), max: values[values.length - 1], pPositive: pos / values.length };
}

/**
 * Rearrange a[lo..hi] (inclusive) so that a[k] holds the value it would have if sorted, everything
 * before it is ≤ and everything after ≥ (Hoare's quickselect with a median-of-three pivot; O(n)
 * expected). The order statistic is exact, so results do not depend on the algorithm.
 */
export function selectInPlace(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three to a[mid]
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Type-7 quantiles of `a` for ascending probabilities `ps`, by selection instead of a full sort
 * (reorders `a`). Same values as quantileSorted on the sorted array.
 */
export function quantilesInPlace(a: Float64Array, ps: readonly number[], out: Float64Array, outOffset = 0, stride = 1): void {
  const n = a.length;
  let from = 0;
  for (let q = 0; q < ps.length; q++) {
    const h = (n - 1) * ps[q];
    const k = Math.floor(h);
    selectInPlace(a, k, from, n - 1);
    let v = a[k];
    if (h > k && k + 1 < n) {
      let next = a[k + 1];
      for (let i = k + 2; i < n; i++) if (a[i] < next) next = a[i];
      v += (h - k) * (next - v);
    }
    out[outOffset + q * stride] = v;
    from = k;
  }
}

/** Scratch for bucketQuantiles: bucket counts and room for the values of the needed buckets. */
export interface QuantileScratch {
  counts: Uint32Array;
  /** each value's bucket, from the counting pass */
  index: Uint16Array;
  values: Float64Array;
  offset: Int32Array;
  fill: Int32Array;
}

export function createQuantileScratch(n: number, buckets = 4096): QuantileScratch {
  return { counts: new Uint32Array(buckets), index: new Uint16Array(n), values: new Float64Array(n), offset: new Int32Array(buckets), fill: new Int32Array(buckets) };
}

/**
 * Exact type-7 quantiles of `a` (values in [lo, hi], lo < hi) for ascending `ps`, in two linear
 * passes instead of a sort: (1) count values per bucket of [lo, hi] (the bucket index is monotone
 * in the value, so buckets respect order), (2) copy out the values of the few buckets holding the
 * wanted order statistics, then select within those. `a` is not modified.
 */
export function bucketQuantiles(a: Float64Array, lo: number, hi: number, ps: readonly number[], out: Float64Array, s: QuantileScratch): void {
  const n = a.length;
  const { counts, index, values, offset, fill } = s;
  const B = counts.length;
  const top = B - 1;
  counts.fill(0);
  const scale = B / (hi - lo);
  for (let i = 0; i < n; i++) {
    let b = ((a[i] - lo) * scale) | 0;
    if (b > top) b = top;
    index[i] = b;
    counts[b]++;
  }
  // order statistics wanted: k and k+1 of each quantile; their bucket and the rank where it starts
  const m = ps.length * 2;
  const ks = new Int32Array(m), need = new Int32Array(m), base = new Int32Array(m);
  for (let q = 0; q < ps.length; q++) {
    const k = Math.floor((n - 1) * ps[q]);
    ks[2 * q] = k;
    ks[2 * q + 1] = Math.min(n - 1, k + 1);
  }
  let cum = 0, b = 0;
  for (let j = 0; j < m; j++) {
    while (cum + counts[b] <= ks[j]) cum += counts[b++];
    need[j] = b;
    base[j] = cum;
  }
  // copy the needed buckets' values into consecutive regions of `values`
  offset.fill(-1);
  let used = 0;
  for (let j = 0; j < m; j++) if (offset[need[j]] < 0) (offset[need[j]] = used), (used += counts[need[j]]), (fill[need[j]] = 0);
  for (let i = 0; i < n; i++) {
    const o = offset[index[i]];
    if (o >= 0) values[o + fill[index[i]]++] = a[i];
  }
  const stat = (j: number) => {
    const o = offset[need[j]];
    const r = o + (ks[j] - base[j]);
    selectInPlace(values, r, o, o + counts[need[j]] - 1);
    return values[r];
  };
  for (let q = 0; q < ps.length; q++) {
    const x0 = stat(2 * q);
    const h = (n - 1) * ps[q];
    const k = Math.floor(h);
    out[q] = h > k ? x0 + (h - k) * (stat(2 * q + 1) - x0) : x0;
  }
}
