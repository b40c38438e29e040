/**
 * A small memo by key, for what does not change while the app runs (the catalogue, a ranking, a
 * shipped file read and parsed). `limit` bounds the keys kept: beyond it, values are computed and
 * not kept, so a stream of distinct queries cannot grow the memory.
 */
export function memo<T>(limit = 64) {
  const map = new Map<string, T>();
  return (key: string, build: () => T): T => {
    if (map.has(key)) return map.get(key)!;
    const value = build();
    if (map.size < limit) map.set(key, value);
    return value;
  };
}
