import { ApiError, getJson } from "./api.js";
import { type Actor, auditTable, type LedgerEvent, newKey, refusal, runCommand, type Statement, section, statementTables } from "./ledger.js";
import { el, fmtNum, statusBox } from "./ui.js";

/*
 * The Reserve page as a member sees it: its own statement, a form to request a draw, its own audit
 * trail. It asks only for the member's own records, so nothing of another member reaches its
 * browser (the ledger core refuses those reads anyway).
 */

/**
 * The member's form to request a draw: mineral (its entitlements offered, with their priority class
 * and what is left) and tons. The request has no date field: the ledger dates a member's request by
 * its own clock (the year it counts in), so the page sends the time it was first sent.
 */
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
  const submit = el("button", { type: "submit" }, "Request the draw");
  const form = el(
    "form",
    { id: "draw-form", class: "reserve-form", "aria-describedby": "draw-form-help" },
    el("label", { for: "draw-mineral" }, "Mineral", mineral),
    minerals,
    el("label", { for: "draw-tons" }, "Tons", tons),
    submit,
  );
  // one key per request: made when the request is first sent, kept while it may not have arrived
  // (a lost connection), so sending it again writes it at most once; any answer ends it
  let pending: { key: string; body: string } | undefined;
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const command = { type: "request-draw", mineral: mineral.value.trim(), tons: Number(tons.value) };
    const body = JSON.stringify(command);
    // a retry repeats the command exactly: the same key and the same date-time
    if (pending?.body !== body) pending = { key: newKey(), body };
    submit.disabled = true;
    status.loading("Sending the request to the ledger");
    try {
      const r = await runCommand(token, pending.key, command);
      pending = undefined;
      const ev0 = r.events.find((e) => e.type === "draw.requested");
      const d = ev0?.data as { draw?: string; tons?: number; mineral?: string } | undefined;
      tons.value = "";
      await onDone();
      status.clear();
      status.node.className = "status ok";
      status.node.textContent = `Draw ${d?.draw ?? ""} requested: ${fmtNum(d?.tons)} t of ${d?.mineral ?? command.mineral}${r.replayed ? " (already written by an earlier attempt)" : ""}. It waits for the operator's approval and is listed below.`;
    } catch (e) {
      // a refusal is an answer: the next submission is a new request; a lost connection or a server error may not be
      const answered = e instanceof ApiError && e.status < 500;
      if (answered) pending = undefined;
      status.error(
        answered
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
    el(
      "p",
      { class: "meta", id: "draw-form-help" },
      "Dated now, by the ledger's clock: it counts against this year's entitlement. The operator approves and releases it.",
    ),
    form,
    status.node,
  );
  return { node, offer };
}

/** The member's own view: statement, the request form, its audit trail. */
export async function memberView(body: HTMLElement, me: Actor, token: string, signal: AbortSignal, auth: Record<string, string>) {
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
