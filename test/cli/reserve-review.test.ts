/**
 * `lodestone reserve`: reports read from the balances the store keeps with
 * the events (a dated one before the latest event replays the log and shows each lot as it was),
 * unknown fields and flags refused rather than dropped, minerals resolved through the dataset's
 * names, and flag values read as numbers only for numeric fields.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "lodestone-reserve-review-"));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const log = async (ledger: string) =>
  JSON.parse((await cli(["reserve", "events", "--as", "auditor:carol", "--ledger", ledger, "--format", "json"])).stdout).events as {
    type: string;
    data: Record<string, unknown>;
  }[];

// L-1 arrives at Depot A on 1 February expiring 1 March 2026; in May it moves to Depot C and a re-assay gives it until 2031
const MOVED = `version: 1
commands:
  - { key: o1, at: 2026-01-10T00:00:00Z, command: { type: order, order: O-1, mineral: antimony, form: ingot, spec: "99.65 %", tons: 100, price: 60000, contract: C-1 } }
  - { key: r1, at: 2026-02-01T00:00:00Z, command: { type: receive, order: O-1, lot: L-1, tons: 60, location: Depot A, expires: 2026-03-01 } }
  - { key: t1, at: 2026-05-02T00:00:00Z, command: { type: transfer, lot: L-1, to: Depot C } }
  - { key: a1, at: 2026-05-03T00:00:00Z, command: { type: reassay, lot: L-1, spec: "99.7 %", expires: 2031-01-01 } }
`;

describe("reserve position: dated, the lot as it was then", () => {
  const ledger = `sqlite:${join(dir, "moved.sqlite")}`;

  it("--at 2026-02-15 shows L-1 at Depot A, 99.65 %, expiring 2026-03-01; without --at, where and what it is now", async () => {
    expect((await cli(["reserve", "run", file("moved.yaml", MOVED), "--as", "operator:alice", "--ledger", ledger])).code).toBe(0);
    const feb = await cli(["reserve", "position", "--at", "2026-02-15", "--as", "analyst:bob", "--ledger", ledger, "--format", "json"]);
    expect(feb.code, feb.stderr).toBe(0);
    expect(JSON.parse(feb.stdout).lots).toEqual([
      { lot: "L-1", mineral: "antimony", form: "ingot", spec: "99.65 %", location: "Depot A", tons: 60, expires: "2026-03-01", expired: false },
    ]);
    // the date lies before the latest event: read by replaying the log, and said so
    expect(feb.stderr).toContain("before the ledger's latest event (2026-05-03T00:00:00.000Z): read by replaying the log");
    // on 1 April it had expired (the re-assay came later)
    const apr = JSON.parse((await cli(["reserve", "position", "--at", "2026-04-01", "--as", "analyst:bob", "--ledger", ledger, "--format", "json"])).stdout);
    expect(apr.lots[0]).toMatchObject({ location: "Depot A", expires: "2026-03-01", expired: true });
    expect(apr.minerals).toEqual([{ mineral: "antimony", tons: 60, releasable: 0, lots: 1 }]);
    const now = await cli(["reserve", "position", "--as", "analyst:bob", "--ledger", ledger, "--format", "json"]);
    expect(now.stderr).toBe("");
    expect(JSON.parse(now.stdout).lots).toEqual([
      { lot: "L-1", mineral: "antimony", form: "ingot", spec: "99.7 %", location: "Depot C", tons: 60, expires: "2031-01-01", expired: false },
    ]);
    // a date after the latest event reads the balances (no replay, no note)
    const later = await cli(["reserve", "position", "--at", "2026-06-01", "--as", "analyst:bob", "--ledger", ledger, "--format", "json"]);
    expect(later.stderr).toBe("");
    expect(JSON.parse(later.stdout).lots[0]).toMatchObject({ location: "Depot C", expires: "2031-01-01", expired: false });
  });

  it("cover as of 1 April counts nothing releasable (L-1 had expired then)", async () => {
    const apr = JSON.parse((await cli(["reserve", "cover", "--at", "2026-04-01", "--as", "analyst:bob", "--ledger", ledger, "--format", "json"])).stdout);
    expect(apr.cover.find((c: { mineral: string }) => c.mineral === "antimony")).toMatchObject({ tons: 0 });
    const now = JSON.parse((await cli(["reserve", "cover", "--as", "analyst:bob", "--ledger", ledger, "--format", "json"])).stdout);
    expect(now.cover.find((c: { mineral: string }) => c.mineral === "antimony")).toMatchObject({ tons: 60 });
  });
});

describe("unknown command fields are refused, not dropped", () => {
  const ledger = `sqlite:${join(dir, "fields.sqlite")}`;
  const order = ["reserve", "order", "--order", "O-1", "--mineral", "antimony", "--form", "ingot", "--spec", "99.65 %", "--tons", "100", "--price", "60000"];

  it("reserve receive --expiry …: exit 2 naming --expiry and listing the flags receive takes; nothing written", async () => {
    expect((await cli([...order, "--contract", "C-1", "--key", "o1", "--at", "2026-01-10", "--as", "operator:alice", "--ledger", ledger])).code).toBe(0);
    const r = await cli([
      ...["reserve", "receive", "--order", "O-1", "--tons", "5", "--location", "Depot A", "--expiry", "2027-01-01"],
      ...["--key", "r1", "--at", "2026-02-01", "--as", "operator:alice", "--ledger", ledger],
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--expiry: reserve receive takes no --expiry");
    expect(r.stderr).toContain("--order, --lot, --tons, --location, --cost, --expires");
    expect(r.stderr).toContain("--expires");
    expect(await log(ledger)).toHaveLength(1);
  });

  it("a commands file with extra: 5 is refused at its line, naming the field; nothing written", async () => {
    const f = file(
      "extra.yaml",
      `version: 1
commands:
  - { key: r2, at: 2026-02-01T00:00:00Z, command: { type: receive, order: O-1, tons: 5, location: Depot A } }
  - key: r3
    at: 2026-02-01T00:00:00Z
    command: { type: receive, order: O-1, tons: 5, location: Depot A, extra: 5 }
`,
    );
    const r = await cli(["reserve", "run", f, "--as", "operator:alice", "--ledger", ledger]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /extra\.yaml:6: commands\[1\]\.command\.extra: receive takes no field "extra", expected one of type, at, order, lot, tons, location, cost, expires/,
    );
    // the file is checked whole before anything is written
    expect(await log(ledger)).toHaveLength(1);
  });
});

describe("minerals are the dataset's", () => {
  const ledger = `sqlite:${join(dir, "minerals.sqlite")}`;
  const order = (mineral: string, key: string) =>
    cli([
      ...["reserve", "order", "--mineral", mineral, "--form", "ingot", "--spec", "99.65 %", "--tons", "1", "--price", "60000", "--contract", "C-1"],
      ...["--key", key, "--at", "2026-01-10", "--as", "operator:alice", "--ledger", ledger],
    ]);

  it("--mineral unobtainium: exit 2 with suggestions, nothing written; Antimony is antimony; NdPr is the element-level ndpr", async () => {
    const bad = await order("unobtainium", "o1");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--mineral: unknown mineral "unobtainium"');
    expect(bad.stderr).toMatch(/did you mean/i);
    expect(await log(ledger)).toHaveLength(0);
    expect((await order("Antimony", "o2")).code).toBe(0);
    expect((await order("NdPr", "o3")).code).toBe(0);
    expect((await log(ledger)).map((e) => e.data.mineral)).toEqual(["antimony", "ndpr"]);
  });
});

describe("flag values are numbers only for numeric fields", () => {
  const ledger = `sqlite:${join(dir, "text.sqlite")}`;

  it("pay-fee --period 2026 and transfer --to 12 keep their text; --tons 5 is a number", async () => {
    const as = ["--as", "operator:alice", "--ledger", ledger];
    expect((await cli(["reserve", "register-member", "--member", "acme", "--name", "Acme", "--key", "m1", ...as])).code).toBe(0);
    const fee = await cli(["reserve", "pay-fee", "--member", "acme", "--amount", "5", "--period", "2026", "--key", "f1", ...as]);
    expect(fee.code, fee.stderr).toBe(0);
    const cmds = file(
      "lot.yaml",
      `version: 1
commands:
  - { key: o1, at: 2026-01-10T00:00:00Z, command: { type: order, order: O-1, mineral: antimony, form: ingot, spec: "99.65 %", tons: 100, price: 60000, contract: C-1 } }
  - { key: r1, at: 2026-02-01T00:00:00Z, command: { type: receive, order: O-1, lot: L-1, tons: 60, location: Depot A } }
`,
    );
    expect((await cli(["reserve", "run", cmds, ...as])).code).toBe(0);
    const moved = await cli(["reserve", "transfer", "--lot", "L-1", "--to", "12", "--key", "t1", "--at", "2026-03-01", ...as]);
    expect(moved.code, moved.stderr).toBe(0);
    const events = await log(ledger);
    expect(events.find((e) => e.type === "fee.paid")?.data).toEqual({ member: "acme", amount: 5, period: "2026" });
    expect(events.find((e) => e.type === "lot.transferred")?.data).toEqual({ lot: "L-1", from: "Depot A", to: "12" });
    // the statement, read from the balances, shows the fee
    const st = JSON.parse((await cli(["reserve", "statement", "acme", "--as", "auditor:c", "--ledger", ledger, "--format", "json"])).stdout);
    expect(st).toMatchObject({ member: "acme", fees: 5, payments: [{ amount: 5, period: "2026" }] });
  });
});
