export interface BenchResult {
  name: string;
  note?: string;
  figures: Record<string, string | number>;
}

/** Median wall-clock milliseconds of `runs` calls of `fn` (after one warm-up call). */
export async function timeMedian(fn: () => unknown | Promise<unknown>, runs = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
