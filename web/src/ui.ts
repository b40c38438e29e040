import { ApiError } from "./api.js";

type Attrs = Record<string, string | number | boolean | undefined>;

/** A DOM element with attributes and children (strings become text). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

/** A status line: loading (with progress), or an error listing each issue; aria-live so a screen reader hears it. */
export function statusBox() {
  const box = el("div", { class: "status", role: "status", "aria-live": "polite" });
  return {
    node: box,
    loading(what: string) {
      box.className = "status loading";
      box.replaceChildren(el("span", { class: "spinner", "aria-hidden": "true" }), ` ${what}…`);
    },
    error(e: unknown) {
      box.className = "status error";
      box.setAttribute("role", "alert");
      // the API's message is every issue as the CLI prints it (file:line: field: message, expected …), one a line
      const lines = (e instanceof Error ? e.message : String(e)).split("\n").filter(Boolean);
      box.replaceChildren(
        el("strong", {}, e instanceof ApiError && e.status === 422 ? "Invalid: " : "Error: "),
        lines.length === 1 ? lines[0] : el("ul", { class: "issues" }, ...lines.map((l) => el("li", {}, l))),
      );
    },
    clear() {
      box.className = "status";
      box.removeAttribute("role");
      box.setAttribute("role", "status");
      box.replaceChildren();
    },
  };
}

const usd = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 2, style: "currency", currency: "USD" });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 2 });
export const fmtUsd = (v: number | null | undefined) => (v == null ? "—" : usd.format(v));
export const fmtNum = (v: number | null | undefined) => (v == null || !Number.isFinite(v) ? "—" : compact.format(v));

export interface Column<R> {
  key: string;
  label: string;
  value: (r: R) => number | string | null;
  /** the cell's content; default the value */
  cell?: (r: R) => Node | string;
  numeric?: boolean;
}

/**
 * A table sortable by any column: each header is a button (keyboard reachable), and aria-sort says
 * the order. Missing values sort last either way.
 */
export function sortableTable<R>(rows: R[], columns: Column<R>[], opts: { caption: string; sort?: string; desc?: boolean }) {
  let sortKey = opts.sort ?? columns[0].key;
  let desc = opts.desc ?? false;
  const table = el("table", { class: "data" }, el("caption", {}, opts.caption));
  const thead = el("thead");
  const tbody = el("tbody");
  table.append(thead, tbody);
  const render = () => {
    const col = columns.find((c) => c.key === sortKey)!;
    const sorted = [...rows].sort((a, b) => {
      const x = col.value(a);
      const y = col.value(b);
      if (x == null || x === "") return y == null || y === "" ? 0 : 1;
      if (y == null || y === "") return -1;
      const d = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return desc ? -d : d;
    });
    thead.replaceChildren(
      el(
        "tr",
        {},
        ...columns.map((c) => {
          const button = el("button", { type: "button", "data-key": c.key }, c.label, c.key === sortKey ? (desc ? " ▼" : " ▲") : "");
          button.addEventListener("click", () => {
            desc = c.key === sortKey ? !desc : !!c.numeric;
            sortKey = c.key;
            render();
            (thead.querySelector(`button[data-key="${c.key}"]`) as HTMLButtonElement | null)?.focus();
          });
          return el(
            "th",
            { scope: "col", class: c.numeric ? "num" : undefined, "aria-sort": c.key === sortKey ? (desc ? "descending" : "ascending") : undefined },
            button,
          );
        }),
      ),
    );
    tbody.replaceChildren(
      ...sorted.map((r) =>
        el("tr", {}, ...columns.map((c) => el("td", { class: c.numeric ? "num" : undefined }, c.cell ? c.cell(r) : String(c.value(r) ?? "—")))),
      ),
    );
  };
  render();
  const exportName =
    opts.caption
      .replace(/[^\w]+/g, "-")
      .replace(/^-|-$/g, "")
      .toLowerCase() || "table";
  const csvButton = el("button", { type: "button", class: "export-csv" }, "Export CSV");
  csvButton.addEventListener("click", () => download(new Blob([tableCsv(rows, columns)], { type: "text/csv;charset=utf-8" }), `${exportName}.csv`));
  const xlsxButton = el("button", { type: "button", class: "export-xlsx" }, "Export XLSX");
  xlsxButton.addEventListener("click", () => {
    void tableXlsx(rows, columns, opts.caption).then((blob) => download(blob, `${exportName}.xlsx`));
  });
  return el(
    "div",
    { class: "table-wrap" },
    el("div", { class: "export-tools", role: "group", "aria-label": `Export ${opts.caption}` }, csvButton, xlsxButton),
    table,
  );
}

/** Save a blob as a file: a temporary object URL behind an <a download>, clicked and released. */
export function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
const csvField = (v: number | string | null) => {
  const s = v == null ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** The table's rows as CSV: a header of the column labels, then each row's values (the raw values, not the formatted cells), CRLF line ends. */
export function tableCsv<R>(rows: R[], columns: Column<R>[]): string {
  const lines = [columns.map((c) => csvField(c.label)), ...rows.map((r) => columns.map((c) => csvField(c.value(r))))];
  return `${lines.map((l) => l.join(",")).join("\r\n")}\r\n`;
}

/** The table as a one-sheet workbook (exceljs's browser build, loaded only when asked for): a bold, frozen header row, numbers as numbers. */
export async function tableXlsx<R>(rows: R[], columns: Column<R>[], caption: string): Promise<Blob> {
  // Vite takes the package's browser build (dist/exceljs.min.js, a UMD bundle): its exports may sit under default
  const mod = await import("exceljs");
  const Workbook = (mod as unknown as { default?: typeof mod }).default?.Workbook ?? mod.Workbook;
  const wb = new Workbook();
  // a sheet name has at most 31 characters and none of []:*?/\\
  const ws = wb.addWorksheet(caption.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet1", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.addRow(columns.map((c) => c.label)).font = { bold: true };
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r) ?? null));
  const buf = await wb.xlsx.writeBuffer();
  return new Blob([buf], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
}

/** The width a chart may take in its container (phone width to desktop). */
export const chartWidth = (container: HTMLElement, max = 960) => Math.max(280, Math.min(max, container.clientWidth || max));

/** The chart's SVG as a standalone file: a clone with the SVG (and xlink) namespace declared and its size fixed. */
export function svgText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
  const { width, height } = svgSize(svg);
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  return new XMLSerializer().serializeToString(clone);
}

function svgSize(svg: SVGSVGElement) {
  const box = svg.getBoundingClientRect();
  return { width: Number(svg.getAttribute("width")) || box.width || 640, height: Number(svg.getAttribute("height")) || box.height || 400 };
}

/** The chart drawn at `scale`× into a canvas on a white ground, as a PNG. */
export async function svgPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = el("canvas", { width: Math.round(width * scale), height: Math.round(height * scale) });
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("the chart could not be drawn as PNG"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The chart's main SVG in a figure: the largest one (Plot's legends are smaller SVGs of their own). */
function mainSvg(figure: HTMLElement): SVGSVGElement | undefined {
  let best: SVGSVGElement | undefined;
  let bestArea = -1;
  for (const svg of figure.querySelectorAll<SVGSVGElement>("svg")) {
    if (svg.parentElement?.closest("svg")) continue;
    const { width, height } = svgSize(svg);
    if (width * height > bestArea) [best, bestArea] = [svg, width * height];
  }
  return best;
}

/** An "SVG" and a "PNG" button for the chart in `figure`, saved as <figure id>.svg / .png. */
function chartTools(figure: HTMLElement) {
  const name = figure.id || "chart";
  const svgButton = el("button", { type: "button", class: "export-svg" }, "SVG");
  svgButton.addEventListener("click", () => {
    const svg = mainSvg(figure);
    if (svg) download(new Blob([svgText(svg)], { type: "image/svg+xml" }), `${name}.svg`);
  });
  const pngButton = el("button", { type: "button", class: "export-png" }, "PNG");
  pngButton.addEventListener("click", () => {
    const svg = mainSvg(figure);
    if (svg) void svgPng(svg).then((b) => download(b, `${name}.png`));
  });
  return el("div", { class: "export-tools chart-tools", role: "group", "aria-label": `Export the chart ${name}` }, svgButton, pngButton);
}

/**
 * Give every chart (a figure.chart holding an SVG) under `root` its export buttons, now and whenever a
 * page draws or redraws one (the pages replace a figure's children, so the buttons are added back).
 */
export function exportableCharts(root: HTMLElement) {
  const equip = () => {
    for (const figure of root.querySelectorAll<HTMLElement>("figure.chart")) {
      if (figure.querySelector(":scope > .chart-tools") || !figure.querySelector("svg")) continue;
      figure.append(chartTools(figure));
    }
  };
  new MutationObserver(equip).observe(root, { childList: true, subtree: true });
  equip();
}

/**
 * Runs where the newest wins (a plan, a frontier, a scenario run): each `next()` aborts the run before
 * it and returns the new run's signal, which also ends with the page's; `isLatest()` says whether that
 * run is still the newest (so an older run's `finally` leaves the page's state alone).
 */
export function latestRun(page: AbortSignal) {
  let current: AbortController | undefined;
  return {
    next(): { signal: AbortSignal; isLatest: () => boolean } {
      current?.abort();
      const own = new AbortController();
      current = own;
      return { signal: AbortSignal.any([page, own.signal]), isLatest: () => current === own };
    },
  };
}
