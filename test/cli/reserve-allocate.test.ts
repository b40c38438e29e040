/**
 * `lodestone reserve set-allocation-rule` and `lodestone reserve allocate`, and a market-priced release
 * at the dataset's price, one command from flags at a time through the SQLite store. Worked by hand: 10 t of tungsten;
 * acme (defence) and bolt (commercial) each have 10 t approved, so acme gets all 10 t and bolt nothing.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

const ledger = `sqlite:${join(mkdtempSync(join(tmpdir(), "lodestone-allocate-")), "reserve.sqlite")}`;
const op = (type: string, key: string, at: string, ...flags: string[]) =>
  cli(["reserve", type, ...flags, "--key", key, "--at", at, "--as", "operator:alice", "--ledger", ledger]);
const allocate = (as: string, ...flags: string[]) =>
  cli(["reserve", "allocate", "--mineral", "tungsten", "--at", "2026-03-01", "--as", as, "--ledger", ledger, ...flags]);

beforeAll(async () => {
  const steps: [string, string, string, ...string[]][] = [
    [
      "order",
      "o1",
      "2026-01-05",
      "--order",
      "O-W",
      "--mineral",
      "tungsten",
      "--form",
      "APT",
      "--spec",
      "88.5 %",
      "--tons",
      "10",
      "--price",
      "400000",
      "--contract",
      "C-W",
    ],
    ["receive", "r1", "2026-01-10", "--order", "O-W", "--lot", "W", "--tons", "10", "--location", "Depot"],
  ];
  for (const [m, priority] of [
    ["acme", "defence"],
    ["bolt", "commercial"],
  ] as const) {
    steps.push(["register-member", `m-${m}`, "2026-01-02", "--member", m, "--name", m]);
    steps.push([
      "set-entitlement",
      `e-${m}`,
      "2026-01-02",
      "--member",
      m,
      "--mineral",
      "tungsten",
      "--basis",
      '{"kind":"tons","tonsPerYear":10}',
      "--price-rule",
      '{"kind":"fixed","price":500000}',
      "--priority",
      priority,
    ]);
    const draw = `WD-${m === "acme" ? "A" : "B"}`;
    steps.push(["request-draw", `q-${m}`, "2026-02-01", "--draw", draw, "--member", m, "--mineral", "tungsten", "--tons", "10"]);
    steps.push(["approve-draw", `a-${m}`, "2026-02-02", "--draw", draw]);
  }
  for (const [type, key, at, ...flags] of steps) {
    const r = await op(type, key, at, ...flags);
    expect(r.code, `${type}: ${r.stderr}`).toBe(0);
  }
});

describe("lodestone reserve allocate", () => {
  it("the reviewer's repro: bolt's release is refused with its allocation and why, acme's passes", async () => {
    const b = await op("release", "x-b", "2026-03-01", "--draw", "WD-B");
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("bolt may be released 0 t more on draw WD-B, 10 t asked");
    expect(b.stderr).toContain("nothing: the classes above took all 10 t that may be released");
    const report = await allocate("analyst:bob");
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout.replace(/\s+/g, " ")).toContain("allocation of tungsten as of 2026-03-01T23:59:59.999Z; rule the default (none declared)");
    expect(report.stdout).toMatch(/^acme +defence .* full/m);
    const csv = (await allocate("auditor:carol", "--format", "csv")).stdout.trim().split(/\r?\n/);
    expect(csv[0]).toBe("member,priority,entitlement t/yr,floor t,approved t,released t,allocated t,may release t,rule,reason");
    expect(csv.slice(1)).toEqual([
      "acme,defence,10,0,10,0,10,10,full,all 10 t requested: class defence is filled",
      "bolt,commercial,10,0,10,0,0,0,none,nothing: the classes above took all 10 t that may be released",
    ]);
    const a = await op("release", "x-a", "2026-03-01", "--draw", "WD-A");
    expect(a.code, a.stderr).toBe(0);
  });

  it("a member reads only its own line", async () => {
    const r = await allocate("member:bolt", "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.members.map((m: { member: string }) => m.member)).toEqual(["bolt"]);
    expect(r.stdout).not.toContain("acme");
    expect(j.held).toBeUndefined();
  });

  it("declares the rule once per key (a retry writes nothing), in days of the dataset's demand, and reports it", async () => {
    const first = await op("set-allocation-rule", "rule-1", "2026-03-02", "--mineral", "antimony", "--stock-floor-days", "30", "--member-floor", "1");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^written: seq \d+ allocation\.rule_set /);
    // antimony's d0 in the dataset is 2 050 t/month: 30 days of it are 2 050 × 30 / 30.4375 t
    const data = JSON.parse(first.stdout.slice(first.stdout.indexOf("{")));
    expect(data.stockFloor).toBeCloseTo((2050 * 30) / 30.4375, 6);
    expect(data.stockFloorBasis).toMatchObject({ kind: "days", days: 30, demandTonsPerMonth: 2050 });
    expect(data.stockFloorBasis.source).toContain("the dataset's d0 for antimony");
    const again = await op("set-allocation-rule", "rule-1", "2026-03-02", "--mineral", "antimony", "--stock-floor-days", "30", "--member-floor", "1");
    expect(again.stdout).toMatch(/^already written: /);
    const bad = await op("set-allocation-rule", "rule-2", "2026-03-02", "--mineral", "tungsten", "--stock-floor-days", "30");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("stockFloorDays: no demand for tungsten to turn days into tons");
    const off = await op("set-allocation-rule", "rule-3", "2026-03-02", "--mineral", "tungsten", "--status", "off");
    expect(off.code, off.stderr).toBe(0);
    const text = (await allocate("analyst:bob")).stdout.replace(/\s+/g, " ");
    expect(text).toContain("rule off (recorded, not enforced): stock floor 0 t, member floor 0 t; declared 2026-03-02");
    expect(text).toContain("it is off: releases are not held to these shares");
  });

  it("resolves the mineral through the dataset's names and refuses an unknown one, in the rule and in the report, writing nothing", async () => {
    const before = (await cli(["reserve", "events", "--as", "auditor:carol", "--ledger", ledger, "--format", "json"])).stdout;
    const rule = await op("set-allocation-rule", "rule-x", "2026-06-01T00:00:00Z", "--mineral", "unobtainium", "--stock-floor-tons", "1");
    expect(rule.code).toBe(2);
    expect(rule.stderr).toMatch(/--mineral: unknown mineral "unobtainium".*did you mean/);
    expect((await cli(["reserve", "events", "--as", "auditor:carol", "--ledger", ledger, "--format", "json"])).stdout).toBe(before);
    const report = await cli(["reserve", "allocate", "--mineral", "nope", "--as", "analyst:bob", "--ledger", ledger]);
    expect(report.code).toBe(2);
    expect(report.stderr).toMatch(/--mineral: unknown mineral "nope"/);
    // a listed name in any case is the dataset's mineral
    const named = await cli(["reserve", "allocate", "--mineral", "Tungsten", "--as", "analyst:bob", "--ledger", ledger]);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout).toMatch(/^allocation of tungsten /);
  });

  it("names a missing mineral", async () => {
    const r = await cli(["reserve", "allocate", "--as", "analyst:bob", "--ledger", ledger]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--mineral");
  });
});
