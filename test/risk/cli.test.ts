import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

describe("lodestone risk", () => {
  it("ranks the top N by a method in CSV, gallium first by HHI", async () => {
    const r = await cli(["risk", "--method", "hhi", "--top", "10", "--format", "csv"]);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(10);
    expect(rows[0].id).toBe("gallium");
    expect(rows.map((x) => Number(x.rank))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("writes the ranking with every measure in JSON", async () => {
    const r = await cli(["risk", "--method", "eu-sr", "--top", "3", "--format", "json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      method: string;
      ranking: { id: string }[];
      minerals: { id: string; euSr: { ok: boolean; defaulted: string[]; params: { eolRir: string; siSr: string } } }[];
    };
    expect(j.method).toBe("eu-sr");
    expect(j.ranking).toHaveLength(3);
    expect(j.minerals[0].euSr.ok).toBe(true);
    // each of EOL_RIR and SI_SR says where it came from; a default is also listed under defaulted
    for (const m of j.minerals) {
      expect(["EU 2023", "default"]).toContain(m.euSr.params.eolRir);
      expect(m.euSr.defaulted.some((x) => x.startsWith("EOL_RIR"))).toBe(m.euSr.params.eolRir === "default");
    }
  });

  it("prints a table with a reason, not a zero, for what it cannot compute", async () => {
    const r = await cli(["risk", "--method", "hhi"]);
    expect(r.code).toBe(0);
    const line = r.stdout.split("\n").find((l) => /\bgermanium\b/.test(l))!;
    // the reason is a numbered note below the table: the cell holds its number
    const ref = /\[(\d+)\]\s*$/.exec(line)![1];
    const note = r.stdout
      .replace(/\n {2,}/g, " ")
      .split("\n")
      .find((l) => l.startsWith(`[${ref}] `))!;
    expect(note).toMatch(/no numeric production figures/);
    expect(line).not.toMatch(/\b0\.0*\b/);
  });

  it("exits 2 and names the flag for an unknown method or stage", async () => {
    const m = await cli(["risk", "--method", "vibes"]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/--method/);
    expect(m.stderr).toMatch(/hhi \| hhi-wgi \| eu-sr/);
    const s = await cli(["risk", "--stage", "moon"]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/--stage/);
    expect(s.stderr).toMatch(/mine/);
  });

  it("explains one mineral with source cells and steps; an unknown id gets the closest ids", async () => {
    const r = await cli(["risk", "gallium", "--explain"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/usgs-mcs2026\/MCS2026_Commodities_Data\.csv:\d+:Value/);
    expect(r.stdout).toMatch(/wgi\/wgi_2024update_year2023_by_country\.csv:\d+:mean6_est/);
    expect(r.stdout).toMatch(/HHI_WGI = Σ s_c² · g_c/);
    expect(r.stdout).toMatch(/EOL_RIR 0 \(EU 2023\), SI_SR 0\.98 \(EU 2023\)/);
    const bad = await cli(["risk", "galium", "--explain"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/did you mean: gallium/);
  });

  it("takes composite weights and rejects an unknown component", async () => {
    const r = await cli(["risk", "--weights", "hhi=1,hhiWgi=0,nir=0,geopolrisk=0", "--top", "1", "--format", "csv"]);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(Number(rows[0].value)).toBeCloseTo(Number(rows[0].HHI) / 10000, 3);
    const bad = await cli(["risk", "--weights", "hhx=1"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--weights/);
  });
});
