/** The Scenario page (#/scenario): pick or upload a scenario, run it once or as a Monte Carlo, and show its charts, tables and notes. */
import { getJson, postJson, runJob } from "./api.js";
import { coverFigures, panelWidth, priceFigures, sectorFigures, shortfallFigures, stockFigures } from "./scenario-charts.js";
import { type DetJson, type McJson, type Row, rowsOf, type ScenarioListing, type Shown } from "./scenario-data.js";
import { detTable, mcTable, monthlyTable, notesList, sectorTable } from "./scenario-tables.js";
import { chartWidth, el, fmtNum, latestRun, statusBox } from "./ui.js";

/** Replace a node's children, skipping the absent ones. */
const fill = (node: Element, ...children: (Node | string | null | undefined)[]) =>
  node.replaceChildren(...children.filter((c): c is Node | string => c != null));

/** Draw the Scenario page into `view`; `signal` aborts its requests when the page is left. */
export async function scenario(view: HTMLElement, signal: AbortSignal) {
  const status = statusBox();
  view.replaceChildren(el("h1", {}, "Scenario: run a disruption"), status.node);
  status.loading("Loading the scenarios");
  let list: ScenarioListing[];
  try {
    list = await getJson<ScenarioListing[]>("/scenarios", signal);
  } catch (e) {
    if (!signal.aborted) status.error(e);
    return;
  }
  status.clear();
  const select = el("select", { id: "scenario-pick" }, ...list.map((s) => el("option", { value: s.id }, `${s.id}: ${s.name}`)));
  const runs = el("input", { type: "number", id: "runs", min: 0, max: 10000, step: 1, value: 0, inputmode: "numeric" });
  const upload = el("input", { type: "file", id: "upload", accept: ".yaml,.yml,.json,text/yaml,application/json" });
  const clear = el("button", { type: "button", id: "clear-upload" }, "Clear file");
  clear.addEventListener("click", () => {
    upload.value = "";
  });
  const button = el("button", { type: "submit", id: "run" }, "Run");
  const form = el(
    "form",
    { class: "controls" },
    el("label", { for: "scenario-pick" }, "Scenario "),
    select,
    " ",
    el("label", { for: "runs" }, "Monte Carlo runs (0: one deterministic run) "),
    runs,
    " ",
    el("label", { for: "upload" }, "or upload a scenario file (used instead of the list) "),
    upload,
    clear,
    " ",
    button,
  );
  const runStatus = statusBox();
  const head = el("div", { id: "scenario-head" });
  const picker = el("div", { class: "controls", id: "mineral-picker" });
  const shortfall = el("section", { class: "charts", id: "shortfall", "aria-label": "Shortfall by month" });
  const price = el("section", { class: "charts", id: "price", "aria-label": "Price by month" });
  const stock = el("section", { class: "charts", id: "stock", "aria-label": "Stock by month" });
  const sectors = el("section", { class: "charts", id: "sectors", "aria-label": "Shortfall by sector" });
  const cover = el("section", { class: "charts", id: "cover-section", "aria-label": "Days of cover" });
  const table = el("section", { id: "scenario-table" });
  const sectorTableBox = el("section", { id: "sector-table" });
  const monthlyTableBox = el("section", { id: "monthly-table" });
  const notes = el("section", { id: "scenario-notes" });
  view.append(form, runStatus.node, head, picker, shortfall, price, stock, sectors, cover, table, sectorTableBox, monthlyTableBox, notes);
  const results = [head, picker, shortfall, price, stock, sectors, cover, table, sectorTableBox, monthlyTableBox, notes];

  const scenarioRuns = latestRun(signal);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const { signal: both, isLatest } = scenarioRuns.next();
    const n = Math.max(0, Math.floor(Number(runs.value) || 0));
    const file = upload.files?.[0];
    // the file's own name goes along, so its problems read bad.yaml:8: … rather than upload.yaml:8: …
    const source = file ? { yaml: await file.text(), file: file.name.slice(0, 200) } : { scenario: select.value };
    runStatus.loading(n > 0 ? `Running ${n} Monte Carlo draws` : "Running");
    button.disabled = true;
    view.setAttribute("aria-busy", "true");
    try {
      if (n > 0) {
        // the Monte Carlo report has no per-sector summary or days of cover: one deterministic run of the same scenario gives them, said so on the page
        const det = postJson("/simulations", source, both).then(
          (r) => r.body as DetJson,
          (e: unknown) => e,
        );
        const mc = await runJob<McJson>(
          "/simulations",
          { ...source, runs: n, seed: 1 },
          (g) => runStatus.loading(`Monte Carlo: ${g.done}/${g.total} ${g.phase}`),
          both,
        );
        const d = await det;
        if (both.aborted) return;
        runStatus.clear();
        show({
          kind: "mc",
          mc,
          det: d instanceof Error || !d || typeof d !== "object" ? undefined : (d as DetJson),
          detError: d instanceof Error ? d : undefined,
        });
      } else {
        const det = await runJob<DetJson>("/simulations", source, () => {}, both);
        if (both.aborted) return;
        runStatus.clear();
        show({ kind: "det", det });
      }
    } catch (e) {
      if (both.aborted) return;
      for (const r of results) r.replaceChildren();
      runStatus.error(e);
    } finally {
      if (isLatest()) {
        button.disabled = false;
        view.removeAttribute("aria-busy");
      }
    }
  });

  const show = (s: Shown) => {
    const fan = s.kind === "mc";
    const r = s.kind === "mc" ? s.mc : s.det;
    const det = s.det;
    const detById = new Map((det?.minerals ?? []).map((m) => [m.id, m]));
    const rows = rowsOf(s);

    fill(
      head,
      el("h2", {}, r.scenario.name),
      r.scenario.description ? el("p", { class: "meta" }, r.scenario.description) : null,
      el(
        "p",
        { class: "meta" },
        fan ? `${r.runs ?? ""} Monte Carlo runs (seed 1): the bands are P10–P90 and the line the median, month by month.` : "One deterministic run.",
      ),
    );
    notes.replaceChildren(notesList(r, det) ?? "");
    for (const x of [picker, shortfall, price, stock, sectors, cover, table, sectorTableBox, monthlyTableBox]) x.replaceChildren();
    if (!rows.length) {
      shortfall.replaceChildren(el("p", {}, "No mineral is affected."));
      return;
    }

    // which minerals' charts: all of them when there are few, else the worst; a select picks another (or all), worst first
    const pick = el(
      "select",
      { id: "mineral-show" },
      el("option", { value: "" }, `All ${rows.length} affected minerals`),
      ...rows.map((m) => el("option", { value: m.id }, `${m.name}: ${fmtNum(m.worst)} t short${fan ? " (P50)" : ""}`)),
    );
    pick.value = rows.length <= 4 ? "" : rows[0].id;
    picker.replaceChildren(
      el("label", { for: "mineral-show" }, "Charts for "),
      pick,
      el("span", { class: "meta" }, " (worst first: the largest total shortfall)"),
    );
    const draw = () => {
      const shown = pick.value ? rows.filter((m) => m.id === pick.value) : rows;
      drawMonthly(shown, fan);
      drawSectors(shown, s);
      monthlyTableBox.replaceChildren(monthlyTable(shown, fan));
    };
    pick.addEventListener("change", draw);
    draw();
    drawCover(det, s.kind === "mc" ? s.detError : undefined, fan);
    table.replaceChildren(s.kind === "mc" ? mcTable(s.mc.minerals ?? [], s.mc.runs, detById) : detTable(s.det.minerals ?? []));
    sectorTableBox.replaceChildren(det ? sectorTable(det, fan) : "");
  };

  const drawMonthly = (shown: Row[], fan: boolean) => {
    const width = panelWidth(shortfall, shown.length);
    for (const x of [shortfall, price, stock]) x.dataset.kind = fan ? "fan" : "path";
    shortfall.replaceChildren(el("h3", {}, "Shortfall by month"), ...shortfallFigures(shown, fan, width));
    fill(price, el("h3", {}, "Price by month"), ...priceFigures(shown, fan, width));
    stock.replaceChildren(el("h3", {}, "Stock by month (end of month)"), ...stockFigures(shown, fan, width));
  };

  const drawSectors = (shown: Row[], s: Shown) => {
    const det = s.det;
    const width = panelWidth(sectors, shown.length);
    const from =
      s.kind === "mc"
        ? el(
            "p",
            { class: "meta", id: "sector-source" },
            "The Monte Carlo report has no per-sector summary: the sector split below is from one deterministic run of the same scenario.",
          )
        : null;
    if (!det) {
      fill(
        sectors,
        el("h3", {}, "Shortfall by sector"),
        from,
        el("p", { class: "status error" }, `The deterministic run for the sector split failed: ${s.kind === "mc" ? (s.detError?.message ?? "") : ""}`),
      );
      return;
    }
    fill(sectors, el("h3", {}, "Shortfall by sector"), from, ...sectorFigures(shown, det, width));
  };

  const drawCover = (det: DetJson | undefined, detError: Error | undefined, fan: boolean) => {
    const from = fan
      ? el("p", { class: "meta" }, "Days of cover from one deterministic run of the same scenario (stock at the start over the imports it replaces).")
      : null;
    if (!det) {
      fill(
        cover,
        el("h3", {}, "Days of cover"),
        from,
        el("p", { class: "status error" }, `The deterministic run for days of cover failed: ${detError?.message ?? ""}`),
      );
      return;
    }
    fill(cover, el("h3", {}, "Days of cover"), from, ...coverFigures(det, chartWidth(cover, 640)));
  };
}
