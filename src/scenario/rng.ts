/**
 * The per-run random stream of the Monte Carlo. Run `i` of seed `s` always gets the same stream,
 * whichever worker computes it and in whatever order, so results do not depend on the number of
 * workers. Seeding: a 32-bit integer hash (Wellons' "lowbias32") of (seed, run) fills the four words
 * of an sfc32 generator (Chris Doty-Humphrey's Small Fast Counting RNG, which passes PractRand),
 * and 12 outputs are discarded to decorrelate neighbouring runs.
 */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

export class RunRng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed = 0, run = 0) {
    this.reset(seed, run);
  }

  /** Reseed in place for (seed, run): no allocation, so one RunRng serves every run of a worker. */
  reset(seed: number, run: number): this {
    const s = mix32(mix32(seed >>> 0) ^ mix32((run + 0x632be5ab) >>> 0));
    this.a = mix32(s ^ 0x9e3779b9);
    this.b = mix32(s ^ 0x85ebca6b);
    this.c = mix32(s ^ 0xc2b2ae35);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
    return this;
  }

  /** Uniform in [0, 1) with 32 bits. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
}
