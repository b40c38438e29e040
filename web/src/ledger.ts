import { ApiError, type ApiIssue } from "./api.js";
import { el, fmtNum, sortableTable, statusBox } from "./ui.js";

/*
 * The reserve ledger over HTTP, for the Reserve page (reserve.ts, reserve-member.ts): what the
 * ledger routes answer, their refusals in words, one command under an idempotency key (retried with
 * the same key), and the tables a member and an operator both see (a statement, an audit trail).
 */

// the ledger's reports as the core types them (type-only: nothing of the core is bundled)
import type {
  Actor,
  LedgerAllocation as Allocation,
  Cover as CoverRow,
  StatementDraw as Draw,
  StatementEntitlement as Entitlement,
  LotPosition,
  MemberList as Members,
  MineralPosition,
  OpenDraw,
  Statement,
} from "../../src/index.js";

export type { Actor, Allocation, CoverRow, Draw, Entitlement, LotPosition, Members, MineralPosition, OpenDraw, Statement };
export interface LedgerEvent {
  seq: number;
  type: string;
  at: string;
  actor: string;
  key: string;
  data: Record<string, unknown>;
}

/** What a refusal of the token or a read means, in words. */
export function explain(e: unknown): string | undefined {
  if (!(e instanceof ApiError)) return undefined;
  if (e.status === 404) return "This server runs without a reserve ledger (start it with lodestone serve --ledger sqlite:FILE --tokens FILE).";
  if (e.status === 401) return "The token was refused: this server does not know it. Enter another token.";
  if (e.status === 403) return "This token may not read that part of the ledger.";
  return undefined;
}

/** A ledger command's refusal in words: the ledger's own reasons (above entitlement, no entitlement to a mineral, a bad field …). */
export function refusal(e: unknown): Error {
  if (!(e instanceof ApiError)) return e instanceof Error ? e : new Error(String(e));
  const reasons = e.issues.length ? e.issues.map((i) => i.message + (i.expected ? ` (expected ${i.expected})` : "")).join("; ") : e.message;
  if (e.status === 409) return new Error(`The ledger refused it: ${reasons}. Nothing was written.`);
  if (e.status === 400)
    return new Error(`The request is not valid: ${e.issues.map((i) => `${i.field ?? ""} ${i.message}`.trim()).join("; ") || reasons}. Nothing was written.`);
  if (e.status === 403) return new Error(`This token may not do that: ${reasons}. Nothing was written.`);
  return new Error(explain(e) ?? e.message);
}

/** A fresh idempotency key: crypto.randomUUID where the page is a secure context, else 128 random bits in hex. */
export function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POST one ledger command under `key`. A lost connection or a 5xx is retried (twice, with the same
 * key: the ledger writes a command once per key, and a retry of a written one answers 200 with the
 * stored events); any other answer is final. Throws ApiError with the ledger's issues on a refusal.
 */
export async function runCommand(token: string, key: string, command: Record<string, unknown>): Promise<{ replayed: boolean; events: LedgerEvent[] }> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) await sleep(300 * attempt);
    let res: Response;
    try {
      res = await fetch("/ledger/commands", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        // no `at`: the server dates the command by its clock (a member's request must be dated so)
        body: JSON.stringify({ key, command }),
      });
    } catch (e) {
      last = e;
      continue;
    }
    const body = (await res.json().catch(() => undefined)) as { error?: { message?: string; issues?: ApiIssue[] } } | undefined;
    if (res.ok) return body as unknown as { replayed: boolean; events: LedgerEvent[] };
    last = new ApiError(res.status, body?.error?.message ?? `${res.status} ${res.statusText}`, body?.error?.issues ?? []);
    if (res.status < 500) break;
  }
  throw last;
}

/** A business date-time as its day, the full value on hover (exports keep the full value). */
export const day = (at: string) => el("time", { datetime: at, title: at }, at.slice(0, 10));

/** An event's data as short "field value" pairs (nested values as JSON). */
const eventText = (e: LedgerEvent) =>
  Object.entries(e.data)
    .map(([k, v]) => `${k} ${typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(", ");

export function auditTable(events: LedgerEvent[], caption: string) {
  if (!events.length) return el("p", {}, `${caption}: no events.`);
  return sortableTable(
    events,
    [
      { key: "seq", label: "#", value: (r) => r.seq, numeric: true },
      { key: "at", label: "date", value: (r) => r.at, cell: (r) => day(r.at) },
      { key: "type", label: "event", value: (r) => r.type },
      { key: "actor", label: "by", value: (r) => r.actor },
      { key: "data", label: "details", value: (r) => eventText(r), cell: (r) => el("span", { class: "event-details" }, eventText(r)) },
    ],
    { caption, sort: "seq" },
  );
}

export function statementTables(s: Statement) {
  return [
    s.entitlements.length
      ? sortableTable(
          s.entitlements,
          [
            { key: "mineral", label: "mineral", value: (r) => r.mineral },
            { key: "year", label: "year", value: (r) => r.year },
            { key: "tonsPerYear", label: "t / year", value: (r) => r.tonsPerYear, cell: (r) => fmtNum(r.tonsPerYear), numeric: true },
            { key: "used", label: "used t", value: (r) => r.used, cell: (r) => fmtNum(r.used), numeric: true },
            { key: "left", label: "left t", value: (r) => r.left, cell: (r) => fmtNum(r.left), numeric: true },
            { key: "priority", label: "priority", value: (r) => r.priority },
          ],
          { caption: `Entitlements of ${s.name}` },
        )
      : el("p", {}, `${s.name} holds no entitlement.`),
    s.draws.length
      ? sortableTable(
          s.draws,
          [
            { key: "draw", label: "draw", value: (r) => r.draw },
            { key: "mineral", label: "mineral", value: (r) => r.mineral },
            { key: "at", label: "date", value: (r) => r.at, cell: (r) => day(r.at) },
            { key: "status", label: "status", value: (r) => r.status },
            { key: "requested", label: "requested t", value: (r) => r.requested, cell: (r) => fmtNum(r.requested), numeric: true },
            { key: "approved", label: "approved t", value: (r) => r.approved, cell: (r) => fmtNum(r.approved), numeric: true },
            { key: "released", label: "released t", value: (r) => r.released, cell: (r) => fmtNum(r.released), numeric: true },
            { key: "reason", label: "reason", value: (r) => r.reason ?? "" },
          ],
          { caption: `Draws of ${s.name}`, sort: "at" },
        )
      : el("p", { class: "draws-none" }, `${s.name} has drawn nothing yet.`),
  ];
}

/** A section that loads its content (with its own loading and error line) and can load again. */
export function section(id: string, title: string, ...controls: Node[]) {
  const status = statusBox();
  const content = el("div", { class: "section-body" });
  const node = el("section", { id, "aria-labelledby": `${id}-h` }, el("h2", { id: `${id}-h` }, title), ...controls, status.node, content);
  // the newest load wins: an older answer arriving late (a quick change of a picker) is dropped
  let latest = 0;
  const load = async (what: string, get: () => Promise<Node[]>, signal: AbortSignal) => {
    const mine = ++latest;
    status.loading(what);
    try {
      const nodes = await get();
      if (signal.aborted || mine !== latest) return;
      content.replaceChildren(...nodes);
      status.clear();
    } catch (e) {
      if (signal.aborted || mine !== latest) return;
      status.error(new Error(explain(e) ?? (e instanceof Error ? e.message : String(e))));
    }
  };
  return { node, load, status };
}
