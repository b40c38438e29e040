import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/index.js";
import { cli } from "../helpers.js";

/*
 * Every output that uses an assumed figure marks it. These cover the outputs that did not:
 * plan JSON (`assumed` beside each mineral), simulate and plan CSV (the note column), and the mineral profile.
 */

const FIXTURE = "test/fixtures/assumptions/fixture.yaml";
const SCENARIO = "coalition-chn-rus-irn";

const json = async (args: string[]) => {
  const r = await cli(args);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

type Mark = { range: [number, number]; at: { file: string; row: number }; method: string };

describe("assumed figures are marked in every output", () => {
  it("plan JSON: a mineral planned on an assumed consumption carries assumed.d0 (range, at) as simulate JSON does; public minerals carry none", async () => {
    const args = ["plan", "--budget", "1e9", "--scenarios", SCENARIO, "--assumptions", FIXTURE];
    const plan = await json([...args, "--format", "json"]);
    const sim = await json(["simulate", SCENARIO, "--assumptions", FIXTURE, "--format", "json"]);
    const w = (plan.minerals as { id: string; assumed?: { d0?: Mark; price?: Mark; r?: Mark } }[]).find((m) => m.id === "tungsten")!;
    const simW = (sim.minerals as { id: string; inputs: { d0: { assumed: Mark } } }[]).find((m) => m.id === "tungsten")!;
    expect(w.assumed?.d0).toEqual(simW.inputs.d0.assumed);
    expect(w.assumed?.d0?.at.file).toBe(FIXTURE);
    expect(w.assumed?.r).toBeUndefined();
    const copper = (plan.minerals as { id: string; assumed?: unknown }[]).find((m) => m.id === "copper");
    if (copper) expect(copper.assumed).toBeUndefined();
  });

  it("simulate --format csv (deterministic and --runs) and plan --format csv carry the full assumed-figure text in the tungsten and lithium note column", async () => {
    for (const args of [
      ["simulate", SCENARIO, "--assumptions", FIXTURE, "--format", "csv"],
      ["simulate", SCENARIO, "--assumptions", FIXTURE, "--runs", "20", "--seed", "1", "--format", "csv"],
      ["plan", "--budget", "1e9", "--minerals", "lithium,tungsten", "--assumptions", FIXTURE, "--format", "csv"],
    ]) {
      const r = await cli(args);
      expect(r.code).toBe(0);
      const t = parseCsv(r.stdout, "out.csv");
      const rows = t.rows.map((x) => x.cells);
      const note = t.header.indexOf("note");
      expect(note).toBeGreaterThanOrEqual(0);
      const row = (id: string) => rows.find((x) => x[0] === id)!;
      expect(row("tungsten")[note]).toMatch(
        /^tungsten: assumed consumption 12,000 t \(2024; range 9,000–15,000; W content\): TEST FIXTURE: a round figure for the tests; judgement: TEST FIXTURE, not a real estimate \[test\/fixtures\/assumptions\/fixture\.yaml:\d+\]$/,
      );
      expect(row("lithium")[note]).toMatch(/^lithium: assumed consumption 3,000 t .*fixture\.yaml:\d+\]$/);
    }
  });

  it("mineral tungsten and lithium: the profile states the assumed consumption simulate and plan use (value, range, method, source, file:line); copper has none", async () => {
    const sim = await json(["simulate", SCENARIO, "--format", "json"]);
    for (const id of ["tungsten", "lithium"]) {
      const d0 = (sim.minerals as { id: string; inputs: { d0: { annual: number; assumed: Mark } } }[]).find((m) => m.id === id)!.inputs.d0;
      const r = await cli(["mineral", id]);
      expect(r.code).toBe(0);
      const text = r.stdout.replace(/\s*\n\s*/g, " ");
      const t = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 2 });
      expect(text).toContain(
        `assumed consumption (used by simulate and plan unless --assumptions none): ${t(d0.annual)} t (range ${t(d0.assumed.range[0])}–${t(d0.assumed.range[1])}`,
      );
      expect(text).toContain(`${d0.assumed.at.file}:${d0.assumed.at.row}`);
      const j = await json(["mineral", id, "--format", "json"]);
      expect(j.assumed[0].mark).toEqual(d0.assumed);
      for (const line of r.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(120);
    }
    expect((await cli(["mineral", "copper"])).stdout).not.toContain("assumed consumption");
  });
});
