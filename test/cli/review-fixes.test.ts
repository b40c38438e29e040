/**
 * A review's findings: frontier headlines and exit codes, one-step frontiers, and the other
 * fixes to the CLI and report layer, each checked on what the command prints.
 */
import { describe, expect, it } from "vitest";
import { findingsReport, frontierReport, importReport, riskRanking } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { cli } from "../helpers.js";

const ANTIMONY = ["--scenarios", "scenarios/antimony-2024.yaml"];
const oneLine = (s: string) => s.replace(/\n {2,}/g, " ");

describe("frontier: infeasible and empty sweeps", () => {
  it("every budget infeasible: INFEASIBLE is the headline with the reason, no figures, exit 4", async () => {
    const r = await cli(["frontier", "--min-days", "100", "--max-days", "10", "--steps", "3", ...ANTIMONY]);
    expect(r.code).toBe(4);
    expect(oneLine(r.stdout).split("\n")[0]).toMatch(/^INFEASIBLE at every budget swept \(3\): antimony: the floor of .* exceeds the cap of/);
    expect(r.stdout).toMatch(/^\s+0\s+infeasible\s+—\s+—\s+—\s+—\s+\[1\]$/m);
    expect(r.stdout).toMatch(/^\[1\] antimony: the floor of/m);
  });

  it("every budget infeasible in JSON and CSV: the headline and each point's reason, exit 4", async () => {
    const j = await cli(["frontier", "--min-days", "100", "--max-days", "10", "--steps", "2", ...ANTIMONY, "--format", "json"]);
    expect(j.code).toBe(4);
    const o = JSON.parse(j.stdout);
    expect(o.headline).toMatch(/^INFEASIBLE at every budget swept \(2\)/);
    expect(o.points[0].reason).toMatch(/^antimony: the floor of/);
    const c = await cli(["frontier", "--min-days", "100", "--max-days", "10", "--steps", "2", ...ANTIMONY, "--format", "csv"]);
    expect(c.code).toBe(4);
    expect(c.stderr).toMatch(/^lodestone: INFEASIBLE at every budget swept/);
  });

  it("some budgets infeasible: each such row carries its reason as a numbered note; exit 0", () => {
    const points = [
      {
        budget: 0,
        status: "infeasible" as const,
        reason: "no room at zero",
        valueAfter: 5e6,
        objective: NaN,
        spent: 0,
        marginalValue: 0,
        stepValue: null,
        stepNet: null,
      },
      { budget: 10e6, status: "optimal" as const, valueAfter: 2e6, objective: 4e6, spent: 3.3e6, marginalValue: 0, stepValue: null, stepNet: null },
    ];
    const r = frontierReport({ points, path: "fast" }, "table");
    expect(r.code).toBe(0);
    expect(r.text.split("\n")[0]).toMatch(/^budget US\$ M/);
    expect(r.text).toMatch(/^\s+0\s+infeasible\s+—.*\[1\]$/m);
    expect(r.text).toMatch(/^\[1\] no room at zero$/m);
    expect(frontierReport({ points, path: "fast" }, "csv").text).toMatch(/,no room at zero\r\n/);
  });

  it("every mineral left out: NO MINERAL PLANNED is the headline", async () => {
    const r = await cli(["frontier", "--minerals", "mercury", "--steps", "2"]);
    expect(r.code).toBe(0);
    expect(oneLine(r.stdout).split("\n")[0]).toMatch(/^NO MINERAL PLANNED: every mineral is left out \(1\): mercury \(no US net import reliance/);
    const j = JSON.parse((await cli(["frontier", "--minerals", "mercury", "--steps", "2", "--format", "json"])).stdout);
    expect(j.allExcluded).toBe(true);
    expect(j.headline).toMatch(/^NO MINERAL PLANNED/);
  });

  it("the usage documents exit code 4", async () => {
    expect((await cli(["frontier", "--help"])).stdout).toMatch(/4 infeasible at every budget/);
  });
});

describe("frontier --steps 1", () => {
  it("refuses a --from and --to one step cannot span, naming --steps; exit 2", async () => {
    const r = await cli(["frontier", "--steps", "1", "--from", "1e9", "--to", "5e9", ...ANTIMONY]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lodestone: --steps: one step cannot span from US\$ 1,000 M to US\$ 5,000 M, expected --steps 2 or more/);
  });

  it("with --to alone plans at --to (not at the default --from 0)", async () => {
    const r = await cli(["frontier", "--steps", "1", "--to", "5e9", ...ANTIMONY, "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).points.map((p: { budgetUsd: number }) => p.budgetUsd)).toEqual([5e9]);
  });

  it("evaluates the one budget when --from equals --to", async () => {
    const r = await cli(["frontier", "--steps", "1", "--from", "1e9", "--to", "1e9", ...ANTIMONY, "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).points.map((p: { budgetUsd: number }) => p.budgetUsd)).toEqual([1e9]);
  });
});

describe("risk: the ranking is a library call; flags that would be ignored are refused", () => {
  it("riskRanking(dataset, options, method, top) gives the rows the command prints", async () => {
    const r = riskRanking(loadDataset(), {}, "hhi", 3);
    expect(r.rows.map((x) => x.rank)).toEqual([1, 2, 3]);
    const cliJson = JSON.parse((await cli(["risk", "--method", "hhi", "--top", "3", "--format", "json"])).stdout);
    expect(cliJson.ranking).toEqual(r.json.ranking);
    // the JSON rows are the printed rows plus the reason for each null (`missing`) and any assumed input
    expect(r.json.ranking.map(({ missing, assumed, ...row }) => row)).toEqual(r.rows);
    expect(r.json.minerals).toHaveLength(3);
  });

  it("risk <id> --explain --top 3: exit 2 naming --top", async () => {
    const r = await cli(["risk", "gallium", "--explain", "--top", "3"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lodestone: --top: /);
    expect(r.stdout).toBe("");
  });

  it("risk <id> --explain --method hhi: exit 2 naming --method", async () => {
    const r = await cli(["risk", "gallium", "--explain", "--method", "hhi"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lodestone: --method: /);
  });

  it("risk JSON names money with its unit and keeps keys camelCase: priceUsdPerTon, totalImportsTons", async () => {
    const j = JSON.parse((await cli(["risk", "--top", "1", "--format", "json"])).stdout);
    const g = j.minerals[0];
    expect(g.id).toBe("gallium");
    expect(g.importance.priceUsdPerTon).toBeGreaterThan(0);
    expect(g.importance).not.toHaveProperty("price");
    expect(g.geopolrisk.totalImportsTons).toBeGreaterThan(0);
    expect(g.geopolrisk).not.toHaveProperty("F");
    expect(g.geopolrisk.chain).toMatchObject({ importsRows: expect.stringMatching(/Imports/) });
    expect(g.matrix.importanceUsdPerYear).toBeCloseTo(g.importance.value, 0);
    const e = JSON.parse((await cli(["risk", "gallium", "--explain", "--format", "json"])).stdout);
    const chain = e.measures.find((m: { measure: string }) => m.measure === "GeoPolRisk").chain;
    expect(Object.keys(chain)).toContain("importsRows");
    expect(Object.keys(chain)).not.toContain("F");
  });
});

describe("findings: a report function, wrapped to 120 columns", () => {
  const long = {
    severity: "warning" as const,
    check: "world-total-mismatch" as const,
    mineral: "testium",
    message: `testium: ${"a long message ".repeat(10)}`,
    source: { file: "usgs-mcs2026/MCS2026_Commodities_Data.csv", row: 1234, column: "Value" },
  };

  it("text: the count line, then each finding wrapped with indented continuation lines", () => {
    const text = findingsReport([long], "table").text;
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe("1 finding(s)");
    expect(lines[1]).toMatch(/^ {2}warning world-total-mismatch: testium: a long message/);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines.slice(2)) expect(l).toMatch(/^ {4}\S/);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(120);
    expect(lines.join(" ").replace(/\s+/g, " ")).toContain("[usgs-mcs2026/MCS2026_Commodities_Data.csv:1234: Value]");
  });

  it("data import: the summary line wraps at 120 columns however long the path, then the findings", () => {
    const dataset = { minerals: [], countries: [], sources: [] };
    const text = importReport({ dataset, path: `/tmp/${"long-folder-name/".repeat(8)}dataset.json`, bytes: 10, findings: [long] }, 5).text;
    const lines = text.trimEnd().split("\n");
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(120);
    expect(lines[0]).toMatch(/^imported 0 minerals, 0 countries from 0 source files in 5 ms →/);
    expect(lines[1]).toMatch(/^ {2}\/tmp\/long-folder-name/);
    expect(text).toMatch(/\nconsistency check: 1 finding\(s\)\n {2}warning world-total-mismatch/);
  });

  it("after an import: a heading, and nothing when there are no findings; CSV: one row per finding", () => {
    expect(findingsReport([long], "table", "consistency check: ").text).toMatch(/^consistency check: 1 finding\(s\)\n/);
    expect(findingsReport([], "table", "consistency check: ").text).toBe("");
    const csv = findingsReport([long], "csv").text.split("\r\n");
    expect(csv[0]).toBe("severity,check,mineral,message,file,row,column");
    expect(csv[1]).toMatch(/^warning,world-total-mismatch,testium,testium: a long/);
  });
});

describe("plan --compare: neutral wording, right both ways", () => {
  const PLAN = ["plan", ...ANTIMONY];

  it("the table's columns and legend say larger and smaller, never cut or lost", async () => {
    for (const [b, c] of [
      ["4e9", "12e9"],
      ["12e9", "4e9"],
    ]) {
      const t = (await cli([...PLAN, "--budget", b, "--compare", c])).stdout;
      expect(t.split("\n")[0]).toMatch(/^id\s+kind\s+larger t\s+smaller t\s+larger US\$ M\s+smaller US\$ M\s+smaller loses US\$ M$/);
      const outsideSummary = t.replace(/^(cutting|raising) the budget.*(\n {2}.*)*$/m, "");
      expect(outsideSummary).not.toMatch(/\bcut\b|\blost\b|\bfull\b/);
      expect(t).toMatch(/^status: larger budget US\$ 12,000 M optimal; smaller budget US\$ 4,000 M optimal$/m);
    }
  });

  it("JSON: budgetSmallerUsd, budgetLargerUsd, valueLostBySmallerUsd and the direction, no cut keys", async () => {
    const up = JSON.parse((await cli([...PLAN, "--budget", "4e9", "--compare", "12e9", "--format", "json"])).stdout);
    expect(up).toMatchObject({ direction: "raise", budgetUsd: 4e9, compareUsd: 12e9, budgetSmallerUsd: 4e9, budgetLargerUsd: 12e9 });
    expect(up.valueLostBySmallerUsd).toBeGreaterThanOrEqual(0);
    expect(up.larger.budgetUsd).toBe(12e9);
    expect(up.smaller.budgetUsd).toBe(4e9);
    const text = JSON.stringify(up);
    expect(text).not.toMatch(/"(valueLostUsd|budgetCutUsd|full|cut|costFullUsd|costCutUsd)"/);
    expect(Object.keys(up.rows[0])).toEqual([
      "id",
      "kind",
      "buyTonsLarger",
      "buyTonsSmaller",
      "costLargerUsd",
      "costSmallerUsd",
      "shortfallLargerTons",
      "shortfallSmallerTons",
      "valueLostBySmallerUsd",
    ]);
    const down = JSON.parse((await cli([...PLAN, "--budget", "12e9", "--compare", "4e9", "--format", "json"])).stdout);
    expect(down.direction).toBe("cut");
    expect(down.valueLostBySmallerUsd).toBe(up.valueLostBySmallerUsd);
  });

  it("an infeasible compare names the budget of each INFEASIBLE line; exit 4", async () => {
    const r = await cli([...PLAN, "--budget", "12e9", "--compare", "4e9", "--min-days", "100", "--max-days", "10"]);
    expect(r.code).toBe(4);
    const lines = oneLine(r.stdout).split("\n");
    expect(lines[0]).toMatch(/^INFEASIBLE at US\$ 12,000 M: antimony: the floor of/);
    expect(lines[1]).toMatch(/^INFEASIBLE at US\$ 4,000 M: antimony: the floor of/);
    const c = await cli([...PLAN, "--budget", "12e9", "--compare", "4e9", "--min-days", "100", "--max-days", "10", "--format", "csv"]);
    expect(c.stderr).toMatch(/^lodestone: INFEASIBLE at US\$ 12,000 M: .*\nINFEASIBLE at US\$ 4,000 M: /);
  });
});

describe("flag errors name the flag as --name", () => {
  const CASES: [string[], string][] = [
    [["frontier", "--from", "5e9", "--to", "1e9"], "--to"],
    [["frontier", "--steps", "0"], "--steps"],
    [["frontier", "--from", "x"], "--from"],
    [["frontier", "--chart", "x.png"], "--chart"],
    [["plan"], "--budget"],
    [["plan", "--budget", "1e9", "--compare", "-1"], "--compare"],
    [["plan", "--budget", "1e9", "--export-lp", "x.txt"], "--export-lp"],
    [["risk", "--top", "0"], "--top"],
    [["risk", "--weights", "x=1"], "--weights"],
    [["minerals", "--sort", "x"], "--sort"],
    [["data", "check", "--format", "x"], "--format"],
  ];
  for (const [args, flag] of CASES)
    it(`lodestone ${args.join(" ")}: exit 2, ${flag}`, async () => {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr.split(": ").slice(0, 2)).toEqual(["lodestone", flag]);
    });
});
