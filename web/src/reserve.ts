import { ApiError, getJson } from "./api.js";
import {
  type Actor,
  type Allocation,
  auditTable,
  type CoverRow,
  day,
  explain,
  type LedgerEvent,
  type LotPosition,
  type Members,
  type MineralPosition,
  newKey,
  type OpenDraw,
  refusal,
  runCommand,
  type Statement,
  section,
  statementTables,
} from "./ledger.js";
import { memberView } from "./reserve-member.js";
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
      await runCommand(token, newKey(), command);
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
/** The allocation of one mineral: whether the rule governs releases, whether requests exceed what may be released, and one row per member. */
function allocationView(a: Allocation): Node[] {
  const state = !a.governed
    ? "The rule is declared off: releases are first come, first served."
    : a.crisis
      ? `Crisis: ${fmtNum(a.open)} t approved and not released exceed the ${fmtNum(a.available)} t that may be released (${fmtNum(a.held)} t held less a ${fmtNum(a.stockFloor)} t stock floor, plus ${fmtNum(a.taken)} t already released to these draws), so each member is held to its share.`
      : `No crisis: the ${fmtNum(a.open)} t approved and not released fit in the ${fmtNum(a.available)} t that may be released.`;
  return [
    el(
      "p",
      { id: "allocation-state" },
      `${state} ${a.rule ? "Rule declared by the operator" : "No rule declared: strict priority classes, pro rata to entitlement, no floors"}.`,
    ),
    a.members.length
      ? sortableTable(
          a.members,
          [
            { key: "member", label: "member", value: (r) => r.member },
            { key: "priority", label: "class", value: (r) => r.priority },
            { key: "entitlement", label: "entitlement t/yr", value: (r) => r.entitlement, numeric: true, cell: (r) => fmtNum(r.entitlement) },
            { key: "requested", label: "approved t", value: (r) => r.requested, numeric: true, cell: (r) => fmtNum(r.requested) },
            { key: "allocated", label: "allocated t", value: (r) => r.allocated, numeric: true, cell: (r) => fmtNum(r.allocated) },
            { key: "taken", label: "released t", value: (r) => r.taken, numeric: true, cell: (r) => fmtNum(r.taken) },
            { key: "left", label: "may still get t", value: (r) => r.left, numeric: true, cell: (r) => fmtNum(r.left) },
            { key: "reason", label: "why", value: (r) => r.reason },
          ],
          { caption: `Crisis allocation of ${a.mineral}`, sort: "allocated", desc: true },
        )
      : el("p", {}, `No open draws of ${a.mineral}: nothing to share.`),
  ];
}

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
  // crisis allocation: the minerals held or drawn on
  const drawn = [...new Set([...pos.minerals.map((m) => m.mineral), ...members.open.map((d) => d.mineral)])].sort();
  const allocPick = el("select", { id: "allocation-mineral" }, ...drawn.map((m) => el("option", { value: m }, m)));
  const allocation = section(
    "reserve-allocation",
    "Crisis allocation",
    el("div", { class: "controls" }, el("label", { for: "allocation-mineral" }, "Mineral "), allocPick),
  );
  const showAllocation = () =>
    allocPick.value
      ? allocation.load(
          "Reading the allocation",
          async () => allocationView(await getJson<Allocation>(`/ledger/allocation?mineral=${encodeURIComponent(allocPick.value)}`, signal, auth)),
          signal,
        )
      : allocation.load("", async () => [el("p", {}, "Nothing held or drawn on yet.")], signal);
  const position = section("reserve-position", "Position and cover");
  const lots = section("reserve-lots", "Lots by location");
  position.node.querySelector(".section-body")!.replaceChildren(...positionTable(pos, cov));
  lots.node.querySelector(".section-body")!.replaceChildren(...lotTables(pos));
  body.append(position.node, lots.node, open.node, allocation.node, statement.node, trail.node);
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
  const showTrail = () => {
    // what is asked and its caption, read together before the answer comes
    const query = about.value;
    const caption = `Audit trail of ${about.selectedOptions[0]?.textContent ?? ""}`;
    return query
      ? trail.load(
          "Reading the trail",
          async () => [auditTable((await getJson<{ events: LedgerEvent[] }>(`/ledger/audit?${query}`, signal, auth)).events, caption)],
          signal,
        )
      : trail.load("", async () => [el("p", {}, "Nothing to trace yet.")], signal);
  };
  /** After the operator acted: read everything again, say what was done, and put the focus back on the draws' heading (the button is gone). */
  async function reloadAll(done: string) {
    await Promise.all([showPosition(), showOpen(await getJson<Members>("/ledger/members", signal, auth)), showStatement(), showTrail(), showAllocation()]);
    open.status.clear();
    open.status.node.className = "status ok";
    open.status.node.textContent = done;
    const h = open.node.querySelector("h2") as HTMLElement;
    h.tabIndex = -1;
    h.focus();
  }
  pick.addEventListener("change", () => void showStatement());
  about.addEventListener("change", () => void showTrail());
  allocPick.addEventListener("change", () => void showAllocation());
  await Promise.all([showOpen(members), showStatement(), showTrail(), showAllocation()]);
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
