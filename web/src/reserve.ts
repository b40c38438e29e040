import { ApiError, type ApiIssue, getJson } from "./api.js";
import { type Column, el, fmtNum, sortableTable, statusBox } from "./ui.js";

/*
 * Reserve (#/reserve): the ledger as the token's actor sees it. The bearer token is asked for once and
 * kept in sessionStorage (gone with the tab); the page calls /ledger/me, then:
 * - operators, auditors, analysts: position and cover per mineral, lots by location, the draws
 *   waiting for the operator (an operator approves or releases them here), any member's statement
 *   and the audit trail of a lot or a member;
 * - a member: its own statement, a form to request a draw, and its own audit trail. The page asks
 *   only for the member's own records, so nothing of another member reaches its browser (the
 *   ledger core refuses those reads anyway).
 * A server without a ledger (404), a refused token (401/403) and the ledger's refusals (409, 400)
 * are said in words, not as a raw error.
 */

const TOKEN_KEY = "lodestone.ledgerToken";

interface Actor {
  id: string;
  role: "operator" | "auditor" | "analyst" | "member";
  member?: string;
}
interface MineralPosition {
  mineral: string;
  tons: number;
  releasable: number;
  lots: number;
}
interface LotPosition {
  lot: string;
  mineral: string;
  form: string;
  spec: string;
  location: string;
  tons: number;
  expires: string | null;
  expired: boolean;
}
interface CoverRow {
  mineral: string;
  tons: number;
  days: number | null;
  target: number;
  short: number | null;
  met: boolean | null;
}
interface Entitlement {
  mineral: string;
  year: string;
  tonsPerYear: number;
  used: number;
  left: number;
  priority: string;
}
interface Draw {
  draw: string;
  mineral: string;
  at: string;
  status: string;
  reason: string | null;
  requested: number;
  approved: number;
  released: number;
}
interface Statement {
  member: string;
  name: string;
  entitlements: Entitlement[];
  draws: Draw[];
}
interface OpenDraw {
  draw: string;
  member: string;
  mineral: string;
  at: string;
  status: "requested" | "approved";
  requested: number;
  approved: number;
}
interface Members {
  members: { member: string; name: string; entitlements: number; open: number }[];
  open: OpenDraw[];
}
interface LedgerEvent {
  seq: number;
  type: string;
  at: string;
  actor: string;
  key: string;
  data: Record<string, unknown>;
}

/** What a refusal of the token or a read means, in words. */
function explain(e: unknown): string | undefined {
  if (!(e instanceof ApiError)) return undefined;
  if (e.status === 404) return "This server runs without a reserve ledger (start it with lodestone serve --ledger sqlite:FILE --tokens FILE).";
  if (e.status === 401) return "The token was refused: this server does not know it. Enter another token.";
  if (e.status === 403) return "This token may not read that part of the ledger.";
  return undefined;
}

/** A ledger command's refusal in words: the ledger's own reasons (above entitlement, no entitlement to a mineral, a bad field …). */
function refusal(e: unknown): Error {
  if (!(e instanceof ApiError)) return e instanceof Error ? e : new Error(String(e));
  const reasons = e.issues.length ? e.issues.map((i) => i.message + (i.expected ? ` (expected ${i.expected})` : "")).join("; ") : e.message;
  if (e.status === 409) return new Error(`The ledger refused it: ${reasons}. Nothing was written.`);
  if (e.status === 400)
    return new Error(`The request is not valid: ${e.issues.map((i) => `${i.field ?? ""} ${i.message}`.trim()).join("; ") || reasons}. Nothing was written.`);
  if (e.status === 403) return new Error(`This token may not do that: ${reasons}. Nothing was written.`);
  return new Error(explain(e) ?? e.message);
}

/** A fresh idempotency key: crypto.randomUUID where the page is a secure context, else 128 random bits in hex. */
function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POST one ledger command under `key`. A lost connection or a 5xx is retried (twice, with the same
 * key: the ledger writes a command once per key, and a retry of a written one answers 200 with the
 * stored events); any other answer is final. Throws ApiError with the ledger's issues on a refusal.
 */
async function runCommand(token: string, key: string, at: string, command: Record<string, unknown>): Promise<{ replayed: boolean; events: LedgerEvent[] }> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) await sleep(300 * attempt);
    let res: Response;
    try {
      res = await fetch("/ledger/commands", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ key, at, command }),
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

const today = () => new Date().toISOString().slice(0, 10);

/** A business date-time as its day, the full value on hover (exports keep the full value). */
const day = (at: string) => el("time", { datetime: at, title: at }, at.slice(0, 10));

/** An event's data as short "field value" pairs (nested values as JSON). */
const eventText = (e: LedgerEvent) =>
  Object.entries(e.data)
    .map(([k, v]) => `${k} ${typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(", ");

function auditTable(events: LedgerEvent[], caption: string) {
  if (!events.length) return el("p", {}, `${caption}: no events.`);
  return sortableTable(
    events,
    [
      { key: "seq", label: "#", value: (r) => r.seq, numeric: true },
      { key: "at", label: "date", value: (r) => r.at, cell: (r) => day(r.at) },
      { key: "type", label: "event", value: (r) => r.type },
      { key: "actor", label: "by", value: (r) => r.actor },
      { key: "data", label: "details", value: (r) => eventText(r) },
    ],
    { caption, sort: "seq" },
  );
}

function statementTables(s: Statement) {
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
function section(id: string, title: string, ...controls: Node[]) {
  const status = statusBox();
  const content = el("div", { class: "section-body" });
  const node = el("section", { id, "aria-labelledby": `${id}-h` }, el("h2", { id: `${id}-h` }, title), ...controls, status.node, content);
  const load = async (what: string, get: () => Promise<Node[]>, signal: AbortSignal) => {
    status.loading(what);
    try {
      const nodes = await get();
      if (signal.aborted) return;
      content.replaceChildren(...nodes);
      status.clear();
    } catch (e) {
      if (signal.aborted) return;
      status.error(new Error(explain(e) ?? (e instanceof Error ? e.message : String(e))));
    }
  };
  return { node, load, status };
}

/** The member's form to request a draw: mineral (its entitlements offered), tons, date. */
function drawForm(token: string, s: Statement, onDone: () => Promise<void>) {
  const status = statusBox();
  const minerals = el("datalist", { id: "draw-minerals" });
  // the member's entitlements as suggestions, with the priority class and what is left
  const offer = (now: Statement) =>
    minerals.replaceChildren(...now.entitlements.map((e) => el("option", { value: e.mineral }, `${e.priority}, ${fmtNum(e.left)} t left in ${e.year}`)));
  offer(s);
  const mineral = el("input", {
    id: "draw-mineral",
    name: "mineral",
    list: "draw-minerals",
    required: true,
    autocomplete: "off",
    value: s.entitlements[0]?.mineral ?? "",
  });
  const tons = el("input", { id: "draw-tons", name: "tons", type: "number", min: "0", step: "any", required: true, inputmode: "decimal" });
  const date = el("input", { id: "draw-date", name: "at", type: "date", required: true, value: today() });
  const submit = el("button", { type: "submit" }, "Request the draw");
  const form = el(
    "form",
    { id: "draw-form", class: "reserve-form", "aria-describedby": "draw-form-help" },
    el("label", { for: "draw-mineral" }, "Mineral", mineral),
    minerals,
    el("label", { for: "draw-tons" }, "Tons", tons),
    el("label", { for: "draw-date" }, "Date", date),
    submit,
  );
  // one key per request: made when the request is first sent, kept while it may not have arrived
  // (a lost connection), so sending it again writes it at most once; any answer ends it
  let pending: { key: string; body: string } | undefined;
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const command = { type: "request-draw", mineral: mineral.value.trim(), tons: Number(tons.value) };
    const body = JSON.stringify([command, date.value]);
    if (pending?.body !== body) pending = { key: newKey(), body };
    submit.disabled = true;
    status.loading("Sending the request to the ledger");
    try {
      const r = await runCommand(token, pending.key, date.value, command);
      pending = undefined;
      const ev0 = r.events.find((e) => e.type === "draw.requested");
      const d = ev0?.data as { draw?: string; tons?: number; mineral?: string } | undefined;
      tons.value = "";
      await onDone();
      status.clear();
      status.node.className = "status ok";
      status.node.textContent = `Draw ${d?.draw ?? ""} requested: ${fmtNum(d?.tons)} t of ${d?.mineral ?? command.mineral}${r.replayed ? " (already written by an earlier attempt)" : ""}. It waits for the operator's approval and is listed below.`;
    } catch (e) {
      if (e instanceof ApiError) pending = undefined;
      status.error(
        e instanceof ApiError
          ? refusal(e)
          : new Error(
              "The ledger could not be reached; the request may not have arrived. Send it again: it carries the same key, so it is written at most once.",
            ),
      );
    } finally {
      submit.disabled = false;
    }
  });
  const node = el(
    "section",
    { id: "reserve-request", "aria-labelledby": "reserve-request-h" },
    el("h2", { id: "reserve-request-h" }, "Request a draw"),
    el("p", { class: "meta", id: "draw-form-help" }, "Within your entitlement for the year of the date; the operator approves and releases it."),
    form,
    status.node,
  );
  return { node, offer };
}

/** The member's own view: statement, the request form, its audit trail. */
async function memberView(body: HTMLElement, me: Actor, token: string, signal: AbortSignal, auth: Record<string, string>) {
  const id = me.member ?? me.id;
  const loadStatement = () => getJson<Statement>(`/ledger/members/${encodeURIComponent(id)}/statement`, signal, auth);
  const s = await loadStatement();
  const st = section("reserve-statement", `Statement: ${s.name}`);
  const trail = section("reserve-audit", "Your audit trail");
  const loadTrail = () =>
    trail.load(
      "Reading the trail",
      async () => [
        auditTable((await getJson<{ events: LedgerEvent[] }>(`/ledger/audit?member=${encodeURIComponent(id)}`, signal, auth)).events, `Audit trail of ${id}`),
      ],
      signal,
    );
  const refresh = async () => {
    await st.load(
      "Reading the statement",
      async () => {
        const now = await loadStatement();
        form.offer(now);
        return statementTables(now);
      },
      signal,
    );
    await loadTrail();
  };
  const form = drawForm(token, s, refresh);
  body.append(form.node, st.node, trail.node);
  st.node.querySelector(".section-body")!.replaceChildren(...statementTables(s));
  await loadTrail();
}

interface PositionReport {
  asOf: string;
  minerals: MineralPosition[];
  lots: LotPosition[];
}

/** Position and cover per mineral (GET /ledger/position and /ledger/cover side by side). */
function positionTable(pos: PositionReport, cov: { cover: CoverRow[] }): Node[] {
  const byMineral = new Map(cov.cover.map((c) => [c.mineral, c]));
  const rows = pos.minerals.map((m) => ({ ...m, cover: byMineral.get(m.mineral) }));
  if (!rows.length) return [el("p", {}, "The reserve holds nothing yet.")];
  return [
    sortableTable(
      rows,
      [
        { key: "mineral", label: "mineral", value: (r) => r.mineral },
        { key: "tons", label: "held t", value: (r) => r.tons, cell: (r) => fmtNum(r.tons), numeric: true },
        { key: "releasable", label: "releasable t", value: (r) => r.releasable, cell: (r) => fmtNum(r.releasable), numeric: true },
        { key: "lots", label: "lots", value: (r) => r.lots, numeric: true },
        { key: "days", label: "cover d", value: (r) => r.cover?.days ?? null, cell: (r) => fmtNum(r.cover?.days), numeric: true },
        { key: "target", label: "target d", value: (r) => r.cover?.target ?? null, cell: (r) => fmtNum(r.cover?.target), numeric: true },
        { key: "short", label: "short of target t", value: (r) => r.cover?.short ?? null, cell: (r) => fmtNum(r.cover?.short), numeric: true },
        { key: "met", label: "target met", value: (r) => (r.cover?.met == null ? "—" : r.cover.met ? "yes" : "no") },
      ],
      { caption: `Position as of ${pos.asOf}; cover against a ${cov.cover[0]?.target ?? 60}-day target (demand from the dataset)`, sort: "tons", desc: true },
    ),
  ];
}

/** Every lot with its current location (GET /ledger/position's lots), and the tons held per location. */
function lotTables(pos: PositionReport): Node[] {
  if (!pos.lots.length) return [el("p", {}, "No lot received yet.")];
  const locations = new Map<string, number>();
  for (const l of pos.lots) locations.set(l.location, (locations.get(l.location) ?? 0) + l.tons);
  return [
    el("p", { class: "meta", id: "reserve-locations" }, [...locations].map(([loc, t]) => `${loc}: ${fmtNum(t)} t`).join(" · ")),
    sortableTable(
      pos.lots,
      [
        { key: "location", label: "location", value: (r) => r.location },
        { key: "lot", label: "lot", value: (r) => r.lot },
        { key: "mineral", label: "mineral", value: (r) => r.mineral },
        { key: "form", label: "form", value: (r) => r.form },
        { key: "spec", label: "spec", value: (r) => r.spec },
        { key: "tons", label: "tons", value: (r) => r.tons, cell: (r) => fmtNum(r.tons), numeric: true },
        { key: "expires", label: "expires", value: (r) => r.expires ?? "" },
        { key: "expired", label: "expired", value: (r) => (r.expired ? "yes" : "") },
      ],
      { caption: "Lots by location (current location; a transfer moves the whole lot)", sort: "location" },
    ),
  ];
}

/** The draws waiting for the operator; an operator approves a request or releases an approved draw (the first-expiring lots go first). */
function openDraws(m: Members, me: Actor, token: string, reload: (done: string) => Promise<void>) {
  const status = statusBox();
  const act = async (command: Record<string, unknown>, doing: string, done: string, button: HTMLButtonElement) => {
    button.disabled = true;
    status.loading(doing);
    try {
      await runCommand(token, newKey(), new Date().toISOString(), command);
      await reload(done);
    } catch (e) {
      status.error(refusal(e));
      button.disabled = false;
    }
  };
  /** The operator's actions on one draw: approve a request or release an approved draw, or refuse either with a reason. */
  const actions = (r: OpenDraw) => {
    const cell = el("div", { class: "draw-actions" });
    const main =
      r.status === "requested"
        ? el("button", { type: "button", class: "draw-action", "data-draw": r.draw }, `Approve ${r.draw}`)
        : el("button", { type: "button", class: "draw-action", "data-draw": r.draw }, `Release ${r.draw}`);
    main.addEventListener("click", () =>
      r.status === "requested"
        ? void act({ type: "approve-draw", draw: r.draw }, `Approving ${r.draw}`, `${r.draw} approved: ${fmtNum(r.requested)} t.`, main)
        : void act({ type: "release", draw: r.draw }, `Releasing ${r.draw}`, `${r.draw} released from the first-expiring lots.`, main),
    );
    const refuse = el("button", { type: "button", class: "draw-refuse", "data-draw": r.draw }, "Refuse…");
    refuse.addEventListener("click", () => {
      const reason = el("input", {
        type: "text",
        required: true,
        "aria-label": `Why refuse ${r.draw}`,
        placeholder: "reason",
        class: "refuse-reason",
        size: 14,
      });
      const send = el("button", { type: "submit" }, `Refuse ${r.draw}`);
      const form = el("form", { class: "refuse-form" }, reason, send);
      form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        void act({ type: "refuse-draw", draw: r.draw, reason: reason.value.trim() }, `Refusing ${r.draw}`, `${r.draw} refused.`, send);
      });
      cell.replaceChildren(form);
      reason.focus();
    });
    cell.append(main, refuse);
    return cell;
  };
  const cols: Column<OpenDraw>[] = [
    { key: "draw", label: "draw", value: (r) => r.draw },
    { key: "member", label: "member", value: (r) => r.member },
    { key: "mineral", label: "mineral", value: (r) => r.mineral },
    { key: "at", label: "requested on", value: (r) => r.at, cell: (r) => day(r.at) },
    { key: "status", label: "status", value: (r) => r.status },
    { key: "requested", label: "requested t", value: (r) => r.requested, cell: (r) => fmtNum(r.requested), numeric: true },
    { key: "approved", label: "approved t", value: (r) => r.approved, cell: (r) => fmtNum(r.approved), numeric: true },
  ];
  if (me.role === "operator") cols.push({ key: "action", label: "action", value: (r) => (r.status === "requested" ? "approve" : "release"), cell: actions });
  return [
    m.open.length ? sortableTable(m.open, cols, { caption: "Draws waiting for the operator", sort: "at" }) : el("p", {}, "No draw waits for the operator."),
    status.node,
  ];
}

/** Operators, auditors, analysts: the whole reserve, any member's statement, any lot's or member's trail. */
async function reserveView(body: HTMLElement, me: Actor, token: string, signal: AbortSignal, auth: Record<string, string>) {
  const [pos, cov, members] = await Promise.all([
    getJson<PositionReport>("/ledger/position", signal, auth),
    getJson<{ cover: CoverRow[] }>("/ledger/cover", signal, auth),
    getJson<Members>("/ledger/members", signal, auth),
  ]);
  const open = section("reserve-open", "Draws waiting for the operator");
  const pick = el("select", { id: "statement-member" }, ...members.members.map((m) => el("option", { value: m.member }, `${m.name} (${m.member})`)));
  const statement = section(
    "reserve-statement",
    "Member statements",
    el("div", { class: "controls" }, el("label", { for: "statement-member" }, "Member "), pick),
  );
  const about = el(
    "select",
    { id: "audit-about" },
    el(
      "optgroup",
      { label: "Lots" },
      ...pos.lots.map((l) => el("option", { value: `lot=${encodeURIComponent(l.lot)}` }, `lot ${l.lot} (${l.mineral}, ${l.location})`)),
    ),
    el(
      "optgroup",
      { label: "Members" },
      ...members.members.map((m) => el("option", { value: `member=${encodeURIComponent(m.member)}` }, `member ${m.member}`)),
    ),
  );
  const trail = section("reserve-audit", "Audit trail", el("div", { class: "controls" }, el("label", { for: "audit-about" }, "Of "), about));
  const position = section("reserve-position", "Position and cover");
  const lots = section("reserve-lots", "Lots by location");
  position.node.querySelector(".section-body")!.replaceChildren(...positionTable(pos, cov));
  lots.node.querySelector(".section-body")!.replaceChildren(...lotTables(pos));
  body.append(position.node, lots.node, open.node, statement.node, trail.node);
  const showPosition = async () => {
    const read = Promise.all([getJson<PositionReport>("/ledger/position", signal, auth), getJson<{ cover: CoverRow[] }>("/ledger/cover", signal, auth)]);
    await Promise.all([
      position.load("Reading the position", async () => positionTable(...(await read)), signal),
      lots.load("Reading the lots", async () => lotTables((await read)[0]), signal),
    ]);
  };

  const showOpen = (m: Members) => open.load("Reading the draws", async () => openDraws(m, me, token, reloadAll), signal);
  const showStatement = () =>
    pick.value
      ? statement.load(
          "Reading the statement",
          async () => statementTables(await getJson<Statement>(`/ledger/members/${encodeURIComponent(pick.value)}/statement`, signal, auth)),
          signal,
        )
      : statement.load("", async () => [el("p", {}, "No member is registered yet.")], signal);
  const showTrail = () =>
    about.value
      ? trail.load(
          "Reading the trail",
          async () => [
            auditTable(
              (await getJson<{ events: LedgerEvent[] }>(`/ledger/audit?${about.value}`, signal, auth)).events,
              `Audit trail of ${about.selectedOptions[0]?.textContent ?? ""}`,
            ),
          ],
          signal,
        )
      : trail.load("", async () => [el("p", {}, "Nothing to trace yet.")], signal);
  /** After the operator acted: read everything again, say what was done, and put the focus back on the draws' heading (the button is gone). */
  async function reloadAll(done: string) {
    await Promise.all([showPosition(), showOpen(await getJson<Members>("/ledger/members", signal, auth)), showStatement(), showTrail()]);
    open.status.clear();
    open.status.node.className = "status ok";
    open.status.node.textContent = done;
    const h = open.node.querySelector("h2") as HTMLElement;
    h.tabIndex = -1;
    h.focus();
  }
  pick.addEventListener("change", () => void showStatement());
  about.addEventListener("change", () => void showTrail());
  await Promise.all([showOpen(members), showStatement(), showTrail()]);
}

export async function reserve(view: HTMLElement, signal: AbortSignal) {
  const status = statusBox();
  const input = el("input", { type: "password", id: "ledger-token", autocomplete: "off", size: 40, value: sessionStorage.getItem(TOKEN_KEY) ?? "" });
  const form = el(
    "form",
    { class: "controls", id: "token-form" },
    el("label", { for: "ledger-token" }, "Bearer token "),
    input,
    " ",
    el("button", { type: "submit" }, "Open the ledger"),
    " ",
    el("button", { type: "button", id: "token-forget" }, "Forget"),
  );
  const body = el("section", { id: "reserve-body" });
  view.replaceChildren(el("h1", {}, "Reserve: position, cover and statements"), form, status.node, body);

  const show = async () => {
    const token = sessionStorage.getItem(TOKEN_KEY);
    body.replaceChildren();
    if (!token) {
      status.clear();
      body.append(el("p", { class: "meta" }, "The ledger needs a bearer token from the server's tokens file; it is kept for this tab only."));
      return;
    }
    const auth = { authorization: `Bearer ${token}` };
    status.loading("Reading the ledger");
    try {
      const me = await getJson<Actor>("/ledger/me", signal, auth);
      body.append(el("p", { class: "meta", id: "reserve-actor" }, `Signed in as ${me.id} (${me.role}${me.member ? `, member ${me.member}` : ""}).`));
      if (me.role === "member") await memberView(body, me, token, signal, auth);
      else await reserveView(body, me, token, signal, auth);
      status.clear();
    } catch (e) {
      if (signal.aborted) return;
      const words = explain(e);
      if (words) {
        status.error(new Error(words));
        if (e instanceof ApiError && e.status === 401) sessionStorage.removeItem(TOKEN_KEY);
      } else status.error(e);
    }
  };

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const t = input.value.trim();
    if (t) sessionStorage.setItem(TOKEN_KEY, t);
    else sessionStorage.removeItem(TOKEN_KEY);
    void show();
  });
  form.querySelector("#token-forget")!.addEventListener("click", () => {
    sessionStorage.removeItem(TOKEN_KEY);
    input.value = "";
    void show();
  });
  await show();
}
