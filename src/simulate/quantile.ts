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

const SUMMARY_PS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95] as const;

/** Distribution summary of `values` (not modified): mean summed in run order, exact type-7 quantiles. */
export function summarize(values: Float64Array, scratch: QuantileScratch = createQuantileScratch(values.length)): Summary {
  let sum = 0;
  let pos = 0;
  let min = values[0],
    max = values[0],
    nMin = 0,
    nMax = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    sum += x;
    if (x > 0) pos++;
    if (x < min) {
      min = x;
      nMin = 1;
    } else if (x === min) nMin++;
    if (x > max) {
      max = x;
      nMax = 1;
    } else if (x === max) nMax++;
  }
  const q = new Float64Array(SUMMARY_PS.length);
  if (min === max) q.fill(min);
  else bucketQuantiles(values, min, max, SUMMARY_PS, q, scratch, nMin, nMax);
  return { mean: sum / values.length, min, p5: q[0], p10: q[1], p25: q[2], p50: q[3], p75: q[4], p90: q[5], p95: q[6], max, pPositive: pos / values.length };
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
  /** 4 interleaved counters per bucket (bucket·4 + i mod 4), so runs of equal values do not chain increments */
  counts4: Uint32Array;
  counts: Uint32Array;
  values: Float64Array;
  offset: Int32Array;
  fill: Int32Array;
}

export function createQuantileScratch(n: number, buckets = 1024): QuantileScratch {
  return {
    counts4: new Uint32Array(buckets * 4),
    counts: new Uint32Array(buckets),
    values: new Float64Array(n),
    offset: new Int32Array(buckets),
    fill: new Int32Array(buckets),
  };
}

/**
 * Exact type-7 quantiles of `a` (values in [lo, hi], lo < hi) for ascending `ps`, in at most two
 * linear passes instead of a sort: (1) count values per bucket of [lo, hi] (the bucket index is
 * monotone in the value, so buckets respect order); (2) copy out the values of the few buckets
 * holding the wanted order statistics and select within those. A wanted bucket that holds only
 * copies of lo or hi (nLo, nHi: how many values equal lo and hi) needs no copy: the common case of
 * columns with many zero or identical shortfalls. `a` is not modified.
 */
export function bucketQuantiles(a: Float64Array, lo: number, hi: number, ps: readonly number[], out: Float64Array, s: QuantileScratch, nLo = 0, nHi = 0): void {
  const n = a.length;
  const { counts4, counts, values, offset, fill } = s;
  const B = counts.length;
  const top = B - 1;
  counts4.fill(0);
  const scale = B / (hi - lo);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    let b0 = ((a[i] - lo) * scale) | 0,
      b1 = ((a[i + 1] - lo) * scale) | 0,
      b2 = ((a[i + 2] - lo) * scale) | 0,
      b3 = ((a[i + 3] - lo) * scale) | 0;
    if (b0 > top) b0 = top;
    if (b1 > top) b1 = top;
    if (b2 > top) b2 = top;
    if (b3 > top) b3 = top;
    counts4[b0 << 2]++;
    counts4[(b1 << 2) | 1]++;
    counts4[(b2 << 2) | 2]++;
    counts4[(b3 << 2) | 3]++;
  }
  for (; i < n; i++) {
    let b = ((a[i] - lo) * scale) | 0;
    if (b > top) b = top;
    counts4[b << 2]++;
  }
  for (let b = 0, j = 0; b < B; b++, j += 4) counts[b] = counts4[j] + counts4[j + 1] + counts4[j + 2] + counts4[j + 3];
  // order statistics wanted: k and k+1 of each quantile; their bucket and the rank where it starts
  const m = ps.length * 2;
  const ks = new Int32Array(m),
    need = new Int32Array(m),
    base = new Int32Array(m);
  for (let q = 0; q < ps.length; q++) {
    const k = Math.floor((n - 1) * ps[q]);
    ks[2 * q] = k;
    ks[2 * q + 1] = Math.min(n - 1, k + 1);
  }
  let cum = 0,
    b = 0;
  for (let j = 0; j < m; j++) {
    // k+1 of one quantile can pass k of the next (small n)
    if (ks[j] < cum) {
      cum = 0;
      b = 0;
    }
    while (cum + counts[b] <= ks[j]) cum += counts[b++];
    need[j] = b;
    base[j] = cum;
  }
  // a bucket made only of lo (or hi) values needs no copy
  const constant = (bk: number) => (bk === 0 && counts[0] === nLo ? lo : bk === top && counts[top] === nHi ? hi : NaN);
  offset.fill(-1);
  let used = 0;
  for (let j = 0; j < m; j++) {
    const bk = need[j];
    if (offset[bk] < 0 && Number.isNaN(constant(bk))) {
      offset[bk] = used;
      used += counts[bk];
      fill[bk] = 0;
    }
  }
  if (used > 0) {
    for (let i = 0; i < n; i++) {
      let bk = ((a[i] - lo) * scale) | 0;
      if (bk > top) bk = top;
      const o = offset[bk];
      if (o >= 0) values[o + fill[bk]++] = a[i];
    }
  }
  const stat = (j: number) => {
    const c = constant(need[j]);
    if (!Number.isNaN(c)) return c;
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
