import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli as run } from "../helpers.js";

const cli = async (...args: string[]) => {
  const r = await run(args);
  return { ...r, status: r.code };
};
const dir = mkdtempSync(join(tmpdir(), "lodestone-sim-"));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("lodestone simulate / scenarios (e2e)", () => {
  it("lists the built-in scenarios with what each cites", async () => {
    const r = await cli("scenarios");
    expect(r.status).toBe(0);
    for (const id of [
      "gallium-germanium-2023",
      "graphite-2023",
      "antimony-2024",
      "rare-earths-2025",
      "coalition-chn-rus-irn",
      "defence-mobilisation",
      "japan-deep-sea-rare-earths",
    ])
      expect(r.stdout).toContain(id);
    expect(r.stdout).toMatch(/cites: USGS MCS2026 T4 Country_Export_Control/);
    const j = JSON.parse((await cli("scenarios", "--format", "json")).stdout) as { id: string; cites: string[] }[];
    expect(j.length).toBeGreaterThanOrEqual(7);
  });

  it("writes a JSON audit record with inputs, sources and monthly arrays", async () => {
    const r = await cli("simulate", "antimony-2024", "--format", "json");
    expect(r.status).toBe(0);
    const a = JSON.parse(r.stdout);
    const m = a.minerals[0];
    expect(m.id).toBe("antimony");
    for (const k of ["d0", "r", "exposure", "price", "stock1", "sectors"]) expect(m.inputs[k]).toBeDefined();
    expect(m.inputs.d0.source.file).toMatch(/usgs/);
    expect(Object.keys(m.inputs.exposure.shares)).toContain("CHN");
    for (const k of ["demand", "supply", "release", "shortfall", "stock"]) expect(m[k]).toHaveLength(36);
    // recompute month 1 from the inputs
    const supply = m.inputs.d0.value * (1 - m.inputs.r.value) + m.inputs.d0.value * m.inputs.r.value * (1 - m.disrupted[0]);
    expect(m.supply[0]).toBeCloseTo(supply, 6);
    expect(m.shortfall[0]).toBeCloseTo(Math.max(0, m.demand[0] - m.supply[0]), 6);
  });

  it("prints a table and a CSV (per mineral, or per month with --monthly)", async () => {
    const t = await cli("simulate", "graphite-2023");
    expect(t.status).toBe(0);
    expect(t.stdout).toMatch(/graphite/);
    const c = await cli("simulate", "graphite-2023", "--format", "csv", "--monthly");
    expect(c.stdout.split("\r\n")[0]).toBe("mineral,month,demand,supply,imports,new_supply,release,shortfall,stock");
    expect(c.stdout.trim().split("\r\n")).toHaveLength(37);
  });

  it("Monte Carlo output is the same for 1 and 2 workers and the same seed", async () => {
    const a = await cli("simulate", "rare-earths-2025", "--runs", "400", "--seed", "5", "--workers", "1", "--format", "json");
    const b = await cli("simulate", "rare-earths-2025", "--runs", "400", "--seed", "5", "--workers", "2", "--format", "json");
    expect(a.status).toBe(0);
    expect(a.stderr).toBe(""); // no progress bar in JSON mode
    expect(b.stdout).toBe(a.stdout);
    const j = JSON.parse(a.stdout);
    expect(j.runs).toBe(400);
    expect(j.minerals[0].shortfall.p50).toHaveLength(36);
  });

  const bad: [string, string, RegExp][] = [
    ["malformed YAML", "name: t\nhorizon_months: 3\nevents: [\n", /bad\.yaml:\d+: malformed YAML/],
    [
      "wrong field type",
      "name: t\nhorizon_months: 3\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [gallium], severity: high }\n",
      /bad\.yaml:4: events\[0\]\.severity: wrong type/,
    ],
    [
      "unknown mineral",
      "name: t\nhorizon_months: 3\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [galium], severity: 1 }\n",
      /unknown mineral "galium".*did you mean: gallium/,
    ],
    [
      "unknown country",
      "name: t\nhorizon_months: 3\nevents:\n  - { type: export_restriction, countries: [CHNA], minerals: [gallium], severity: 1 }\n",
      /unknown country code "CHNA".*did you mean: CHN/,
    ],
    [
      "negative severity",
      "name: t\nhorizon_months: 3\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [gallium], severity: -1 }\n",
      /severity: -1 is out of range, expected a share of supply withheld between 0 and 1/,
    ],
    [
      "severity above 1",
      "name: t\nhorizon_months: 3\nevents:\n  - { type: export_restriction, countries: [CHN], minerals: [gallium], severity: 1.01 }\n",
      /severity: 1.01 is out of range/,
    ],
    ["too large horizon", "name: t\nhorizon_months: 100000\nevents: []\n", /bad\.yaml:2: horizon_months: 100000 months is too long/],
  ];
  for (const [what, text, message] of bad) {
    it(`exits 2 on ${what}`, async () => {
      const r = await cli("simulate", file("bad.yaml", text));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe("");
    });
  }

  it("lists every problem of a file at once, an unknown field included, then exits 2", async () => {
    const text =
      "name: t\nhorizon_months: 12\ncolour: red\nstock: { gallium: -5 }\nevents:\n  - type: export_restriction\n    countries: [CHN, XXX]\n    minerals: [galium]\n    severity: 1.5\n    start_month: 0\n    duration_months: { triangular: [12, 6, 24] }\n  - { type: demand_surge, minerals: all, factor: -1 }\n";
    const r = await cli("simulate", file("many.yaml", text));
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(8);
    for (const [i, want] of [
      /many\.yaml:3: colour: unknown field/,
      /many\.yaml:4: stock\.gallium: -5 is out of range, expected tons/,
      /:7: events\[0\]\.countries\[1\]: unknown country code "XXX"/,
      /:8: events\[0\]\.minerals\[0\]: unknown mineral "galium".*did you mean: gallium/,
      /:9: events\[0\]\.severity: 1\.5 is out of range/,
      /:10: events\[0\]\.start_month: 0 is out of range/,
      /:11: events\[0\]\.duration_months: triangular \[12, 6, 24\] is not ordered/,
      /:12: events\[1\]\.factor: -1 is out of range/,
    ].entries()) {
      expect(lines[i]).toMatch(want);
    }
  });

  it("events: [] says no minerals are affected and exits 0 (table, CSV, JSON)", async () => {
    const f = file("empty.yaml", "name: nothing\nhorizon_months: 6\nevents: []\n");
    const t = await cli("simulate", f);
    expect(t.status).toBe(0);
    expect(t.stdout).toMatch(/no minerals affected/);
    expect(t.stdout).not.toMatch(/^mineral/m);
    const c = await cli("simulate", f, "--format", "csv");
    expect(c.status).toBe(0);
    expect(c.stdout.trim().split("\r\n")).toHaveLength(1);
    expect(c.stderr).toMatch(/no minerals affected/);
    const j = await cli("simulate", f, "--format", "json");
    expect(JSON.parse(j.stdout).notes.join("\n")).toMatch(/no minerals affected/);
    expect((await cli("simulate", f, "--runs", "10")).stdout).toMatch(/no minerals affected/);
  });

  it("coalition: germanium is not shown as a 0 shortfall, and an unknown shortfall is null, never 0", async () => {
    const j = JSON.parse((await cli("simulate", "coalition-chn-rus-irn", "--format", "json")).stdout);
    const ge = j.minerals.find((m: { id: string }) => m.id === "germanium");
    const gx = j.excluded.find((m: { id: string }) => m.id === "germanium");
    if (ge) expect(ge.metrics.totalShortfall).toBeGreaterThan(0);
    else expect(gx.shortfall).toBeNull();
    for (const x of j.excluded) if ("shortfall" in x) expect(x.shortfall).toBeNull();
    const t = (await cli("simulate", "coalition-chn-rus-irn")).stdout.replace(/\n {2,}/g, " "); // notes wrap at 120 columns
    expect(t).toMatch(/note: germanium: exposure: world has no country shares.*US import shares/);
    expect(t).toMatch(/note: antimony: .*World total below the sum of countries: shares of the sum/);
    expect(t).toMatch(/note: mica: restricted country CHN \(NA\).*lower bound/);
  });

  it("exits 2 on too many runs, an unknown scenario and a bad flag", async () => {
    const runs = await cli("simulate", "antimony-2024", "--runs", "1000000000");
    expect(runs.status).toBe(2);
    expect(runs.stderr).toMatch(/runs.*too many/);
    const missing = await cli("simulate", "antimony-2042");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/did you mean: antimony-2024/);
    expect((await cli("simulate", "antimony-2024", "--format", "xml")).status).toBe(2);
    expect((await cli("simulate", "antimony-2024", "--seed", "3")).status).toBe(2);
  });
});
