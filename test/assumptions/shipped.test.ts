import { describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

describe("the shipped assumptions file", () => {
  it("is valid, and the figures it cannot apply yet (uranium) are held with the reason", async () => {
    const r = await cli(["assumptions", "check", "assumptions/public-estimates.yaml"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^assumptions\/public-estimates\.yaml: \d+ assumptions, valid/);
    expect(r.stdout).toMatch(/held \(not applied\): uranium consumption/);
  });

  it("by default fills tungsten and lithium consumption, marked assumed; --assumptions none leaves them out", async () => {
    const on = JSON.parse((await cli(["simulate", "coalition-chn-rus-irn", "--format", "json"])).stdout);
    const ids = on.minerals.map((m: { id: string }) => m.id);
    expect(ids).toEqual(expect.arrayContaining(["tungsten", "lithium"]));
    const w = on.minerals.find((m: { id: string }) => m.id === "tungsten");
    // derived from MCS 2026 in code: the midpoint of 5,390 and 10,780 t W (docs/assumptions.md)
    expect(w.inputs.d0.assumed.derive).toBe("tungsten-consumption");
    expect(w.inputs.d0.value * 12).toBeCloseTo(8085, 0);
    const off = JSON.parse((await cli(["simulate", "coalition-chn-rus-irn", "--format", "json", "--assumptions", "none"])).stdout);
    expect(off.minerals.map((m: { id: string }) => m.id)).not.toContain("tungsten");
  });
});
