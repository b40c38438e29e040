import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { loadDataset } from "../../src/io/dataset.js";
import { cli } from "../helpers.js";

const d = loadDataset();

describe("lodestone minerals", () => {
  it("lists one row per mineral in JSON, each with its sources", async () => {
    const r = await cli(["minerals", "--format", "json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; lead?: { top?: { source: { file: string } } }; missing: string[] }[];
    expect(rows.map((x) => x.id)).toEqual(d.minerals.map((m) => m.id).sort());
    const gallium = rows.find((x) => x.id === "gallium")!;
    expect(gallium.lead?.top?.source.file).toBe("usgs-mcs2026/MCS2026_Commodities_Data.csv");
    // germanium production is withheld everywhere: said, not zero
    expect(rows.find((x) => x.id === "germanium")!.missing.join(" ")).toMatch(/world production/);
  });

  it("sorts by HHI descending with missing values last, and prints cobalt's hand-worked HHI, 5,554", async () => {
    const r = await cli(["minerals", "--sort", "hhi", "--format", "csv"]);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    const hhi = rows.map((x) => (x.HHI === "" ? null : Number(x.HHI)));
    const present = hhi.filter((x): x is number => x !== null);
    expect(present).toEqual([...present].sort((a, b) => b - a));
    expect(hhi.slice(present.length).every((x) => x === null)).toBe(true);
    // cobalt, 2025 mine (USGS MCS 2026 rows 1864–1877): shares of the 314,600 t sum of the rows
    // (above the rounded World total of 310,000 t); HHI = 5,496,967 / 3,146² = 0.5554 → 5,554
    // (worked out in full in test/report/catalogue.test.ts)
    const cobalt = rows.find((x) => x.id === "cobalt")!;
    expect(cobalt.HHI).toBe("5554");
    expect(cobalt.stage).toBe("mine");
  });

  it("filters by list", async () => {
    const r = await cli(["minerals", "--list", "eu-2023", "--format", "json"]);
    const ids = (JSON.parse(r.stdout) as { id: string }[]).map((x) => x.id);
    expect(ids).toContain("gallium");
    expect(ids).not.toContain("gold");
  });

  it("rejects an unknown list, sort or format with exit 2 and the valid values", async () => {
    for (const [flag, value, valid] of [
      ["--list", "usgs-1999", "usgs-2022 | usgs-2025 | eu-2023"],
      ["--sort", "colour", "id | name"],
      ["--format", "xml", "table | json | csv"],
    ]) {
      const r = await cli(["minerals", flag, value]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${flag}: invalid value "${value}", expected ${valid}`);
    }
  });
});

describe("lodestone mineral <id>", () => {
  it("prints the profile with a source for every figure", async () => {
    const r = await cli(["mineral", "cobalt"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Cobalt (cobalt)");
    // the source is a numbered note below the section: follow the row's [n] to it
    const row = /^mine\s+Cobalt\s+2025\s+COD\s+230,000\s+metric tons.*\[(\d+)\]$/m.exec(r.stdout)!;
    const note = r.stdout
      .slice(row.index)
      .split("\n")
      .find((l) => l.startsWith(`[${row[1]}] `));
    expect(note).toBe(`[${row[1]}] usgs-mcs2026/MCS2026_Commodities_Data.csv:1868:Value`);
  });

  it("every line of every mineral's profile fits 120 columns (sources and long details numbered below each table)", async () => {
    const ids = (JSON.parse((await cli(["minerals", "--format", "json"])).stdout) as { id: string }[]).map((x) => x.id);
    const long: string[] = [];
    for (const id of ids) for (const line of (await cli(["mineral", id])).stdout.split("\n")) if ([...line].length > 120) long.push(`${id}: ${line}`);
    expect(long).toEqual([]);
  });

  it("returns the mineral with its provenance as JSON", async () => {
    const p = JSON.parse((await cli(["mineral", "gallium", "--format", "json"])).stdout);
    expect(p.mineral.id).toBe("gallium");
    for (const f of p.mineral.production) expect(f.source).toMatchObject({ file: expect.any(String), row: expect.any(Number), column: expect.any(String) });
  });

  it("answers an unknown id with the closest ids and exit code 2", async () => {
    const r = await cli(["mineral", "galium"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown mineral "galium".*did you mean: gallium/);
  });

  it("answers an unknown command with exit 2", async () => {
    expect((await cli(["fly"])).code).toBe(2);
  });
});
