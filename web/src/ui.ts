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
  return el("div", { class: "table-wrap" }, table);
}

/** The width a chart may take in its container (phone width to desktop). */
export const chartWidth = (container: HTMLElement, max = 960) => Math.max(280, Math.min(max, container.clientWidth || max));
