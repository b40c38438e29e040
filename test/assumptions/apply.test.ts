import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileScenario, simulate, simulationAudit } from "../../src/index.js";
import { SHIPPED_ASSUMPTIONS } from "../../src/io/assumptions-file.js";
import { loadDataset } from "../../src/io/dataset.js";
import { loadMarket } from "../../src/io/market-file.js";
import { loadScenario } from "../../src/io/scenario-file.js";
import { cli } from "../helpers.js";

const FIXTURE = "test/fixtures/assumptions/fixture.yaml";
const SCENARIO = "coalition-chn-rus-irn";
const dir = mkdtempSync(join(tmpdir(), "lodestone-assumptions-"));
const EMPTY = join(dir, "empty.yaml");
writeFileSync(EMPTY, "version: 1\nassumptions: []\n");

const json = async (args: string[]) => {
  const r = await cli(args);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};
type M = { id: string; inputs: { d0: { value: number; annual: number; assumed?: Record<string, unknown> }; r: { value: number; assumed?: unknown } } };

describe("assumptions in simulate and plan", () => {
  it("with the fixture, simulate covers tungsten with d0 = 12,000 t / 12 = 1,000 t/month, marked assumed; the public NIR (>50) is kept", async () => {
    const out = await json(["simulate", SCENARIO, "--assumptions", FIXTURE, "--format", "json"]);
    const w = (out.minerals as M[]).find((m) => m.id === "tungsten")!;
    expect(w.inputs.d0.value).toBe(1000);
    expect(w.inputs.d0.annual).toBe(12000);
    expect(w.inputs.d0.assumed).toMatchObject({
      judgement: "TEST FIXTURE, not a real estimate",
      range: [9000, 15000],
      year: 2024,
      at: { file: FIXTURE, row: 4 },
    });
    expect(w.inputs.r.value).toBe(0.5);
    expect(w.inputs.r.assumed).toBeUndefined();
    expect((out.excluded as { id: string }[]).map((x) => x.id)).not.toContain("tungsten");
  });

  it("marks the assumed minerals in the simulate table with *n and a numbered note", async () => {
    const r = await cli(["simulate", SCENARIO, "--assumptions", FIXTURE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^lithium \*1 /m);
    expect(r.stdout).toMatch(/^tungsten \*2 /m);
    expect(r.stdout).toMatch(/^\*2 tungsten: assumed consumption 12,000 t \(2024; range 9,000–15,000; W content\)/m);
  });

  it("with --assumptions none, tungsten and lithium are left out with the reason", async () => {
    const out = await json(["simulate", SCENARIO, "--assumptions", "none", "--format", "json"]);
    const left = (out.excluded as { id: string; reason: string }[]).filter((x) => x.id === "tungsten" || x.id === "lithium");
    expect(left.map((x) => x.reason)).toEqual([
      "no US apparent consumption in the dataset (every year withheld or not available)",
      "no US apparent consumption in the dataset (every year withheld or not available)",
    ]);
    expect(JSON.stringify(out)).not.toContain('"assumed"');
  });

  it("--assumptions none gives the same simulate JSON as an empty file and as the compile without assumptions", async () => {
    const none = await json(["simulate", SCENARIO, "--assumptions", "none", "--format", "json"]);
    const empty = await json(["simulate", SCENARIO, "--assumptions", EMPTY, "--format", "json"]);
    expect(none).toEqual(empty);
    const dataset = loadDataset();
    const c = compileScenario(loadScenario(SCENARIO, dataset), dataset);
    const before = JSON.parse(JSON.stringify(simulationAudit(simulate(c), loadMarket(undefined, dataset))));
    expect(none).toEqual(before);
  });

  it("--assumptions none gives the same plan JSON as an empty file; the fixture adds tungsten with its note", async () => {
    const args = ["plan", "--budget", "1e9", "--scenarios", SCENARIO, "--format", "json"];
    const none = await json([...args, "--assumptions", "none"]);
    expect(none).toEqual(await json([...args, "--assumptions", EMPTY]));
    expect((none.minerals as { id: string }[]).map((m) => m.id)).not.toContain("tungsten");
    const fixed = await json([...args, "--assumptions", FIXTURE]);
    expect((fixed.minerals as { id: string }[]).map((m) => m.id)).toContain("tungsten");
    expect((fixed.notes as string[]).some((n) => n.startsWith("*2 tungsten: assumed consumption 12,000 t"))).toBe(true);
    const table = await cli([...args.slice(0, -2), "--assumptions", FIXTURE]);
    expect(table.stdout).toMatch(/^tungsten \*2 /m);
  });

  it("plan --minerals lithium,tungsten over the built-in scenarios plans both with the fixture, and leaves both out with --assumptions none", async () => {
    const args = ["plan", "--budget", "1e9", "--minerals", "lithium,tungsten", "--format", "json"];
    const filled = await json([...args, "--assumptions", FIXTURE]);
    expect(filled.allExcluded).toBe(false);
    expect((filled.minerals as { id: string }[]).map((m) => m.id).sort()).toEqual(["lithium", "tungsten"]);
    const none = await json([...args, "--assumptions", "none"]);
    expect(none.allExcluded).toBe(true);
  });

  it("without --assumptions, simulate uses the shipped file when it exists, else public data only", async () => {
    const args = ["simulate", SCENARIO, "--format", "json"];
    const explicit = existsSync(SHIPPED_ASSUMPTIONS) ? SHIPPED_ASSUMPTIONS : "none";
    expect(await json(args)).toEqual(await json([...args, "--assumptions", explicit]));
  });

  it("a bad assumptions file stops simulate with file:line: field", async () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(
      bad,
      "version: 1\nassumptions:\n  - mineral: tungsten\n    quantity: consumption\n    value: 1\n    range: [0, 2]\n    unit: USD/t\n    year: 2024\n    method: m\n    judgement: j\n",
    );
    const r = await cli(["simulate", SCENARIO, "--assumptions", bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:7: assumptions[0].unit: USD/t does not fit consumption`);
    expect(r.stdout).toBe("");
  });
});

describe("lodestone assumptions", () => {
  it("check validates a file", async () => {
    const r = await cli(["assumptions", "check", FIXTURE]);
    expect(r).toMatchObject({ code: 0, stdout: `${FIXTURE}: 2 assumptions, valid\n` });
  });

  it("gaps lists tungsten and lithium consumption as gaps, filled by the fixture", async () => {
    const out = await json(["assumptions", "gaps", "--assumptions", FIXTURE, "--format", "json"]);
    const gaps = out.gaps as { mineral: string; quantity: string; filledBy: string | null; why: string; lists: string[]; valueUsd: number | null }[];
    const w = gaps.find((g) => g.mineral === "tungsten" && g.quantity === "consumption")!;
    expect(w.filledBy).toBe(`${FIXTURE}:4`);
    expect(w.why).toBe("published as W in every year");
    expect(gaps.find((g) => g.mineral === "lithium" && g.quantity === "consumption")?.filledBy).toBe(`${FIXTURE}:13`);
    // every gap is a mineral on a critical list, and ranked: list count never rises down the table
    // ranked by the consumption value (no estimate last), then by list membership
    const v = (g: { valueUsd?: number | null }) => g.valueUsd ?? -1;
    for (let i = 1; i < gaps.length; i++) {
      expect(v(gaps[i])).toBeLessThanOrEqual(v(gaps[i - 1]));
      if (v(gaps[i]) === v(gaps[i - 1])) expect(gaps[i].lists.length).toBeLessThanOrEqual(gaps[i - 1].lists.length);
    }
    const none = await json(["assumptions", "gaps", "--assumptions", "none", "--format", "json"]);
    expect((none.gaps as { filledBy: string | null }[]).every((g) => g.filledBy === null)).toBe(true);
  });
});
