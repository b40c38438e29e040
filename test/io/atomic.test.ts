import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LodestoneError } from "../../src/index.js";
import { writeDirAtomic, writeFileAtomic } from "../../src/io/atomic.js";
import { checkImportTarget, DATASET_DIR, DATASET_FILE, DIGEST_FILE, loadDataset, writeDatasetFiles } from "../../src/io/dataset.js";
import { ROOT, SOURCES_DIR } from "../helpers.js";

const work = mkdtempSync(join(tmpdir(), "lodestone-atomic-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The error `fn` throws. */
function thrown(fn: () => unknown): LodestoneError {
  try {
    fn();
  } catch (e) {
    return e as LodestoneError;
  }
  throw new Error("expected an error");
}

describe("writeDirAtomic, killed at every step", () => {
  // the old dataset is the committed one; the new one differs in one name, so a reader can tell them apart
  const oldJson = readFileSync(join(DATASET_DIR, DATASET_FILE), "utf8");
  const d = JSON.parse(oldJson);
  d.minerals[0].name = "Abrasives (new import)";
  const newJson = `${JSON.stringify(d)}\n`;
  const newFile = join(work, "new.json");
  writeFileSync(newFile, newJson);

  /** Run the writer in a child that SIGKILLs itself after step k; the steps it reported and how it ended. */
  const writeKilledAt = (out: string, k: number) =>
    new Promise<{ steps: string[]; signal: NodeJS.Signals | null; status: number | null; stderr: string }>((resolve, reject) => {
      // the built writer (npm test builds dist/ first), as the Monte Carlo worker tests use it
      const child = spawn(process.execPath, [join(ROOT, "test", "io", "kill-write.mjs"), out, newFile, String(k)], { cwd: ROOT });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (b) => (stdout += b));
      child.stderr.on("data", (b) => (stderr += b));
      child.on("error", reject);
      child.on("close", (status, signal) => resolve({ steps: stdout.trim().split("\n").filter(Boolean), signal, status, stderr }));
    });

  // the steps, from a run that is not killed; then one killed run per step, all at once (each waits mostly on fsync)
  const STEPS = ["mkdir", `write ${DATASET_FILE}`, `write ${DIGEST_FILE}`, "sync folder", `rename ${DATASET_FILE}`, `rename ${DIGEST_FILE}`, "clean"];
  let full: Awaited<ReturnType<typeof writeKilledAt>>;
  const killed = new Map<number, Awaited<ReturnType<typeof writeKilledAt>>>();
  beforeAll(async () => {
    const runs = STEPS.map(async (_, i) => {
      const out = join(work, `killed-${i + 1}`);
      mkdirSync(out);
      cpSync(join(DATASET_DIR, DATASET_FILE), join(out, DATASET_FILE));
      cpSync(join(DATASET_DIR, DIGEST_FILE), join(out, DIGEST_FILE));
      killed.set(i + 1, await writeKilledAt(out, i + 1));
    });
    [full] = await Promise.all([writeKilledAt(join(work, "complete"), 0), ...runs]);
  }, 60_000);

  it("reports its steps in order and completes when not killed", () => {
    expect(full.stderr).toBe("");
    expect(full.status).toBe(0);
    expect(full.steps).toEqual(STEPS);
    expect(loadDataset(join(work, "complete")).minerals[0].name).toBe("Abrasives (new import)");
  });

  for (let k = 1; k <= STEPS.length; k++) {
    it(`leaves a complete old or complete new dataset when killed after step ${k} (${STEPS[k - 1]})`, () => {
      const out = join(work, `killed-${k}`);
      const r = killed.get(k)!;
      expect(r.signal).toBe("SIGKILL");
      expect(r.steps).toEqual(STEPS.slice(0, k));
      // each file is whole: byte-equal to its old or its new version
      const json = readFileSync(join(out, DATASET_FILE), "utf8");
      expect([oldJson, newJson]).toContain(json);
      const renamed = STEPS.indexOf(`rename ${DATASET_FILE}`) + 1;
      expect(json).toBe(k >= renamed ? newJson : oldJson);
      // the reader pairs them safely: a digest that does not match its JSON only costs a full validation
      expect(loadDataset(out).minerals[0].name).toBe(k >= renamed ? "Abrasives (new import)" : "Abrasives (manufactured)");
      // the leftovers of the crash do not block the next import into the same folder, which removes them
      expect(() => checkImportTarget(out, SOURCES_DIR)).not.toThrow();
      writeDatasetFiles(out, newJson);
      expect(readdirSync(out).sort()).toEqual([DATASET_FILE, DIGEST_FILE]);
      expect(loadDataset(out).minerals[0].name).toBe("Abrasives (new import)");
    });
  }
});

describe("writing to a path that cannot be created", () => {
  const file = join(work, "a-file");
  writeFileSync(file, "x");

  const cases: [string, string, RegExp][] = [
    ["a folder under /proc", "/proc/nope/x.xlsx", /^cannot write: ENOENT no such directory \(mkdir \/proc\/nope\)$/],
    ["a file used as a folder", join(file, "x.xlsx"), /^cannot write: ENOTDIR a part of the path is a file, not a folder \(mkdir .*a-file\)$/],
    ["a folder used as the file", work, /^cannot write: EISDIR is a folder$/],
  ];
  for (const [what, path, message] of cases) {
    it(`fails at once naming the file: ${what}`, () => {
      const e = thrown(() => writeFileAtomic(path, "x"));
      expect(e).toBeInstanceOf(LodestoneError);
      expect(e.code).toBe("bad-input");
      expect(e.issues).toHaveLength(1);
      expect(e.issues[0].file).toBe(path);
      expect(e.issues[0].message).toMatch(message);
      expect(e.issues[0].expected).toBe("a writable path");
    });
  }

  it("writeDirAtomic names the folder, and leaves no temporary file behind", () => {
    const e = thrown(() => writeDirAtomic(join(file, "dataset"), { "a.txt": "a" }));
    expect(e.code).toBe("bad-input");
    expect(e.issues[0].file).toBe(join(file, "dataset"));
    const dir = join(work, "occupied");
    mkdirSync(join(dir, "b.txt"), { recursive: true }); // a folder where a file should go: the rename fails
    writeFileSync(join(dir, "a.txt"), "old");
    const e2 = thrown(() => writeDirAtomic(dir, { "a.txt": "new", "b.txt": "b" }));
    expect(e2.issues[0]).toMatchObject({ file: join(dir, "b.txt"), message: "cannot write: EISDIR is a folder" });
    expect(readdirSync(dir).sort()).toEqual(["a.txt", "b.txt"]);
  });

  it("creates missing folders on a writable path", () => {
    const path = join(work, "new", "deeper", "x.txt");
    writeFileAtomic(path, "hello");
    expect(readFileSync(path, "utf8")).toBe("hello");
    expect(readdirSync(join(work, "new", "deeper"))).toEqual(["x.txt"]);
  });
});
