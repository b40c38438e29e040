/**
 * GET /ledger/allocation and the ledger routes' use of the dataset's prices,
 * in-process on a temporary SQLite ledger. Worked by hand: 10 t of antimony; acme (defence, 10 t/yr)
 * and bolt (commercial, 10 t/yr) each have 10 t approved, so acme gets all 10 t and bolt nothing.
 * acme pays the market price plus 5 %, and the ledger has no price: the dataset's is used.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken, parseTokens } from "../../src/api/tokens.js";
import { type Ledger, ledgerInputs, openLedger } from "../../src/store/index.js";
import { type App, type Json, testApp } from "./helpers.js";

const TOKENS = { op: "op-secret-a", analyst: "ana-secret-b", acme: "acme-secret-c", bolt: "bolt-secret-d" };
const tokens = parseTokens(
  `tokens:
  - { actor: { id: alice, role: operator }, sha256: ${hashToken(TOKENS.op)} }
  - { actor: { id: bob, role: analyst }, sha256: ${hashToken(TOKENS.analyst)} }
  - { actor: { id: acme-user, role: member, member: acme }, sha256: ${hashToken(TOKENS.acme)} }
  - { actor: { id: bolt-user, role: member, member: bolt }, sha256: ${hashToken(TOKENS.bolt)} }
`,
  "tokens.yaml",
);

let ledger: Ledger;
let app: App;
let dataset: Parameters<typeof ledgerInputs>[0];

async function req(method: string, path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await app.request(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const json: Json = await res.json();
  return { status: res.status, json };
}
const command = (key: string, at: string, cmd: Record<string, unknown>) => req("POST", "/ledger/commands", TOKENS.op, { key, at, command: cmd });

beforeAll(async () => {
  ledger = await openLedger(`sqlite:${join(mkdtempSync(join(tmpdir(), "lodestone-allocapi-")), "reserve.sqlite")}`);
  const made = testApp({ ledger, tokens, clock: () => Date.UTC(2026, 2, 1) });
  app = made.app;
  dataset = made.deps.dataset;
  const setup: [string, string, Record<string, unknown>][] = [
    ["o1", "2026-01-05", { type: "order", order: "O-1", mineral: "antimony", form: "ingot", spec: "99.65 %", tons: 10, price: 60000, contract: "C-1" }],
    ["r1", "2026-01-10", { type: "receive", order: "O-1", lot: "L-1", tons: 10, location: "Depot A" }],
  ];
  for (const [m, priority, priceRule] of [
    ["acme", "defence", { kind: "market", premium: 0.05 }],
    ["bolt", "commercial", { kind: "fixed", price: 50000 }],
  ] as const) {
    setup.push([`m-${m}`, "2026-01-02", { type: "register-member", member: m, name: m }]);
    setup.push([
      `e-${m}`,
      "2026-01-02",
      { type: "set-entitlement", member: m, mineral: "antimony", basis: { kind: "tons", tonsPerYear: 10 }, priceRule, priority },
    ]);
    setup.push([`q-${m}`, "2026-02-01", { type: "request-draw", draw: `D-${m}`, member: m, mineral: "antimony", tons: 10 }]);
    setup.push([`a-${m}`, "2026-02-02", { type: "approve-draw", draw: `D-${m}` }]);
  }
  for (const [key, at, cmd] of setup) {
    const r = await command(key, at, cmd);
    expect(r.status, JSON.stringify(r.json)).toBe(201);
  }
});

describe("GET /ledger/allocation", () => {
  it("shows an operator or analyst every member's line, and a member only its own", async () => {
    const all = await req("GET", "/ledger/allocation?mineral=antimony&at=2026-03-01", TOKENS.analyst);
    expect(all.status).toBe(200);
    expect(all.json).toMatchObject({ mineral: "antimony", held: 10, open: 20, crisis: true, governed: true });
    expect(all.json.members.map((m: Json) => [m.member, m.priority, m.allocated, m.left])).toEqual([
      ["acme", "defence", 10, 10],
      ["bolt", "commercial", 0, 0],
    ]);
    for (const [token, member, other] of [
      [TOKENS.acme, "acme", "bolt"],
      [TOKENS.bolt, "bolt", "acme"],
    ]) {
      const mine = await req("GET", "/ledger/allocation?mineral=antimony&at=2026-03-01", token);
      expect(mine.status).toBe(200);
      expect(mine.json.members.map((m: Json) => m.member)).toEqual([member]);
      expect(mine.json.lines.map((l: Json) => l.member)).toEqual([member]);
      expect(JSON.stringify(mine.json)).not.toContain(other);
      expect(mine.json.held).toBeUndefined();
      expect(mine.json.classes).toBeUndefined();
    }
  });

  it("needs a token and a mineral, and refuses unknown parameters", async () => {
    expect((await req("GET", "/ledger/allocation?mineral=antimony")).status).toBe(401);
    expect((await req("GET", "/ledger/allocation", TOKENS.op)).status).toBe(400);
    expect((await req("GET", "/ledger/allocation?mineral=antimony&member=bolt", TOKENS.acme)).status).toBe(400);
    const bad = await req("GET", "/ledger/allocation?mineral=anti%20mony", TOKENS.op);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain("mineral");
    // a mineral the dataset does not know is an unknown id (404) with the closest names; a listed name in any case is its mineral
    const unknown = await req("GET", "/ledger/allocation?mineral=unobtainium", TOKENS.op);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.issues[0]).toMatchObject({ field: "mineral", suggestions: expect.any(Array) });
    const named = await req("GET", "/ledger/allocation?mineral=Antimony", TOKENS.op);
    expect(named.status).toBe(200);
    expect(named.json.mineral).toBe("antimony");
  });
});

describe("releases through the API", () => {
  it("refuses bolt's release with its allocation (409), and releases acme at the dataset's market price, saying so", async () => {
    const b = await command("x-bolt", "2026-03-01", { type: "release", draw: "D-bolt" });
    expect(b.status).toBe(409);
    expect(JSON.stringify(b.json)).toContain("crisis allocation of antimony: bolt may be released 0 t more");
    const a = await command("x-acme", "2026-03-01", { type: "release", draw: "D-acme" });
    expect(a.status, JSON.stringify(a.json)).toBe(201);
    const price = ledgerInputs(dataset).prices?.find((p) => p.mineral === "antimony");
    expect(price).toBeDefined();
    expect(a.json.events[0].data.market).toEqual({ date: price?.date, price: price?.price, source: price?.source, from: "dataset", premium: 0.05 });
    expect(a.json.events[0].data.amount).toBeCloseTo(10 * (price?.price ?? 0) * 1.05, 3);
  });

  it("declares a rule as a command (idempotent under its key)", async () => {
    const cmd = { type: "set-allocation-rule", mineral: "antimony", stockFloorTons: 1, memberFloors: { bolt: 0.5 } };
    const first = await command("rule-1", "2026-03-02", cmd);
    expect(first.status).toBe(201);
    expect(first.json.events[0]).toMatchObject({ type: "allocation.rule_set", data: { stockFloor: 1, memberFloors: { bolt: 0.5 } } });
    const again = await command("rule-1", "2026-03-02", cmd);
    expect(again).toMatchObject({ status: 200, json: { replayed: true } });
    const mine = await req("GET", "/ledger/allocation?mineral=antimony", TOKENS.acme);
    expect(mine.json.rule.memberFloors).toEqual({});
  });
});
