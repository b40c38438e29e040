/**
 * The ledger routes in-process on a temporary SQLite ledger: bearer tokens stored
 * as hashes, the core's roles, idempotent writes, and member isolation on every ledger route.
 * Worked by hand: 100 t of antimony ordered, received as 60 t (lot L-1) and 40 t (lot L-2); members
 * acme and bolt each hold 30 t a year; acme requests 20 t (draw D-acme-1).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken, parseTokens } from "../../src/api/tokens.js";
import { ROOT } from "../../src/io/dataset.js";
import { type Ledger, openLedger } from "../../src/store/index.js";
import { cli } from "../helpers.js";
import { antimonyReserveSetup } from "../ledger/fixtures.js";
import { type App, type Json, testApp } from "./helpers.js";

const TOKENS = { op: "op-secret-1", auditor: "aud-secret-2", acme: "acme-secret-3", bolt: "bolt-secret-4" };
const tokens = parseTokens(
  `tokens:
  - { actor: { id: alice, role: operator }, sha256: ${hashToken(TOKENS.op)} }
  - { actor: { id: carol, role: auditor }, sha256: ${hashToken(TOKENS.auditor)} }
  - { actor: { id: acme-user, role: member, member: acme }, sha256: ${hashToken(TOKENS.acme)} }
  - { actor: { id: bolt-user, role: member, member: bolt }, sha256: ${hashToken(TOKENS.bolt)} }
`,
  "tokens.yaml",
);

let ledger: Ledger;
let app: App;
let maxBody: number;
/** The server's clock: 2026-04-01T00:00:00Z plus one second per reading (a member's request is dated by it). */
let tick = Date.UTC(2026, 3, 1);
const clock = () => (tick += 1000);

async function req(method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { ...headers };
  if (token !== undefined) h.authorization = `Bearer ${token}`;
  if (body !== undefined) h["content-type"] = "application/json";
  const res = await app.request(path, { method, headers: h, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const json: Json = await res.json();
  return { status: res.status, json, headers: res.headers };
}
const command = (key: string, at: string, cmd: Record<string, unknown>, token = TOKENS.op) => req("POST", "/ledger/commands", token, { key, at, command: cmd });
const count = async () => (await ledger.events()).length;

beforeAll(async () => {
  ledger = await openLedger(`sqlite:${join(mkdtempSync(join(tmpdir(), "lodestone-ledgerapi-")), "reserve.sqlite")}`);
  const made = testApp({ ledger, tokens, clock });
  app = made.app;
  maxBody = made.deps.maxBodyBytes;
  const setup = antimonyReserveSetup([
    { member: "acme", name: "Acme", tonsPerYear: 30, priority: "defence" },
    { member: "bolt", name: "Bolt", tonsPerYear: 30, priority: "commercial" },
  ]);
  for (const [key, at, cmd] of setup) {
    const r = await command(key, at, cmd);
    expect(r.status, JSON.stringify(r.json)).toBe(201);
  }
  // a member's request is dated by the server's clock: no `at`
  const d = await req("POST", "/ledger/commands", TOKENS.acme, { key: "d1", command: { type: "request-draw", mineral: "antimony", tons: 20 } });
  expect(d.status, JSON.stringify(d.json)).toBe(201);
  expect(d.json.events[0].at).toMatch(/^2026-04-01T00:00:\d\d\.000Z$/);
});
afterAll(async () => {
  await ledger.close();
});

describe("ledger routes: authentication", () => {
  const routes = [
    ["GET", "/ledger/position"],
    ["GET", "/ledger/cover"],
    ["GET", "/ledger/valuation"],
    ["GET", "/ledger/members/acme/statement"],
    ["GET", "/ledger/audit?member=acme"],
    ["GET", "/ledger/events"],
    ["GET", "/ledger/members"],
    ["POST", "/ledger/commands"],
  ] as const;

  it("answers 401 on every ledger route without a token, with an unknown one, or with the stored hash sent as the token", async () => {
    const before = await count();
    for (const [method, path] of routes)
      for (const token of [undefined, "not-a-token", hashToken(TOKENS.op)]) {
        const body = method === "POST" ? { key: "x1", at: "2026-05-01", command: { type: "register-member", member: "eve", name: "Eve" } } : undefined;
        const r = await req(method, path, token, body);
        expect(r.status, `${method} ${path} ${token}`).toBe(401);
        expect(r.json.error).toMatchObject({ status: 401, code: "unauthorized", issues: [expect.objectContaining({ field: "Authorization" })] });
        expect(r.headers.get("www-authenticate")).toMatch(/^Bearer/);
      }
    expect(await count()).toBe(before);
  });

  it("GET /ledger/me names the token's actor", async () => {
    expect((await req("GET", "/ledger/me", TOKENS.acme)).json).toEqual({ id: "acme-user", role: "member", member: "acme" });
    expect((await req("GET", "/ledger/me")).status).toBe(401);
  });

  it("the analysis routes stay open without a token", async () => {
    expect((await req("GET", "/minerals")).status).toBe(200);
  });

  it("a tokens file stores hashes only: a bad hash or a member without its member is refused naming the field", () => {
    expect(() => parseTokens("tokens:\n  - { actor: { id: a, role: operator }, sha256: op-secret-1 }\n", "t.yaml")).toThrow(/tokens\.0\.sha256/);
    expect(() => parseTokens(`tokens:\n  - { actor: { id: a, role: member }, sha256: ${hashToken("x")} }\n`, "t.yaml")).toThrow(/tokens\.0\.actor\.member/);
  });

  it("lodestone serve --hash-token prints the SHA-256 a tokens file stores", async () => {
    const r = await cli(["serve", "--hash-token", TOKENS.op]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(hashToken(TOKENS.op));
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("POST /ledger/commands", () => {
  it("an operator writes: the events come back numbered, and the position shows them", async () => {
    const r = await command("p1", "2026-04-02", { type: "set-price", mineral: "antimony", date: "2026-04-01", price: 55000, source: "test" });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      replayed: false,
      events: [expect.objectContaining({ type: "price.set", actor: "alice", key: "p1", seq: expect.any(Number) })],
    });
    const pos = await req("GET", "/ledger/position", TOKENS.auditor);
    expect(pos.status).toBe(200);
    expect(pos.json.minerals).toEqual([expect.objectContaining({ mineral: "antimony", tons: 100, lots: 2 })]);
  });

  it("a retried key (body or Idempotency-Key header) answers 200 with the stored events, replayed, and writes nothing", async () => {
    const first = await command("a1", "2026-04-03", { type: "approve-draw", draw: "D-acme-1" });
    expect(first.status).toBe(201);
    const before = await count();
    const again = await command("a1", "2026-04-03", { type: "approve-draw", draw: "D-acme-1" });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ replayed: true, events: first.json.events });
    const viaHeader = await req(
      "POST",
      "/ledger/commands",
      TOKENS.op,
      { at: "2026-04-03", command: { type: "approve-draw", draw: "D-acme-1" } },
      { "idempotency-key": "a1" },
    );
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.json.replayed).toBe(true);
    expect(await count()).toBe(before);
  });

  it("the same key with a different command is 409 conflict naming the key; nothing written", async () => {
    const before = await count();
    const r = await command("a1", "2026-04-03", { type: "approve-draw", draw: "D-acme-1", tons: 10 });
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({ code: "conflict", issues: [expect.objectContaining({ field: "key" })] });
    expect(await count()).toBe(before);
  });

  it("refusals name the field and write nothing: a state conflict is 409, a malformed field 400, a missing key 400", async () => {
    const before = await count();
    const over = await command("w1", "2026-05-01", { type: "write-off", lot: "L-1", tons: 500, reason: "test" });
    expect(over.status).toBe(409);
    expect(over.json.error.issues[0].field).toBe("tons");
    const bad = await command("w2", "2026-05-01", { type: "write-off", lot: "L-1", tons: -1, reason: "test" });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: "bad-input", issues: [expect.objectContaining({ field: "tons" })] });
    const badType = await command("w3", "2026-05-01", { type: "explode" });
    expect(badType.status).toBe(400);
    expect(badType.json.error.issues[0].field).toBe("body.command.type");
    const noKey = await req("POST", "/ledger/commands", TOKENS.op, { at: "2026-05-01", command: { type: "deliver", draw: "D-acme-1" } });
    expect(noKey.status).toBe(400);
    expect(noKey.json.error.issues[0].field).toBe("key");
    const badDate = await command("w4", "yesterday", { type: "deliver", draw: "D-acme-1" });
    expect(badDate.status).toBe(400);
    expect(badDate.json.error.issues[0].field).toBe("at");
    expect(await count()).toBe(before);
  });

  it("a member requests a draw for itself but not for another member, and may not write anything else (403 forbidden)", async () => {
    const own = await req("POST", "/ledger/commands", TOKENS.acme, {
      key: "d2",
      command: { type: "request-draw", member: "acme", mineral: "antimony", tons: 1 },
    });
    expect(own.status).toBe(201);
    expect(own.json.events[0].data).toMatchObject({ member: "acme", tons: 1 });
    const before = await count();
    const other = await command("d3", "2026-05-02", { type: "request-draw", member: "bolt", mineral: "antimony", tons: 1 }, TOKENS.acme);
    expect(other.status).toBe(403);
    expect(other.json.error).toMatchObject({ code: "forbidden", issues: [expect.objectContaining({ field: "member" })] });
    const approve = await command("d4", "2026-05-02", { type: "approve-draw", draw: "D-acme-1" }, TOKENS.acme);
    expect(approve.status).toBe(403);
    const auditor = await command("d5", "2026-05-02", { type: "register-member", member: "zed", name: "Zed" }, TOKENS.auditor);
    expect(auditor.status).toBe(403);
    expect(await count()).toBe(before);
  });
});

describe("member isolation: every ledger route with another member's token", () => {
  it("whole-reserve reports (position, cover, valuation, events, a lot's trail) are 403 to a member", async () => {
    for (const path of ["/ledger/position", "/ledger/cover", "/ledger/valuation", "/ledger/events", "/ledger/audit?lot=L-1"]) {
      const r = await req("GET", path, TOKENS.bolt);
      expect(r.status, path).toBe(403);
      expect(r.json.error.code, path).toBe("forbidden");
      expect(JSON.stringify(r.json), path).not.toMatch(/acme|D-acme-1/);
    }
  });

  it("acme's statement and audit trail are 403 to bolt; bolt's own hold none of acme's records", async () => {
    for (const path of ["/ledger/members/acme/statement", "/ledger/audit?member=acme"]) {
      const r = await req("GET", path, TOKENS.bolt);
      expect(r.status, path).toBe(403);
      expect(JSON.stringify(r.json), path).not.toMatch(/D-acme-1|Acme/);
    }
    const st = await req("GET", "/ledger/members/bolt/statement", TOKENS.bolt);
    expect(st.status).toBe(200);
    expect(st.json).toMatchObject({ member: "bolt", draws: [] });
    const trail = await req("GET", "/ledger/audit?member=bolt", TOKENS.bolt);
    expect(trail.status).toBe(200);
    expect(trail.json.events.length).toBeGreaterThan(0);
    expect(JSON.stringify(trail.json)).not.toMatch(/acme/);
  });

  it("an unknown member's statement or trail, or an unknown lot's trail, is 404 naming the field; an unknown query parameter is 400", async () => {
    const st = await req("GET", "/ledger/members/nope/statement", TOKENS.auditor);
    expect(st.status).toBe(404);
    expect(st.json.error.issues[0]).toMatchObject({ field: "member" });
    const lot = await req("GET", "/ledger/audit?lot=NOPE", TOKENS.auditor);
    expect(lot.status).toBe(404);
    expect(lot.json.error.issues[0]).toMatchObject({ field: "lot" });
    expect((await req("GET", "/ledger/audit?member=nope", TOKENS.auditor)).status).toBe(404);
    // a member asking about another, even one that does not exist, learns nothing: 403, not 404
    expect((await req("GET", "/ledger/members/nope/statement", TOKENS.acme)).status).toBe(403);
    const typo = await req("GET", "/ledger/position?when=2026-01-01", TOKENS.auditor);
    expect(typo.status).toBe(400);
    expect(typo.json.error.message).toMatch(/when/);
  });

  it("acme reads its own statement and trail, with its draws; an auditor reads both members'", async () => {
    const st = await req("GET", "/ledger/members/acme/statement", TOKENS.acme);
    expect(st.status).toBe(200);
    expect(st.json.draws.map((d: Json) => d.draw)).toContain("D-acme-1");
    expect(JSON.stringify(st.json)).not.toMatch(/bolt/);
    const trail = await req("GET", "/ledger/audit?member=acme", TOKENS.acme);
    expect(trail.json.events.every((e: Json) => e.data.member === "acme" || e.data.draw !== undefined)).toBe(true);
    for (const m of ["acme", "bolt"]) expect((await req("GET", `/ledger/members/${m}/statement`, TOKENS.auditor)).status).toBe(200);
  });

  it("idempotency keys are per actor: another member sending acme's key runs its own command and learns nothing of acme's", async () => {
    const acmeFirst = (await ledger.events()).filter((e) => e.key === "d1");
    expect(acmeFirst.map((e) => e.actor)).toEqual(["acme-user"]);
    // bolt sends acme's key with the same command text, then with another: each is bolt's own command
    const same = await req("POST", "/ledger/commands", TOKENS.bolt, { key: "d1", command: { type: "request-draw", mineral: "antimony", tons: 20 } });
    expect(same.status, JSON.stringify(same.json)).toBe(201);
    expect(same.json.replayed).toBe(false);
    expect(same.json.events.map((e: Json) => [e.actor, e.key, e.data.member, e.data.tons])).toEqual([["bolt-user", "d1", "bolt", 20]]);
    expect(JSON.stringify(same.json)).not.toMatch(/acme|D-acme-1\b/);
    // bolt's retry replays bolt's own events; a different command under the key is bolt's own conflict, naming only the key
    const retry = await req("POST", "/ledger/commands", TOKENS.bolt, { key: "d1", command: { type: "request-draw", mineral: "antimony", tons: 20 } });
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual({ replayed: true, events: same.json.events });
    const other = await req("POST", "/ledger/commands", TOKENS.bolt, { key: "d1", command: { type: "request-draw", mineral: "antimony", tons: 3 } });
    expect(other.status).toBe(409);
    expect(other.json.error).toMatchObject({ code: "conflict", issues: [expect.objectContaining({ field: "key" })] });
    expect(JSON.stringify(other.json)).not.toMatch(/acme|D-acme-1\b/);
    // acme's own key still answers acme's first command
    const mine = await req("POST", "/ledger/commands", TOKENS.acme, {
      key: "d1",
      command: { type: "request-draw", mineral: "antimony", tons: 20 },
    });
    expect(mine.status).toBe(200);
    // as a member sees them: the stored events without their place in the log (seq 0), which would count the others' writes
    expect(acmeFirst[0].seq).toBeGreaterThan(0);
    expect(mine.json.events).toEqual(acmeFirst.map((e) => ({ ...e, seq: 0 })));
    expect([...same.json.events, ...retry.json.events].every((e: Json) => e.seq === 0)).toBe(true);
    // an operator's answer carries the log's numbers
    const op = await command("p-seq", "2026-04-02", { type: "set-price", mineral: "tin", date: "2026-04-02", price: 30_000, source: "test" });
    expect(op.status).toBe(201);
    expect(op.json.events[0].seq).toBe((await ledger.events()).length);
  });
});

describe("reports as the CLI computes them", () => {
  it("cover and valuation for an auditor: the dataset's demand and the ledger's price", async () => {
    const cov = await req("GET", "/ledger/cover?target=30", TOKENS.auditor);
    expect(cov.status).toBe(200);
    expect(cov.json.cover).toEqual([expect.objectContaining({ mineral: "antimony", target: 30, d0: expect.any(Number) })]);
    const val = await req("GET", "/ledger/valuation?at=2026-06-30", TOKENS.auditor);
    expect(val.status).toBe(200);
    expect(val.json.lots[0]).toMatchObject({ price: 55000, priceDate: "2026-04-01" });
    const ev = await req("GET", "/ledger/events?after=2", TOKENS.auditor);
    expect(ev.json.events[0].seq).toBe(3);
    expect((await req("GET", "/ledger/cover?target=-1", TOKENS.auditor)).status).toBe(400);
  });

  it("GET /ledger/members: an auditor sees every member and the draws waiting for the operator; a member sees only itself", async () => {
    const all = await req("GET", "/ledger/members", TOKENS.auditor);
    expect(all.status).toBe(200);
    expect(all.json.members.map((m: Json) => [m.member, m.name, m.entitlements])).toEqual([
      ["acme", "Acme", 1],
      ["bolt", "Bolt", 1],
    ]);
    // acme's D-acme-1 (20 t) was approved and D-acme-2 (1 t, named by the ledger) requested above; each member's count is its own open draws
    const acmeOpen = all.json.open.filter((d: Json) => d.member === "acme");
    expect(acmeOpen.map((d: Json) => [d.draw, d.status, d.requested, d.approved])).toEqual([
      ["D-acme-1", "approved", 20, 20],
      ["D-acme-2", "requested", 1, 0],
    ]);
    for (const m of all.json.members) expect(m.open, m.member).toBe(all.json.open.filter((d: Json) => d.member === m.member).length);
    expect(all.json.open.every((d: Json) => d.status === "requested" || d.status === "approved")).toBe(true);
    for (const [token, self, other] of [
      [TOKENS.bolt, "bolt", /acme|Acme|D-acme-1\b|D-2\b/],
      [TOKENS.acme, "acme", /bolt|Bolt/],
    ] as const) {
      const r = await req("GET", "/ledger/members", token);
      expect(r.status).toBe(200);
      expect(r.json).toEqual({
        members: all.json.members.filter((m: Json) => m.member === self),
        open: all.json.open.filter((d: Json) => d.member === self),
      });
      expect(JSON.stringify(r.json)).not.toMatch(other);
    }
  });

  it("without a ledger the routes are 404 after authentication", async () => {
    const bare = testApp({ tokens }).app;
    const r = await bare.request("/ledger/position", { headers: { authorization: `Bearer ${TOKENS.op}` } });
    expect(r.status).toBe(404);
    expect((await bare.request("/ledger/position")).status).toBe(401);
  });
});

describe("request dating: a member's request is dated by the server's clock", () => {
  it("a member's request without `at` is dated by the clock; a retry after the clock moved replays it", async () => {
    const body = { key: "dt1", command: { type: "request-draw", mineral: "antimony", tons: 0.5 } };
    const first = await req("POST", "/ledger/commands", TOKENS.acme, body);
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    expect(first.json.events[0].at).toBe(new Date(tick).toISOString());
    tick += 3_600_000;
    const again = await req("POST", "/ledger/commands", TOKENS.acme, body);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ replayed: true, events: first.json.events });
  });

  it("a member may not date its request into another entitlement year or away from the clock (403 naming at); nothing written", async () => {
    const before = await count();
    for (const [key, at] of [
      ["dt2", "2025-06-01"],
      ["dt3", "2031-01-01T00:00:00Z"],
      ["dt4", "2026-04-02T00:00:00Z"],
    ]) {
      const viaBody = await command(key, at, { type: "request-draw", mineral: "antimony", tons: 1 }, TOKENS.acme);
      expect(viaBody.status, `${at}: ${JSON.stringify(viaBody.json)}`).toBe(403);
      expect(viaBody.json.error).toMatchObject({ code: "forbidden", issues: [expect.objectContaining({ field: "at" })] });
      const inCommand = await req("POST", "/ledger/commands", TOKENS.acme, {
        key: `${key}c`,
        command: { type: "request-draw", mineral: "antimony", tons: 1, at },
      });
      expect(inCommand.status, at).toBe(403);
      expect(inCommand.json.error.issues[0].field).toBe("at");
    }
    expect(await count()).toBe(before);
  });

  it("an operator may still date a command (recording a past request), and without `at` it is the clock's", async () => {
    const back = await command("dt5", "2025-12-30", { type: "request-draw", member: "bolt", mineral: "antimony", tons: 1 });
    expect(back.status, JSON.stringify(back.json)).toBe(201);
    expect(back.json.events[0].at).toBe("2025-12-30T00:00:00.000Z");
    const now = await req("POST", "/ledger/commands", TOKENS.op, {
      key: "dt6",
      command: { type: "set-price", mineral: "antimony", date: "2026-04-01", price: 55000, source: "test" },
    });
    expect(now.status).toBe(201);
    expect(now.json.events[0].at).toBe(new Date(tick).toISOString());
  });
});

describe("authentication comes before the body", () => {
  it("answers 401 to a missing or unknown token even with an oversized body, without reading it", async () => {
    const big = "x".repeat(maxBody + 1);
    for (const token of [undefined, "not-a-token"]) {
      const headers: Record<string, string> = { "content-type": "application/json", "content-length": String(big.length) };
      if (token) headers.authorization = `Bearer ${token}`;
      const r = await app.request("/ledger/commands", { method: "POST", headers, body: big });
      expect(r.status, String(token)).toBe(401);
      expect((await r.json()).error.code).toBe("unauthorized");
      // a streamed body (no Content-Length): the server answers 401 without pulling it
      let pulled = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(ctl) {
          pulled++;
          if (pulled > 64) ctl.close();
          else ctl.enqueue(new Uint8Array(64 * 1024).fill(32));
        },
      });
      const streamed = await app.request("/ledger/commands", {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: stream,
        duplex: "half",
      } as RequestInit);
      expect(streamed.status, String(token)).toBe(401);
      expect(pulled, "chunks of the body the server pulled").toBeLessThanOrEqual(1);
    }
  });

  it("an oversized body with a valid token is still 413", async () => {
    const big = "x".repeat(maxBody + 1);
    const r = await app.request("/ledger/commands", {
      method: "POST",
      headers: { authorization: `Bearer ${TOKENS.op}`, "content-type": "application/json", "content-length": String(big.length) },
      body: big,
    });
    expect(r.status).toBe(413);
  });
});

describe("lodestone serve --ledger --tokens", () => {
  it("refuses a ledger without tokens, tokens without a ledger, and a bad tokens file, naming the flag or field", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lodestone-serve-"));
    const noTokens = await cli(["serve", "--port", "0", "--ledger", `sqlite:${join(dir, "r.sqlite")}`]);
    expect(noTokens.code).toBe(2);
    expect(noTokens.stderr).toContain("--tokens");
    const good = join(dir, "tokens.yaml");
    writeFileSync(good, `tokens:\n  - { actor: { id: alice, role: operator }, sha256: ${hashToken(TOKENS.op)} }\n`);
    const saved = process.env.LODESTONE_LEDGER;
    delete process.env.LODESTONE_LEDGER;
    try {
      const noLedger = await cli(["serve", "--port", "0", "--tokens", good]);
      expect(noLedger.code).toBe(2);
      expect(noLedger.stderr).toContain("--ledger");
    } finally {
      if (saved !== undefined) process.env.LODESTONE_LEDGER = saved;
    }
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "tokens:\n  - { actor: { id: alice, role: operator }, sha256: plain-text-token }\n");
    const r = await cli(["serve", "--port", "0", "--ledger", `sqlite:${join(dir, "r.sqlite")}`, "--tokens", bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:2: tokens\.0\.sha256/);
  });

  it("serves the ledger over a socket to a listed token only (the real bin)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lodestone-serve-"));
    const file = join(dir, "tokens.yaml");
    writeFileSync(file, `tokens:\n  - { actor: { id: carol, role: auditor }, sha256: ${hashToken(TOKENS.auditor)} }\n`);
    const child = spawn(
      process.execPath,
      [join(ROOT, "dist", "cli", "bin.js"), "serve", "--port", "0", "--ledger", `sqlite:${join(dir, "r.sqlite")}`, "--tokens", file],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (b: Buffer) => {
          out += b.toString();
          const m = /dashboard at (http:\/\/[^/\s]+)\//.exec(out);
          if (m) resolve(m[1]);
        });
        child.once("exit", (code) => reject(new Error(`serve exited ${code}`)));
      });
      expect((await fetch(`${url}/ledger/position`)).status).toBe(401);
      const ok = await fetch(`${url}/ledger/position`, { headers: { authorization: `Bearer ${TOKENS.auditor}` } });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ minerals: [], lots: [] });
    } finally {
      child.kill("SIGTERM");
    }
  });
});

describe("the command body after review: unknown fields and minerals refused through the core's check", () => {
  it("a receive with expiry (not expires) or an order with extra: 5 is 400 naming the field and listing the valid ones; nothing written", async () => {
    const before = await count();
    const r = await command("rx-bad", "2026-03-05", { type: "receive", order: "O-1", tons: 1, location: "Depot A", expiry: "2027-01-01" });
    expect(r.status).toBe(400);
    expect(r.json.error.issues).toEqual([
      expect.objectContaining({
        field: "expiry",
        message: 'receive takes no field "expiry"',
        expected: "one of type, at, order, lot, tons, location, cost, expires",
      }),
    ]);
    const o = await command("ox-bad", "2026-03-05", { type: "order", mineral: "antimony", form: "i", spec: "s", tons: 1, price: 1, contract: "C", extra: 5 });
    expect(o.status).toBe(400);
    expect(o.json.error.issues[0]).toMatchObject({ field: "extra" });
    expect(await count()).toBe(before);
  });

  it("an unknown mineral is 400 with suggestions; a name in another case is the dataset's id", async () => {
    const before = await count();
    const bad = await command("ox-unob", "2026-03-05", { type: "order", mineral: "unobtainium", form: "i", spec: "s", tons: 1, price: 1, contract: "C" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0]).toMatchObject({ field: "command.mineral", message: 'unknown mineral "unobtainium"' });
    expect(await count()).toBe(before);
    const ok = await command("ox-sb", "2026-03-05", { type: "order", mineral: "Antimony", form: "i", spec: "s", tons: 1, price: 1, contract: "C" });
    expect(ok.status).toBe(201);
    expect(ok.json.events[0].data.mineral).toBe("antimony");
  });
});
