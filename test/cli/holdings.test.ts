import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "lodestone-holdings-"));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const PLAN = ["plan", "--budget", "12e9", "--runs", "0", "--minerals", "antimony", "--format", "json"];
const antimony = (stdout: string) =>
  (JSON.parse(stdout) as { minerals: { id: string; buyTons: number; shortfallBefore: number }[] }).minerals.find((m) => m.id === "antimony")!;

describe("plan --holdings", () => {
  it("1,000 t of antimony held: the plan buys 1,000 t less, the shortfall before it already counts them, and the notes say so", async () => {
    const h = file(
      "sb.yaml",
      "version: 1\nas_of: 2025-09-30\nholdings:\n  - mineral: antimony\n    tons: 1000\n    form: ingot\n    judgement: a round test figure\n",
    );
    const [base, r] = [await cli(PLAN), await cli([...PLAN, "--holdings", h])];
    expect(r.code, r.stderr).toBe(0);
    const [a0, a] = [antimony(base.stdout), antimony(r.stdout)];
    // the budget is slack (a ceiling, money left) and the plan bought more than 1,000 t without the holding
    expect(a0.buyTons).toBeGreaterThan(1000);
    expect((JSON.parse(r.stdout) as { unspentUsd: number }).unspentUsd).toBeGreaterThan(0);
    expect(a0.buyTons - a.buyTons).toBeCloseTo(1000, 3);
    expect(a.shortfallBefore).toBeLessThan(a0.shortfallBefore);
    expect((JSON.parse(r.stdout) as { notes: string[] }).notes).toContain(
      `antimony: 1,000 t held (ingot) as of 2025-09-30 (${h}; judgement: a round test figure), added to month-1 stock in every scenario that simulates it, on top of the scenario's own stock`,
    );
  });

  it("frontier takes it too", async () => {
    const h = file("sb2.yaml", "version: 1\nas_of: 2025-09-30\nholdings:\n  - { mineral: antimony, tons: 1000, judgement: j }\n");
    const r = await cli(["frontier", "--steps", "1", "--to", "1e9", "--runs", "0", "--minerals", "antimony", "--holdings", h, "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("antimony: 1,000 t held");
  });

  it("a bad file is exit 2, each problem at its file:line, nothing on standard output", async () => {
    const h = file("bad.yaml", "version: 1\nas_of: 2025-09-30\nholdings:\n  - mineral: antimony\n    tons: -5\n    judgement: j\n");
    const r = await cli([...PLAN, "--holdings", h]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd()).toBe(`lodestone: ${h}:5: holdings[0].tons: -5 is out of range, expected metric tons between 0 and 1e9`);
    const gone = await cli([...PLAN, "--holdings", join(dir, "none.yaml")]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain("no such holdings file");
  });
});
