import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importEuParams } from "../../src/data/import/eu-params.js";
import { type Issue, parseCsv } from "../../src/index.js";
import { EU_MATERIAL, EU_PARAMS_FILE } from "../../src/internal.js";
import { loadDataset, SOURCES_DIR } from "../../src/io/dataset.js";
import { mineral } from "../risk/fixtures.js";

const text = readFileSync(join(SOURCES_DIR, EU_PARAMS_FILE), "utf8");

describe("the vendored EU 2023 parameters", () => {
  it("are listed in MANIFEST.csv with the file's SHA-256 and byte size", () => {
    const bytes = readFileSync(join(SOURCES_DIR, EU_PARAMS_FILE));
    const manifest = parseCsv(readFileSync(join(SOURCES_DIR, "MANIFEST.csv"), "utf8"), "MANIFEST.csv");
    const row = manifest.rows.find((r) => r.cells[0] === EU_PARAMS_FILE)!;
    expect(row.cells.slice(0, 3)).toEqual([EU_PARAMS_FILE, String(bytes.length), createHash("sha256").update(bytes).digest("hex")]);
    expect(row.cells[6]).toBe("compiled");
  });

  it("name every material the id mapping points to", () => {
    const materials = new Set(parseCsv(text, EU_PARAMS_FILE).rows.map((r) => r.cells[0]));
    for (const [id, name] of Object.entries(EU_MATERIAL)) expect(materials.has(name), `${id} → ${name}`).toBe(true);
  });

  it("reach the dataset: graphite reads Natural graphite (SI_SR 0.98, EOL_RIR 3 % → 0.03), the PGM group has no SI_SR, soda ash no row", () => {
    const d = loadDataset();
    const of = (id: string) => d.minerals.find((m) => m.id === id)!;
    // eu2023_parameters.csv line 54: Natural graphite,Extraction,E,0.98,99,,3
    expect(of("graphite").eu2023).toMatchObject({ material: "Natural graphite", siSr: 0.98, eolRir: 0.03, source: { file: EU_PARAMS_FILE, row: 54 } });
    expect(of("platinum-group-metals").eu2023).toMatchObject({ material: "PGM", siSr: null, eolRir: 0.12 });
    expect(of("soda-ash").eu2023).toBeUndefined();
  });

  it("report a cell out of range as file:line: field", () => {
    const issues: Issue[] = [];
    const bad =
      "material,eu_assessed_stage,eu_stages,si_sr,eu_import_reliance_primary_pct,eu_import_reliance_processing_pct,eol_rir_pct\nGallium,Processing,P,1.8,,98,0\n";
    importEuParams(bad, [mineral("gallium")], issues);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: EU_PARAMS_FILE, line: 2, field: "si_sr" });
  });
});
