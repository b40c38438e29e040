import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SCENARIO_DEFAULTS } from "../../src/index.js";
import { cli } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "lodestone-inputs-"));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** The command that reads each kind of input file. */
const RUN = {
  scenario: (f: string) => cli(["simulate", f, "--format", "json"]),
  projects: (f: string) => cli(["plan", "--budget", "1e9", "--projects", f, "--format", "json", "--scenarios", "scenarios/antimony-2024.yaml"]),
  basket: (f: string) => cli(["plan", "--budget", "1e9", "--basket", f, "--format", "json", "--scenarios", "scenarios/antimony-2024.yaml"]),
};
const KINDS = Object.keys(RUN) as (keyof typeof RUN)[];

/** Exit 2 and exactly one line, naming the file and the problem. */
async function oneLine(kind: keyof typeof RUN, path: string, problem: RegExp) {
  const r = await RUN[kind](path);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0].startsWith(`lodestone: ${path}`)).toBe(true);
  expect(lines[0]).toMatch(problem);
  expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
}

const BOMB = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`;

describe("input files: what is not a readable file is named as such", () => {
  for (const kind of KINDS) {
    it(`a ${kind} file that is a YAML alias bomb: exit 2, one line`, () =>
      oneLine(kind, file(`bomb-${kind}.yaml`, BOMB), /aliases expand beyond 100 copies \(a YAML alias bomb\?\)/));

    it(`a directory, /dev/null or an empty file given as a ${kind} file says what it is`, async () => {
      const d = join(dir, `dir-${kind}`);
      mkdirSync(d);
      await oneLine(kind, d, new RegExp(`is a directory, not a ${kind} file`));
      await oneLine(kind, "/dev/null", /is a device, not a regular file/);
      await oneLine(kind, file(`empty-${kind}.yaml`, ""), /is empty \(0 bytes\)/);
      await oneLine(kind, file(`comments-${kind}.yaml`, "# nothing here\n"), /:1: has no content \(empty or only comments\)/);
    });

    it(`a ${kind} file above the size cap is too large`, async () => {
      const big = file(`big-${kind}.yaml`, `# ${"x".repeat(SCENARIO_DEFAULTS.maxInputBytes)}\n`);
      await oneLine(
        kind,
        big,
        new RegExp(
          `${SCENARIO_DEFAULTS.maxInputBytes + 3} bytes is too large for a ${kind} file, expected a ${kind} file of at most ${SCENARIO_DEFAULTS.maxInputBytes} bytes`,
        ),
      );
    });
  }

  it("a missing file is still `no such file`", async () => {
    const r = await RUN.projects(join(dir, "nope.yaml"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.yaml: no such projects file/);
  });
});

describe("input files: YAML that would exhaust memory or stack is refused with one line", () => {
  it("an anchor used inside its own node", () =>
    oneLine("scenario", file("self.yaml", "name: t\nloop: &x { a: *x }\n"), /an anchor \(&name\) is used inside its own node/));
  it("an alias with no anchor", () => oneLine("basket", file("alias.yaml", "minerals: *nowhere\n"), /cannot resolve the YAML: Unresolved alias/));
  it("nesting deeper than the formats need", () =>
    oneLine("projects", file("deep.yaml", `projects: ${"[".repeat(40)}${"]".repeat(40)}\n`), /:1: nested more than 32 levels deep/));
  it("a list used as a mapping key", () => oneLine("scenario", file("key.yaml", "? [a, b]\n: 1\nname: t\n"), /:1: a list or mapping used as a mapping key/));
});

describe("projects and basket files read like scenario files: file:line: field: problem, expected …", () => {
  it("a null project is named with its line and what a project is", async () => {
    const r = await RUN.projects(file("null.yaml", "projects:\n  - null\n"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`null.yaml:2: projects[0]: wrong type: null, expected a project mapping with id, name, mineral, kind`);
    expect(r.stderr).not.toMatch(/Invalid input|received/);
  });

  it("every problem of a projects file is listed in one pass, in file order", async () => {
    const p = file(
      "projects.yaml",
      `projects:
  - id: a
    name: A
    mineral: lithum
    kind: refinery
    tons_per_year: 1e308
    online_month: 1.5
    ramp_months: .nan
    probability: 2
    capex: 1e309
    source: test
  - id: a
    name: B
    mineral: antimony
    kind: smelter
    tons_per_year: 10
    online_month: 1
    ramp_months: 0
    probability: 1
    capex: 1
    colour: red
`,
    );
    const r = await RUN.projects(p);
    expect(r.code).toBe(2);
    expect(
      r.stderr
        .trimEnd()
        .split("\n")
        .map((l) => l.replace(`lodestone: ${p}:`, "")),
    ).toEqual([
      '4: projects[0].mineral: unknown mineral "lithum", expected a mineral id of the dataset (did you mean: lithium, cesium, gypsum?)',
      "6: projects[0].tons_per_year: 1e308 is out of range, expected tons per year above 0 and at most 1e10",
      "7: projects[0].online_month: 1.5 is not a whole number, expected a whole month between 1 and 600",
      "8: projects[0].ramp_months: not a finite number (.nan, read as NaN), expected a whole number of ramp months between 0 and 600",
      "9: projects[0].probability: 2 is out of range, expected a probability between 0 and 1",
      "10: projects[0].capex: not a finite number (1e309, read as Infinity), expected USD between 0 and 1e12",
      '12: projects[1].id: duplicate project id "a", expected unique ids',
      "12: projects[1].source: neither a source nor `assumption: true`, expected a public source, or assumption: true with why",
      '15: projects[1].kind: invalid value "smelter", expected domestic-mine | refinery | allied-offtake | recycling',
      "21: projects[1].colour: unknown field, expected a field of the projects format (did you mean: capex, source, id?)",
    ]);
  });

  it("a basket file's problems are all listed, non-finite numbers said as such", async () => {
    const b = file("basket.yaml", "minerals: [gallium, galium]\nmarket_share: { gallium: .nan, tin: 1e309 }\nvalue_multiplier: { gallium: 1e6 }\nwhy: test\n");
    const r = await RUN.basket(b);
    expect(r.code).toBe(2);
    expect(
      r.stderr
        .trimEnd()
        .split("\n")
        .map((l) => l.replace(`lodestone: ${b}:`, "")),
    ).toEqual([
      '1: minerals[1]: unknown mineral "galium", expected a mineral id of the dataset (did you mean: gallium, helium, cadmium?)',
      "2: market_share.gallium: not a finite number (.nan, read as NaN), expected a share of world production between 0 and 1",
      "2: market_share.tin: not a finite number (1e309, read as Infinity), expected a share of world production between 0 and 1",
      '2: market_share.tin: "tin" has no effect: not in minerals, expected overrides only for minerals listed in minerals (add it there, or drop the override)',
      "3: value_multiplier.gallium: 1e6 is out of range, expected a multiplier between 0 and 1000",
    ]);
  });

  it("a basket that is a list, and a projects file without projects, name the top level", async () => {
    const l = file("list.yaml", "- gallium\n");
    expect((await RUN.basket(l)).stderr).toContain(`${l}:1: top level is a list, expected a mapping with minerals, market_share, value_multiplier or why`);
    const n = file("noprojects.yaml", "name: x\n");
    const r = await RUN.projects(n);
    expect(r.stderr).toContain(`${n}:1: name: unknown field, expected a mapping with a projects: list`);
    expect(r.stderr).toContain(`${n}:1: projects: missing, expected a list of projects`);
  });
});

describe("input files: YAML the formats do not use", () => {
  it("a second YAML document is named as such", () =>
    oneLine("scenario", file("multi.yaml", "name: t\nhorizon_months: 3\n---\nname: u\n"), /:3: holds more than one YAML document \(a second --- line\)/));
});
