/**
 * `lodestone reserve`: commands from a file through the SQLite store and the ledger core,
 * each one durable transaction with its key; reports by role. Worked by hand: 100 t ordered, 60 t and
 * 40 t received into two lots, a member entitled to 30 t a year requests 20 t (approved, released
 * from the first-expiring lot), then 15 t more (refused: above the entitlement, nothing written).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "lodestone-reserve-"));
const ledger = `sqlite:${join(dir, "reserve.sqlite")}`;
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const run = (f: string, as = "operator:alice") => cli(["reserve", "run", f, "--as", as, "--ledger", ledger]);
const events = async () => JSON.parse((await cli(["reserve", "events", "--as", "auditor:carol", "--ledger", ledger, "--format", "json"])).stdout).events;

const SETUP = `version: 1
commands:
  - { key: m1, at: 2026-01-05T00:00:00Z, command: { type: register-member, member: acme, name: Acme } }
  - { key: m2, at: 2026-01-05T00:00:00Z, command: { type: register-member, member: bolt, name: Bolt } }
  - key: e1
    at: 2026-01-05T00:00:00Z
    command: { type: set-entitlement, member: acme, mineral: antimony, basis: { kind: tons, tonsPerYear: 30 }, priceRule: { kind: market, premium: 0.05 }, priority: defence }
  - { key: o1, at: 2026-01-10T00:00:00Z, command: { type: order, order: O-1, mineral: antimony, form: ingot, spec: "99.65 %", tons: 100, price: 60000, contract: C-1 } }
  - { key: r1, at: 2026-02-01T00:00:00Z, command: { type: receive, order: O-1, lot: L-1, tons: 60, location: Depot A, expires: 2030-01-01 } }
  - { key: r2, at: 2026-03-01T00:00:00Z, command: { type: receive, order: O-1, lot: L-2, tons: 40, location: Depot B, expires: 2029-01-01 } }
`;

describe("lodestone reserve", () => {
  it("runs a commands file once: a rerun writes nothing (the keys), and the position is 60 t + 40 t", async () => {
    const setup = file("setup.yaml", SETUP);
    const r = await run(setup);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^m1: 1 event\(s\) written/m);
    expect(await events()).toHaveLength(6);
    const again = await run(setup);
    expect(again.stdout).toMatch(/^r2: already done, nothing written/m);
    expect(await events()).toHaveLength(6);
    const pos = JSON.parse((await cli(["reserve", "position", "--as", "analyst:bob", "--ledger", ledger, "--format", "json"])).stdout);
    expect(pos.minerals).toEqual([expect.objectContaining({ mineral: "antimony", tons: 100, lots: 2 })]);
  });

  it("a member's draw (recorded by the operator on its date) is released from the first-expiring lot; a second request above the entitlement is refused, nothing written", async () => {
    const draw = file(
      "draw.yaml",
      `version: 1
commands:
  - { key: d1, at: 2026-04-01T00:00:00Z, command: { type: request-draw, draw: D-1, member: acme, mineral: antimony, tons: 20 } }
`,
    );
    expect((await run(draw)).code).toBe(0);
    const ok = file(
      "ok.yaml",
      `version: 1
commands:
  - { key: p1, at: 2026-04-02T00:00:00Z, command: { type: set-price, mineral: antimony, date: 2026-04-01, price: 61000, source: "test price" } }
  - { key: a1, at: 2026-04-02T00:00:00Z, command: { type: approve-draw, draw: D-1 } }
  - { key: x1, at: 2026-04-03T00:00:00Z, command: { type: release, draw: D-1 } }
`,
    );
    expect((await run(ok)).code).toBe(0);
    const pos = JSON.parse((await cli(["reserve", "position", "--as", "analyst:bob", "--ledger", ledger, "--format", "json"])).stdout);
    // L-2 expires first (2029): the 20 t come from it
    expect(pos.lots.find((l: { lot: string }) => l.lot === "L-2").tons).toBe(20);
    expect(pos.lots.find((l: { lot: string }) => l.lot === "L-1").tons).toBe(60);
    const before = (await events()).length;
    const more = file(
      "more.yaml",
      `version: 1
commands:
  - { key: d2, at: 2026-05-01T00:00:00Z, command: { type: request-draw, draw: D-2, member: acme, mineral: antimony, tons: 15 } }
`,
    );
    const refused = await run(more);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/more\.yaml:\d+ \(d2\)/);
    expect(refused.stderr).toMatch(/entitlement/);
    expect(await events()).toHaveLength(before);
  });

  it("valuation marks to market at the ledger's own dated price, else the dataset's (USGS) price", async () => {
    const at = async (d: string) =>
      JSON.parse((await cli(["reserve", "valuation", "--at", d, "--as", "analyst:bob", "--ledger", ledger, "--format", "json"])).stdout);
    const before = await at("2026-03-15");
    // no ledger price yet on 15 March: the dataset's antimony price row (dated the end of its year)
    expect(before.lots[0].priceDate).toMatch(/^\d{4}-12-31$/);
    expect(before.lots[0].price).toBeGreaterThan(0);
    const after = await at("2026-12-31");
    expect(after.lots.every((l: { price: number }) => l.price === 61000)).toBe(true);
  });

  it("--format xlsx writes the position as a workbook with the CSV's rows; --out without xlsx is refused", async () => {
    const out = join(dir, "position.xlsx");
    const r = await cli(["reserve", "position", "--as", "analyst:bob", "--ledger", ledger, "--format", "xlsx", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet("Position")!;
    const csv = (await cli(["reserve", "position", "--as", "analyst:bob", "--ledger", ledger, "--format", "csv"])).stdout.trim().split(/\r?\n/);
    expect(sheet.rowCount).toBe(csv.length);
    expect(sheet.getRow(2).getCell(1).value).toBe(csv[1].split(",")[0]);
    expect((await cli(["reserve", "position", "--as", "analyst:bob", "--ledger", ledger, "--out", out])).code).toBe(2);
  });

  it("a member reads only its own statement; the log is not a member's to read", async () => {
    const own = await cli(["reserve", "statement", "acme", "--as", "member:acme", "--ledger", ledger, "--format", "json"]);
    expect(own.code, own.stderr).toBe(0);
    expect(JSON.parse(own.stdout).draws.map((d: { draw: string }) => d.draw)).toEqual(["D-1"]);
    const other = await cli(["reserve", "statement", "acme", "--as", "member:bolt", "--ledger", ledger]);
    expect(other.code).toBe(2);
    expect((await cli(["reserve", "events", "--as", "member:acme", "--ledger", ledger])).code).toBe(2);
  });

  it("bad input: an unknown lot, a malformed file, a bad actor — exit 2 naming the field, nothing written", async () => {
    const before = (await events()).length;
    const bad = file(
      "bad.yaml",
      `version: 1\ncommands:\n  - { key: w1, at: 2026-06-01T00:00:00Z, command: { type: write-off, lot: L-9, tons: 1, reason: x } }\n`,
    );
    const r = await run(bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/lot/);
    const shape = file("shape.yaml", `version: 1\ncommands:\n  - { at: 2026-06-01T00:00:00Z, command: {} }\n`);
    expect((await run(shape)).stderr).toMatch(/shape\.yaml:3: commands\[0\]\.key/);
    expect((await cli(["reserve", "position", "--as", "boss:x", "--ledger", ledger])).stderr).toMatch(/--as: "boss:x" is not an actor/);
    expect(await events()).toHaveLength(before);
  });

  it("a member's own request is dated by the clock: a date in a past year is refused naming at, none is dated now", async () => {
    const before = (await events()).length;
    const past = file(
      "past.yaml",
      `version: 1\ncommands:\n  - { key: d9, at: 2025-06-01T00:00:00Z, command: { type: request-draw, member: acme, mineral: antimony, tons: 5 } }\n`,
    );
    const r = await run(past, "member:acme");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/past\.yaml:3 \(d9\): at: a member's request is dated by the server's clock/);
    expect(await events()).toHaveLength(before);
    const t0 = new Date().toISOString();
    const now = await cli(["reserve", "request-draw", "--mineral", "antimony", "--tons", "1", "--key", "d10", "--as", "member:acme", "--ledger", ledger]);
    const t1 = new Date().toISOString();
    expect(now.code, now.stderr).toBe(0);
    const [e] = (await events()).slice(before);
    expect([e.type, e.actor, e.data.member]).toEqual(["draw.requested", "acme", "acme"]);
    expect(e.at >= t0 && e.at <= t1, `${e.at} between ${t0} and ${t1}`).toBe(true);
    // a retry without --at, later, is the same command: nothing written
    const again = await cli(["reserve", "request-draw", "--mineral", "antimony", "--tons", "1", "--key", "d10", "--as", "member:acme", "--ledger", ledger]);
    expect(again.stdout).toMatch(/^already written: /);
  });
});

describe("one ledger command from flags", () => {
  const one = mkdtempSync(join(tmpdir(), "lodestone-reserve-one-"));
  const l = `sqlite:${join(one, "r.sqlite")}`;
  const order = ["reserve", "order", "--mineral", "antimony", "--form", "ingot", "--spec", "99.65 %", "--tons", "100", "--price", "60000"];

  it("writes it once under its key; the same key again writes nothing", async () => {
    const args = [...order, "--contract", "C-1", "--order", "O-1", "--key", "o1", "--at", "2026-01-10", "--as", "operator:alice", "--ledger", l];
    const r = await cli(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^written: seq 1 acquisition\.ordered \{"order":"O-1","mineral":"antimony"/);
    expect((await cli(args)).stdout).toMatch(/^already written: seq 1 /);
  });

  it("a bad field, a missing key or a role that may not write: exit 2, naming it, nothing written", async () => {
    const receive = ["reserve", "receive", "--order", "O-1", "--location", "A", "--ledger", l];
    expect((await cli([...receive, "--tons", "-5", "--key", "r1", "--as", "operator:alice"])).stderr).toMatch(/tons: -5 t is out of range/);
    expect((await cli([...receive, "--tons", "60", "--as", "operator:alice"])).stderr).toMatch(/--key: missing/);
    expect((await cli([...receive, "--tons", "60", "--key", "r1", "--as", "analyst:bob"])).stderr).toMatch(/actor\.role: an analyst .* may not receive/);
    const log = JSON.parse((await cli(["reserve", "events", "--as", "auditor:c", "--ledger", l, "--format", "json"])).stdout).events;
    expect(log).toHaveLength(1);
  });
});
