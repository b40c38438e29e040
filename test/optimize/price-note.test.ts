import { describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

describe("plan output", () => {
  it("says when a mineral's price is a judgement call (rare earths at NdPr oxide)", async () => {
    const r = await cli(["plan", "--budget", "1e9", "--scenarios", "scenarios/rare-earths-2025.yaml", "--format", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { notes: string[] };
    expect(out.notes.join("\n")).toMatch(/rare-earths: judgement call: rare earths are priced at NdPr oxide/);
  });
});
