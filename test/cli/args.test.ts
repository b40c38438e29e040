import { describe, expect, it } from "vitest";
import { cli, ROOT } from "../helpers.js";

/** One run, one line on stderr, exit 2, no stack trace. */
async function refused(args: string[]) {
  const r = await cli(args);
  expect(r.code, r.stdout).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  return r.stderr;
}

describe("numeric flags", () => {
  it.each([
    [["plan", "--budget", "-5"], /--budget: -5 is out of range, expected a decimal number in \[0, 1e13\], such as 12e9/],
    [["risk", "--top", "-3"], /--top: -3 is out of range, expected a whole number ≥ 1, such as 10/],
    [["plan", "--budget", "12e9", "--compare", "-1"], /--compare: -1 is out of range/],
    [["plan", "--budget", "twelve"], /--budget: "twelve" is not a number in decimal notation/],
  ])("%j exits 2 with the range or form expected, not a parser message", async (args, message) => {
    const err = await refused(args);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/ambiguous/);
  });

  it.each([
    // Number("0x10") is 16: a hex, binary or octal literal is never a budget
    [["plan", "--budget", "0x10"], /--budget: "0x10" is not a number in decimal notation/],
    [["plan", "--budget", "0b101"], /--budget: "0b101" is not a number in decimal notation/],
    [["plan", "--budget", " 12"], /--budget: " 12" is not a number in decimal notation/],
    [["plan", "--budget", "1e309"], /--budget: 1e309 is not a finite number/],
    [["plan", "--budget", "1e9", "--storage", "1e300"], /--storage: 1e300 is out of range, expected a decimal number in \[0, 1e6\]/],
    [["plan", "--budget", "1e9", "--premium", "Infinity"], /--premium: "Infinity" is not a number in decimal notation/],
    // the example names the flag's own kind of value, not a budget
    [["simulate", "antimony-2024", "--runs", "NaN"], /--runs: "NaN" is not a number in decimal notation, expected a whole number ≥ 1, such as 1000$/m],
    [["plan", "--budget", "1e9", "--runs", "2.5"], /--runs: 2.5 is not a whole number, expected a whole number in \[0, 1e5\]/],
    [["frontier", "--steps", "2.5"], /--steps: 2.5 is not a whole number/],
  ])("%j is refused: decimal notation, finite, in the flag's documented range", async (args, message) => {
    expect(await refused(args)).toMatch(message);
  });
});

describe("flags given twice, empty or without effect", () => {
  it("a repeated flag is refused with both values, not resolved to the last one", async () => {
    expect(await refused(["plan", "--budget", "1e9", "--budget", "2e9"])).toMatch(/--budget: given 2 times \(1e9, 2e9\), expected each flag at most once/);
    expect(await refused(["minerals", "--format", "csv", "--format", "json"])).toMatch(/--format: given 2 times/);
  });

  it.each([["--scenarios"], ["--minerals"], ["--projects"], ["--format"]])("an empty %s is refused instead of meaning its default", async (flag) => {
    expect(await refused(["plan", "--budget", "1e9", flag, ""])).toMatch(new RegExp(`${flag}: empty value`));
  });

  it("a list with an empty or repeated mineral is refused", async () => {
    expect(await refused(["plan", "--budget", "1e9", "--minerals", "gallium,,tin"])).toMatch(/--minerals: "gallium,,tin" has an empty name/);
    expect(await refused(["plan", "--budget", "1e9", "--minerals", "gallium,gallium"])).toMatch(/--minerals: gallium given twice/);
  });

  it("the same scenario file twice would count double: refused, with the probability syntax to weigh it on purpose", async () => {
    const a = "scenarios/antimony-2024.yaml";
    expect(await refused(["plan", "--budget", "1e9", "--scenarios", `${a},${a}`])).toMatch(
      /--scenarios: scenarios\/antimony-2024.yaml is given twice, expected each scenario once; to weigh it differently, give its probability such as FILE=0.3/,
    );
    // once through the folder and once by name
    expect(await refused(["plan", "--budget", "1e9", "--scenarios", `scenarios,./${a}`])).toMatch(/given twice \(also as /);
    // a built-in name and the same file by path, or the folder and a name in it
    expect(await refused(["plan", "--budget", "1e9", "--scenarios", `${ROOT}/${a},antimony-2024,graphite-2023`])).toMatch(
      /antimony-2024 is given twice \(also as /,
    );
    expect(await refused(["plan", "--budget", "1e9", "--scenarios", `${ROOT}/scenarios,antimony-2024`])).toMatch(/antimony-2024 is given twice/);
    expect(await refused(["plan", "--budget", "1e9", "--scenarios", `${a}=0`])).toMatch(/0 would leave the scenario out/);
    // FILE=P is the file's probability: it replaces the file's own, and the plan's disruption probability shows it
    const weighted = await cli(["plan", "--budget", "1e9", "--scenarios", `${a}=0.6,scenarios/graphite-2023.yaml`, "--format", "json"]);
    expect(weighted.code, weighted.stderr).toBe(0);
    const own = JSON.parse((await cli(["plan", "--budget", "1e9", "--scenarios", "scenarios/graphite-2023.yaml", "--format", "json"])).stdout);
    expect(JSON.parse(weighted.stdout).disruptionProbability).toBeCloseTo(0.6 + own.disruptionProbability, 12);
    expect(await refused(["plan", "--budget", "1e9", "--scenarios", `${a}=2`])).toMatch(
      /probability of .*: 2 is out of range, expected a decimal number in \[0, 1\]/,
    );
  });

  it("extra positional arguments are refused, naming them", async () => {
    expect(await refused(["mineral", "gallium", "tin"])).toMatch(/mineral: unexpected argument tin, expected one mineral id/);
    expect(await refused(["plan", "--budget", "1e9", "gallium"])).toMatch(/plan: unexpected argument gallium, expected no positional arguments/);
    expect(await refused(["simulate", "antimony-2024", "graphite-2023"])).toMatch(/simulate: unexpected argument graphite-2023/);
    expect(await refused(["risk", "gallium", "tin"])).toMatch(/risk: unexpected argument tin, expected at most one mineral id/);
  });

  it("risk --explain needs an id; --weights needs the composite; weights cannot all be 0", async () => {
    expect(await refused(["risk", "--explain"])).toMatch(/--explain: no mineral id given, expected lodestone risk <id> --explain/);
    expect(await refused(["risk", "--method", "hhi", "--weights", "hhi=1"])).toMatch(/--weights: --method hhi does not use composite weights/);
    expect(await refused(["risk", "--weights", "hhi=0,hhiWgi=0,nir=0,geopolrisk=0"])).toMatch(/lodestone: --weights: every composite weight is 0/);
    expect(await refused(["risk", "--weights", "hhi"])).toMatch(/--weights: "hhi" is not component=weight/);
    expect(await refused(["risk", "--weights", "hhi=1,hhi=2"])).toMatch(/--weights: hhi given twice/);
    const ok = await cli(["risk", "--weights", "hhi=1", "--top", "1", "--format", "csv"]);
    expect(ok.code, ok.stderr).toBe(0);
  });
});

describe("the CLI shell", () => {
  it("an unknown command is echoed with control and bidi characters made visible, and the commands listed", async () => {
    const r = await cli(["ev\u202eil\u009b"]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(
      'lodestone: unknown command "ev\\u202eil\\u009b", expected data | scenarios | simulate | minerals | mineral | risk | plan | assumptions | reserve | frontier | serve | briefing',
    );
  });

  it("--version prints the package version; --help lists every command", async () => {
    const { version } = (await import("../../package.json", { with: { type: "json" } })).default as { version: string };
    expect((await cli(["--version"])).stdout).toBe(`lodestone ${version}\n`);
    const help = await cli(["--help"]);
    for (const c of ["data", "scenarios", "simulate", "minerals", "mineral", "risk", "plan", "assumptions", "reserve", "frontier"])
      expect(help.stdout).toMatch(new RegExp(`^  ${c} `, "m"));
  });
});
