import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDataset, LodestoneError, MCS2025_WORLD_FILE, MCS2026_FILE, matchCountry, parseCsv } from "../../src/internal.js";
import { DATASET_DIR, DATASET_FILE, DIGEST_FILE, importDataset, serializeDataset } from "../../src/io/dataset.js";
import { readSources } from "../../src/io/sources.js";
import { cli, SOURCES_DIR } from "../helpers.js";

const { texts, sha256 } = readSources(SOURCES_DIR);

function expectIssue(fn: () => unknown, match: { file?: string; line?: number; field?: string; message?: RegExp }) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(LodestoneError);
    const issues = (e as LodestoneError).issues;
    const hit = issues.find(
      (i) =>
        (!match.file || i.file === match.file) &&
        (!match.line || i.line === match.line) &&
        (!match.field || i.field === match.field) &&
        (!match.message || match.message.test(i.message)),
    );
    expect(hit, JSON.stringify(issues.slice(0, 3))).toBeDefined();
    expect(hit!.expected ?? "").not.toBe("");
    return;
  }
  throw new Error("expected an error");
}

/** Replace line `line` (1-based) of a source text. */
function withLine(path: string, line: number, edit: (s: string) => string): Map<string, string> {
  const lines = texts.get(path)!.split("\r\n");
  lines[line - 1] = edit(lines[line - 1]);
  return new Map(texts).set(path, lines.join("\r\n"));
}

describe("import", () => {
  it("is deterministic: the same sources give byte-identical output, equal to the committed dataset", async () => {
    const a = serializeDataset(buildDataset(texts, sha256));
    const b = serializeDataset(buildDataset(new Map(texts), new Map(sha256)));
    expect(a).toBe(b);
    expect(readFileSync(join(DATASET_DIR, DATASET_FILE), "utf8")).toBe(a);
    expect(readFileSync(join(DATASET_DIR, DIGEST_FILE), "utf8").trim()).toBe(createHash("sha256").update(a).digest("hex"));
  });

  it("maps every country label in the MCS 2026 and MCS 2025 world files to a code or an aggregate", async () => {
    const unmapped = new Set<string>();
    let rows = 0;
    for (const [file, col] of [
      [MCS2026_FILE, "Country"],
      [MCS2025_WORLD_FILE, "COUNTRY"],
    ] as const) {
      const t = parseCsv(texts.get(file)!, file);
      const i = t.header.indexOf(col);
      for (const r of t.rows) {
        rows++;
        if (!matchCountry(r.cells[i])) unmapped.add(r.cells[i]);
      }
    }
    expect(rows).toBeGreaterThan(10000);
    expect([...unmapped]).toEqual([]);
  });

  it("fails on an unmapped country name, naming file, line and field", async () => {
    expectIssue(
      () =>
        buildDataset(
          withLine(MCS2026_FILE, 1868, (l) => l.replace("Congo (Kinshasa)", "Atlantis")),
          sha256,
        ),
      {
        file: MCS2026_FILE,
        line: 1868,
        field: "Country",
        message: /unmapped country name "Atlantis"/,
      },
    );
  });

  it("fails on an unrecognised value, naming the column", async () => {
    expectIssue(
      () =>
        buildDataset(
          withLine(MCS2026_FILE, 1868, (l) => l.replace('"230,000"', "lots")),
          sha256,
        ),
      {
        file: MCS2026_FILE,
        line: 1868,
        field: "Value",
        message: /unrecognised value "lots"/,
      },
    );
  });

  it("fails on an unbalanced quote with the line where the broken record starts", async () => {
    expectIssue(
      () =>
        buildDataset(
          withLine(MCS2025_WORLD_FILE, 10, (l) => `${l},"oops`),
          sha256,
        ),
      { file: MCS2025_WORLD_FILE, message: /not valid CSV/ },
    );
  });

  it("fails on a missing column, naming it", async () => {
    const t = texts.get(MCS2026_FILE)!.replace("Statistics_detail", "Stats_detail");
    expectIssue(() => buildDataset(new Map(texts).set(MCS2026_FILE, t), sha256), { file: MCS2026_FILE, line: 1, field: "Statistics_detail" });
  });

  it("fails on a short row, naming the expected columns", async () => {
    expectIssue(
      () =>
        buildDataset(
          withLine(MCS2026_FILE, 100, () => "GALLIUM,Salient"),
          sha256,
        ),
      { file: MCS2026_FILE, line: 100, message: /row has 2 columns/ },
    );
  });

  it("lists every bad row at once, not only the first", async () => {
    let edited = withLine(MCS2026_FILE, 1868, (l) => l.replace('"230,000"', "lots"));
    const lines = edited.get(MCS2026_FILE)!.split("\r\n");
    lines[1881] = lines[1881].replace('"6,000,000"', "heaps");
    edited = new Map(edited).set(MCS2026_FILE, lines.join("\r\n"));
    try {
      buildDataset(edited, sha256);
      throw new Error("expected an error");
    } catch (e) {
      expect((e as LodestoneError).issues.map((i) => i.line)).toEqual([1868, 1882]);
    }
  });
});

describe("import on disk", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "lodestone-import-"));
    cpSync(SOURCES_DIR, join(work, "sources"), { recursive: true });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("writes the dataset, then keeps the previous one whole when a later import fails before the rename", async () => {
    const out = join(work, "dataset");
    importDataset({ sources: join(work, "sources"), out });
    const before = readFileSync(join(out, DATASET_FILE));
    expect(() =>
      importDataset({
        sources: join(work, "sources"),
        out,
        beforeRename: () => {
          throw new Error("disk full");
        },
      }),
    ).toThrow("disk full");
    expect(readFileSync(join(out, DATASET_FILE)).equals(before)).toBe(true);
    expect(readdirSync(out).sort()).toEqual([DATASET_FILE, DIGEST_FILE]);
  });

  /** Every file under `dir` with its bytes, for "left unchanged". */
  const snapshot = (dir: string) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .map((e) => [join(e.parentPath, e.name), e.isFile() ? readFileSync(join(e.parentPath, e.name)).toString("base64") : "dir"])
      .sort();

  it("refuses --out pointed at a copy of the sources folder (exit 2) and leaves every file there", async () => {
    const copy = join(work, "sources-copy");
    cpSync(SOURCES_DIR, copy, { recursive: true });
    const before = snapshot(copy);
    expect(before.length).toBeGreaterThan(170);
    for (const sources of [copy, join(work, "sources")]) {
      const r = await cli(["data", "import", "--sources", sources, "--out", copy]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(`lodestone: ${copy}: --out: `);
      expect(r.stderr).toMatch(sources === copy ? /is the sources folder/ : /holds a MANIFEST\.csv/);
    }
    expect(snapshot(copy)).toEqual(before);
  });

  it("refuses the sources folder itself, a folder inside a sources folder and one that holds it", async () => {
    // Only ever a temporary copy: a build without the --out check would write the dataset into
    // whatever sources folder this test names, and the repository's data/sources must never be it.
    const sources = join(work, "sources");
    const before = snapshot(sources);
    const cases: [string[], RegExp][] = [
      [["--sources", sources, "--out", sources], /: --out: is the sources folder/],
      [["--sources", join(work, "sources"), "--out", join(work, "sources", "dataset")], /: --out: lies inside the sources folder/],
      [["--sources", join(work, "sources"), "--out", work], /: --out: holds the sources folder/],
      [["--sources", join(work, "sources"), "--out", join(work, "sources", "MANIFEST.csv")], /: --out: lies inside the sources folder/],
      [["--sources", join(work, "sources"), "--out", join(work, "sources", "PROVENANCE.md", "x")], /: --out: lies inside the sources folder/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(["data", "import", ...args]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(join(work, "sources", "dataset"))).toBe(false);
    expect(snapshot(sources)).toEqual(before);
    const file = join(work, "plain-file");
    writeFileSync(file, "x");
    const r = await cli(["data", "import", "--sources", join(work, "sources"), "--out", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/plain-file: --out: is a file, not a folder/);
    expect(readFileSync(file, "utf8")).toBe("x");
  });

  it("refuses a folder holding other files, naming them, and leaves it unchanged", async () => {
    const dir = join(work, "occupied");
    mkdirSync(join(dir, "sub"), { recursive: true });
    writeFileSync(join(dir, "notes.txt"), "mine");
    writeFileSync(join(dir, "sub", "keep.csv"), "a,b\n");
    cpSync(join(DATASET_DIR, DATASET_FILE), join(dir, DATASET_FILE));
    const before = snapshot(dir);
    const r = await cli(["data", "import", "--sources", join(work, "sources"), "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `lodestone: ${dir}: --out: holds other files (notes.txt, sub/), which the import would not own, expected an empty or new folder, or one holding only the dataset files\n`,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it("answers --sources pointed at a missing folder, a file, or a folder with no MANIFEST.csv in one line (exit 2)", async () => {
    const empty = join(work, "no-manifest");
    mkdirSync(empty, { recursive: true });
    const file = join(work, "a-file.txt");
    writeFileSync(file, "x");
    const cases: [string, string][] = [
      [join(work, "missing"), "no such folder"],
      [empty, "holds no MANIFEST.csv"],
      [file, "is a file, not a folder"],
    ];
    for (const [sources, problem] of cases) {
      const r = await cli(["data", "import", "--sources", sources, "--out", join(work, "never")]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`lodestone: ${sources}: --sources: ${problem}, expected the sources folder: data/sources or a copy of it, with MANIFEST.csv\n`);
    }
    expect(existsSync(join(work, "never"))).toBe(false);
  });

  it("rejects a source whose checksum differs from the manifest, and leaves the dataset alone (CLI, exit 3)", async () => {
    const out = join(work, "dataset-cli");
    expect((await cli(["data", "import", "--sources", join(work, "sources"), "--out", out])).code).toBe(0);
    const before = readFileSync(join(out, DATASET_FILE));
    const file = join(work, "sources", "lists", "critical_minerals_lists.csv");
    const original = readFileSync(file);
    writeFileSync(file, Buffer.concat([original, Buffer.from("Extra,row\n")]));
    const r = await cli(["data", "import", "--sources", join(work, "sources"), "--out", out]);
    writeFileSync(file, original);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/lists\/critical_minerals_lists\.csv: SHA-256 [0-9a-f]{64} does not match the manifest, expected 29832d99/);
    expect(readFileSync(join(out, DATASET_FILE)).equals(before)).toBe(true);
  });

  it("reports a malformed row as file:line: column: problem, expected … with exit 2, dataset untouched", async () => {
    const out = join(work, "dataset-bad");
    expect((await cli(["data", "import", "--sources", join(work, "sources"), "--out", out])).code).toBe(0);
    const before = readFileSync(join(out, DATASET_FILE));
    const rel = "usgs-mcs2025/world/MCS2025_World_Data.csv";
    const file = join(work, "sources", rel);
    const original = readFileSync(file);
    const text = original
      .toString("utf8")
      .replace("MCS2025,Gallium ,China,Primary production,kilograms,621000", "MCS2025,Gallium ,China,Primary production,kilograms,6x1000");
    writeFileSync(file, text);
    const manifest = join(work, "sources", "MANIFEST.csv");
    const m0 = readFileSync(manifest, "utf8");
    const oldSha = createHash("sha256").update(original).digest("hex");
    writeFileSync(manifest, m0.replace(oldSha, createHash("sha256").update(text).digest("hex")));
    const r = await cli(["data", "import", "--sources", join(work, "sources"), "--out", out]);
    writeFileSync(file, original);
    writeFileSync(manifest, m0);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${rel}:371: PROD_2023: unrecognised value "6x1000", expected a number`);
    expect(readFileSync(join(out, DATASET_FILE)).equals(before)).toBe(true);
    expect(existsSync(join(out, DATASET_FILE))).toBe(true);
  });
});

describe("data check", () => {
  it("takes --format table|json|csv; csv has one row per finding with its source file, row and column", async () => {
    const t = await cli(["data", "check"]);
    const n = Number(/^(\d+) finding\(s\)/.exec(t.stdout)?.[1]);
    expect(n).toBeGreaterThan(0);
    const c = await cli(["data", "check", "--format", "csv"]);
    expect(c.code).toBe(t.code);
    const table = parseCsv(c.stdout, "check.csv");
    expect(table.header).toEqual(["severity", "check", "mineral", "message", "file", "row", "column"]);
    expect(table.rows).toHaveLength(n);
    // the diamond finding points at its raw cell
    const diamond = table.rows.find((r) => r.cells[2] === "diamond-industrial")!.cells;
    expect(diamond.slice(0, 2)).toEqual(["warning", "unit-not-normalised"]);
    expect(diamond.slice(4)).toEqual(["usgs-mcs2025/world/MCS2025_World_Data.csv", "318", "PROD_2023"]);
    const j = await cli(["data", "check", "--format", "json"]);
    expect(JSON.parse(j.stdout)).toHaveLength(n);
    const bad = await cli(["data", "check", "--format", "text"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('lodestone: --format: invalid value "text", expected table | json | csv\n');
  });
});

describe("loading the dataset", () => {
  it("rejects an edited dataset file naming the bad field (exit 3)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lodestone-load-"));
    try {
      const d = JSON.parse(readFileSync(join(DATASET_DIR, DATASET_FILE), "utf8"));
      d.minerals[3].production[0].source.row = -1;
      writeFileSync(join(dir, DATASET_FILE), JSON.stringify(d));
      // the digest the import recorded no longer matches, so the file is validated in full
      cpSync(join(DATASET_DIR, DIGEST_FILE), join(dir, DIGEST_FILE));
      const r = await cli(["data", "check", "--out", dir]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain("minerals.3.production.0.source.row");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
