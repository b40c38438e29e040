import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

/*
 * A baseline year outside the years of US consumption in the data (2020–2025) is refused, whether after
 * the last (2030: every mineral would silently fall back to 2025) or before the first (2019: every
 * mineral would be left out), naming --baseline (or the scenario's baseline:) and the years available.
 * A year inside the span that one mineral lacks falls back to its latest usable year, said in the table.
 */

describe("simulate and plan: the baseline year", () => {
  it("simulate antimony-2024 --baseline 2030 exits 2 naming --baseline and 2020–2025; so does 2019", async () => {
    const late = await cli(["simulate", "antimony-2024", "--baseline", "2030"]);
    expect(late.code).toBe(2);
    expect(late.stdout).toBe("");
    expect(late.stderr).toMatch(
      /--baseline: 2030 is after the last year of US consumption in the data \(years available: 2020–2025\), expected latest, mean:N, or a year 2020–2025/,
    );
    const early = await cli(["simulate", "antimony-2024", "--baseline", "2019"]);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/--baseline: 2019 is before the first year of US consumption in the data \(years available: 2020–2025\)/);
    const plan = await cli(["plan", "--budget", "1e9", "--runs", "0", "--scenarios", "scenarios/antimony-2024.yaml", "--baseline", "2030"]);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toMatch(/--baseline: 2030 is after the last year/);
  });

  it("a scenario file's baseline: 2031 is refused naming the file and the field", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lodestone-baseline-"));
    const file = join(dir, "late.yaml");
    writeFileSync(file, `${readFileSync("scenarios/antimony-2024.yaml", "utf8")}\nbaseline: 2031\n`);
    const r = await cli(["simulate", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: baseline: 2031 is after the last year`);
  });

  it("a year inside the span: germanium's 2025 is NA, so the table says 2021e is used instead (not only the JSON)", async () => {
    const r = await cli(["simulate", "gallium-germanium-2023", "--baseline", "2025"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.replace(/\n\s+/g, " ")).toMatch(/note: germanium: d0 baseline 2025 not usable, 2021e used instead \(2025 published as NA/);
    // gallium has its 2025 figure: no such note
    expect(r.stdout).not.toMatch(/note: gallium: d0 baseline/);
  });
});
