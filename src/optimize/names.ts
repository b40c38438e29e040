/**
 * Readable, parseable names of the plan's LP columns and rows (as PyPSA names them
 * Component-attr-spec): `buy.<mineral>`, `fund.<project>`, `stock.<mineral>.<scenario>.<month>`,
 * `release…`, `shortfall…`, rows `cover…`, `balance…`, `start.<mineral>.<scenario>`,
 * `end.<mineral>.<scenario>` and `budget`. Scenarios are numbered s1…sN (their ids are listed in
 * the export's header), months 1-based. The solver itself only sees generated labels (x1, c1);
 * these names are for the export and for routing duals back.
 */
export const names = {
  buy: (m: string) => `buy.${m}`,
  cash: (m: string, k: number) => `cash.${m}.k${k + 1}`,
  split: (m: string) => `split.${m}`,
  fund: (j: string) => `fund.${j}`,
  stock: (m: string, s: number, t: number) => `stock.${m}.s${s + 1}.${t + 1}`,
  release: (m: string, s: number, t: number) => `release.${m}.s${s + 1}.${t + 1}`,
  piece: (m: string, s: number, t: number, k: number) => `short.${m}.s${s + 1}.${t + 1}.k${k + 1}`,
  stockRow: (m: string, s: number) => `stock.${m}.s${s + 1}`,
  start: (m: string, s: number) => `start.${m}.s${s + 1}`,
  balance: (m: string, s: number, t: number) => `balance.${m}.s${s + 1}.${t + 1}`,
  end: (m: string, s: number) => `end.${m}.s${s + 1}`,
  cover: (m: string, s: number, t: number) => `cover.${m}.s${s + 1}.${t + 1}`,
  budget: "budget",
} as const;

export interface ParsedName {
  kind: string;
  mineral?: string;
  scenario?: number;
  month?: number;
}

/** Split a name back into its parts (ids contain no dots). */
export function parseName(name: string): ParsedName {
  const [kind, entity, s, t] = name.split(".");
  return { kind, mineral: entity, scenario: s ? Number(s.slice(1)) - 1 : undefined, month: t ? Number(t) - 1 : undefined };
}

/**
 * A name safe in CPLEX LP and MPS text: letters, digits and `_ . ( ) [ ] { }` style symbols only,
 * not starting with a digit or a dot. Hyphens (as in `rare-earths`) become underscores.
 */
export function lpSafe(name: string): string {
  let s = name.replace(/[^A-Za-z0-9_.]/g, "_");
  if (/^[0-9.]/.test(s)) s = `n_${s}`;
  return s;
}

/**
 * LP-safe names for a whole axis, kept unique: a name that would collide after lpSafe (say
 * `buy.rare-earths` and `buy.rare_earths`) gets a `_2` suffix. HiGHS' writers fall back to
 * generated names (c0, r0, …) for the whole axis as soon as one name is not LP-safe.
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
