import { stringify } from "yaml";

/*
 * Seeded mutations of an input file, for the fuzz test. Each case has its own PRNG seeded from
 * (seed, case index), so any one case can be re-run alone.
 */

/** mulberry32: a small seeded PRNG, uniform on [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Key = string | number;

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

/**
 * Tokens written into the text as they are (a placeholder string is replaced after serialising),
 * because a JS value cannot say them: YAML's own spellings of non-finite numbers, overflowing
 * literals, tags, anchors without a use and aliases without an anchor.
 */
const RAW = [
  "1e309",
  "-1e309",
  ".nan",
  ".NaN",
  ".inf",
  "-.Inf",
  "+.inf",
  "0x10",
  "0o17",
  "1_000",
  "+.5",
  "~",
  "1e-400",
  "!!str 5",
  "!!float .nan",
  "!!int 7",
  "*nowhere",
  "&lonely 5",
  "!!binary aGVsbG8=",
  "!!set {a, b}",
  "!foo bar",
  "2001-12-14",
  "<<",
  "null",
  "NaN",
  "Infinity",
];
const rawToken = (i: number) => `RAWTOKEN${i}X`;

/** Values a field may be replaced with: NaN-ish strings, huge and negative numbers, empty, null, lists, nested maps, distributions. */
function randomValue(rng: Rng, ids: { minerals: string[]; countries: string[] }): Json {
  const r = rng();
  if (r < 0.12) return rawToken(Math.floor(rng() * RAW.length));
  const values: Json[] = [
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "1e309",
    "",
    " ",
    "null",
    "true",
    "x".repeat(200),
    0,
    -0,
    -1,
    -0.5,
    0.5,
    1,
    2,
    1.5,
    12,
    36,
    37,
    100,
    101,
    600,
    601,
    1e6,
    1e9,
    1e10,
    1e12,
    1e13,
    1e300,
    1e306,
    1e308,
    -1e308,
    2 ** 53 + 1,
    Number.MIN_VALUE,
    5e-324,
    null,
    true,
    false,
    [],
    [1, 2],
    [[]],
    ["all"],
    {},
    { a: 1 },
    { a: { b: { c: [1, { d: null }] } } },
    { triangular: [1, 2, 3] },
    { triangular: [0, 0.5, 1] },
    { triangular: [3, 2, 1] },
    { triangular: [1e306, 1e307, 1e308] },
    { triangular: [1, 2] },
    { uniform: [0, 1] },
    { uniform: [0, 1e308] },
    { uniform: [2, 1] },
    { normal: [0.5, 0.1] },
    { normal: [0.5, 1e306] },
    { normal: [1, -1] },
    { tons: 5 },
    { days: 30 },
    { days: 1e9 },
    { triangular: [1, 2, 3], uniform: [0, 1] },
    "all",
    "unobtainium",
    "XXX",
    "USA",
    "CHN",
    "smelter",
    "sponge",
    "refinery",
    "nope-stage",
    "export_restriction",
    "demand_surge",
    "new_supply",
    "embargo",
  ];
  if (r < 0.3) return pick(rng, ids.minerals);
  if (r < 0.36) return pick(rng, ids.countries);
  return structuredClone(pick(rng, values));
}

/** Every path in `v` (including the root's children, not the root itself). */
function paths(v: Json, prefix: Key[] = [], out: Key[][] = []): Key[][] {
  const entries: [Key, Json][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : v !== null && typeof v === "object" ? Object.entries(v) : [];
  for (const [k, x] of entries) {
    out.push([...prefix, k]);
    paths(x, [...prefix, k], out);
  }
  return out;
}

function parentOf(root: Json, path: Key[]): { parent: Json[] | { [k: string]: Json }; key: Key } | undefined {
  let v: Json = root;
  for (const k of path.slice(0, -1)) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<Key, Json>)[k];
  }
  if (v === null || typeof v !== "object") return undefined;
  return { parent: v as Json[] | { [k: string]: Json }, key: path[path.length - 1] };
}

const KEY_RENAMES = [
  "sevrity",
  "constructor",
  "__proto__",
  "toString",
  "hasOwnProperty",
  "",
  "type",
  "all",
  "minerals",
  "why",
  "projects",
  "events",
  "start_month",
];

/** A number moved within or just past what is plausible: scaled, zeroed, negated or put on a documented bound. */
function nudgeNumber(rng: Rng, root: Json): string | undefined {
  const numeric = paths(root).filter((p) => typeof (parentOf(root, p)?.parent as Record<Key, Json> | undefined)?.[p[p.length - 1]] === "number");
  if (!numeric.length) return undefined;
  const path = pick(rng, numeric);
  const { parent, key } = parentOf(root, path)!;
  const was = (parent as Record<Key, number>)[key];
  const v = rng() < 0.6 ? was * pick(rng, [0, 0.1, 0.5, 0.99, 1.01, 2, 10, 1000, -1]) : pick(rng, [0, 1, 100, 600, 1e10, 1e12, 36525, 1000]);
  (parent as Record<Key, Json>)[key] = v;
  return `nudge ${path.join(".")} ${was} → ${v}`;
}

/** One mutation of the value, described in words (for the failure message). */
function mutateValue(rng: Rng, root: Json, ids: { minerals: string[]; countries: string[] }): string {
  const all = paths(root);
  if (!all.length) return "nothing to mutate";
  if (rng() < 0.3) {
    const nudged = nudgeNumber(rng, root);
    if (nudged) return nudged;
  }
  const path = pick(rng, all);
  const at = parentOf(root, path);
  if (!at) return "no parent";
  const { parent, key } = at;
  const here = (parent as Record<Key, Json>)[key];
  const where = path.join(".");
  const r = rng();
  if (r < 0.18) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
    return `delete ${where}`;
  }
  if (r < 0.55) {
    const v = randomValue(rng, ids);
    (parent as Record<Key, Json>)[key] = v;
    return `set ${where} = ${JSON.stringify(v)}`;
  }
  if (r < 0.68) {
    // swap the type: number ↔ string, scalar ↔ list, mapping → list of its values
    const v: Json =
      typeof here === "number"
        ? String(here)
        : typeof here === "string"
          ? Number.isNaN(Number(here))
            ? [here]
            : Number(here)
          : Array.isArray(here)
            ? (here[0] ?? null)
            : here !== null && typeof here === "object"
              ? Object.values(here)
              : [here];
    (parent as Record<Key, Json>)[key] = v;
    return `swap type of ${where}`;
  }
  if (r < 0.78 && !Array.isArray(parent)) {
    const name = pick(rng, KEY_RENAMES);
    const v = parent[key as string];
    delete parent[key as string];
    Object.defineProperty(parent, name, { value: v, enumerable: true, writable: true, configurable: true });
    return `rename ${where} → ${JSON.stringify(name)}`;
  }
  if (r < 0.86 && Array.isArray(parent)) {
    parent.splice(key as number, 0, structuredClone(parent[key as number]));
    return `duplicate ${where}`;
  }
  if (r < 0.92) {
    let deep: Json = pick(rng, [1, "x", null]);
    const depth = 1 + Math.floor(rng() * 60);
    for (let i = 0; i < depth; i++) deep = rng() < 0.5 ? [deep] : { k: deep };
    (parent as Record<Key, Json>)[key] = deep;
    return `nest ${where} ${depth} deep`;
  }
  const v = Array.from({ length: 1 + Math.floor(rng() * 40) }, () => randomValue(rng, ids));
  (parent as Record<Key, Json>)[key] = v;
  return `list of ${v.length} at ${where}`;
}

const BOMB = [
  "a: &a [x, x, x, x, x, x, x, x, x]",
  ...["b", "c", "d", "e", "f", "g", "h", "i"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(", ")}]`),
].join("\n");

/** One mutation of the text: truncation, duplicated lines (keys), anchors and aliases, garbage. */
function mutateText(rng: Rng, text: string): { text: string; what: string } {
  const lines = text.split("\n");
  const n = Math.floor(rng() * lines.length);
  const r = rng();
  if (r < 0.2) {
    const cut = Math.floor(rng() * text.length);
    return { text: text.slice(0, cut), what: `truncate at ${cut}` };
  }
  if (r < 0.4) {
    lines.splice(n, 0, lines[n]);
    return { text: lines.join("\n"), what: `duplicate line ${n + 1}` };
  }
  if (r < 0.6) {
    // an anchor on one value and an alias to it in a later value
    const withValue = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[\w-]+:\s+\S/.test(l) && !/^\s*#/.test(l));
    if (withValue.length < 2) return { text, what: "no values to alias" };
    const [a, b] = [pick(rng, withValue), pick(rng, withValue)].sort((x, y) => x[1] - y[1]);
    lines[a[1]] = a[0].replace(/:\s+/, ": &anc ");
    if (b[1] !== a[1]) lines[b[1]] = b[0].replace(/:\s+.*$/, ": *anc");
    return { text: lines.join("\n"), what: `anchor line ${a[1] + 1}, alias line ${b[1] + 1}` };
  }
  if (r < 0.7) return { text: `${BOMB}\n${text}`, what: "alias bomb on top" };
  if (r < 0.8) {
    const self = "selfref: &self { x: *self }";
    return { text: rng() < 0.5 ? `${self}\n${text}` : `loop: &loop [*loop]\n${text}`, what: "self-referring anchor" };
  }
  const junk = pick(rng, ["\t", "{", "}", "[", ": ", "- ", "\u0000", "\ufeff", "'", '"', "&", "*", "!", "%YAML 1.1\n---\n", "---\n", "...\n", "? ", "#", "\r"]);
  const pos = Math.floor(rng() * (text.length + 1));
  return { text: text.slice(0, pos) + junk + text.slice(pos), what: `insert ${JSON.stringify(junk)} at ${pos}` };
}

/** A mutated copy of `text` (YAML) and what was done to it: 1–3 value mutations, then maybe text mutations; YAML or JSON. */
export function mutate(
  rng: Rng,
  text: string,
  parse: (t: string) => unknown,
  ids: { minerals: string[]; countries: string[] },
): { text: string; steps: string[] } {
  const value = structuredClone(parse(text)) as Json;
  const steps: string[] = [];
  const k = 1 + Math.floor(rng() * 3);
  for (let i = 0; i < k; i++) steps.push(mutateValue(rng, value, ids));
  const json = rng() < 0.2;
  let out = json ? JSON.stringify(value, null, rng() < 0.5 ? 2 : 0) : stringify(value, { lineWidth: 0 });
  steps.push(json ? "as JSON" : "as YAML");
  out = out.replace(/"?RAWTOKEN(\d+)X"?/g, (_, i: string) => RAW[Number(i)]);
  if (rng() < 0.3) {
    const t = mutateText(rng, out);
    out = t.text;
    steps.push(t.what);
  }
  return { text: out, steps };
}
