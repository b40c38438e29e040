/**
 * Goodness-of-fit statistics for the sampler and RNG tests, written out here so that a test does
 * not trust the code it checks.
 */

/**
 * One-sample Kolmogorov–Smirnov statistic of `xs` against a continuous CDF:
 *
 *   D = max_i max(i/n − F(x_(i)), F(x_(i)) − (i−1)/n)   over the sorted sample x_(1) ≤ … ≤ x_(n).
 */
export function ksStatistic(xs: ArrayLike<number>, cdf: (x: number) => number): number {
  const s = Float64Array.from(xs).sort();
  const n = s.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(s[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/**
 * KS statistic of an integer-valued sample against a discrete CDF given at the integers:
 * D = max_k |F_n(k) − F(k)| over the integers k from the sample's minimum to its maximum (the
 * empirical and the model CDF are both steps at the integers, so this is the supremum).
 */
export function ksDiscrete(xs: ArrayLike<number>, cdfAt: (k: number) => number): number {
  const n = xs.length;
  const counts = new Map<number, number>();
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    counts.set(xs[i], (counts.get(xs[i]) ?? 0) + 1);
    lo = Math.min(lo, xs[i]);
    hi = Math.max(hi, xs[i]);
  }
  let d = Math.max(cdfAt(lo - 1), 1 - cdfAt(hi)); // model mass outside the sample's range
  let below = 0;
  for (let k = lo; k <= hi; k++) {
    below += counts.get(k) ?? 0;
    d = Math.max(d, Math.abs(below / n - cdfAt(k)));
  }
  return d;
}

/** KS critical value at α = 1 %: 1.63 / √n (asymptotic; conservative for a discrete CDF). */
export const ksCritical = (n: number) => 1.63 / Math.sqrt(n);

/** Pearson's χ² of counts against equal expected counts. */
export function chiSquareUniform(counts: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i];
  const e = n / counts.length;
  let x2 = 0;
  for (let i = 0; i < counts.length; i++) x2 += (counts[i] - e) ** 2 / e;
  return x2;
}

/** χ² upper 1 % point for 99 degrees of freedom (100 bins): 134.642 (standard tables). */
export const CHI2_99_1PCT = 134.642;

/**
 * Standard normal CDF Φ(z) = (1 + erf(z/√2)) / 2, with erf from Abramowitz & Stegun 7.1.26
 * (absolute error below 1.5·10⁻⁷, far under the KS critical values used here, ~0.0115).
 */
export function phi(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
