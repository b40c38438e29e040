// A test-only stand-in for the ledger core (src/ledger): two event types with the core's signatures
// (emptyState, apply, balanceRows, decide), so the store suites stay valid when the real core is
// plugged in. Lots receive tons; draws release tons from named lots; nothing may go negative.
import { createHash } from "node:crypto";
import { LodestoneError } from "../../src/index.js";
import type { LedgerStore, Reducer } from "../../src/store/index.js";

export interface Actor {
  id: string;
  role: "operator" | "member";
  member?: string;
}
export type Ev =
  | { seq: number; type: "lot.received"; at: string; actor: string; key: string; data: { lot: string; mineral: string; tons: number } }
  | { seq: number; type: "draw.released"; at: string; actor: string; key: string; data: { draw: string; member: string; lot: string; tons: number } };
export interface Row {
  kind: "lot" | "member" | "mineral";
  id: string;
  mineral: string;
  tons: number;
  received?: number;
  released?: number;
}
export interface State {
  lots: Map<string, { mineral: string; received: number; released: number }>;
  members: Map<string, { tons: number; draws: string[] }>;
  minerals: Map<string, number>;
  draws: Set<string>;
}
export type Cmd =
  | { type: "receive"; lot: string; mineral: string; tons: number; at: string }
  | { type: "release"; draw: string; member: string; lots: { lot: string; tons: number }[]; at: string };

export const emptyState = (): State => ({ lots: new Map(), members: new Map(), minerals: new Map(), draws: new Set() });

export function apply(s: State, e: Ev): void {
  if (e.type === "lot.received") {
    if (s.lots.has(e.data.lot)) throw new LodestoneError("integrity", `lot ${e.data.lot} received twice (seq ${e.seq})`);
    s.lots.set(e.data.lot, { mineral: e.data.mineral, received: e.data.tons, released: 0 });
    s.minerals.set(e.data.mineral, (s.minerals.get(e.data.mineral) ?? 0) + e.data.tons);
    return;
  }
  const lot = s.lots.get(e.data.lot);
  if (!lot || lot.received - lot.released < e.data.tons)
    throw new LodestoneError("integrity", `release of ${e.data.tons} t from lot ${e.data.lot} exceeds it (seq ${e.seq})`);
  lot.released += e.data.tons;
  s.minerals.set(lot.mineral, (s.minerals.get(lot.mineral) ?? 0) - e.data.tons);
  const m = s.members.get(e.data.member) ?? { tons: 0, draws: [] };
  m.tons += e.data.tons;
  if (!m.draws.includes(e.data.draw)) m.draws.push(e.data.draw);
  s.members.set(e.data.member, m);
  s.draws.add(e.data.draw);
}

export function balanceRows(s: State, touched: Ev[]): Row[] {
  const rows: Row[] = [];
  for (const e of touched) {
    const lot = s.lots.get(e.data.lot);
    if (!lot) continue;
    rows.push({ kind: "lot", id: e.data.lot, mineral: lot.mineral, tons: lot.received - lot.released, received: lot.received, released: lot.released });
    rows.push({ kind: "mineral", id: lot.mineral, mineral: lot.mineral, tons: s.minerals.get(lot.mineral) ?? 0 });
    if (e.type === "draw.released") rows.push({ kind: "member", id: e.data.member, mineral: lot.mineral, tons: s.members.get(e.data.member)?.tons ?? 0 });
  }
  return rows;
}

export const reducer: Reducer<State, Ev, Row> = { emptyState, apply, balanceRows };

export function replay(events: Iterable<Ev>): State {
  const s = emptyState();
  for (const e of events) apply(s, e);
  return s;
}

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
function tons(field: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0)
    throw new LodestoneError("bad-input", { field, message: `must be a positive finite number of tons, got ${String(v)}`, expected: "tons > 0" });
  return v;
}

/** The events a command makes (seq 0), or a typed refusal naming the field. Pure. */
export function decide(s: State, cmd: Cmd, actor: Actor, key: string): Ev[] {
  if (!ISO.test(cmd.at) || Number.isNaN(Date.parse(cmd.at)))
    throw new LodestoneError("bad-input", { field: "at", message: `not an ISO 8601 date: ${cmd.at}`, expected: "YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ" });
  const head = { seq: 0, at: cmd.at, actor: actor.id, key };
  if (cmd.type === "receive") {
    if (actor.role !== "operator") throw new LodestoneError("invalid", { field: "actor", message: "only an operator receives stock" });
    if (s.lots.has(cmd.lot)) throw new LodestoneError("invalid", { field: "lot", message: `lot ${cmd.lot} exists` });
    return [{ ...head, type: "lot.received", data: { lot: cmd.lot, mineral: cmd.mineral, tons: tons("tons", cmd.tons) } }];
  }
  if (actor.role === "member" && actor.member !== cmd.member)
    throw new LodestoneError("invalid", { field: "member", message: `member ${actor.member} may not draw for ${cmd.member}` });
  if (s.draws.has(cmd.draw)) throw new LodestoneError("invalid", { field: "draw", message: `draw ${cmd.draw} already released` });
  const taken = new Map<string, number>();
  return cmd.lots.map((l, i) => {
    const lot = s.lots.get(l.lot);
    if (!lot) throw new LodestoneError("not-found", { field: `lots[${i}].lot`, message: `unknown lot ${l.lot}` });
    const t = tons(`lots[${i}].tons`, l.tons);
    const left = lot.received - lot.released - (taken.get(l.lot) ?? 0);
    if (t > left) throw new LodestoneError("invalid", { field: `lots[${i}].tons`, message: `lot ${l.lot} holds ${left} t, ${t} t asked` });
    taken.set(l.lot, (taken.get(l.lot) ?? 0) + t);
    return { ...head, type: "draw.released", data: { draw: cmd.draw, member: cmd.member, lot: l.lot, tons: t } };
  });
}

export const OPERATOR: Actor = { id: "op-1", role: "operator" };

/** A command's fingerprint for the idempotency table: SHA-256 of the command and the actor. */
export const fingerprint = (cmd: Cmd, actor: Actor = OPERATOR) =>
  createHash("sha256")
    .update(JSON.stringify([cmd, actor]))
    .digest("hex");

/** Run a stand-in command through a store. */
export const exec = (store: LedgerStore<State, Ev, Row>, key: string, cmd: Cmd, actor: Actor = OPERATOR) =>
  store.run(key, fingerprint(cmd, actor), (s) => decide(s, cmd, actor, key));
