import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT } from "../helpers.js";
import { call, settle, testApp } from "./helpers.js";

/*
 * Every analysis route in-process (app.request, no socket). Where the CLI prints the same report,
 * the API's JSON must equal the CLI's --format json: both call the same core, so any difference
 * is logic duplicated in a shell.
 */

const { app } = testApp();
const cliJson = async (args: string[]) => {
  const r = await cli([...args, "--format", "json"]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

describe("minerals", () => {
  it("GET /minerals is the CLI's catalogue, sorted and filtered the same way", async () => {
    const r = await call(app, "GET", "/minerals?sort=hhi&list=eu-2023");
    expect(r.status).toBe(200);
    expect(r.json).toEqual(await cliJson(["minerals", "--sort", "hhi", "--list", "eu-2023"]));
    expect(r.json[0].id).toBe("gallium"); // China's 99 % of primary gallium: the highest HHI
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    // kept and sent again: the same text
    expect((await call(app, "GET", "/minerals?sort=hhi&list=eu-2023")).text).toBe(r.text);
  });

  it("GET /minerals/{id} resolves any listed name as the CLI does (dysprosium, PGMs, uranium)", async () => {
    for (const name of ["gallium", "dysprosium", "PGMs", "uranium"]) {
      const r = await call(app, "GET", `/minerals/${encodeURIComponent(name)}`);
      expect(r.status, name).toBe(200);
      expect(r.json, name).toEqual(await cliJson(["mineral", name]));
    }
    expect((await call(app, "GET", "/minerals/uranium")).json.kind).toBe("no-chapter");
  });
});

describe("risk", () => {
  it("GET /risk?method=&detail=full is the CLI's ranking, with weights as weight.<component>", async () => {
    const r = await call(app, "GET", "/risk?method=hhi&top=5&detail=full");
    expect(r.status).toBe(200);
    expect(r.json).toEqual(await cliJson(["risk", "--method", "hhi", "--top", "5"]));
    const w = await call(app, "GET", "/risk?weight.nir=1&weight.hhi=0&weight.hhiWgi=0&weight.geopolrisk=0&top=3&detail=full");
    expect(w.json).toEqual(await cliJson(["risk", "--weights", "nir=1,hhi=0,hhiWgi=0,geopolrisk=0", "--top", "3"]));
    expect(w.json.options.weights).toEqual({ hhi: 0, hhiWgi: 0, nir: 1, geopolrisk: 0 });
  });

  it("GET /risk without detail=full is the CLI's ranking without each mineral's full record, saying where it is", async () => {
    const r = await call(app, "GET", "/risk");
    expect(r.status).toBe(200);
    const { minerals, ...summary } = await cliJson(["risk"]);
    expect(minerals).toHaveLength(95);
    expect(r.json).toEqual({ ...summary, mineralsReason: expect.stringContaining("/risk/{id}?explain=true") });
    // every method's score and the matrix cell stay in each row; the full records are ten times the bytes
    expect(Object.keys(r.json.ranking[0])).toEqual(expect.arrayContaining(["hhi", "hhiWgi", "euSr", "nir", "geopolrisk", "composite", "matrix"]));
    expect(r.text.length * 10).toBeLessThan((await call(app, "GET", "/risk?detail=full")).text.length);
    expect((await call(app, "GET", "/risk?detail=some")).status).toBe(400);
  });

  it("GET /risk/{id}?explain=true is the CLI's explanation; without explain, the row by the method", async () => {
    const r = await call(app, "GET", "/risk/gallium?explain=true");
    expect(r.status).toBe(200);
    expect(r.json).toEqual(await cliJson(["risk", "gallium", "--explain"]));
    const row = await call(app, "GET", "/risk/gallium?method=nir");
    expect(row.json).toMatchObject({ id: "gallium", method: "nir", row: { id: "gallium", value: 100 } });
  });

  it("GET /risk/{id} of a mineral with an assumed NIR (rhodium) carries assumed.nir as GET /risk's row does", async () => {
    const ranking = (await call(app, "GET", "/risk")).json.ranking as { id: string; rank: number | null; assumed?: { nir: unknown }; missing?: string[] }[];
    const ranked = ranking.find((x) => x.id === "rhodium")!;
    expect(ranked.assumed?.nir).toBeDefined();
    for (const path of ["/risk/rhodium", "/risk/rhodium?method=nir"]) {
      const r = await call(app, "GET", path);
      expect(r.status, path).toBe(200);
      // USGS publishes no US rhodium NIR: 100 %, range 85–100 % (the low end platinum's 85 %), from the shipped assumptions file
      expect(r.json.row.assumed.nir, path).toMatchObject({ range: [85, 100], unit: "percent", at: { file: "assumptions/public-estimates.yaml" } });
      expect(r.json.row.nirPublished, path).toBeNull();
      expect(r.json.row.missing, path).toContain("nirPublished: USGS publishes no US net import reliance; the value used is assumed (see assumed.nir)");
    }
    // the composite row is the ranking's row but for the rank, which one mineral alone does not have
    const one = (await call(app, "GET", "/risk/rhodium")).json.row;
    const { rank, missing, ...rest } = ranked;
    expect(rank).toBeGreaterThan(0);
    expect(one.rank).toBeNull();
    expect(one).toEqual({ ...rest, rank: null, missing: [expect.stringMatching(/^rank: one mineral asked/), ...missing!] });
    // a mineral on published figures only carries no assumed
    expect((await call(app, "GET", "/risk/gallium")).json.row.assumed).toBeUndefined();
  });

  it("GET /risk/{id} of a part of a chapter says which chapter answers", async () => {
    const r = await call(app, "GET", "/risk/dysprosium?explain=true");
    expect(r.status).toBe(200);
    expect(r.json.id).toBe("dysprosium");
  });

  it("weights with another method, or explain with a method, are refused naming the field", async () => {
    const a = await call(app, "GET", "/risk?method=hhi&weight.hhi=1");
    expect(a.status).toBe(400);
    expect(a.json.error.issues[0].field).toBe("weight");
    const b = await call(app, "GET", "/risk/gallium?explain=true&method=hhi");
    expect(b.status).toBe(400);
    expect(b.json.error.issues[0].field).toBe("method");
  });
});

describe("scenarios", () => {
  it("GET /scenarios is the CLI's list", async () => {
    const r = await call(app, "GET", "/scenarios");
    expect(r.status).toBe(200);
    expect(r.json).toEqual(await cliJson(["scenarios"]));
    expect(r.json.map((s: { id: string }) => s.id)).toContain("antimony-2024");
  });

  it("GET /scenarios/{id} gives the parsed scenario", async () => {
    const r = await call(app, "GET", "/scenarios/antimony-2024");
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: "antimony-2024", file: "scenarios/antimony-2024.yaml", scenario: { horizon: 36 } });
    expect(r.json.scenario.events).toHaveLength(1);
  });

  it("POST /scenarios/validate answers 200 with a summary for a valid file", async () => {
    const r = await call(app, "POST", "/scenarios/validate?file=mine.yaml", TINY, "application/yaml");
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ valid: true, file: "mine.yaml", name: "tiny", horizon: 3, events: 1, cites: [] });
  });

  it("POST /simulations without runs is the CLI's deterministic audit record", async () => {
    const r = await call(app, "POST", "/simulations", { scenario: "antimony-2024" });
    expect(r.status).toBe(200);
    expect(r.json).toEqual(await cliJson(["simulate", "antimony-2024"]));
    // the assumptions and market sets are read once and reused: a second run is the same
    expect((await call(app, "POST", "/simulations", { scenario: "antimony-2024" })).json).toEqual(r.json);
    const none = await call(app, "POST", "/simulations", { scenario: "antimony-2024", assumptions: "none", market: "none" });
    expect(none.json).toEqual(await cliJson(["simulate", "antimony-2024", "--assumptions", "none", "--market", "none"]));
  });

  it("POST /simulations with runs is a job whose result is the CLI's Monte Carlo JSON", async () => {
    const r = await call(app, "POST", "/simulations", { scenario: "antimony-2024", runs: 40, seed: 7 });
    expect(r.status).toBe(202);
    const job = await settle(app, r.json.id);
    expect(job.status).toBe("done");
    expect(job.result).toEqual(await cliJson(["simulate", "antimony-2024", "--runs", "40", "--seed", "7"]));
  });

  it("POST /simulations runs an uploaded scenario", async () => {
    const r = await call(app, "POST", "/simulations", { yaml: TINY });
    expect(r.status).toBe(200);
    expect(r.json.scenario).toMatchObject({ name: "tiny", file: "upload.yaml", horizon: 3 });
  });
});

describe("plans, compare, frontier", () => {
  const small = { minerals: ["gallium", "germanium"], runs: 10 };
  const flags = ["--minerals", "gallium,germanium", "--runs", "10"];

  it("POST /plans is a job whose result is the CLI's plan JSON", async () => {
    const r = await call(app, "POST", "/plans", { budget: 1e9, ...small });
    expect(r.status).toBe(202);
    expect(r.headers.get("location")).toBe(`/jobs/${r.json.id}`);
    const job = await settle(app, r.json.id);
    expect(job.status).toBe("done");
    expect(job.result).toEqual(await cliJson(["plan", "--budget", "1e9", ...flags]));
    expect(job.result.status).toBe("optimal");
  });

  it("POST /compare is the CLI's plan --compare JSON", async () => {
    const r = await call(app, "POST", "/compare", { budget: 1e9, compare: 2e8, ...small });
    const job = await settle(app, r.json.id);
    expect(job.result).toEqual(await cliJson(["plan", "--budget", "1e9", "--compare", "2e8", ...flags]));
    expect(job.result.direction).toBe("cut");
  });

  it("POST /frontier is the CLI's frontier JSON, one point per budget", async () => {
    const r = await call(app, "POST", "/frontier", { to: 2e9, steps: 3, ...small });
    const job = await settle(app, r.json.id);
    expect(job.result).toEqual(await cliJson(["frontier", "--to", "2e9", "--steps", "3", ...flags]));
    expect(job.result.points.map((p: { budgetUsd: number }) => p.budgetUsd)).toEqual([0, 1e9, 2e9]);
    expect(job.progress).toEqual({ done: 4, total: 4, phase: "done" });
  });

  it("built-in files are named: a basket, holdings and assumptions by name plan as the CLI's files", async () => {
    const r = await call(app, "POST", "/plans", {
      budget: 1e9,
      basket: "defence-critical",
      holdings: "nds-example",
      assumptions: "none",
      market: "none",
      runs: 10,
    });
    const job = await settle(app, r.json.id);
    expect(job.status).toBe("done");
    expect(job.result).toEqual(
      await cliJson([
        "plan",
        "--budget",
        "1e9",
        "--basket",
        "baskets/defence-critical.yaml",
        "--holdings",
        "holdings/nds-example.yaml",
        "--assumptions",
        "none",
        "--market",
        "none",
        "--runs",
        "10",
      ]),
    );
  });
});

describe("briefing", () => {
  it("POST /briefing is a job whose result is lodestone briefing's HTML, dated by the server's clock", async () => {
    const r = await call(app, "POST", "/briefing", { budget: 3e9 });
    expect(r.status).toBe(202);
    const job = await settle(app, r.json.id);
    expect(job.status).toBe("done");
    expect([job.result.budgetUsd, job.result.cutUsd]).toEqual([3e9, 1e9]);
    expect(job.result.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const dir = mkdtempSync(join(tmpdir(), "lodestone-briefing-"));
    try {
      const out = join(dir, "brief.html");
      const c = await cli(["briefing", "--budget", "3e9", "--format", "html", "--out", out]);
      expect(c.code, c.stderr).toBe(0);
      // the CLI dates its note today: the same page once the dates agree
      const html = readFileSync(out, "utf8").replace(/; \d{4}-\d{2}-\d{2}\.</, `; ${job.result.date}.<`);
      expect(job.result.html).toBe(html);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("POST /briefing refuses a negative budget and an unknown field, naming each", async () => {
    const r = await call(app, "POST", "/briefing", { budget: -1, cut: 5 });
    expect(r.status).toBe(400);
    expect(r.json.error.issues.map((i: { field: string }) => i.field).sort()).toEqual(["body.budget", "body.cut"]);
  });
});

describe("assumptions", () => {
  it("GET /assumptions/gaps is the CLI's gaps JSON, for the shipped file or none", async () => {
    const r = await call(app, "GET", "/assumptions/gaps");
    expect(r.status).toBe(200);
    expect(r.json).toEqual(await cliJson(["assumptions", "gaps"]));
    const none = await call(app, "GET", "/assumptions/gaps?assumptions=none");
    expect(none.json.assumptions).toBeNull();
    expect(none.json.gaps.every((g: { filledBy: unknown }) => g.filledBy === null)).toBe(true);
  });

  it("GET /assumptions lists the shipped file's entries, each at its line", async () => {
    const r = await call(app, "GET", "/assumptions");
    expect(r.status).toBe(200);
    expect(r.json.file).toBe("assumptions/public-estimates.yaml");
    const tungsten = r.json.entries.find((e: { mineral: string; quantity: string }) => e.mineral === "tungsten" && e.quantity === "consumption");
    expect(tungsten.at.file).toBe("assumptions/public-estimates.yaml");
    expect(tungsten.value).toBeGreaterThan(tungsten.range[0]);
  });
});

describe("assumptions upload", () => {
  it("POST /assumptions/validate accepts the shipped file's text, counting its entries as GET /assumptions lists them", async () => {
    const text = readFileSync(join(ROOT, "assumptions", "public-estimates.yaml"), "utf8");
    const r = await call(app, "POST", "/assumptions/validate?file=mine.yaml", text, "application/yaml");
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ valid: true, file: "mine.yaml", entries: (await call(app, "GET", "/assumptions")).json.entries.length });
  });
});

describe("reference", () => {
  it("/docs lists every route, says the analysis routes are open on localhost and the ledger's need bearer tokens, and loads nothing from another host", async () => {
    const r = await call(app, "GET", "/docs");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/html");
    const doc = (await call(app, "GET", "/openapi.json")).json;
    for (const path of Object.keys(doc.paths)) expect(r.text).toContain(`<code>${path}</code>`);
    expect(r.text).toMatch(/without authentication/);
    expect(r.text).toMatch(/localhost/);
    expect(r.text).toMatch(/ledger routes .* need a bearer token/i);
    expect(r.text).not.toMatch(/when they come/);
    expect(r.text).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});

const TINY = `name: tiny
horizon_months: 3
events:
  - type: export_restriction
    countries: [CHN]
    minerals: [gallium]
    start_month: 1
    duration_months: 2
    severity: 0.5
`;
