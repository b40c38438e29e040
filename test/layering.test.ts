/**
 * The import-direction rule of STYLE.md, checked mechanically: each folder under src/ may import
 * only from the folders its line allows, and the core imports no node: module.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

const SRC = join(ROOT, "src");
const ALLOWED: Record<string, string[]> = {
  errors: [],
  options: ["errors"],
  data: ["errors", "options", "data"],
  // risk reads an assumed NIR from the assumption set where USGS publishes none; its importance (consumption
  // value) takes d0 and the price from the simulator's inputs (scenario/inputs.ts demandAndPrice), so they are defined once
  risk: ["errors", "options", "data", "assumptions", "scenario", "risk"],
  // analyst assumptions: they read their file with scenario/yaml.ts, the one YAML reader (a leaf: see SHARED)
  assumptions: ["errors", "options", "data", "assumptions"],
  // market parameters and the loss curve: read by the simulator (price path), the plan and the reports
  economics: ["errors", "options", "data", "assumptions", "economics"],
  scenario: ["errors", "options", "data", "assumptions", "scenario"],
  ledger: ["errors", "options", "data", "ledger"],
  simulate: ["errors", "options", "data", "assumptions", "economics", "scenario", "simulate"],
  optimize: ["errors", "options", "data", "assumptions", "economics", "scenario", "simulate", "optimize"],
  report: ["errors", "options", "data", "assumptions", "economics", "risk", "scenario", "simulate", "optimize", "ledger", "report"],
  index: ["errors", "options", "data", "assumptions", "economics", "risk", "scenario", "simulate", "optimize", "ledger", "report"],
  // the kernel's pieces behind the public API (not a package export): for io's worker pool, bench and tests
  internal: ["errors", "options", "data", "assumptions", "economics", "risk", "scenario", "simulate", "optimize", "ledger", "report", "index"],
  io: ["index", "internal", "io"],
  store: ["index", "ledger", "store"],
  api: ["index", "io", "store", "api"],
  // cli/main.ts takes the error type straight from errors.ts, so `--help` does not load the whole core;
  // cli/commands/serve.ts starts the HTTP API (api/serve.ts), the one command that is a server
  cli: ["errors", "index", "io", "store", "api", "cli"],
};
/** Leaf files a lower layer may import from a higher folder: they import only errors and packages. */
const SHARED: Record<string, string[]> = { assumptions: ["scenario/yaml.ts"], economics: ["scenario/yaml.ts"] };
const CORE = ["errors", "options", "data", "assumptions", "economics", "risk", "scenario", "simulate", "optimize", "ledger", "report", "index", "internal"];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}
const layerOf = (file: string) =>
  relative(SRC, file)
    .split("/")[0]
    .replace(/\.(ts|js)$/, "");

describe("layering", () => {
  const all = files(SRC);
  it("finds the source files", () => expect(all.length).toBeGreaterThan(10));

  it("each folder imports only from the folders its layer allows", () => {
    const bad: string[] = [];
    for (const f of all) {
      const from = layerOf(f);
      const allowed = ALLOWED[from];
      if (!allowed) {
        bad.push(`${relative(SRC, f)}: folder ${from} is not in the layer table`);
        continue;
      }
      const text = readFileSync(f, "utf8");
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^"']*?from\s+["']([^"']+)["']/g)) {
        const spec = m[1];
        if (spec.startsWith("node:")) {
          if (CORE.includes(from)) bad.push(`${relative(SRC, f)}: core imports ${spec}`);
          continue;
        }
        if (!spec.startsWith(".")) continue; // packages: checked by tsconfig.core.json
        const target = resolve(dirname(f), spec);
        const to = layerOf(target);
        if (SHARED[from]?.includes(relative(SRC, target).replace(/\.js$/, ".ts"))) continue;
        if (!allowed.includes(to)) bad.push(`${relative(SRC, f)} imports ${to} (${spec})`);
      }
    }
    expect(bad).toEqual([]);
  });
});
