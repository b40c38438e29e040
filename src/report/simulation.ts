import { type CurveParams, type ShortfallCost, shortfallCost } from "../economics/path.js";
import { type MarketKey, type MarketMark, type MarketSet, marketMarkOf, marketParamsOf } from "../economics/types.js";
import type { CompiledScenario, ExcludedMineral } from "../scenario/compile.js";
import type { Exposure } from "../scenario/inputs.js";
import type { MonteCarloResult } from "../simulate/montecarlo.js";
import type { Summary } from "../simulate/quantile.js";
import type { MineralRun, SimulationResult } from "../simulate/simulate.js";
import { assumedNotes, assumedTexts, markAssumed, noteAssumed } from "./assumed.js";
import { type Column, type Format, type Report, type Row, render, textLines } from "./format.js";

/*
 * Results → the JSON audit record and the rows of the table/CSV views. The audit record holds
 * every input with its source and every monthly series, so each number can be recomputed.
 * JSON keys are camelCase and money is in USD with keys ending in `Usd` (a sourced input keeps
 * its `unit` field, e.g. price `unit: "USD/t"`); tables and CSV show money in US$ M.
 */

const MUSD = (v: number | null | undefined) => (v === null || v === undefined ? null : v / 1e6);

const arr = (a: Float64Array) => Array.from(a);

export const SEMANTICS = [
  "d0 = US apparent consumption on the baseline (inputs.d0.baseline: latest, a year, or mean:N of the last N reported years) / 12 (t/month); r = latest US net import reliance / 100 (E → 0; a bound uses its bound)",
  "disrupted_t = φ_t = min(1, Σ_c e_c · v_c,t), v_c,t the largest severity of the restrictions active on (c, mineral, t)",
  "domestic = d0·(1−r); imports_t = d0·r·(1−φ_t); supply_t = domestic + imports_t + new_supply_t",
  "demand_t = d0 · Σ_k σ_k · F_k,t (F = product of active surge factors of sector k)",
  "gap_t = max(0, demand_t − supply_t); release_t = min(stock_t, gap_t); shortfall_t = gap_t − release_t; stock_t+1 = stock_t − release_t (stock = end of month)",
  "days_of_cover = stock1 / (d0·r) · 30.4375",
];

/** How the price path and the loss are read (with a market set), beside SEMANTICS. */
export const PRICE_SEMANTICS = [
  "shortfall value (shortfallValueUsd) = total shortfall × P0, the pre-crisis price: what the missing tons cost before the crisis",
  "x_t = shortfall_t / demand_t (after stock release); price_t = P0 · min(c, (1 − x_t)^(1/ε)); ε < 0 the short-run price elasticity of demand, c the cap (choke price) as a multiple of P0",
  "loss_t = P0 · essentiality · demand_t · l(x_t), l(x) = ∫_{1−x}^{1} min(c, u^(1/ε)) du (the exact curve, src/economics/loss.ts); lossUsd = Σ_t loss_t",
];

/**
 * The footer note on what the loss is, with each mineral's ε, cap and essentiality and where each
 * comes from (file:line), minerals with the same values in one group.
 */
export function lossNote(ids: readonly string[], market: MarketSet): string {
  const groups = new Map<string, string[]>();
  for (const id of [...ids].sort()) {
    const p = marketParamsOf(market, id);
    const at = (k: MarketKey) => markAt(marketMarkOf(market, id, k));
    const ess = p.essentiality !== 1 ? `, essentiality ${p.essentiality} [${at("essentiality")}]` : "";
    const key = `ε ${p.elasticity} [${at("elasticity")}], cap ×${p.chokeMultiple} [${at("chokeMultiple")}]${ess}`;
    groups.set(key, [...(groups.get(key) ?? []), id]);
  }
  const per = [...groups].map(([key, members]) => `${members.join(", ")}: ${key}`);
  return (
    "loss: the area under the short-run demand curve over the missing tons (consumer surplus lost), each month's shortfall a share x of its demand: " +
    `price P0·min(cap, (1 − x)^(1/ε)), so the loss is at least the tons at P0 and grows faster; market parameters from ${market.file}${per.length ? `: ${per.join("; ")}` : ""}`
  );
}

/** Why a price path or loss in USD is null: the multiples of P0 stand, the dollars need P0. */
const NO_P0 = "no pre-crisis price P0 (see inputs.price): the price as a multiple of P0 stands, US dollars need P0";

const CURVE_KEYS: readonly MarketKey[] = ["elasticity", "chokeMultiple", "essentiality"];

const markAt = (m: MarketMark | undefined) => (m ? `${m.at.file}:${m.at.row}` : "?");

/** The market parameters a mineral's price and loss were read with, each with where it comes from. */
function marketJson(market: MarketSet, id: string) {
  const p = marketParamsOf(market, id);
  return Object.fromEntries(
    CURVE_KEYS.map((k) => {
      const m = marketMarkOf(market, id, k);
      return [
        k,
        {
          value: p[k],
          ...(m?.range ? { range: m.range } : {}),
          ...(m?.source ? { source: m.source } : {}),
          ...(m?.judgement ? { judgement: m.judgement } : {}),
          at: markAt(m),
        },
      ];
    }),
  );
}

/** A deterministic run's price path and loss for one mineral (USD figures null without a price). */
interface RunCost {
  params: CurveParams;
  cost: ShortfallCost;
  price: Float64Array | null;
  lossMonthlyUsd: Float64Array | null;
  lossUsd: number | null;
}

function runCost(m: MineralRun, market: MarketSet | undefined): RunCost | undefined {
  if (!market) return undefined;
  const params = marketParamsOf(market, m.id);
  const cost = shortfallCost(m.demand, m.shortfall, params);
  const p0 = m.price;
  return {
    params,
    cost,
    price: p0 === null ? null : cost.multiple.map((x) => x * p0),
    lossMonthlyUsd: p0 === null ? null : cost.loss.map((x) => x * p0),
    lossUsd: p0 === null ? null : cost.totalLoss * p0,
  };
}

function exposureJson(e: Exposure) {
  return {
    basis: e.basis,
    stage: e.stage,
    form: e.form,
    year: e.year,
    period: e.period,
    shares: e.shares,
    // countries in the series without a figure: share unknown (not 0)
    unknown: e.unknown,
    ...(e.fallback ? { fallback: e.fallback } : {}),
    source: { countries: e.sources, total: e.total },
    note: e.note,
  };
}

/**
 * The run's metrics with the money named (shortfallValue → shortfallValueUsd). A metric that does
 * not apply is null, and `missing` says why, so a null never stands without its reason.
 */
function metricsJson(m: MineralRun, rc?: RunCost) {
  const { shortfallValue, rangeIfR, ...rest } = m.metrics;
  const missing: string[] = [];
  if (rest.firstShortMonth === null) missing.push("firstShortMonth: never short in this run");
  if (rest.stockOutMonth === null) missing.push(m.stock1 > 0 ? "stockOutMonth: the stock never runs out in this run" : "stockOutMonth: no stock to run out");
  if (rest.daysOfCover === null) missing.push("daysOfCover: no imports to cover (d0 · r = 0)");
  if (shortfallValue === null) missing.push(`shortfallValueUsd: no price${m.inputs.price.value === null ? `: ${m.inputs.price.reason}` : ""}`);
  const range = rangeIfR ? { rangeIfR: { r: rangeIfR.r, totalShortfall: rangeIfR.totalShortfall, shortfallValueUsd: rangeIfR.shortfallValue } } : {};
  return {
    ...rest,
    shortfallValueUsd: shortfallValue,
    ...(rc ? { lossUsd: rc.lossUsd, ...(rc.lossUsd === null ? { lossUsdReason: NO_P0 } : {}), peakPriceMultiple: rc.cost.peakMultiple } : {}),
    ...range,
    ...(m.lowerBound ? { lowerBound: m.lowerBound } : {}),
    ...(missing.length ? { missing } : {}),
  };
}

function mineralJson(m: MineralRun, market?: MarketSet) {
  const { d0, r, price } = m.inputs;
  const rc = runCost(m, market);
  return {
    id: m.id,
    name: m.name,
    inputs: {
      d0: {
        value: m.d0,
        unit: "t/month",
        annual: d0.annual,
        year: d0.year,
        detail: d0.detail,
        raw: d0.raw,
        publishedUnit: d0.unit,
        source: d0.source,
        note: d0.note,
        baseline: d0.baseline,
        ...(d0.assumed ? { assumed: d0.assumed } : {}),
      },
      r: { value: m.r, year: r.year, detail: r.detail, raw: r.raw, source: r.source, note: r.note, ...(r.assumed ? { assumed: r.assumed } : {}) },
      exposure: m.exposures[0] ? exposureJson(m.exposures[0]) : { shares: {}, note: "no restriction applies to this mineral" },
      ...(m.exposures.length > 1 ? { exposuresByStage: m.exposures.map(exposureJson) } : {}),
      price:
        price.value === null
          ? { value: null, reason: price.reason }
          : {
              value: price.value,
              unit: "USD/t",
              year: price.year,
              detail: price.detail,
              raw: price.raw,
              publishedUnit: price.unit,
              source: price.source,
              ...(price.basis ? { publishedUsdPerTon: price.published, basis: price.basis } : {}),
              ...(price.assumed ? { assumed: price.assumed } : {}),
              ...(price.note ? { note: price.note } : {}),
            },
      stock1: { value: m.stock1, unit: "t", source: m.stockSource },
      sectors: { value: m.sectors.map((s) => ({ name: s.name, share: s.share, priority: s.priority })), source: m.sectorsSource },
    },
    metrics: metricsJson(m, rc),
    ...(rc && market
      ? {
          market: marketJson(market, m.id),
          price: { unit: "USD/t", monthly: rc.price && arr(rc.price), multiple: arr(rc.cost.multiple), ...(rc.price ? {} : { reason: NO_P0 }) },
          loss: { unit: "USD", monthly: rc.lossMonthlyUsd && arr(rc.lossMonthlyUsd), ...(rc.lossMonthlyUsd ? {} : { reason: NO_P0 }) },
        }
      : {}),
    domestic: m.domestic,
    demand: arr(m.demand),
    supply: arr(m.supply),
    imports: arr(m.imports),
    newSupply: arr(m.newSupply),
    disrupted: arr(m.disrupted),
    release: arr(m.release),
    shortfall: arr(m.shortfall),
    stock: arr(m.stock),
    sectorShortfall: m.sectors.map((s) => ({ name: s.name, total: s.totalShortfall, monthly: arr(s.shortfall) })),
    notes: m.notes,
  };
}

/** Excluded minerals for the JSON: those whose shortfall is unknown carry d0, r and `shortfall: null`. */
function excludedJson(x: ExcludedMineral) {
  return x.unknownShortfall
    ? { id: x.id, name: x.name, reason: x.reason, d0: x.unknownShortfall.d0, r: x.unknownShortfall.r, shortfall: null }
    : { id: x.id, name: x.name, reason: x.reason };
}

/** The JSON audit record of one run; with a market set, each mineral's price path, loss and the parameters used. */
export function simulationAudit(r: SimulationResult, market?: MarketSet) {
  return {
    scenario: r.scenario,
    run: r.run,
    semantics: market ? [...SEMANTICS, ...PRICE_SEMANTICS] : SEMANTICS,
    params: r.params,
    ...(market ? { market: { file: market.file } } : {}),
    minerals: r.minerals.map((m) => mineralJson(m, market)),
    excluded: r.excluded.map(excludedJson),
    notes: market
      ? [
          ...r.notes,
          lossNote(
            r.minerals.map((m) => m.id),
            market,
          ),
        ]
      : r.notes,
  };
}

/** The note column: why a row's shortfall is unknown or only a lower bound. */
const UNKNOWN_NOTE = "shortfall unknown: no exposure shares (see notes)";
const BOUND_NOTE = "lower bound: a restricted producer's figure is unpublished (see notes)";

/** Table rows for minerals whose shortfall is unknown: inputs shown, every shortfall figure null. */
function unknownRows(excluded: readonly ExcludedMineral[], keys: readonly string[]): Row[] {
  return excluded.flatMap((x) =>
    x.unknownShortfall
      ? [{ ...Object.fromEntries(keys.map((k) => [k, null])), mineral: x.id, d0: x.unknownShortfall.d0, r: x.unknownShortfall.r, note: UNKNOWN_NOTE }]
      : [],
  );
}

const byMineral = (a: Row, b: Row) => String(a.mineral).localeCompare(String(b.mineral));

export const SIMULATION_COLUMNS: Column[] = [
  { key: "mineral" },
  { key: "d0", label: "d0 t/mo" },
  { key: "r", digits: 2 },
  { key: "stock1", label: "stock1 t" },
  { key: "cover", label: "cover days", digits: 0 },
  { key: "shortfall", label: "shortfall t" },
  { key: "valueMusd", label: "pre-crisis value US$ M", digits: 1 },
  { key: "lossMusd", label: "loss US$ M", digits: 1 },
  { key: "peak", label: "peak %", digits: 1 },
  { key: "peakPrice", label: "peak price ×P0", digits: 2 },
  { key: "first", label: "first short" },
  { key: "stockout", label: "stock out" },
  { key: "worstSector", label: "most short sector" },
  { key: "shortfallLow", label: "shortfall low t" },
  { key: "shortfallHigh", label: "shortfall high t" },
  { key: "note", note: true },
];

/** The text table's columns: the results (inputs d0 and r are in the CSV and JSON), so it keeps to WIDTH. */
export const SIMULATION_TABLE_COLUMNS: Column[] = [
  "mineral",
  "stock1",
  "cover",
  "shortfall",
  "valueMusd",
  "lossMusd",
  "peak",
  "peakPrice",
  "first",
  "stockout",
  "worstSector",
  "note",
].map((key) => {
  const c = SIMULATION_COLUMNS.find((x) => x.key === key)!;
  const short: Record<string, [string, number?]> = {
    stock1: ["stock t"],
    cover: ["cover"],
    shortfall: ["short t"],
    valueMusd: ["P0 US$ M"],
    peakPrice: ["×P0", 1],
    first: ["first"],
    stockout: ["out"],
    worstSector: ["sector"],
  };
  const [label, digits] = short[key] ?? [c.label];
  return { ...c, label, ...(digits !== undefined ? { digits } : {}) };
});
const SIMULATION_TABLE_LEGEND =
  "stock t: at the start; cover: days of import cover; short t: total shortfall; P0 US$ M: the tons short at the pre-crisis price P0; loss US$ M: their loss on the demand curve (note below); ×P0: the peak monthly price as a multiple of P0; first: first month short; out: month the stock runs out; sector: the sector most short; d0 and r: --format csv or json";

/**
 * `rangeNotes`: the table's note on a mineral whose r is a bound (CSV has the shortfall low/high
 * columns instead, JSON metrics.rangeIfR). `market`: the loss and peak price columns (else null).
 */
export function simulationRows(r: SimulationResult, o: { rangeNotes?: boolean; market?: MarketSet } = {}): Row[] {
  const rows = r.minerals.map((m): Row => {
    const worst = [...m.sectors].sort((a, b) => b.totalShortfall - a.totalShortfall)[0];
    const rc = runCost(m, o.market);
    return {
      mineral: m.id,
      d0: m.d0,
      r: m.r,
      stock1: m.stock1,
      cover: m.metrics.daysOfCover,
      shortfall: m.metrics.totalShortfall,
      valueMusd: MUSD(m.metrics.shortfallValue),
      lossMusd: MUSD(rc?.lossUsd),
      peak: m.metrics.peakShortfallShare * 100,
      peakPrice: rc ? rc.cost.peakMultiple : null,
      first: m.metrics.firstShortMonth,
      stockout: m.metrics.stockOutMonth,
      worstSector: worst && worst.totalShortfall > 0 ? worst.name : null,
      shortfallLow: m.metrics.rangeIfR?.totalShortfall[0] ?? null,
      shortfallHigh: m.metrics.rangeIfR?.totalShortfall[1] ?? null,
      note: [m.lowerBound ? BOUND_NOTE : undefined, o.rangeNotes ? rangeNote(m) : undefined].filter(Boolean).join("; ") || null,
    };
  });
  return [
    ...rows,
    ...unknownRows(
      r.excluded,
      SIMULATION_COLUMNS.map((c) => c.key),
    ),
  ].sort(byMineral);
}

/** Monthly rows in tons; the CSV header keeps the names of the JSON record's series (new_supply as before). */
export const MONTHLY_COLUMNS: Column[] = [
  { key: "mineral" },
  { key: "month" },
  { key: "demand" },
  { key: "supply" },
  { key: "imports" },
  { key: "newSupply", label: "new_supply" },
  { key: "release" },
  { key: "shortfall" },
  { key: "stock" },
  { key: "price" },
  { key: "loss" },
];

/** The monthly text table: the price as a multiple of P0 in place of price and loss in USD (CSV, JSON), so it keeps to WIDTH. */
export const MONTHLY_TABLE_COLUMNS: Column[] = [
  ...MONTHLY_COLUMNS.filter((c) => c.key !== "price" && c.key !== "loss"),
  { key: "multiple", label: "×P0", digits: 1 },
];
const MONTHLY_LEGEND = "×P0: the month's price as a multiple of the pre-crisis price P0; the price in USD/t and the loss in USD: --format csv or json";

/** Monthly rows; with a market set, the price (USD/t) and the loss (USD) of each month. */
export function simulationMonthlyRows(r: SimulationResult, market?: MarketSet): Row[] {
  return r.minerals.flatMap((m) => {
    const rc = runCost(m, market);
    return Array.from(m.demand, (_, t) => ({
      mineral: m.id,
      month: t + 1,
      demand: m.demand[t],
      supply: m.supply[t],
      imports: m.imports[t],
      newSupply: m.newSupply[t],
      release: m.release[t],
      shortfall: m.shortfall[t],
      stock: m.stock[t],
      price: rc?.price ? rc.price[t] : null,
      loss: rc?.lossMonthlyUsd ? rc.lossMonthlyUsd[t] : null,
      multiple: rc ? rc.cost.multiple[t] : null,
    }));
  });
}

const bandsJson = (b: { p10: Float64Array; p50: Float64Array; p90: Float64Array }) => ({ p10: arr(b.p10), p50: arr(b.p50), p90: arr(b.p90) });

/** The JSON record of a Monte Carlo. */
export function monteCarloAudit(r: MonteCarloResult) {
  return {
    scenario: r.scenario,
    runs: r.runs,
    seed: r.seed,
    method: "every distribution and probability drawn per run from (seed, run); quantiles by linear interpolation between order statistics (type 7)",
    minerals: r.minerals.map((m) => ({
      id: m.id,
      name: m.name,
      inputs: { d0: m.inputs.d0, r: m.inputs.r, price: m.inputs.price, stock1: m.stock1 ?? { value: 0, source: "none given" } },
      priceUsdPerTon: m.price,
      lowerBound: m.lowerBound ?? null,
      probAnyShortfall: m.probAnyShortfall,
      totalShortfall: m.totalShortfall,
      shortfallValueUsd: m.shortfallValue,
      shortfall: bandsJson(m.shortfall),
      stock: bandsJson(m.stock),
      ...(m.cost && r.market
        ? {
            market: marketJson(r.market, m.id),
            price: {
              unit: "USD/t",
              monthly: m.cost.price && bandsJson(m.cost.price),
              multiple: bandsJson(m.cost.multiple),
              ...(m.cost.price ? {} : { reason: NO_P0 }),
            },
            peakPriceMultiple: m.cost.peakMultiple,
            lossUsd: m.cost.lossUsd,
            ...(m.cost.lossUsd === null ? { lossUsdReason: NO_P0 } : {}),
          }
        : {}),
    })),
    total: {
      probAnyShortfall: r.total.probAnyShortfall,
      shortfallValueUsd: r.total.value,
      ...(r.total.lossUsd ? { lossUsd: r.total.lossUsd } : {}),
      mineralsWithoutPrice: r.total.unpriced,
    },
    ...(r.market ? { market: { file: r.market.file }, semantics: PRICE_SEMANTICS } : {}),
    excluded: r.excluded.map(excludedJson),
    notes: r.market
      ? [
          ...r.notes,
          lossNote(
            r.minerals.map((m) => m.id),
            r.market,
          ),
        ]
      : r.notes,
  };
}

export const MONTE_CARLO_COLUMNS: Column[] = [
  { key: "mineral" },
  { key: "pShort", label: "P short %", digits: 1 },
  { key: "p10", label: "short P10 t" },
  { key: "p50", label: "short P50 t" },
  { key: "p90", label: "short P90 t" },
  { key: "v50Musd", label: "pre-crisis value P50 US$ M", digits: 1 },
  { key: "v90Musd", label: "pre-crisis value P90 US$ M", digits: 1 },
  { key: "l10Musd", label: "loss P10 US$ M", digits: 1 },
  { key: "l50Musd", label: "loss P50 US$ M", digits: 1 },
  { key: "l90Musd", label: "loss P90 US$ M", digits: 1 },
  { key: "lMeanMusd", label: "loss mean US$ M", digits: 1 },
  { key: "peakPrice", label: "peak price P50 ×P0", digits: 2 },
  { key: "stockEnd", label: "stock P50 t" },
  { key: "note", note: true },
];

/** The text table's columns: medians only for money, price and stock (CSV and JSON have the bands), so it keeps to WIDTH. */
export const MONTE_CARLO_TABLE_COLUMNS: Column[] = (
  [
    ["mineral"],
    ["pShort"],
    ["p10", "P10 t"],
    ["p50", "P50 t"],
    ["p90", "P90 t"],
    ["v50Musd", "P0 US$ M"],
    ["l50Musd", "loss US$ M"],
    ["peakPrice", "×P0", 1],
    ["stockEnd", "stock t"],
    ["note"],
  ] as [string, string?, number?][]
).map(([key, label, digits]) => {
  const c = MONTE_CARLO_COLUMNS.find((x) => x.key === key)!;
  return { ...c, ...(label ? { label } : {}), ...(digits !== undefined ? { digits } : {}) };
});
const MONTE_CARLO_TABLE_LEGEND =
  "P short %: share of runs with a shortfall; P10/P50/P90 t: total shortfall over the horizon; P0 US$ M: the P50 total shortfall at the pre-crisis price P0; loss US$ M: P50 of its loss on the demand curve (note below; P10, P90 and mean: --format csv or json); ×P0: P50 of the peak monthly price as a multiple of P0; stock t: P50 at the end";

export function monteCarloRows(r: MonteCarloResult): Row[] {
  const H = r.scenario.horizon;
  const rows = r.minerals.map(
    (m): Row => ({
      mineral: m.id,
      pShort: m.probAnyShortfall * 100,
      p10: m.totalShortfall.p10,
      p50: m.totalShortfall.p50,
      p90: m.totalShortfall.p90,
      v50Musd: MUSD(m.shortfallValue?.p50),
      v90Musd: MUSD(m.shortfallValue?.p90),
      l10Musd: MUSD(m.cost?.lossUsd?.p10),
      l50Musd: MUSD(m.cost?.lossUsd?.p50),
      l90Musd: MUSD(m.cost?.lossUsd?.p90),
      lMeanMusd: MUSD(m.cost?.lossUsd?.mean),
      peakPrice: m.cost ? m.cost.peakMultiple.p50 : null,
      stockEnd: m.stock.p50[H - 1],
      note: m.lowerBound ? BOUND_NOTE : null,
    }),
  );
  return [
    ...rows,
    ...unknownRows(
      r.excluded,
      MONTE_CARLO_COLUMNS.map((c) => c.key),
    ).map(({ d0: _d0, r: _r, ...row }) => row),
  ].sort(byMineral);
}

export const MONTE_CARLO_MONTHLY_COLUMNS: Column[] = (
  ["mineral", "month", "shortfall_p10", "shortfall_p50", "shortfall_p90", "stock_p10", "stock_p50", "stock_p90", "price_p10", "price_p50", "price_p90"] as const
).map((label) => ({ key: label.replace(/_p/, "P"), label }));

/** The monthly text table: the P50 price as a multiple of P0 in place of the price bands in USD/t (CSV, JSON), so it keeps to WIDTH. */
export const MONTE_CARLO_MONTHLY_TABLE_COLUMNS: Column[] = [
  ...MONTE_CARLO_MONTHLY_COLUMNS.filter((c) => !c.key.startsWith("price")),
  { key: "multipleP50", label: "×P0", digits: 1 },
];
const MONTE_CARLO_MONTHLY_LEGEND = "×P0: the P50 monthly price as a multiple of the pre-crisis price P0; the price bands in USD/t: --format csv or json";

export function monteCarloMonthlyRows(r: MonteCarloResult): Row[] {
  return r.minerals.flatMap((m) =>
    Array.from(m.shortfall.p50, (_, t) => ({
      mineral: m.id,
      month: t + 1,
      shortfallP10: m.shortfall.p10[t],
      shortfallP50: m.shortfall.p50[t],
      shortfallP90: m.shortfall.p90[t],
      stockP10: m.stock.p10[t],
      stockP50: m.stock.p50[t],
      stockP90: m.stock.p90[t],
      priceP10: m.cost?.price ? m.cost.price.p10[t] : null,
      priceP50: m.cost?.price ? m.cost.price.p50[t] : null,
      priceP90: m.cost?.price ? m.cost.price.p90[t] : null,
      multipleP50: m.cost ? m.cost.multiple.p50[t] : null,
    })),
  );
}

// ---- the reports the CLI prints: head line, table or CSV or JSON, then who is left out and the notes ----

/** Nothing in scope (e.g. `events: []`): say so instead of an empty table. */
export const nothingAffected = (c: CompiledScenario): boolean => !c.minerals.length && !c.excluded.length;
export const NOTHING_AFFECTED = "no minerals affected: the scenario has no events and names no mineral under stock or sectors";

const tons = (v: number) => Math.round(v).toLocaleString("en-US");

/** "r published as >50: total shortfall 6,552 t at r = 0.5, 13,105 t at r = 1" when the mineral's r is a bound, else undefined. */
export function rangeNote(m: MineralRun): string | undefined {
  const x = m.metrics.rangeIfR;
  return x
    ? `r published as ${m.inputs.r.raw}: total shortfall ${tons(x.totalShortfall[0])} t at r = ${x.r[0]}, ${tons(x.totalShortfall[1])} t at r = ${x.r[1]}`
    : undefined;
}

/** Text after a simulation table: who is left out and why, and the notes (with a market set, what the loss is). */
export function simulationFooter(c: CompiledScenario, market?: MarketSet): string {
  const lines = [
    ...assumedNotes(c.minerals).lines,
    ...c.excluded.map((x) => `left out: ${x.id}: ${x.reason}`),
    ...baselineFallbacks(c),
    ...c.notes.map((n) => `note: ${n}`),
    ...c.minerals.flatMap((m) => m.notes.map((n) => `note: ${m.id}: ${n}`)),
    ...(market && c.minerals.length
      ? [
          `note: ${lossNote(
            c.minerals.map((m) => m.id),
            market,
          )}`,
        ]
      : []),
  ];
  return lines.length ? `\n${textLines(lines)}` : "";
}

/**
 * A baseline year a mineral has no usable figure for (withheld, or not yet published) falls back to its latest usable
 * year before it (data/baseline.ts): the table says so, mineral by mineral, beside the head line's "d0 baseline: 2025".
 */
export function baselineFallbacks(c: Pick<CompiledScenario, "minerals">): string[] {
  return c.minerals.flatMap((m) => {
    const b = m.inputs.d0.baseline;
    const fell = /^\d{4}$/.test(b.rule) && b.years[0] && b.years[0].year !== Number(b.rule);
    return fell ? [`note: ${m.id}: d0 baseline ${b.rule} not usable, ${b.label} used instead (${m.inputs.d0.note ?? "no figure for that year"})`] : [];
  });
}

const usdM = (v: number) => `${(v / 1e6).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}`;

export interface SimulationReportOptions {
  format: Format;
  /** rows per mineral and month instead of per mineral */
  monthly?: boolean;
  /**
   * deterministic run: the market parameters its price path and loss are read from (absent: none
   * shown); a Monte Carlo carries its own (MonteCarloResult.market)
   */
  market?: MarketSet;
}

/** `lodestone simulate` without --runs: the head line, the table (or CSV, or the JSON audit record) and the footer. */
export function simulationReport(c: CompiledScenario, r: SimulationResult, o: SimulationReportOptions): Report {
  const table = o.format === "table";
  const warning = nothingAffected(c) && o.format === "csv" ? NOTHING_AFFECTED : undefined;
  const head = table
    ? `${textLines([`${r.scenario.name} (${r.scenario.file}), deterministic run, ${r.scenario.horizon} months, exposure: ${r.scenario.exposure}, ${baselineHead(c)}`])}\n`
    : "";
  if (nothingAffected(c) && table) return { text: `${head + NOTHING_AFFECTED}\n`, code: 0 };
  const market = o.market;
  const body = o.monthly
    ? render(o.format, simulationMonthlyRows(r, market), table ? MONTHLY_TABLE_COLUMNS : MONTHLY_COLUMNS, simulationAudit(r, market))
    : render(
        o.format,
        table
          ? markAssumed(simulationRows(r, { rangeNotes: true, market }), assumedNotes(c.minerals).marks)
          : o.format === "csv"
            ? noteAssumed(simulationRows(r, { market }), assumedTexts(assumedNotes(c.minerals).lines))
            : simulationRows(r, { market }),
        table ? SIMULATION_TABLE_COLUMNS : SIMULATION_COLUMNS,
        simulationAudit(r, market),
      );
  const legend = table ? textLines([o.monthly ? MONTHLY_LEGEND : SIMULATION_TABLE_LEGEND]) : "";
  return { text: head + body + legend + (table ? simulationFooter(c, market) : ""), warning, code: 0 };
}

/** "d0 baseline: mean:3 (default)", for the head lines. */
const baselineHead = (c: Pick<CompiledScenario, "baseline">) => (c.baseline ? `d0 baseline: ${c.baseline.rule} (${c.baseline.from})` : "");

/** The Monte Carlo head: runs, seed, P(any shortfall) and the total shortfall value in US$ M. */
export function monteCarloHead(c: Pick<CompiledScenario, "name" | "file" | "horizon" | "baseline">, runs: number, seed: number, r?: MonteCarloResult): string {
  const lines = [`${c.name} (${c.file}), Monte Carlo: ${runs} runs, seed ${seed}, ${c.horizon} months, ${baselineHead(c)}`];
  if (r) {
    const v = r.total.value;
    const dist = (s: Summary) => `P10 ${usdM(s.p10)}, P50 ${usdM(s.p50)}, P90 ${usdM(s.p90)}, mean ${usdM(s.mean)}`;
    lines.push(`P(any shortfall, any mineral) ${(r.total.probAnyShortfall * 100).toFixed(1)} %; total shortfall at pre-crisis prices US$ M: ${dist(v)}`);
    if (r.total.lossUsd) lines.push(`total loss of the shortfall US$ M: ${dist(r.total.lossUsd)}`);
  }
  return `${textLines(lines)}\n`;
}

/** `lodestone simulate --runs N`; `r` may be left out when nothing is affected (then no run is needed). */
export function monteCarloReport(c: CompiledScenario, r: MonteCarloResult | undefined, o: SimulationReportOptions & { runs: number; seed: number }): Report {
  const table = o.format === "table";
  const warning = nothingAffected(c) && o.format === "csv" ? NOTHING_AFFECTED : undefined;
  if (!r || (nothingAffected(c) && table))
    return {
      text: table ? `${monteCarloHead(c, o.runs, o.seed) + NOTHING_AFFECTED}\n` : "",
      warning: warning ?? (table ? undefined : NOTHING_AFFECTED),
      code: 0,
    };
  const head = table ? `${monteCarloHead(c, o.runs, o.seed, r) + textLines([o.monthly ? MONTE_CARLO_MONTHLY_LEGEND : MONTE_CARLO_TABLE_LEGEND])}\n` : "";
  const body = o.monthly
    ? render(o.format, monteCarloMonthlyRows(r), table ? MONTE_CARLO_MONTHLY_TABLE_COLUMNS : MONTE_CARLO_MONTHLY_COLUMNS, monteCarloAudit(r))
    : render(
        o.format,
        table
          ? markAssumed(monteCarloRows(r), assumedNotes(c.minerals).marks)
          : o.format === "csv"
            ? noteAssumed(monteCarloRows(r), assumedTexts(assumedNotes(c.minerals).lines))
            : monteCarloRows(r),
        table ? MONTE_CARLO_TABLE_COLUMNS : MONTE_CARLO_COLUMNS,
        monteCarloAudit(r),
      );
  return { text: head + body + (table ? simulationFooter(c, r.market) : ""), warning, code: 0 };
}
