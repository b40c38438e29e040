import { ApiError, getJson } from "./api.js";
import { el, fmtNum, sortableTable, statusBox } from "./ui.js";

/*
 * Reserve (#/reserve): the ledger as the token's actor sees it. The bearer token is asked for once and
 * kept in sessionStorage (gone with the tab); the page calls /ledger/me, then position and cover
 * (operators, auditors, analysts) or the member's own statement. A server without a ledger (404) or
 * a refused token (401/403) is said in words, not as a raw error.
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
  requested: number;
  released: number;
}
interface Statement {
  member: string;
  name: string;
  entitlements: Entitlement[];
  draws: Draw[];
}

/** What a refusal means, in words. */
function explain(e: unknown): string | undefined {
  if (!(e instanceof ApiError)) return undefined;
  if (e.status === 404) return "This server runs without a reserve ledger (start it with lodestone serve --ledger sqlite:FILE --tokens FILE).";
  if (e.status === 401) return "The token was refused: this server does not know it. Enter another token.";
  if (e.status === 403) return "This token may not read that part of the ledger.";
  return undefined;
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
      const who = el("p", { class: "meta", id: "reserve-actor" }, `Signed in as ${me.id} (${me.role}${me.member ? `, member ${me.member}` : ""}).`);
      if (me.role === "member") {
        const s = await getJson<Statement>(`/ledger/members/${encodeURIComponent(me.member ?? me.id)}/statement`, signal, auth);
        body.append(
          who,
          el("h2", {}, `Statement: ${s.name}`),
          sortableTable(
            s.entitlements,
            [
              { key: "mineral", label: "mineral", value: (r) => r.mineral },
              { key: "year", label: "year", value: (r) => r.year },
              { key: "tonsPerYear", label: "t / year", value: (r) => r.tonsPerYear, cell: (r) => fmtNum(r.tonsPerYear), numeric: true },
              { key: "used", label: "used t", value: (r) => r.used, cell: (r) => fmtNum(r.used), numeric: true },
              { key: "left", label: "left t", value: (r) => r.left, cell: (r) => fmtNum(r.left), numeric: true },
              { key: "priority", label: "priority", value: (r) => r.priority },
            ],
            { caption: "Entitlements" },
          ),
          sortableTable(
            s.draws,
            [
              { key: "draw", label: "draw", value: (r) => r.draw },
              { key: "mineral", label: "mineral", value: (r) => r.mineral },
              { key: "at", label: "date", value: (r) => r.at },
              { key: "status", label: "status", value: (r) => r.status },
              { key: "requested", label: "requested t", value: (r) => r.requested, cell: (r) => fmtNum(r.requested), numeric: true },
              { key: "released", label: "released t", value: (r) => r.released, cell: (r) => fmtNum(r.released), numeric: true },
            ],
            { caption: "Draws" },
          ),
        );
      } else {
        const [pos, cov] = await Promise.all([
          getJson<{ asOf: string; minerals: MineralPosition[] }>("/ledger/position", signal, auth),
          getJson<{ cover: CoverRow[] }>("/ledger/cover", signal, auth),
        ]);
        const byMineral = new Map(cov.cover.map((c) => [c.mineral, c]));
        const rows = pos.minerals.map((m) => ({ ...m, cover: byMineral.get(m.mineral) }));
        body.append(
          who,
          el("h2", {}, "Position and cover"),
          rows.length
            ? sortableTable(
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
                {
                  caption: `Position as of ${pos.asOf}; cover against a ${cov.cover[0]?.target ?? 60}-day target (demand from the dataset)`,
                  sort: "tons",
                  desc: true,
                },
              )
            : el("p", {}, "The reserve holds nothing yet."),
        );
      }
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
