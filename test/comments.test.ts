/**
 * Comments, test titles and output point to what a reader can open: a file in docs/ or a published
 * source, never a tracker number (an "issue N" that only the project's history knows).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.ts$/.test(name) ? [path] : [];
  });

// built from parts so this file does not match itself
const TRACKER = new RegExp(`\\b${"issue"}s? #?\\d+`, "i");

describe("no tracker references in the code", () => {
  it("src, test and bench name no issue numbers", () => {
    const hits = ["src", "test", "bench"].flatMap((d) =>
      files(join(ROOT, d)).flatMap((f) =>
        readFileSync(f, "utf8")
          .split("\n")
          .flatMap((line, i) => (TRACKER.test(line) ? [`${relative(ROOT, f)}:${i + 1}: ${line.trim()}`] : [])),
      ),
    );
    expect(hits).toEqual([]);
  });
});
