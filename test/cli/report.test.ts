/**
 * What every command prints, checked across commands: table lines fit 120 columns, JSON keys are
 * camelCase, and the plan's headlines and exit codes (infeasible, every mineral left out, --compare
 * in either direction).
 */
import { describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

const COAL = "coalition-chn-rus-irn";
const HELPS = ["data", "scenarios", "simulate", "minerals", "mineral", "risk", "plan", "frontier", "reserve", "serve", "assumptions", "briefing"];
const TABLES: string[][] = [
  ["minerals"],
  ["risk"],
  ["risk", "gallium"],
  ["risk", "gallium", "--explain"],
  ["scenarios"],
  ["simulate", COAL],
  ["simulate", COAL, "--monthly"],
  ["simulate", COAL, "--runs", "20", "--workers", "0"],
  ["simulate", COAL, "--runs", "20", "--workers", "0", "--monthly"],
  ["plan", "--budget", "12e9", "--projects", "projects/us-candidates.yaml"],
  ["plan", "--budget", "12e9", "--compare", "4e9"],
  ["plan", "--budget", "4e9", "--compare", "12e9"],
  ["plan", "--budget", "1e9", "--min-days", "100", "--max-days", "10"],
  ["plan", "--budget", "12e9", "--vary", "tungsten.consumption=low,central,high,20000"],
  ["plan", "--budget", "12e9", "--vary", "premium=0,0.2,0.5,1"],
  ["frontier", "--to", "12e9", "--steps", "3"],
  ["frontier", "--min-days", "100", "--max-days", "10", "--steps", "2"],
  ["plan", "--budget", "12e9", "--runs", "0", "--years", "3"],
  ["data", "check"],
  ["assumptions", "gaps"],
  ["assumptions", "check", "assumptions/public-estimates.yaml"],
  ["--help"],
  ...HELPS.map((c) => [c, "--help"]),
];

describe("table output fits 120 columns", () => {
  for (const args of TABLES) {
    it(`lodestone ${args.join(" ")}: no line longer than 120 characters`, async () => {
      const r = await cli(args);
      expect([0, 4]).toContain(r.code);
      const long = r.stdout.split("\n").filter((line) => [...line].length > 120);
      expect(long).toEqual([]);
    });
  }
});

describe("--help keeps its column layout when it wraps", () => {
  for (const c of HELPS)
    it(`lodestone ${c} --help: no continuation line holds a single word`, async () => {
      const r = await cli([c, "--help"]);
      expect(r.code).toBe(0);
      // an indented line that is not an option ("  --flag") and holds one word is a fragment left by wrapping
      const stray = r.stdout.split("\n").filter((line) => /^\s+[^\s-]\S*$/.test(line));
      expect(stray).toEqual([]);
    });

  it("a continuation line stays at its option's description column", async () => {
    const r = await cli(["plan", "--help"]);
    const lines = r.stdout.split("\n");
    const i = lines.findIndex((l) => l.startsWith("  --orders-to"));
    const column = lines.findIndex((l) => l.startsWith("  --budget"));
    const at = /^( +--budget USD +)/.exec(lines[column])![1].length;
    for (const l of lines.slice(i + 1, i + 5)) expect(/^ */.exec(l)![0].length).toBe(at);
    expect(lines.find((l) => l.startsWith("  --scenarios"))).toBeDefined();
    expect(lines[lines.findIndex((l) => l.startsWith("  --scenarios")) + 1]).toMatch(new RegExp(`^ {${at}}\\S`));
  });
});

describe("JSON keys are camelCase in every command", () => {
  const JSON_RUNS: string[][] = [
    ["minerals", "--format", "json"],
    ["risk", "--top", "3", "--format", "json"],
    ["risk", "gallium", "--explain", "--format", "json"],
    ["risk", "gallium", "--format", "json"],
    ["risk", "--method", "geopolrisk", "--format", "json"],
    ["scenarios", "--format", "json"],
    ["simulate", "antimony-2024", "--format", "json"],
    ["simulate", "rare-earths-2025", "--runs", "20", "--workers", "0", "--format", "json"],
    ["plan", "--budget", "1e9", "--scenarios", "scenarios/antimony-2024.yaml", "--format", "json"],
    ["plan", "--budget", "1e9", "--compare", "2e9", "--scenarios", "scenarios/antimony-2024.yaml", "--format", "json"],
    ["plan", "--budget", "3e8", "--vary", "premium=0,0.5", "--scenarios", "scenarios/antimony-2024.yaml", "--format", "json"],
    ["frontier", "--to", "1e9", "--steps", "2", "--scenarios", "scenarios/antimony-2024.yaml", "--format", "json"],
  ];
  for (const args of JSON_RUNS) {
    it(`lodestone ${args.join(" ")}`, async () => {
      const r = await cli(args);
      expect(r.code, r.stderr).toBe(0);
      const keys = new Set<string>();
      const numberKeys = new Set<string>();
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === "object")
          for (const [k, x] of Object.entries(v)) {
            keys.add(k);
            if (typeof x === "number") numberKeys.add(k);
            walk(x);
          }
      };
      walk(JSON.parse(r.stdout));
      // snake_case keys are gone; keys that are country codes (CHN) or scenario params are data, not names
      expect([...keys].filter((k) => /_/.test(k))).toEqual([]);
      // names start lower case (GeoPolRisk's F was one); a money figure's key names its unit (a bare number
      // under `price` did not; a figure object that carries its own `unit` is fine)
      expect([...keys].filter((k) => /^[A-Z]/.test(k) && !/^[A-Z]{3}$/.test(k))).toEqual([]);
      expect([...numberKeys].filter((k) => /^(price|cost|capex|spent|budget|dollars|importance)$/i.test(k))).toEqual([]);
    });
  }
});

describe("plan headlines and exit codes", () => {
  const INFEASIBLE = ["plan", "--budget", "1e9", "--min-days", "100", "--max-days", "10", "--scenarios", "scenarios/antimony-2024.yaml"];

  it("an infeasible plan: INFEASIBLE is the first line, no table of zeros, exit 4", async () => {
    const r = await cli(INFEASIBLE);
    expect(r.code).toBe(4);
    expect(r.stdout.split("\n")[0]).toMatch(/^INFEASIBLE: antimony: the floor of .* exceeds the cap of/);
    expect(r.stdout).not.toMatch(/^mineral\s+bought/m);
  });

  it("an infeasible plan in JSON leads with status infeasible; in CSV the reason goes to stderr over an empty table; exit 4", async () => {
    const j = await cli([...INFEASIBLE, "--format", "json"]);
    expect(j.code).toBe(4);
    expect(Object.entries(JSON.parse(j.stdout))[0]).toEqual(["status", "infeasible"]);
    const c = await cli([...INFEASIBLE, "--format", "csv"]);
    expect(c.code).toBe(4);
    expect(c.stdout.trim().split("\r\n")).toHaveLength(1);
    expect(c.stderr).toMatch(/^lodestone: INFEASIBLE: antimony: /);
  });

  it("the usage documents exit code 4", async () => {
    expect((await cli(["plan", "--help"])).stdout).toMatch(/4 infeasible/);
  });

  it("every mineral left out of the plan: that is the headline", async () => {
    const r = await cli(["plan", "--budget", "1e9", "--minerals", "barite,boron"]);
    expect(r.code).toBe(0);
    // the headline comes first; it wraps at 120 columns, so read its paragraph as one line
    const headline = r.stdout.split("\n\n")[0].replace(/\n\s+/g, " ");
    expect(headline).toMatch(/^NO MINERAL PLANNED: every mineral is left out \(2\): barite \(no US apparent consumption.+\); boron \(/);
  });

  it("--compare above --budget says raising removes shortfall, with a positive amount; below it says cutting adds", async () => {
    // US$ 500 M binds (the plan would spend about US$ 1.2 bn)
    const up = (await cli(["plan", "--budget", "5e8", "--compare", "12e9"])).stdout.replace(/\n {2,}/g, " ");
    expect(up).toMatch(/raising the budget from US\$ 500 M to US\$ 12,000 M removes US\$ \d[\d,]*\.\d M of expected loss/);
    expect(up).not.toMatch(/US\$ -/);
    const down = (await cli(["plan", "--budget", "12e9", "--compare", "5e8"])).stdout.replace(/\n {2,}/g, " ");
    const amount = (s: string) => /US\$ ([\d,.]+) M of expected/.exec(s)![1];
    expect(down).toMatch(/cutting the budget from US\$ 12,000 M to US\$ 500 M adds US\$/);
    expect(amount(up)).toBe(amount(down));
  });

  it("--compare between two budgets that do not bind says the cut changes nothing, and why", async () => {
    const r = (await cli(["plan", "--budget", "12e9", "--compare", "4e9"])).stdout.replace(/\n {2,}/g, " ");
    expect(r).toMatch(/cutting the budget from US\$ 12,000 M to US\$ 4,000 M changes nothing: both plans spend US\$ [\d,.]+ M, below either budget/);
  });
});
