import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  compileScenario,
  consumptionBaseline,
  isLodestoneError,
  type LodestoneError,
  latestSalient,
  type Mineral,
  mineralInputs,
  parseBaseline,
  parseCsv,
  parseScenario,
} from "../../src/index.js";
import { decodeCp1252 } from "../../src/io/cp1252.js";
import { loadDataset } from "../../src/io/dataset.js";
import { cli, SOURCES_DIR } from "../helpers.js";

const d = loadDataset();
const mineral = (id: string): Mineral => d.minerals.find((m) => m.id === id)!;

// The raw MCS 2026 cells, read straight from the vendored file (not from the dataset)
const MCS26 = "usgs-mcs2026/MCS2026_Commodities_Data.csv";
const table = parseCsv(decodeCp1252(readFileSync(join(SOURCES_DIR, MCS26))), MCS26);
const col = (name: string) => table.header.indexOf(name);
function cell(chapter: string, detail: string, year: number): { value: number; estimated: boolean } {
  const row = table.rows.find(
    (r) => r.cells[col("MCS chapter")] === chapter && r.cells[col("Statistics_detail")] === detail && r.cells[col("Year")] === String(year),
  );
  if (!row) throw new Error(`no cell ${chapter} ${detail} ${year}`);
  return { value: Number(row.cells[col("Value")].replace(/,/g, "")), estimated: row.cells[col("Notes")].startsWith("Estimated.") };
}

describe("parseBaseline", () => {
  it("reads latest, a four-digit year and mean:N (N 1..10), in any case", () => {
    expect(parseBaseline("latest")).toEqual({ kind: "latest" });
    expect(parseBaseline("2024")).toEqual({ kind: "year", year: 2024 });
    expect(parseBaseline(2023)).toEqual({ kind: "year", year: 2023 });
    expect(parseBaseline("Mean:3")).toEqual({ kind: "mean", years: 3 });
    for (const bad of ["mean:0", "mean:11", "mean:x", "mean", "last", "24", ""]) expect(parseBaseline(bad), bad).toBeUndefined();
  });
});

describe("consumption baseline", () => {
  const RE = ["RARE EARTHS", "Consumption, apparent, compounds and metals"] as const;

  it("mean:3 of rare earths is the mean of the 2022–2024 cells, leaving out the 2025 estimate (27,000 t)", () => {
    // raw cells: 2022 10,200; 2023 8,600; 2024 9,010 (reported); 2025 27,000 ("Estimated.")
    const cells = [2022, 2023, 2024, 2025].map((y) => cell(...RE, y));
    expect(cells.map((c) => c.value)).toEqual([10200, 8600, 9010, 27000]);
    expect(cells.map((c) => c.estimated)).toEqual([false, false, false, true]);
    const b = consumptionBaseline(mineral("rare-earths"), { kind: "mean", years: 3 }).result!;
    // (10,200 + 8,600 + 9,010) / 3 = 27,810 / 3 = 9,270 t
    expect(b.annual).toBeCloseTo(9270, 9);
    expect(b.used.map((y) => [y.year, y.estimated])).toEqual([
      [2024, false],
      [2023, false],
      [2022, false],
    ]);
    expect(b.label).toBe("mean of 2022, 2023, 2024");
    expect(b.note).toMatch(/2025e \(27,000\) left out as an estimate/);
  });

  it("mean:3 of antimony is (24,500 + 20,700 + 28,600) / 3 = 24,600 t, not the 45,000 t estimate", () => {
    const raw = [2022, 2023, 2024].map((y) => cell("ANTIMONY", "Consumption, apparent", y).value);
    expect(raw).toEqual([24500, 20700, 28600]);
    expect(cell("ANTIMONY", "Consumption, apparent", 2025)).toEqual({ value: 45000, estimated: true });
    expect(consumptionBaseline(mineral("antimony"), { kind: "mean", years: 3 }).result!.annual).toBeCloseTo(24600, 9);
  });

  it("where USGS estimates every year (arsenic), mean:3 takes the 3 latest estimates and marks them", () => {
    // 2023 6,430e; 2024 9,610e; 2025 6,300e → 22,340 / 3 = 7,446.67 t
    const b = consumptionBaseline(mineral("arsenic"), { kind: "mean", years: 3 }).result!;
    expect(b.annual).toBeCloseTo(22340 / 3, 9);
    expect(b.label).toBe("mean of 2023e, 2024e, 2025e");
    expect(b.note).toMatch(/fewer than 3 reported years: estimates used \(marked e\)/);
  });

  it("mean:3 skips estimated recent years while 3 reported ones remain (manganese: 2021–2023, in thousand t)", () => {
    // 2021 717, 2022 804, 2023 653 reported; 2024 670e, 2025 640e → 2,174 / 3 kt
    const b = consumptionBaseline(mineral("manganese"), { kind: "mean", years: 3 }).result!;
    expect(b.annual).toBeCloseTo((2174 / 3) * 1000, 6);
    expect(b.label).toBe("mean of 2021, 2022, 2023");
  });

  it("a year takes that year's cell; a year after the data takes the latest before it, and says so", () => {
    expect(consumptionBaseline(mineral("rare-earths"), { kind: "year", year: 2023 }).result!.annual).toBe(8600);
    const late = consumptionBaseline(mineral("rare-earths"), { kind: "year", year: 2030 }).result!;
    expect(late.annual).toBe(27000);
    expect(late.note).toBe("no figure for 2030; 2025 used");
    expect(consumptionBaseline(mineral("rare-earths"), { kind: "year", year: 1990 }).reason).toMatch(/no usable US consumption in or before 1990/);
  });

  it("nickel's d0 is total apparent consumption, the quantity its net import reliance is a share of", () => {
    const b = consumptionBaseline(mineral("nickel"), { kind: "latest" }).result!;
    expect(b.figure.detail).toBe("Consumption: Apparent, total");
    expect(b.annual).toBe(220000);
    expect(latestSalient(mineral("nickel"), "net-import-reliance").figure!.detail).toMatch(/total apparent consumption/);
  });

  it("latest is the latest usable year, as before the baseline existed: mineralInputs d0 = latestSalient consumption / 12", () => {
    for (const m of d.minerals) {
      const x = mineralInputs(m, { kind: "latest" });
      if (!x.inputs) continue;
      const f = latestSalient(m, "consumption").figure!;
      expect(x.inputs.d0.annual, m.id).toBe(f.normalized);
      expect(x.inputs.d0.value, m.id).toBe((f.normalized as number) / 12);
      expect(x.inputs.d0.source, m.id).toEqual(f.source);
    }
  });
});

describe("--baseline on simulate and plan", () => {
  const d0Of = async (args: string[]) => {
    // public data only: with the shipped assumptions "rare-earths" is the total less NdPr and dysprosium (below)
    const r = await cli(["simulate", "rare-earths-2025", "--format", "json", "--assumptions", "none", ...args]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    return j.minerals.find((m: { id: string }) => m.id === "rare-earths").inputs.d0;
  };

  it("--baseline latest reproduces the 2025 figure: 27,000 t / 12 = 2,250 t a month", async () => {
    const d0 = await d0Of(["--baseline", "latest"]);
    expect(d0.value).toBe(2250);
    expect(d0.year).toBe(2025);
    expect(d0.raw).toBe("27,000");
    expect(d0.baseline).toMatchObject({ rule: "latest", label: "2025e" });
  });

  it("the default is mean:3, and JSON inputs.d0 states it with each year it took: 9,270 / 12 = 772.5 t a month", async () => {
    const d0 = await d0Of([]);
    expect(d0.value).toBeCloseTo(772.5, 9);
    expect(d0.baseline.rule).toBe("mean:3");
    expect(d0.baseline.years.map((y: { year: number; estimated: boolean }) => `${y.year}${y.estimated ? "e" : ""}`)).toEqual(["2024", "2023", "2022"]);
    expect(d0.raw).toBe("9,010 (2024), 8,600 (2023), 10,200 (2022)");
  });

  it("with the shipped assumptions, rare-earths is the total less NdPr and dysprosium: 9,270 − 1,607 − 63 = 7,600 t/yr, priced at mischmetal", async () => {
    const r = await cli(["simulate", "rare-earths-2025", "--format", "json"]);
    const j = JSON.parse(r.stdout);
    const re = j.minerals.find((m: { id: string }) => m.id === "rare-earths").inputs;
    expect(re.d0.annual).toBeCloseTo(9270 - 1607 - 63, 9);
    expect(re.d0.note).toMatch(/total 9,270 t less ndpr 1,607 t, dysprosium 63 t .* = 7,600 t\/yr/);
    expect(re.price.detail).toMatch(/Mischmetal/);
    expect(re.price.note).toMatch(/^judgement call: the rare earths left once NdPr, dysprosium and terbium are modelled/);
  });

  it("the simulate table's head line names the baseline and who chose it", async () => {
    const r = await cli(["simulate", "rare-earths-2025", "--baseline", "2024"]);
    // the head line wraps at the table width: read its first lines as one
    expect(r.stdout.split("\n").slice(0, 2).join(" ").replace(/\s+/g, " ")).toMatch(/deterministic run, .*d0 baseline: 2024 \(flag\)/);
  });

  it("a bad --baseline is refused with what is expected (exit 2)", async () => {
    const r = await cli(["simulate", "rare-earths-2025", "--baseline", "mean:0"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--baseline: "mean:0" is not a baseline, expected latest, a year such as 2024, or mean:N/);
  });

  it("plan notes state the baseline and each mineral's d0 years", async () => {
    const r = await cli([
      "plan",
      "--budget",
      "1e9",
      "--scenarios",
      "scenarios/rare-earths-2025.yaml",
      "--baseline",
      "latest",
      "--format",
      "json",
      "--assumptions",
      "none",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const notes: string[] = JSON.parse(r.stdout).notes;
    expect(notes).toContain("d0 baseline latest (flag): latest year of US apparent consumption (estimate or not)");
    expect(notes.find((n) => n.startsWith("d0 years:"))).toMatch(/^d0 years: 2025e[,( ]/);
    const def = await cli(["plan", "--budget", "1e9", "--scenarios", "scenarios/rare-earths-2025.yaml", "--format", "json", "--assumptions", "none"]);
    expect(JSON.parse(def.stdout).notes.find((n: string) => n.startsWith("d0 years:"))).toMatch(/^d0 years: mean of 2022, 2023, 2024[,( ]/);
  });
});

describe("baseline: in a scenario file", () => {
  const text = (b: string) =>
    `name: t\nhorizon_months: 3\nbaseline: ${b}\nevents:\n  - type: export_restriction\n    countries: [CHN]\n    minerals: [antimony]\n    severity: 1\n`;

  it("is used when no flag is given, and the flag overrides it", () => {
    const s = parseScenario(text("latest"), "t.yaml", d);
    const byFile = compileScenario(s, d);
    expect(byFile.baseline).toMatchObject({ rule: "latest", from: "scenario" });
    expect(byFile.minerals[0].inputs.d0.annual).toBe(45000);
    const byFlag = compileScenario(s, d, { baseline: { kind: "year", year: 2023 } });
    expect(byFlag.baseline).toMatchObject({ rule: "2023", from: "flag" });
    expect(byFlag.minerals[0].inputs.d0.annual).toBe(20700);
  });

  it("a bad value is refused at file:line: baseline", () => {
    let err: unknown;
    try {
      parseScenario(text("mean:0"), "t.yaml", d);
    } catch (e) {
      err = e;
    }
    expect(isLodestoneError(err)).toBe(true);
    expect((err as LodestoneError).issues[0]).toMatchObject({ file: "t.yaml", line: 3, field: "baseline" });
  });
});

describe("the mineral profile shows the consumption series beside the baseline", () => {
  it("rare earths: each year (2025 marked e), the years the default takes, and both baselines", async () => {
    const r = await cli(["mineral", "rare-earths"]);
    expect(r.code).toBe(0);
    const flat = r.stdout.replace(/\s+/g, " ");
    expect(flat).toMatch(
      /mean:3 \(default\): 9,270 t\/yr = mean of 2022, 2023, 2024 \[latest 2025e \(27,000\) left out as an estimate\]; latest: 27,000 t\/yr = 2025e/,
    );
    const section = r.stdout.split("US consumption, the series d0 is taken from")[1];
    expect(section).toMatch(/2024\s+9,010\s+9,010\s+reported\s+yes/);
    expect(section).toMatch(/2025\s+27,000 e\s+27,000\s+estimated\s+\[/);
  });
});
