/** The Scenario page's tables (sortable, exportable as CSV and XLSX) and its notes. */
import { assumedNotes, assumedText, assumedWhat, inputsAssumed, markedCell } from "./assumed.js";
import { type DetJson, type DetMineral, fmtMultiple, type McJson, type McMineral, type Point, points, type Row } from "./scenario-data.js";
import { type Column, el, fmtNum, fmtUsd, sortableTable } from "./ui.js";

/** The run's minerals with the inputs an analyst assumed (their `inputs.<d0|r|price>.assumed`), for the notes under a table. */
const withAssumed = (ms: (DetMineral | McMineral)[]) => ms.map((m) => ({ id: m.id, assumed: inputsAssumed(m.inputs) }));
/** The Mineral column, marked (†) where an input is assumed, and the Assumed column (the full note in CSV/XLSX). */
const assumedColumns = <M extends DetMineral | McMineral>(): [Column<M>, Column<M>] => [
  { key: "id", label: "Mineral", value: (m) => m.id, cell: (m) => markedCell(m.id, inputsAssumed(m.inputs)) },
  { key: "assumed", label: "Assumed", value: (m) => assumedText(inputsAssumed(m.inputs)), cell: (m) => assumedWhat(inputsAssumed(m.inputs)) },
];

/** A deterministic run by mineral: total shortfall, peak share, stock at the start, days of cover, peak price and loss; assumed inputs marked and noted. */
export function detTable(ms: DetMineral[]) {
  const [mineral, assumed] = assumedColumns<DetMineral>();
  const table = sortableTable(
    ms,
    [
      mineral,
      { key: "total", label: "Total shortfall (t)", value: (m) => m.metrics.totalShortfall, numeric: true, cell: (m) => fmtNum(m.metrics.totalShortfall) },
      {
        key: "peak",
        label: "Peak share",
        value: (m) => m.metrics.peakShortfallShare,
        numeric: true,
        cell: (m) => (m.metrics.peakShortfallShare == null ? "—" : `${Math.round(m.metrics.peakShortfallShare * 100)} %`),
      },
      { key: "stock", label: "Stock at start (t)", value: (m) => m.inputs.stock1?.value ?? null, numeric: true, cell: (m) => fmtNum(m.inputs.stock1?.value) },
      { key: "cover", label: "Days of cover", value: (m) => m.metrics.daysOfCover, numeric: true, cell: (m) => fmtNum(m.metrics.daysOfCover) },
      {
        key: "price",
        label: "Peak price ×P0",
        value: (m) => m.metrics.peakPriceMultiple ?? null,
        numeric: true,
        cell: (m) => fmtMultiple(m.metrics.peakPriceMultiple ?? undefined),
      },
      { key: "loss", label: "Loss", value: (m) => m.metrics.lossUsd, numeric: true, cell: (m) => fmtUsd(m.metrics.lossUsd) },
      assumed,
    ],
    { caption: "One deterministic run, by mineral", sort: "total", desc: true },
  );
  return el("div", {}, table, assumedNotes(withAssumed(ms), "scenario-assumed"));
}

/** A Monte Carlo run by mineral: P(any shortfall), total shortfall P10/P50/P90, peak price and loss at P50, and days of cover from the deterministic run `det`; assumed inputs marked and noted. */
export function mcTable(ms: McMineral[], runs: number | undefined, det: Map<string, DetMineral>) {
  const cover = (m: McMineral) => det.get(m.id)?.metrics.daysOfCover ?? null;
  const [mineral, assumed] = assumedColumns<McMineral>();
  const table = sortableTable(
    ms,
    [
      mineral,
      { key: "p", label: "P(any shortfall)", value: (m) => m.probAnyShortfall, numeric: true, cell: (m) => `${Math.round(m.probAnyShortfall * 100)} %` },
      { key: "p10", label: "Total shortfall P10 (t)", value: (m) => m.totalShortfall.p10, numeric: true, cell: (m) => fmtNum(m.totalShortfall.p10) },
      { key: "p50", label: "P50 (t)", value: (m) => m.totalShortfall.p50, numeric: true, cell: (m) => fmtNum(m.totalShortfall.p50) },
      { key: "p90", label: "P90 (t)", value: (m) => m.totalShortfall.p90, numeric: true, cell: (m) => fmtNum(m.totalShortfall.p90) },
      {
        key: "price",
        label: "Peak price P50 ×P0",
        value: (m) => m.peakPriceMultiple?.p50 ?? null,
        numeric: true,
        cell: (m) => fmtMultiple(m.peakPriceMultiple?.p50),
      },
      { key: "cover", label: "Days of cover (deterministic)", value: cover, numeric: true, cell: (m) => fmtNum(cover(m)) },
      { key: "loss", label: "Loss P50", value: (m) => m.lossUsd?.p50 ?? null, numeric: true, cell: (m) => fmtUsd(m.lossUsd?.p50) },
      assumed,
    ],
    { caption: `${runs ?? ""} runs, by mineral`, sort: "p50", desc: true },
  );
  return el("div", {}, table, assumedNotes(withAssumed(ms), "scenario-assumed"));
}

/** Every mineral's total shortfall by sector in the deterministic run `det`, and its share of the mineral's (`fan`: the page shows a Monte Carlo run, said in the caption). */
export function sectorTable(det: DetJson, fan: boolean) {
  return sortableTable(
    (det.minerals ?? []).flatMap((m) =>
      m.sectorShortfall.map((x) => ({
        mineral: m.id,
        sector: x.name,
        total: x.total,
        share: m.metrics.totalShortfall > 0 ? x.total / m.metrics.totalShortfall : null,
      })),
    ),
    [
      { key: "mineral", label: "Mineral", value: (x) => x.mineral },
      { key: "sector", label: "Sector", value: (x) => x.sector },
      { key: "total", label: "Total shortfall (t)", value: (x) => x.total, numeric: true, cell: (x) => fmtNum(x.total) },
      {
        key: "share",
        label: "Share of the mineral's",
        value: (x) => x.share,
        numeric: true,
        cell: (x) => (x.share == null ? "—" : `${Math.round(x.share * 100)} %`),
      },
    ],
    { caption: fan ? "Shortfall by sector (one deterministic run of the same scenario)" : "Shortfall by sector", sort: "total", desc: true },
  );
}

/** The monthly shortfall, stock and price of the minerals shown (P10, P50, P90 each for a Monte Carlo), a table folded in a <details>. */
export function monthlyTable(shown: Row[], fan: boolean) {
  type M = { mineral: string; month: number; s: Point; k: Point; p?: Point; unit: string };
  const rows: M[] = shown.flatMap((m) => {
    const s = points(m.id, m.shortfall);
    const k = points(m.id, m.stock);
    const usd = m.price?.monthly;
    const p = m.price ? points(m.id, usd ?? m.price.multiple) : undefined;
    return s.map((x, i) => ({ mineral: m.id, month: x.month, s: x, k: k[i], p: p?.[i], unit: usd ? "USD/t" : "× P0" }));
  });
  const q = (label: string, get: (r: M) => Point | undefined, unit: string): Column<M>[] =>
    fan
      ? (["p10", "p50", "p90"] as const).map((k) => ({
          key: `${label}-${k}`,
          label: `${label} ${k.toUpperCase()}${unit}`,
          value: (r: M) => get(r)?.[k] ?? null,
          numeric: true,
          cell: (r: M) => fmtNum(get(r)?.[k]),
        }))
      : [{ key: label, label: `${label}${unit}`, value: (r: M) => get(r)?.p50 ?? null, numeric: true, cell: (r: M) => fmtNum(get(r)?.p50) }];
  return el(
    "details",
    {},
    el("summary", {}, "Monthly figures of the minerals shown (table, CSV, XLSX)"),
    sortableTable(
      rows,
      [
        { key: "mineral", label: "Mineral", value: (r) => r.mineral },
        { key: "month", label: "Month", value: (r) => r.month, numeric: true },
        ...q("Shortfall", (r) => r.s, " (t)"),
        ...q("Stock", (r) => r.k, " (t)"),
        ...q("Price", (r) => r.p, ""),
        { key: "unit", label: "Price unit", value: (r) => r.unit },
      ],
      { caption: fan ? "Monthly P10, P50, P90" : "Monthly path", sort: "month" },
    ),
  );
}

/** The run's notes, the minerals left out, each mineral's notes from the deterministic run `det` and the scenario's sources, in a <details> (null when there are none). */
export function notesList(r: DetJson | McJson, det: DetJson | undefined) {
  const perMineral = (det?.minerals ?? []).flatMap((m) => (m.notes ?? []).map((n) => `${m.id}: ${n}`));
  const excluded = (r.excluded ?? []).map((x) => `left out: ${x.id}: ${x.reason}`);
  const all = [...(r.notes ?? []), ...excluded, ...perMineral];
  return all.length || r.scenario.cites?.length
    ? el(
        "details",
        { open: all.length <= 6 },
        el("summary", {}, `Notes (${all.length})${r.scenario.cites?.length ? ` and sources (${r.scenario.cites.length})` : ""}`),
        el("ul", { class: "notes" }, ...all.map((n) => el("li", {}, n))),
        r.scenario.cites?.length ? el("ul", { class: "notes cites" }, ...r.scenario.cites.map((c) => el("li", {}, c))) : null,
      )
    : null;
}
