/** No null without its reason in the plan, frontier and risk JSON: `missing: ["key: why"]`, a `<key>Reason`, or a `reason` beside it. */
import { describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function unexplainedNulls(v: unknown, path = ""): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => (x === null ? [`${path}[${i}]`] : unexplainedNulls(x, `${path}[${i}]`)));
  if (!isObj(v)) return [];
  const missing = Array.isArray(v.missing) ? (v.missing as unknown[]).map(String) : [];
  return Object.entries(v).flatMap(([k, x]) => {
    if (x !== null) return unexplainedNulls(x, `${path}.${k}`);
    const explained = missing.some((m) => m.startsWith(`${k}: `)) || typeof v[`${k}Reason`] === "string" || typeof v.reason === "string";
    return explained ? [] : [`${path}.${k}`];
  });
}

describe("JSON outputs give a reason for every null", () => {
  it("the checker itself flags a bare null and accepts the three explained forms", () => {
    expect(unexplainedNulls({ a: null, b: [null] })).toEqual([".a", ".b[0]"]);
    expect(unexplainedNulls({ a: null, missing: ["a: none"], b: null, bReason: "why", c: { d: null, reason: "x" } })).toEqual([]);
  });

  it("plan --format json (the built-in scenarios): caps, days of cover and the rest", async () => {
    const r = await cli(["plan", "--budget", "1e9", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.minerals.some((m: Obj) => m.cap === null)).toBe(true); // the case is exercised
    expect(unexplainedNulls(j)).toEqual([]);
  });

  it("risk --format json (every mineral, with and without assumptions): ranking rows, each measure's inputs, NIR points", async () => {
    for (const extra of [[], ["--assumptions", "none"], ["--method", "eu-sr", "--stage", "refinery"]]) {
      const r = await cli(["risk", "--format", "json", ...extra]);
      expect(r.code, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout);
      // the cases are exercised: an unranked row, a withheld input, a NIR point with no number
      expect(j.ranking.some((x: Obj) => x.rank === null)).toBe(true);
      expect(j.minerals.some((m: Obj) => ((m.hhi as Obj).inputs as Obj[]).some((i) => i.value === null))).toBe(true);
      expect(j.minerals.some((m: Obj) => (((m.nir as Obj).points as Obj[] | undefined) ?? []).some((p) => p.value === null))).toBe(true);
      expect(unexplainedNulls(j), extra.join(" ")).toEqual([]);
    }
    const j = JSON.parse((await cli(["risk", "--format", "json"])).stdout);
    const mercury = j.ranking.find((x: Obj) => x.id === "mercury");
    expect(mercury.missing).toContain(`nir: ${j.minerals.find((m: Obj) => m.id === "mercury").nir.reason}`);
    const withheld = j.minerals.flatMap((m: Obj) => (m.hhi as Obj).inputs as Obj[]).find((i: Obj) => i.raw === "W");
    expect(withheld.valueReason).toBe('published as "W": withheld by USGS to avoid disclosing company proprietary data');
  });

  it("risk <id> --explain --format json: every measure's inputs (a mineral with many gaps, one with a NIR bound, one assumed)", async () => {
    for (const id of ["boron", "iodine", "rhodium", "copper", "thorium"]) {
      const r = await cli(["risk", id, "--explain", "--format", "json"]);
      expect(r.code, r.stderr).toBe(0);
      expect(unexplainedNulls(JSON.parse(r.stdout)), id).toEqual([]);
    }
  });

  it("frontier --format json: the first budget has no step to take, and says so", async () => {
    const r = await cli(["frontier", "--to", "2e9", "--steps", "3", "--scenarios", "scenarios/antimony-2024.yaml", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.points[0].stepValue).toBeNull();
    expect(unexplainedNulls(j)).toEqual([]);
  });
});
