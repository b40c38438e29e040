/**
 * Classes of Monte Carlo runs that drew the same parameter vector. Run r's P values are
 * draws[r·P … r·P+P−1]; two runs are in one class when all P values have the same Float64 bits,
 * so every mineral's path is the same for them (mineralPaths reads nothing else of the run).
 * Scenarios whose uncertain inputs are few and rounded to whole months (the coalition: one
 * duration in 12..60) have a few dozen classes among 10,000 runs.
 */
export interface DrawClasses {
  /** class of each run, numbered in order of first appearance */
  classOf: Int32Array;
  /** first run of each class */
  representative: Int32Array;
  /** runs in each class */
  count: Int32Array;
}

/** Group runs by the bits of their P drawn values: one hash-table pass over the draw block. */
export function drawClasses(draws: Float64Array, runs: number, P: number): DrawClasses {
  const W = 2 * P; // 32-bit words per run
  const bits = new Uint32Array(draws.buffer, draws.byteOffset, runs * W);
  let size = 16;
  while (size < 2 * runs) size <<= 1;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  const classOf = new Int32Array(runs);
  const rep = new Int32Array(runs);
  const count = new Int32Array(runs);
  let K = 0;
  const same = (a: number, b: number) => {
    for (let j = 0, x = a * W, y = b * W; j < W; j++) if (bits[x + j] !== bits[y + j]) return false;
    return true;
  };
  for (let r = 0; r < runs; r++) {
    let h = 0x811c9dc5;
    for (let j = 0, o = r * W; j < W; j++) h = Math.imul(h ^ bits[o + j], 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    let slot = h & mask;
    let k = table[slot];
    while (k >= 0 && !same(rep[k], r)) {
      slot = (slot + 1) & mask;
      k = table[slot];
    }
    if (k < 0) {
      k = K++;
      table[slot] = k;
      rep[k] = r;
    }
    classOf[r] = k;
    count[k]++;
  }
  return { classOf, representative: rep.slice(0, K), count: count.slice(0, K) };
}
