/**
 * Fuzz the three input files: 1,200 seeded mutations of the built-in scenario, projects and basket
 * files, each run through the CLI in this process. Every answer must be exit 0 or 2 (or the
 * infeasible code when the plan says it is infeasible), never a stack trace or an internal error;
 * JSON output must hold no null without a reason (NaN and Infinity become null in JSON); and the
 * dataset must be unchanged. A failure prints the seed, the case index and the mutations, and
 * writes the file it used; `FUZZ_KIND=<kind> FUZZ_CASE=<index> npx vitest run test/fuzz` re-runs that case alone.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EXIT_CODES } from "../../src/cli/main.js";
import { loadDataset } from "../../src/io/dataset.js";
import { cli, ROOT } from "../helpers.js";
import { mutate, prng } from "./mutate.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const CASES_PER_KIND = Number(process.env.FUZZ_CASES ?? 400);
/** Re-run one case: FUZZ_CASE=<index> (and FUZZ_KIND=scenario|projects|basket to skip the other kinds); FUZZ_SEED and FUZZ_CASES explore further. */
const ONLY = process.env.FUZZ_CASE === undefined ? undefined : Number(process.env.FUZZ_CASE);
const ONLY_KIND = process.env.FUZZ_KIND;

const dir = mkdtempSync(join(tmpdir(), "lodestone-fuzz-"));
const dataset = loadDataset();
const ids = { minerals: dataset.minerals.map((m) => m.id), countries: dataset.countries.map((c) => c.code) };
const read = (p: string) => readFileSync(join(ROOT, p), "utf8");
const yamlFiles = (d: string) =>
  readdirSync(join(ROOT, d))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `${d}/${f}`);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
/** Keys that, non-empty on the same object, give the reason for a null in it (a general `note`/`notes` does not). */
const REASON_KEYS = ["reason", "why"];
const nonEmpty = (v: unknown) => (typeof v === "string" ? v.trim() !== "" : Array.isArray(v) ? v.length > 0 : false);

/**
 * Why a null at `obj[key]` is allowed, or undefined when nothing explains it. A null is explained
 * only by a reason attached to it: a non-empty `reason` or `why` on its object, a `<key>Reason`
 * sibling, or the key listed in the object's `missing` array. A `note` or `notes` elsewhere on the
 * object excuses nothing. Four metrics of a simulated mineral mean "never" or "not applicable" when
 * null; each is allowed only when the numbers beside it agree (so a NaN turned null is still caught):
 * firstShortMonth ⇔ total shortfall 0; stockOutMonth ⇔ no stock or stock never at 0; daysOfCover ⇔
 * no imports (d0·r = 0); shortfallValueUsd ⇔ a price of null that carries its reason. The report also
 * lists each such null under `metrics.missing` with its reason; lowerBound appears only when it applies.
 */
function nullReason(obj: Obj, key: string, parents: Obj[]): string | undefined {
  // a simulated mineral's metrics: the null must also agree with the numbers beside it, whatever reason it carries
  const mineral = parents.find((p) => isObj(p.metrics) && p.metrics === obj);
  if (mineral) {
    const inputs = (mineral.inputs ?? {}) as Record<string, Obj | undefined>;
    const stock = (mineral.stock ?? []) as number[];
    const stock1 = (inputs.stock1?.value ?? 0) as number;
    const d0 = inputs.d0?.value as number,
      r = inputs.r?.value as number;
    if (key === "firstShortMonth" && obj.totalShortfall === 0) return "never short";
    if (key === "stockOutMonth" && (stock1 === 0 || stock.every((s) => s > 0))) return "stock never runs out";
    if (key === "daysOfCover" && Number.isFinite(d0) && Number.isFinite(r) && d0 * r === 0) return "no imports";
    if (key === "shortfallValueUsd" && inputs.price?.value === null && nonEmpty(inputs.price?.reason)) return "no price, with its reason";
    if (["firstShortMonth", "stockOutMonth", "daysOfCover", "shortfallValueUsd"].includes(key)) return undefined;
  }
  if (REASON_KEYS.some((k) => nonEmpty(obj[k]))) return "object carries a reason";
  if (nonEmpty(obj[`${key}Reason`])) return "a reason beside it";
  if (Array.isArray(obj.missing) && obj.missing.includes(key)) return "listed as missing";
  return undefined;
}

/** Every problem in a JSON output: unexplained nulls and the words NaN or Infinity the input did not contain. */
function outputProblems(out: unknown, input: string): string[] {
  const problems: string[] = [];
  const walk = (v: unknown, path: string, parents: Obj[]) => {
    if (typeof v === "string" && /\b(NaN|Infinity)\b/.test(v) && !/NaN|Infinity/.test(input)) problems.push(`${path}: ${JSON.stringify(v.slice(0, 80))}`);
    if (Array.isArray(v)) v.forEach((x, i) => (x === null ? problems.push(`${path}[${i}]: null in a list`) : walk(x, `${path}[${i}]`, parents)));
    else if (isObj(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (x === null) {
          if (!nullReason(v, k, parents)) problems.push(`${path}.${k}: null without a reason`);
        } else walk(x, `${path}.${k}`, [v, ...parents]);
      }
    }
  };
  walk(out, "", []);
  return problems;
}

const hashDataset = () => {
  const h = createHash("sha256");
  const d = join(ROOT, "data", "dataset");
  for (const f of readdirSync(d).sort()) h.update(f).update(readFileSync(join(d, f)));
  return h.digest("hex");
};

interface Kind {
  name: string;
  bases: string[];
  args: (file: string) => string[];
}

const KINDS: Kind[] = [
  { name: "scenario", bases: yamlFiles("scenarios"), args: (f) => ["simulate", f, "--format", "json"] },
  {
    name: "projects",
    bases: ["projects/us-candidates.yaml"],
    args: (f) => ["plan", "--budget", "1e9", "--projects", f, "--format", "json", "--scenarios", "scenarios/antimony-2024.yaml"],
  },
  {
    name: "basket",
    bases: yamlFiles("baskets"),
    args: (f) => ["plan", "--budget", "1e9", "--basket", f, "--format", "json", "--scenarios", "scenarios/antimony-2024.yaml"],
  },
];

/** Run case `index` of `kind`; returns what went wrong (empty when the answer is acceptable). */
async function runCase(kind: Kind, k: number, index: number): Promise<{ problems: string[]; code: number }> {
  const rng = prng((SEED ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(k + 1, 0x85ebca6b)) >>> 0);
  const base = kind.bases[Math.floor(rng() * kind.bases.length)];
  const { text, steps } = mutate(rng, read(base), parse, ids);
  const file = join(dir, `${kind.name}-${index}${steps.includes("as JSON") ? ".json" : ".yaml"}`);
  writeFileSync(file, text);
  const r = await cli(kind.args(file));
  const problems: string[] = [];
  const infeasible = r.code === EXIT_CODES.infeasible && /infeasible/i.test(r.stdout + r.stderr);
  if (![0, 2].includes(r.code) && !infeasible) problems.push(`exit ${r.code}`);
  if (/^\s+at /m.test(r.stderr) || /internal error/i.test(r.stderr)) problems.push(`stack trace or internal error in stderr`);
  if (r.code === 2) {
    if (r.stderr.trim() === "") problems.push("exit 2 without a message");
    for (const line of r.stderr.trimEnd().split("\n"))
      if (!line.startsWith("lodestone: ")) problems.push(`stderr line not from lodestone: ${JSON.stringify(line.slice(0, 120))}`);
  }
  if (r.code === 0) {
    try {
      problems.push(...outputProblems(JSON.parse(r.stdout), text).slice(0, 5));
    } catch (e) {
      problems.push(`stdout is not JSON: ${String(e).slice(0, 200)}`);
    }
  }
  if (problems.length) {
    problems.unshift(
      `seed ${SEED}, ${kind.name} case ${index} (FUZZ_KIND=${kind.name} FUZZ_CASE=${index}) from ${base}: ${steps.join("; ")}; file ${file}; stderr: ${r.stderr.slice(0, 400)}`,
    );
  }
  return { problems, code: r.code };
}

describe("fuzz: mutated input files never crash the CLI", () => {
  const before = hashDataset();

  KINDS.forEach((kind, k) => {
    if (ONLY_KIND !== undefined && kind.name !== ONLY_KIND) return;
    it(`${ONLY === undefined ? CASES_PER_KIND : 1} mutated ${kind.name} files: exit 0 or 2, no stack trace, no unexplained null`, async () => {
      const failures: string[] = [];
      const codes = new Map<number, number>();
      for (let i = 0; i < CASES_PER_KIND; i++) {
        if (ONLY !== undefined && i !== ONLY) continue;
        const { problems, code } = await runCase(kind, k, i);
        codes.set(code, (codes.get(code) ?? 0) + 1);
        if (problems.length) failures.push(problems.join("\n  "));
      }
      expect(failures.slice(0, 10)).toEqual([]);
      // the mutations reach both sides: some files still run, most are refused
      if (ONLY === undefined && CASES_PER_KIND >= 100) {
        expect(codes.get(0) ?? 0).toBeGreaterThan(CASES_PER_KIND / 50);
        expect(codes.get(2) ?? 0).toBeGreaterThan(CASES_PER_KIND / 4);
      }
    });
  });

  it("the output check flags an unexplained null or NaN and accepts the explained ones", () => {
    const metrics = (m: Obj) => ({
      inputs: { d0: { value: 10 }, r: { value: 0.5 }, stock1: { value: 5 }, price: { value: null, reason: "no price" } },
      stock: [5, 0],
      metrics: m,
    });
    expect(outputProblems({ a: null }, "")).toEqual([".a: null without a reason"]);
    expect(outputProblems({ a: [1, null] }, "")).toEqual([".a[1]: null in a list"]);
    expect(outputProblems({ note: "x NaN t" }, "")).toEqual(['.note: "x NaN t"']);
    expect(outputProblems({ a: null, reason: "why" }, "")).toEqual([]);
    expect(outputProblems({ a: null, missing: ["a"] }, "")).toEqual([]);
    expect(outputProblems({ a: null, aReason: "not reported" }, "")).toEqual([]);
    // only a reason attached to the null excuses it: a general note, or another key listed as missing, does not
    expect(outputProblems({ a: null, notes: ["something else"] }, "")).toEqual([".a: null without a reason"]);
    expect(outputProblems({ a: null, note: "x" }, "")).toEqual([".a: null without a reason"]);
    expect(outputProblems({ a: null, missing: ["b"] }, "")).toEqual([".a: null without a reason"]);
    expect(outputProblems({ a: null, missing: "a" }, "")).toEqual([".a: null without a reason"]);
    expect(
      outputProblems({ m: [metrics({ totalShortfall: 0, firstShortMonth: null, shortfallValueUsd: null, missing: ["firstShortMonth: never short"] })] }, ""),
    ).toEqual([]);
    // a null metric whose neighbours contradict it is a NaN or a bug, not "never", even with a reason beside it
    expect(
      outputProblems(
        { m: [metrics({ totalShortfall: 3, firstShortMonth: null, stockOutMonth: null, daysOfCover: null, missing: ["firstShortMonth: never short"] })] },
        "",
      ),
    ).toEqual([
      ".m[0].metrics.firstShortMonth: null without a reason",
      ".m[0].metrics.stockOutMonth: null without a reason",
      ".m[0].metrics.daysOfCover: null without a reason",
    ]);
  });

  it("leaves the dataset unchanged", () => {
    expect(hashDataset()).toBe(before);
  });
});
