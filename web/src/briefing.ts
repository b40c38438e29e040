import { runJob } from "./api.js";
import { download, el, fmtUsd, latestRun, statusBox } from "./ui.js";

/*
 * Briefing (#/briefing): the one-page note for decision makers (what to buy, why, what a cut to a
 * third loses, the main assumptions) as the server makes it (POST /briefing, the same HTML as
 * `lodestone briefing --format html`), shown in a frame. Print prints the note alone, on one page
 * (its own print style); the dashboard's print style shows only the note too, so the browser's own
 * Print does the same. Save writes the HTML; `lodestone briefing --out brief.pdf` makes the PDF.
 */

interface BriefingJson {
  budgetUsd: number;
  cutUsd: number;
  date: string;
  html: string;
}

const DEFAULT_BN = 12;

export async function briefing(view: HTMLElement, signal: AbortSignal) {
  const budget = el("input", { type: "number", id: "briefing-budget", min: 0, max: 1000, step: 0.5, value: DEFAULT_BN, inputmode: "decimal" });
  const make = el("button", { type: "submit", id: "briefing-make" }, "Prepare");
  const print = el("button", { type: "button", id: "briefing-print", disabled: true }, "Print");
  const save = el("button", { type: "button", id: "briefing-save", disabled: true }, "Save HTML");
  const form = el(
    "form",
    { class: "controls no-print" },
    el("label", { for: "briefing-budget" }, "Budget (US$ bn) "),
    budget,
    " ",
    make,
    " ",
    print,
    " ",
    save,
    el("span", { class: "meta" }, " the note compares the plan at this budget with a cut to a third of it"),
  );
  const status = statusBox();
  const frame = el("iframe", { id: "briefing-frame", title: "Briefing", class: "briefing-frame" });
  view.replaceChildren(el("h1", { class: "no-print" }, "Briefing: one page for decision makers"), form, status.node, frame);

  let current: BriefingJson | undefined;
  const runs = latestRun(signal);
  const prepare = async () => {
    const { signal: both } = runs.next();
    const bn = Number(budget.value);
    // the note on show no longer answers the budget asked: print and save only the next one
    print.disabled = save.disabled = true;
    if (!(budget.value !== "" && Number.isFinite(bn) && bn >= 0 && bn <= 1000)) {
      status.error(new Error(`budget: ${budget.value || "(empty)"}, expected US$ bn from 0 to 1000`));
      return;
    }
    status.loading(`Preparing the briefing at ${fmtUsd(bn * 1e9)}`);
    try {
      const r = await runJob<BriefingJson>("/briefing", { budget: bn * 1e9 }, (g) => status.loading(`Briefing: ${g.phase}`), both);
      if (both.aborted) return;
      current = r;
      frame.srcdoc = r.html;
      frame.dataset.budget = String(r.budgetUsd);
      status.clear();
      print.disabled = save.disabled = false;
    } catch (e) {
      if (!both.aborted) status.error(e);
    }
  };
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void prepare();
  });
  print.addEventListener("click", () => frame.contentWindow?.print());
  save.addEventListener("click", () => {
    if (current) download(new Blob([current.html], { type: "text/html" }), `briefing-${current.date}.html`);
  });
  // the frame as tall as the note, so the page scrolls, not the frame
  frame.addEventListener("load", () => {
    const doc = frame.contentDocument;
    if (doc?.body) frame.style.height = `${doc.documentElement.scrollHeight + 16}px`;
  });
  await prepare();
}
