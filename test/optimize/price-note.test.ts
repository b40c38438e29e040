import { describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

describe("plan output", () => {
  const notesOf = async (...extra: string[]) => {
    const r = await cli(["plan", "--budget", "1e9", "--scenarios", "scenarios/rare-earths-2025.yaml", "--format", "json", ...extra]);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { notes: string[] }).notes.join("\n");
  };

  it("says when a mineral's price is a judgement call: rare earths at NdPr oxide on public data alone", async () => {
    expect(await notesOf("--assumptions", "none")).toMatch(/rare-earths: judgement call: rare earths are priced at NdPr oxide/);
  });

  it("with NdPr and dysprosium modelled on their own, the rest of the rare earths is priced at mischmetal, and says so", async () => {
    const notes = await notesOf();
    expect(notes).toMatch(/rare-earths: judgement call: the rare earths left once NdPr, dysprosium and terbium are modelled on their own .* mischmetal/);
    expect(notes).not.toMatch(/priced at NdPr oxide/);
  });
});
