/**
 * A small memo by key, for what does not change while the app runs (the catalogue, a ranking, a
 * shipped file read and parsed). `limit` bounds the keys kept, the least recently used dropped
 * first, so a stream of distinct queries cannot grow the memory nor crowd out the ones in use.
 */
export function memo<T>(limit = 64) {
  const map = new Map<string, T>();
  return (key: string, build: () => T): T => {
    if (map.has(key)) {
      // a Map keeps insertion order: moved to the end, the key is the most recently used
      const value = map.get(key)!;
      map.delete(key);
      map.set(key, value);
      return value;
    }
    const value = build();
    map.set(key, value);
    if (map.size > limit) map.delete(map.keys().next().value!);
    return value;
  };
}
