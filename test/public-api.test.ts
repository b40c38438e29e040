/**
 * The package's public entry, as a consumer gets it: `import "lodestone"` and `"lodestone/cli"`
 * resolved by Node through package.json's `exports` (the built dist/, which npm test builds first),
 * and the types tsc finds for them. Kernel internals stay out of both.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

/** Names a library user needs: dataset, risk, scenarios, simulation, Monte Carlo, plans, reports. */
const PUBLIC = [
  "LodestoneError",
  "isLodestoneError",
  "formatIssue",
  "buildDataset",
  "validateDataset",
  "checkDataset",
  "primarySeries",
  "sharesOf",
  "catalogue",
  "profile",
  "riskTable",
  "explainMineral",
  "hhi",
  "render",
  "FORMATS",
  "parseScenario",
  "compileScenario",
  "drawScenario",
  "deterministicDraw",
  "SCENARIO_DEFAULTS",
  "simulate",
  "scenarioPaths",
  "simulationAudit",
  "monteCarlo",
  "monteCarloAudit",
  "planScenarios",
  "planReserve",
  "createPlanner",
  "budgetFrontier",
  "budgetSteps",
  "comparePlans",
  "resolvePlanOptions",
  "PLAN_DEFAULTS",
  "loadHighsSolver",
  "modelFiles",
  "planNames",
  "parsePlanName",
  // the reserve ledger's pure core
  "emptyState",
  "apply",
  "replay",
  "decide",
  "allocate",
  "balanceRows",
  "position",
  "cover",
  "statement",
  "valuation",
  "auditTrail",
];

/** Kernel internals: workspaces, in-place quantiles, draw blocks, the LP builder and the fast path's pieces. */
const INTERNAL = [
  "balance",
  "selectInPlace",
  "createWorkspace",
  "mineralPaths",
  "sectorShortfall",
  "quantilesInPlace",
  "bucketQuantiles",
  "createQuantileScratch",
  "drawBlock",
  "kernelScenario",
  "createMonteCarloWorkspace",
  "monteCarloMineral",
  "monteCarloClasses",
  "combineMonteCarlo",
  "drawClasses",
  "LpModel",
  "buildModel",
  "lpSafe",
  "safeNames",
  "prepareFast",
  "solveFast",
  "fastPathBlocker",
  "prepareProblem",
  "RunRng",
  "addRamp",
];

/** Run an ES module snippet with Node from the repository root, so `lodestone` resolves to this package. */
function nodeEval(code: string): string {
  return execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: ROOT, encoding: "utf8" });
}

describe("the package's public entry", () => {
  const names: string[] = JSON.parse(nodeEval(`const m = await import("lodestone"); console.log(JSON.stringify(Object.keys(m)));`));

  it('`import "lodestone"` exposes what a library user needs', () => {
    expect(names).toEqual(expect.arrayContaining(PUBLIC));
  });

  it("and none of the kernel's internals", () => {
    expect(names.filter((n) => INTERNAL.includes(n))).toEqual([]);
  });

  it("`lodestone/cli` exports main(argv, io); dist/internal.js is not reachable through the package", () => {
    const out = nodeEval(`
      const { main, bufferIo } = await import("lodestone/cli");
      const io = bufferIo();
      const code = await main(["--version"], io);
      let internal = "reachable";
      try { await import("lodestone/dist/internal.js"); } catch (e) { internal = e.code; }
      console.log(JSON.stringify({ code, out: io.out(), internal }));`);
    const r = JSON.parse(out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^lodestone \d+\.\d+\.\d+/);
    expect(r.internal).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });

  it("`lodestone/node` loads the embedded dataset and the built-in scenarios for the core to run on", () => {
    const out = nodeEval(`
      const { loadDataset, loadScenario } = await import("lodestone/node");
      const { riskTable, compileScenario, simulate } = await import("lodestone");
      const d = loadDataset();
      const r = simulate(compileScenario(loadScenario("antimony-2024", d), d));
      console.log(JSON.stringify({ minerals: d.minerals.length, ranked: riskTable(d).minerals.length, simulated: r.minerals.map((m) => m.id) }));`);
    const r = JSON.parse(out);
    expect(r.minerals).toBeGreaterThan(80);
    expect(r.ranked).toBe(r.minerals);
    expect(r.simulated).toContain("antimony");
  });

  it("tsc consumers get the types: dist/index.d.ts declares planReserve, and a consumer type-checks against it", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(pkg.exports["."].types).toBe("./dist/index.d.ts");
    expect(readFileSync(join(ROOT, "dist", "index.d.ts"), "utf8")).toMatch(/planReserve/);
    expect(existsSync(join(ROOT, "dist", "optimize", "plan.d.ts"))).toBe(true);
    // a consumer project with the package installed (a symlink, as npm link makes it)
    const dir = mkdtempSync(join(tmpdir(), "lodestone-consumer-"));
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(ROOT, join(dir, "node_modules", "lodestone"), "dir");
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2022",
          lib: ["ES2022"],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          typeRoots: [join(ROOT, "node_modules", "@types")],
          types: ["node"],
        },
        files: ["consumer.ts"],
      }),
    );
    writeFileSync(
      join(dir, "consumer.ts"),
      [
        `import { planReserve, type PlanResult, type Planner } from "lodestone";`,
        `import { bufferIo, main } from "lodestone/cli";`,
        `export const plan: Promise<PlanResult> = planReserve({ scenarios: [], economics: [], options: { budget: 1e9 } });`,
        `export const code: Promise<number> = main(["--version"], bufferIo());`,
        `export const budgetOf = (p: Planner): number => p.model(1e9).model.numRows;`,
        `// @ts-expect-error the budget is a number (the types are real, not any)`,
        `planReserve({ scenarios: [], economics: [], options: { budget: "1e9" } });`,
        `// @ts-expect-error kernel internals are not exported`,
        `import { balance } from "lodestone";`,
        `export { balance };`,
        "",
      ].join("\n"),
    );
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    let out = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", dir], { cwd: dir, encoding: "utf8" });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(out).toBe("");
  });
});
