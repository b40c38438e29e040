import "./style.css";
import { briefing } from "./briefing.js";
import { mineral } from "./mineral.js";
import { overview } from "./overview.js";
import { plan } from "./plan.js";
import { reserve } from "./reserve.js";
import { scenario } from "./scenario.js";
import { exportableCharts } from "./ui.js";

/** Hash routes: the server serves one page, and each view fetches what it shows from the API (#/mineral/<id> reads its id from the hash). */
const PAGES: Record<string, (view: HTMLElement, signal: AbortSignal) => Promise<void>> = { "": overview, mineral, plan, scenario, reserve, briefing };

const view = document.getElementById("view")!;
let current: AbortController | undefined;

function route() {
  const name = location.hash.replace(/^#\/?/, "").split("/")[0];
  const page = Object.hasOwn(PAGES, name) ? name : "";
  current?.abort();
  current = new AbortController();
  for (const a of document.querySelectorAll<HTMLAnchorElement>("nav a[data-page]")) {
    if ((a.dataset.page === "overview" ? "" : a.dataset.page) === page) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  view.dataset.page = page || "overview";
  void PAGES[page](view, current.signal);
}

exportableCharts(view);

window.addEventListener("hashchange", () => {
  route();
  view.focus();
});
route();
