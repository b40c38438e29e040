/**
 * The loop between the plan, the simulator and the reserve ledger, through the CLI with a
 * temporary SQLite ledger: a plan written as tagged orders (a rerun writes nothing), the ledger's
 * position as the holdings a plan and a simulation start from, and members short in a simulated
 * crisis after the ledger's allocation rule.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "lodestone-loop-"));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const events = async (ledger: string) =>
  JSON.parse((await cli(["reserve", "events", "--as", "auditor:carol", "--ledger", ledger, "--format", "json"])).stdout).events;
const setup = async (name: string, commands: string) => {
  const ledger = `sqlite:${join(dir, `${name}.sqlite`)}`;
  const r = await cli(["reserve", "run", file(`${name}.yaml`, `version: 1\ncommands:\n${commands}`), "--as", "operator:alice", "--ledger", ledger]);
  expect(r.code, r.stderr).toBe(0);
  return ledger;
};
// 1,000 t of antimony releasable in one lot, and 5 t more in a lot expired by the ledger's latest movement (1 t of gallium
// received on 1 April): not releasable, so not held
const LOTS = `  - { key: o1, at: 2026-01-10T00:00:00Z, command: { type: order, order: O-1, mineral: antimony, form: ingot, spec: "99.65 %", tons: 1005, price: 60000, contract: C-1 } }
  - { key: r1, at: 2026-02-01T00:00:00Z, command: { type: receive, order: O-1, lot: L-1, tons: 1000, location: Depot A } }
  - { key: r2, at: 2026-02-01T00:00:00Z, command: { type: receive, order: O-1, lot: L-2, tons: 5, location: Depot A, expires: 2026-03-01 } }
  - { key: o2, at: 2026-03-10T00:00:00Z, command: { type: order, order: O-2, mineral: gallium, form: metal, spec: "99.99 %", tons: 1, price: 600000, contract: C-2 } }
  - { key: r3, at: 2026-04-01T00:00:00Z, command: { type: receive, order: O-2, lot: L-3, tons: 1, location: Depot B } }
`;

// a budget whose yearly tranches bind, so the schedule buys in every year (at US$ 12 bn, with the uniform onset, it buys all in year 1)
const PLAN = ["plan", "--budget", "1e8", "--runs", "0", "--minerals", "antimony,gallium", "--years", "3"];

describe("plan --orders-to", () => {
  it("writes one order per mineral and schedule year with tons, tagged with the plan, at the year's average price; a rerun writes nothing", async () => {
    const ledger = `sqlite:${join(dir, "orders.sqlite")}`;
    const plan = JSON.parse((await cli([...PLAN, "--format", "json"])).stdout) as {
      minerals: { id: string; schedule: { year: number; tons: number; priceUsdPerTon: number | null }[] }[];
    };
    const bought = plan.minerals.flatMap((m) =>
      m.schedule.filter((y) => y.tons > 0).map((y) => ({ mineral: m.id, year: y.year, tons: y.tons, price: y.priceUsdPerTon })),
    );
    expect(bought.length).toBeGreaterThan(1);
    const r = await cli([...PLAN, "--orders-to", ledger, "--as", "operator:alice", "--start", "2027-03-01"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`orders of plan [0-9a-f]{12} to ${ledger}: ${bought.length} written, 0 already there`));
    const written = await events(ledger);
    expect(written).toHaveLength(bought.length);
    const id = written[0].data.plan as string;
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(written.map((e: { type: string; at: string; key: string; data: Record<string, unknown> }) => [e.type, e.at, e.key, e.data])).toEqual(
      bought.map((b) => [
        "acquisition.ordered",
        // every order dated at --start (a receipt may follow at once); the schedule year is in the contract
        "2027-03-01T00:00:00.000Z",
        `plan:${id}:${b.mineral}:${b.year}`,
        expect.objectContaining({
          mineral: b.mineral,
          tons: b.tons,
          price: b.price,
          contract: `plan:${id} (schedule year ${b.year})`,
          plan: id,
          form: expect.stringMatching(/^as priced by USGS: Price/),
        }),
      ]),
    );
    // the same plan again, by another operator on another day (no --start: today): the keys are the plan's, nothing is written
    const again = await cli([...PLAN, "--orders-to", ledger, "--as", "operator:dave", "--format", "json"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`orders of plan ${id} to ${ledger}: 0 written, ${bought.length} already there`);
    expect(again.stderr).toMatch(
      new RegExp(`plan:${id}:antimony:1: .*, ordered 2027-03-01, delivery from 2027-03-01: already in the ledger \\(seq 1\\), nothing written`),
    );
    for (const b of bought)
      expect(again.stderr).toMatch(
        new RegExp(`plan:${id}:${b.mineral}:${b.year}: .*, ordered 2027-03-01, delivery from ${2026 + b.year}-03-01: already in the ledger`),
      );
    // the last schedule year's order can be received now (it was dated in its own year before: "is before order … at 2029")
    const last = bought.reduce((a, b) => (b.year > a.year ? b : a));
    expect(last.year).toBeGreaterThan(1);
    const got = await cli([
      "reserve",
      "receive",
      "--order",
      `plan:${id}:${last.mineral}:${last.year}`,
      "--tons",
      "1",
      "--location",
      "Depot A",
      "--key",
      "early",
      "--at",
      "2027-03-02",
      "--as",
      "operator:alice",
      "--ledger",
      ledger,
    ]);
    expect(got.code, got.stderr).toBe(0);
    expect(got.stdout).toContain("acquisition.received");
    expect(await events(ledger)).toHaveLength(bought.length + 1);
    // another plan (another budget) is another id: its orders are new
    const other = await cli([...PLAN.map((a) => (a === "1e8" ? "2e8" : a)), "--orders-to", ledger, "--as", "operator:alice", "--start", "2027-03-01"]);
    expect(other.code, other.stderr).toBe(0);
    expect(other.stdout).not.toContain(`plan ${id}`);
  });

  it("refuses anyone but an operator (exit 2), and writes nothing", async () => {
    const ledger = `sqlite:${join(dir, "refused.sqlite")}`;
    for (const as of ["analyst:bob", "member:acme"]) {
      const r = await cli([...PLAN, "--orders-to", ledger, "--as", as]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--as: an? (analyst|member) may not write orders/);
    }
    expect((await cli([...PLAN, "--orders-to", ledger])).code).toBe(2);
    expect(await events(ledger)).toHaveLength(0);
  });
});

describe("--holdings ledger", () => {
  it("plan: the 1,000 t releasable in the ledger lower the purchase by 1,000 t (the expired lot does not count), and the notes say so", async () => {
    const ledger = await setup("held", LOTS);
    const one = ["plan", "--budget", "12e9", "--runs", "0", "--minerals", "antimony", "--format", "json"];
    const [base, r] = [await cli(one), await cli([...one, "--holdings", `ledger:${ledger}`])];
    expect(r.code, r.stderr).toBe(0);
    const sb = (s: string) => (JSON.parse(s) as { minerals: { id: string; buyTons: number }[] }).minerals.find((m) => m.id === "antimony")!.buyTons;
    // the budget is slack (money left), and the plan bought more than 1,000 t without the holding
    expect((JSON.parse(r.stdout) as { unspentUsd: number }).unspentUsd).toBeGreaterThan(0);
    expect(sb(base.stdout)).toBeGreaterThan(1000);
    expect(sb(base.stdout) - sb(r.stdout)).toBeCloseTo(1000, 3);
    // as of today by default, and the notes say which day
    const today = new Date().toISOString().slice(0, 10);
    expect((JSON.parse(r.stdout) as { notes: string[] }).notes).toContain(
      `held: 1,000 t of antimony from the ledger as of ${today} (today; --holdings-at DATE for another day)`,
    );
    // frontier takes it too
    const f = await cli([
      "frontier",
      "--steps",
      "1",
      "--to",
      "1e9",
      "--runs",
      "0",
      "--minerals",
      "antimony",
      "--holdings",
      `ledger:${ledger}`,
      "--format",
      "json",
    ]);
    expect(f.code, f.stderr).toBe(0);
    expect(f.stdout).toContain("held: 1,000 t of antimony from the ledger");
  });

  it("a ledger that is not there is not found (exit 2), and reading creates no file", async () => {
    const missing = join(dir, "missing.sqlite");
    const r = await cli(["plan", "--budget", "1e9", "--runs", "0", "--minerals", "antimony", "--holdings", `ledger:sqlite:${missing}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no ledger at ${missing}`);
    expect(existsSync(missing)).toBe(false);
  });

  it("simulate: the held tons are the stock at month 1", async () => {
    const ledger = await setup("held-sim", LOTS);
    const sc = file("sc0.yaml", SCENARIO);
    const r = await cli(["simulate", sc, "--holdings", `ledger:${ledger}`, "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    // month 1 has no gap, so the 1,000 t are still there at its end; month 2's gap (about 1,020 t) takes them all
    const m = (JSON.parse(r.stdout) as { minerals: { id: string; stock: number[]; release: number[] }[] }).minerals[0];
    expect(m.stock[0]).toBe(1000);
    expect(m.release[1]).toBe(1000);
    const today = new Date().toISOString().slice(0, 10);
    expect(r.stdout).toContain(`held: 1,000 t of antimony from the ledger as of ${today} (today; --holdings-at DATE for another day), added to month-1 stock`);
    const none = await cli(["simulate", sc, "--format", "json"]);
    expect((JSON.parse(none.stdout) as { minerals: { stock: number[] }[] }).minerals[0].stock[0]).toBe(0);
    // on 15 February the 5 t lot had not expired yet (1 March) and the gallium had not come in
    const feb = await cli(["simulate", sc, "--holdings", `ledger:${ledger}`, "--holdings-at", "2026-02-15", "--format", "json"]);
    expect(feb.code, feb.stderr).toBe(0);
    expect((JSON.parse(feb.stdout) as { minerals: { stock: number[] }[] }).minerals[0].stock[0]).toBe(1005);
    expect(feb.stdout).toContain("held: 1,005 t of antimony from the ledger as of 2026-02-15, added to month-1 stock");
  });

  it("plan --holdings-at DATE: the ledger's lots as of that day (replayed, since the ledger moved after it), stated in the notes", async () => {
    const ledger = await setup("held-at", LOTS);
    const one = ["plan", "--budget", "12e9", "--runs", "0", "--minerals", "antimony", "--format", "json", "--holdings", `ledger:${ledger}`];
    const feb = await cli([...one, "--holdings-at", "2026-02-15"]);
    expect(feb.code, feb.stderr).toBe(0);
    const notes = (JSON.parse(feb.stdout) as { notes: string[] }).notes;
    expect(notes).toContain("held: 1,005 t of antimony from the ledger as of 2026-02-15");
    expect(notes).toContain("the ledger's latest event is at 2026-04-01T00:00:00.000Z: the holdings as of 2026-02-15 were replayed from its log");
    // before anything came in: nothing held
    const jan = await cli([...one, "--holdings-at", "2026-01-01"]);
    expect((JSON.parse(jan.stdout) as { notes: string[] }).notes).toContain("held: nothing releasable in the ledger as of 2026-01-01");
    for (const bad of [
      [...one, "--holdings-at", "2026-02-30"],
      ["plan", "--budget", "1e9", "--runs", "0", "--minerals", "antimony", "--holdings-at", "2026-02-15"],
    ]) {
      const r = await cli(bad);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("--holdings-at");
    }
  });
});

// China stops all its antimony to the US in months 2 and 3: a gap of about 1,000 t a month, far above the reserve's 8 t
const SCENARIO = `name: test antimony cut
description: China stops antimony exports to the US in months 2 and 3
horizon_months: 4
exposure: imports
stock:
  antimony: { tons: 0 }
events:
  - type: export_restriction
    countries: [CHN]
    minerals: [antimony]
    start_month: 2
    severity: 1
    duration_months: 2
`;

describe("simulate --members", () => {
  // Hand-worked: one lot of 8 t; arms (defence, 60 t/yr: 5 t a month) and shop (commercial, 120 t/yr: 10 t a month).
  // Month 1: no gap, no draw. Month 2: 8 t released; defence first: arms 5 t (full), shop the 3 t left (7 t short).
  // Month 3: nothing left: arms 5 t short, shop 10 t short. Month 4: no gap.
  const MEMBERS = `  - { key: m1, at: 2026-01-05T00:00:00Z, command: { type: register-member, member: arms, name: Arms } }
  - { key: m2, at: 2026-01-05T00:00:00Z, command: { type: register-member, member: shop, name: Shop } }
  - { key: e1, at: 2026-01-05T00:00:00Z, command: { type: set-entitlement, member: arms, mineral: antimony, basis: { kind: tons, tonsPerYear: 60 }, priceRule: { kind: market, premium: 0 }, priority: defence } }
  - { key: e2, at: 2026-01-05T00:00:00Z, command: { type: set-entitlement, member: shop, mineral: antimony, basis: { kind: tons, tonsPerYear: 120 }, priceRule: { kind: market, premium: 0 }, priority: commercial } }
  - { key: o1, at: 2026-01-10T00:00:00Z, command: { type: order, order: O-1, mineral: antimony, form: ingot, spec: "99.65 %", tons: 8, price: 60000, contract: C-1 } }
  - { key: r1, at: 2026-02-01T00:00:00Z, command: { type: receive, order: O-1, lot: L-1, tons: 8, location: Depot A } }
`;
  const lines = (stdout: string) =>
    (JSON.parse(stdout) as { lines: { month: number; member: string; requested: number; allocated: number; short: number }[] }).lines.map((l) => [
      l.month,
      l.member,
      l.requested,
      l.allocated,
      l.short,
    ]);

  it("defence is served first: months 2 and 3, who got what and who is short", async () => {
    const ledger = await setup("members", MEMBERS);
    const sc = file("sc.yaml", SCENARIO);
    const r = await cli(["simulate", sc, "--members", "--ledger", ledger, "--as", "analyst:bob", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([
      [2, "arms", 5, 5, 0],
      [2, "shop", 10, 3, 7],
      [3, "arms", 5, 0, 5],
      [3, "shop", 10, 0, 10],
    ]);
    const table = await cli(["simulate", sc, "--members", "--ledger", ledger, "--as", "analyst:bob"]);
    expect(table.stdout).toMatch(/2 of 2 member\(s\) short/);
    expect(table.stdout).toMatch(/^\s+2\s+shop\s+antimony\s+commercial\s+10\s+3\s+7$/m);
    expect(table.stdout).not.toMatch(/^\s+2\s+arms/m);
  });

  it("--runs N: the allocation on every draw, each member's shortfall as P50/P90 over the draws; same seed, same output", async () => {
    const ledger = await setup("members-mc", MEMBERS);
    // the cut's severity drawn between 0 and 1: the gap, and so what the reserve releases, changes from draw to draw
    const sc = file("sc-mc.yaml", SCENARIO.replace("severity: 1", "severity: { uniform: [0, 1] }"));
    const args = ["simulate", sc, "--members", "--ledger", ledger, "--as", "analyst:bob", "--runs", "200", "--seed", "7"];
    const r = await cli([...args, "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.runs).toMatchObject({ runs: 200, seed: 7 });
    // hand-worked: in most draws the cut's gap is far above the 8 t lot, so the draw goes as the deterministic run does
    // (arms 5 t short in month 3, shop 7 + 10 t): P50 = P90 = 5 and 17 t. In the draws with the mildest cut month 2's gap
    // is below 8 t, so stock is left for month 3 and arms is a little less short on average; the 30 t asked in months 2
    // and 3 against at most 8 t released leave at least 22 t short in every draw.
    const by = Object.fromEntries(out.runs.members.map((m: { member: string }) => [m.member, m]));
    expect(Object.keys(by)).toEqual(["arms", "shop"]);
    expect([by.arms.p50, by.arms.p90, by.shop.p50, by.shop.p90]).toEqual([5, 5, 17, 17]);
    expect([by.arms.shortIn, by.shop.shortIn]).toEqual([1, 1]);
    expect(by.arms.mean).toBeLessThan(5);
    expect(by.arms.mean + by.shop.mean).toBeGreaterThanOrEqual(22 - 1e-9);
    // the deterministic run's lines come along
    expect(lines(r.stdout)).toEqual([
      [2, "arms", 5, 5, 0],
      [2, "shop", 10, 3, 7],
      [3, "arms", 5, 0, 5],
      [3, "shop", 10, 0, 10],
    ]);
    expect((await cli([...args, "--format", "json"])).stdout).toBe(r.stdout);
    const table = await cli(args);
    expect(table.stdout).toMatch(/over 200 draws \(seed 7\): 2 of 2 member line\(s\) short at P90/);
    expect((await cli([...args, "--workers", "1"])).stderr).toMatch(/--workers: --members runs its draws in this thread/);
  });

  it("a member sees only its own lines", async () => {
    const ledger = await setup("members-own", MEMBERS);
    const sc = file("sc2.yaml", SCENARIO);
    const r = await cli(["simulate", sc, "--members", "--ledger", ledger, "--as", "member:shop", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([
      [2, "shop", 10, 3, 7],
      [3, "shop", 10, 0, 10],
    ]);
    expect(r.stdout).not.toContain("arms");
  });
});
