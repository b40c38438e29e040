import { describe, expect, it } from "vitest";
import { API_MAX_RUNS } from "../../src/api/schemas.js";
import { SCENARIO_DEFAULTS } from "../../src/index.js";
import { call, settle, testApp } from "./helpers.js";

/* Each error status: JSON naming the field and what was expected, never a stack trace. */

const { app } = testApp();

describe("400: a malformed request names each field and what was expected", () => {
  it("malformed JSON", async () => {
    const r = await call(app, "POST", "/plans", "{budget: 12e9");
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ status: 400, code: "bad-input", issues: [{ field: "body", message: "Malformed JSON in request body" }] });
  });

  it("an unknown field, a wrong type and an out-of-range number, all at once", async () => {
    const r = await call(app, "POST", "/plans", { budget: "12e9", runs: -1, bogus: true });
    expect(r.status).toBe(400);
    const byField = Object.fromEntries(r.json.error.issues.map((i: { field: string }) => [i.field, i]));
    expect(byField["body.budget"]).toMatchObject({ message: "missing or of the wrong type", expected: "number" });
    expect(byField["body.runs"]).toMatchObject({ message: "too small", expected: "at least 0" });
    expect(byField["body.bogus"]).toMatchObject({ message: "unknown field" });
    // every issue also printed as the CLI prints it
    expect(r.json.error.message).toContain("body.budget: missing or of the wrong type, expected number");
  });

  it("more Monte Carlo runs than a server request may ask for", async () => {
    for (const [path, body] of [
      ["/plans", { budget: 1e9, runs: API_MAX_RUNS + 1 }],
      ["/simulations", { scenario: "antimony-2024", runs: API_MAX_RUNS + 1 }],
    ] as const) {
      const r = await call(app, "POST", path, body);
      expect(r.status).toBe(400);
      expect(r.json.error.issues[0]).toMatchObject({ field: "body.runs", expected: `at most ${API_MAX_RUNS}` });
    }
  });

  it("a query value outside its set lists the valid ones", async () => {
    const r = await call(app, "GET", "/risk?method=hhhi");
    expect(r.status).toBe(400);
    expect(r.json.error.issues[0]).toMatchObject({ field: "method", message: "invalid value" });
    expect(r.json.error.issues[0].expected).toContain('"geopolrisk"');
  });

  it("a misspelt or unknown query parameter is refused naming it, not ignored", async () => {
    for (const path of ["/risk?metod=hhi", "/minerals?foo=1", "/risk/gallium?explian=true", "/assumptions?file=x"]) {
      const r = await call(app, "GET", path);
      expect(r.status, path).toBe(400);
      expect(r.json.error.message, path).toMatch(/metod|foo|explian|file/);
    }
  });

  it("a baseline that is not one", async () => {
    const r = await call(app, "POST", "/simulations", { scenario: "antimony-2024", baseline: "yesterday" });
    expect(r.status).toBe(400);
    expect(r.json.error.issues[0]).toMatchObject({ field: "baseline", message: '"yesterday" is not a baseline' });
  });

  it("a schedule's onset that is not one names the field and the three forms it may take", async () => {
    const r = await call(app, "POST", "/plans", { budget: 1e9, years: 5, onset: "soon" });
    expect(r.status).toBe(400);
    expect(r.json.error.issues[0].field).toBe("body.onset");
    expect(r.json.error.issues[0].message).toMatch(/uniform, end, or one weight/);
  });

  it("both a built-in scenario and an upload, or neither", async () => {
    const both = await call(app, "POST", "/simulations", { scenario: "antimony-2024", yaml: "name: x" });
    expect(both.status).toBe(400);
    expect(both.json.error.issues[0].message).toBe("both scenario and yaml given");
    const neither = await call(app, "POST", "/simulations", {});
    expect(neither.status).toBe(400);
    expect(neither.json.error.issues[0].message).toBe("neither scenario nor yaml given");
  });

  it("a seed without runs (a deterministic run draws nothing)", async () => {
    const r = await call(app, "POST", "/simulations", { scenario: "antimony-2024", seed: 3 });
    expect(r.status).toBe(400);
    expect(r.json.error.issues[0]).toMatchObject({ field: "seed", expected: "runs as well" });
  });

  it("an empty scenario upload", async () => {
    const r = await call(app, "POST", "/scenarios/validate", "  \n", "application/yaml");
    expect(r.status).toBe(400);
    expect(r.json.error.issues[0]).toMatchObject({ field: "body", message: "empty body" });
  });

  it("a frontier whose end is below its start", async () => {
    const r = await call(app, "POST", "/frontier", { from: 2e9, to: 1e9 });
    expect(r.status).toBe(400);
    expect(r.json.error.issues[0]).toMatchObject({ field: "to", expected: "to at or above from" });
  });
});

describe("404: an unknown id or name, with the closest valid ones", () => {
  it("a mineral", async () => {
    const r = await call(app, "GET", "/minerals/galium");
    expect(r.status).toBe(404);
    expect(r.json.error.issues[0].suggestions).toContain("gallium");
    expect((await call(app, "GET", "/risk/galium")).status).toBe(404);
  });

  it("a mineral in a plan is refused before any job is queued", async () => {
    const r = await call(app, "POST", "/plans", { budget: 1e9, minerals: ["galium"] });
    expect(r.status).toBe(404);
    expect(r.json.error.issues[0]).toMatchObject({ field: "minerals" });
  });

  it("a scenario, a job and a route", async () => {
    expect((await call(app, "GET", "/scenarios/antimony")).json.error.issues[0].suggestions).toContain("antimony-2024");
    expect((await call(app, "GET", "/jobs/0123456789abcdef01234567")).status).toBe(404);
    expect((await call(app, "DELETE", "/jobs/0123456789abcdef01234567")).status).toBe(404);
    const route = await call(app, "GET", "/nowhere");
    expect(route.status).toBe(404);
    expect(route.json.error.code).toBe("not-found");
  });

  it("a server path is never read: files are named, and a path is an unknown name", async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ["/plans", { budget: 1e9, basket: "/etc/passwd" }, "basket"],
      ["/plans", { budget: 1e9, holdings: "holdings/nds-example.yaml" }, "holdings"],
      ["/plans", { budget: 1e9, projects: "../projects/us-candidates" }, "projects"],
      ["/plans", { budget: 1e9, scenarios: [{ name: "scenarios/antimony-2024.yaml" }] }, "scenarios"],
      ["/simulations", { scenario: "/work/wt-api/scenarios/antimony-2024.yaml" }, "scenario"],
      ["/simulations", { scenario: "antimony-2024", market: "assumptions/market.yaml" }, "market"],
      ["/simulations", { scenario: "antimony-2024", assumptions: "/dev/zero" }, "assumptions"],
    ];
    for (const [path, body, field] of cases) {
      const r = await call(app, "POST", path, body);
      expect(r.status, JSON.stringify(body)).toBe(404);
      expect(r.json.error.issues[0].field).toBe(field);
      expect(r.json.error.issues[0].message).toMatch(/^no built-in/);
    }
  });
});

describe("413: a body above the limit", () => {
  it("a scenario upload above the scenario file cap", async () => {
    const big = `name: x\n# ${"x".repeat(SCENARIO_DEFAULTS.maxInputBytes)}\n`;
    const r = await call(app, "POST", "/scenarios/validate", big, "application/yaml");
    expect(r.status).toBe(413);
    expect(r.json.error).toMatchObject({
      code: "too-large",
      issues: [{ field: "body", expected: `a body of at most ${SCENARIO_DEFAULTS.maxInputBytes} bytes` }],
    });
  });

  it("any route, with the limit the deps set", async () => {
    const small = testApp({ maxBodyBytes: 64 }).app;
    const r = await call(small, "POST", "/plans", { budget: 1e9, minerals: ["gallium", "germanium", "antimony", "tungsten"] });
    expect(r.status).toBe(413);
    expect((await call(small, "POST", "/plans", { budget: 1e9, minerals: ["galium"] })).status).toBe(404);
  });
});

describe("422: an invalid scenario, each problem at its file:line", () => {
  const BAD = `name: bad
horizon_months: 3
events:
  - type: export_restriction
    countries: [CHN]
    minerals: [gallium]
    start_month: 1
    severity: 1.5
  - type: embargo
`;

  it("POST /scenarios/validate lists every problem with file, line and field", async () => {
    const r = await call(app, "POST", "/scenarios/validate?file=bad.yaml", BAD, "application/yaml");
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe("invalid");
    const issues = r.json.error.issues as { file: string; line: number; field: string }[];
    expect(issues.map((i) => `${i.file}:${i.line}: ${i.field}`)).toEqual(["bad.yaml:8: events[0].severity", "bad.yaml:9: events[1].type"]);
    expect(r.json.error.message.split("\n")[0]).toMatch(/^bad\.yaml:8: events\[0\]\.severity: /);
  });

  it("YAML that does not parse is 422 at its line too", async () => {
    const r = await call(app, "POST", "/scenarios/validate", "name: x\nevents: [\n", "text/plain");
    expect(r.status).toBe(422);
    expect(r.json.error.issues[0].file).toBe("upload.yaml");
    expect(r.json.error.issues[0].line).toBeGreaterThan(0);
  });

  it("POST /assumptions/validate with an entry that lacks its source: 422 at its line", async () => {
    const text =
      "version: 1\nassumptions:\n  - mineral: tungsten\n    quantity: consumption\n    value: 8000\n    range: [6000, 10000]\n    unit: t\n    year: 2024\n    method: guess\n";
    const r = await call(app, "POST", "/assumptions/validate", text, "application/yaml");
    expect(r.status).toBe(422);
    expect(r.json.error.issues[0]).toMatchObject({ file: "upload.yaml", line: 3, field: "assumptions[0].source" });
  });

  it("POST /simulations with an invalid upload", async () => {
    const r = await call(app, "POST", "/simulations", { yaml: BAD });
    expect(r.status).toBe(422);
    expect(r.json.error.issues[0]).toMatchObject({ file: "upload.yaml", line: 8, field: "events[0].severity" });
  });

  it("POST /simulations names the uploaded file's own name in its issues, given as file", async () => {
    const r = await call(app, "POST", "/simulations", { yaml: BAD, file: "bad.yaml" });
    expect(r.status).toBe(422);
    const issues = r.json.error.issues as { file: string; line: number; field: string }[];
    expect(issues.map((i) => `${i.file}:${i.line}: ${i.field}`)).toEqual(["bad.yaml:8: events[0].severity", "bad.yaml:9: events[1].type"]);
    expect(r.json.error.message.split("\n")[0]).toMatch(/^bad\.yaml:8: events\[0\]\.severity: /);
    // a Monte Carlo asked of the same upload is refused the same way, before any job
    const mc = await call(app, "POST", "/simulations", { yaml: BAD, file: "bad.yaml", runs: 10 });
    expect(mc.status).toBe(422);
    expect(mc.json.error.issues[0]).toMatchObject({ file: "bad.yaml", line: 8 });
  });

  it("POST /simulations: file without yaml is 400 naming file; a valid upload's run reports its file name", async () => {
    const r = await call(app, "POST", "/simulations", { scenario: "antimony-2024", file: "mine.yaml" });
    expect(r.status).toBe(400);
    expect(r.json.error.issues[0]).toMatchObject({ field: "file", expected: "yaml as well" });
    const ok =
      "name: ok\nhorizon_months: 3\nevents:\n  - type: export_restriction\n    countries: [CHN]\n    minerals: [gallium]\n    start_month: 1\n    severity: 0.5\n";
    const run = await call(app, "POST", "/simulations", { yaml: ok, file: "mine.yaml" });
    expect(run.status).toBe(200);
    expect(run.json.scenario.file).toBe("mine.yaml");
  });
});

describe("a failure inside a job", () => {
  it("is the job's error, with the status it would have had", async () => {
    // the fast path does not schedule: refused by the planner, inside the job
    const r = await call(app, "POST", "/plans", { budget: 1e9, minerals: ["gallium"], runs: 0, years: 3, projects: "us-candidates", solver: "fast" });
    expect(r.status).toBe(202);
    const job = await settle(app, r.json.id);
    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject({ status: 422, code: "invalid", issues: [{ field: "solver" }] });
    expect(job.result).toBeUndefined();
  });
});

describe("500: a bug is JSON without a stack trace", () => {
  it("a broken dataset", async () => {
    const broken = testApp({ dataset: { minerals: null } as never }).app;
    const r = await call(broken, "GET", "/minerals");
    expect(r.status).toBe(500);
    expect(r.json.error.code).toBe("internal");
    expect(r.text).not.toMatch(/\n\s+at /);
  });
});
