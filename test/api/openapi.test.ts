import { describe, expect, it } from "vitest";
import { PLAN_RANGES } from "../../src/io/plan-input.js";
import { call, type Json, testApp } from "./helpers.js";

/*
 * The OpenAPI document lists every route the app serves, each with its request and response
 * schemas, and every reference in it resolves: generated from the zod schemas that validate the
 * requests, it cannot drift from them.
 */

const { app } = testApp();
const doc: Json = (await call(app, "GET", "/openapi.json")).json;
const METHODS = ["get", "post", "put", "patch", "delete"];
const operations = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, ops]) =>
  Object.entries(ops)
    .filter(([m]) => METHODS.includes(m))
    .map(([method, op]) => ({ path, method, op })),
);
/** The routes the document leaves out on purpose: itself, the page built from it, and the redirect to that page. */
// the document, its page and the dashboard's static files (/ and /assets/*) are not API operations
const SELF = new Set(["GET /openapi.json", "GET /docs", "GET /", "GET /assets/{name}"]);

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with a title and version", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: "Lodestone", version: expect.any(String) });
  });

  it("lists exactly the routes the app serves", () => {
    const served = app.routes
      .filter((r) => r.method !== "ALL")
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`)
      .filter((r) => !SELF.has(r));
    const documented = operations.map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(new Set(documented)).toEqual(new Set(served));
    expect(documented).toEqual(
      expect.arrayContaining([
        "GET /minerals",
        "GET /minerals/{id}",
        "GET /risk",
        "GET /risk/{id}",
        "GET /scenarios",
        "GET /scenarios/{id}",
        "POST /scenarios/validate",
        "POST /simulations",
        "POST /plans",
        "POST /compare",
        "POST /frontier",
        "POST /briefing",
        "GET /assumptions",
        "GET /assumptions/gaps",
        "POST /assumptions/validate",
        "GET /jobs/{id}",
        "DELETE /jobs/{id}",
        "POST /ledger/commands",
        "GET /ledger/position",
        "GET /ledger/cover",
        "GET /ledger/valuation",
        "GET /ledger/members/{id}/statement",
        "GET /ledger/audit",
        "GET /ledger/events",
        "GET /ledger/me",
        "GET /ledger/members",
      ]),
    );
  });

  it("gives every operation a summary, its path parameters, a body schema for each POST and a schema for each response", () => {
    for (const { path, method, op } of operations) {
      const where = `${method} ${path}`;
      expect(op.summary, where).toBeTruthy();
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p: Json) => p.in === "path");
      expect(declared.map((p: Json) => p.name).sort(), where).toEqual(inPath.sort());
      for (const p of declared) expect(p.required, `${where} ${p.name}`).toBe(true);
      if (method === "post") {
        const content = op.requestBody?.content ?? {};
        expect(Object.keys(content).length, where).toBeGreaterThan(0);
        for (const c of Object.values(content) as Json[]) expect(c.schema, where).toBeDefined();
      }
      const statuses = Object.keys(op.responses);
      expect(
        statuses.some((s) => s === "200" || s === "202"),
        where,
      ).toBe(true);
      for (const [status, res] of Object.entries(op.responses as Record<string, Json>)) {
        expect(res.description, `${where} ${status}`).toBeTruthy();
        expect(res.content?.["application/json"]?.schema, `${where} ${status}`).toBeDefined();
        if (Number(status) >= 400) expect(res.content["application/json"].schema.$ref, `${where} ${status}`).toBe("#/components/schemas/Error");
      }
    }
  });

  it("documents the query parameters a route validates", () => {
    const names = (path: string) => (doc.paths[path].get.parameters ?? []).filter((p: Json) => p.in === "query").map((p: Json) => p.name);
    expect(names("/risk")).toEqual(expect.arrayContaining(["method", "stage", "top", "wgi", "weight.hhi", "weight.nir", "detail"]));
    expect(names("/minerals")).toEqual(["sort", "list"]);
    expect(names("/assumptions/gaps")).toEqual(["assumptions"]);
  });

  it("has the same bounds as the validation: the plan body is closed and its numbers carry PLAN_RANGES", () => {
    const plan = doc.components.schemas.PlanRequest;
    expect(plan.additionalProperties).toBe(false);
    expect(plan.required).toEqual(["budget"]);
    expect(plan.properties.budget).toMatchObject({ type: "number", minimum: PLAN_RANGES.budget.min, maximum: PLAN_RANGES.budget.max });
    expect(plan.properties.marketShare).toMatchObject({ minimum: 0, maximum: 1 });
    expect(plan.properties.horizonYears).toMatchObject({ minimum: 0.25, maximum: 50 });
    expect(doc.components.schemas.Error.properties.error.properties.issues.type).toBe("array");
  });

  it("documents GET /risk's shape: the ranking rows always, each mineral's record only with detail=full", () => {
    expect(doc.paths["/risk"].get.responses["200"].content["application/json"].schema.$ref).toBe("#/components/schemas/RiskRanking");
    const risk = doc.components.schemas.RiskRanking;
    expect(risk.required).toEqual(expect.arrayContaining(["method", "options", "ranking"]));
    expect(risk.required).not.toContain("minerals");
    expect(risk.properties.minerals.description).toContain("detail=full");
    const detail = doc.paths["/risk"].get.parameters.find((p: Json) => p.name === "detail");
    expect(detail.schema.enum).toEqual(["summary", "full"]);
  });

  it("resolves every $ref", () => {
    const refs: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object")
        for (const [k, x] of Object.entries(v)) {
          if (k === "$ref" && typeof x === "string") refs.push(x);
          else walk(x);
        }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of new Set(refs)) {
      expect(ref, ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.split("/").pop()!], ref).toBeDefined();
    }
  });
});
