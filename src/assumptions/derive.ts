import type { Mineral, SalientFigure, SalientMeasure } from "../data/types.js";
import type { DerivedCell, Quantity } from "./types.js";

/** A figure computed from dataset cells: the central value, its bounds, how, and every cell used. */
export interface Derived {
  value: number;
  range: [number, number];
  method: string;
  cells: DerivedCell[];
}

/** A named derivation: which mineral and quantity it gives, its formula in words, and the computation. */
export interface Derivation {
  mineral: string;
  quantity: Quantity;
  unit: "t" | "USD/t" | "percent";
  basis: string;
  formula: string;
  compute(m: Mineral, year: number): Derived | { reason: string };
}

/** The salient figures of one measure and year from the latest edition that has that year (MCS 2026 over MCS 2025). */
function rowsOf(m: Mineral, measure: SalientMeasure, year: number, match: RegExp): SalientFigure[] {
  const all = m.salient.filter((f) => f.measure === measure && f.year === year && match.test(f.detail));
  const latest = all
    .map((f) => f.source.file)
    .sort()
    .at(-1);
  return all.filter((f) => f.source.file === latest);
}

const cell = (f: SalientFigure): DerivedCell => ({ detail: f.detail, year: f.year, raw: f.raw, value: f.normalized ?? f.value ?? 0, source: f.source });
const usable = (f: SalientFigure) => typeof f.normalized === "number" && (f.status === "reported" || f.status === "estimated" || f.status === "zero");

/**
 * US tungsten apparent consumption (t W content) from MCS 2026's salient rows for one year.
 *
 * USGS defines apparent consumption C = mine production P + secondary production S + imports I −
 * exports X ± stock changes, and net import reliance NIR = (I − X ± stock changes) / C. It withholds
 * S and the industry stocks (W), and publishes NIR as ">50". With stock changes unknown (taken as 0):
 *   low  = P + (I − X)                 (S ≥ 0 counted as 0)
 *   high = (I − X) / 0.50              (NIR > 50 % ⇒ C < (I − X) / 0.50)
 *   central = (low + high) / 2         (the midpoint: no public figure places C within the bounds)
 * I and X sum both rows USGS gives: ores and concentrates, and other forms.
 */
const tungstenConsumption: Derivation = {
  mineral: "tungsten",
  quantity: "consumption",
  unit: "t",
  basis: "W content",
  formula: "low = mine + imports − exports (secondary production withheld, counted 0); high = (imports − exports) / NIR bound; central = midpoint",
  compute(m, year) {
    const imports = rowsOf(m, "imports", year, /./);
    const exports = rowsOf(m, "exports", year, /./);
    const mine = rowsOf(m, "production", year, /mine/i);
    const nir = rowsOf(m, "net-import-reliance", year, /./)[0];
    const used = [...mine, ...imports, ...exports];
    if (!imports.length || !exports.length || !mine.length) return { reason: `no MCS imports, exports and mine production rows for ${m.id} ${year}` };
    const bad = used.find((f) => !usable(f));
    if (bad) return { reason: `${bad.detail} ${year} is ${bad.raw}, not a figure` };
    if (nir?.status !== "bound" || nir.bound !== ">" || !(nir.value && nir.value > 0))
      return { reason: `net import reliance ${year} is ${nir?.raw ?? "missing"}, not a lower bound such as >50` };
    const sum = (fs: SalientFigure[]) => fs.reduce((a, f) => a + (f.normalized as number), 0);
    const net = sum(imports) - sum(exports);
    if (!(net > 0)) return { reason: `net imports ${year} are ${net} t, not positive` };
    const low = sum(mine) + net;
    const high = net / (nir.value / 100);
    const cells = [...used, nir].map(cell);
    const method = `derived (tungsten-consumption): low = mine ${sum(mine)} + imports ${sum(imports)} − exports ${sum(exports)} = ${low} t (secondary production W counted 0); high = net imports ${net} / ${nir.value} % (NIR ${nir.raw}) = ${high} t; central = midpoint; stock changes (W) taken as 0`;
    return { value: (low + high) / 2, range: [low, Math.max(low, high)], method, cells };
  },
};

/**
 * US rhodium net imports (t Rh) from the MCS salient rows: imports − exports of the year, and the
 * lowest and highest net imports of every year with both rows as the range. MCS publishes no US
 * rhodium mine output, recycling or consumption (the PGM chapter reports those for palladium and
 * platinum only), so net imports are the only public basis; since apparent consumption = production
 * + recycling + net imports ± stock changes, every figure here is a lower bound of it.
 */
const rhodiumConsumption: Derivation = {
  mineral: "rhodium",
  quantity: "consumption",
  unit: "t",
  basis: "Rh content (net imports: a lower bound of apparent consumption)",
  formula: "central = imports − exports of the year; range = lowest and highest net imports of the years MCS gives both",
  compute(m, year) {
    const net = (y: number) => {
      const i = rowsOf(m, "imports", y, /./);
      const x = rowsOf(m, "exports", y, /./);
      if (i.length !== 1 || x.length !== 1 || !usable(i[0]) || !usable(x[0])) return undefined;
      return { value: (i[0].normalized as number) - (x[0].normalized as number), cells: [cell(i[0]), cell(x[0])] };
    };
    const at = net(year);
    if (!at) return { reason: `no usable MCS imports and exports rows for ${m.id} ${year}` };
    const years = [...new Set(m.salient.filter((f) => f.measure === "imports").map((f) => f.year))].sort((a, b) => a - b);
    const all = years.flatMap((y) => {
      const n = net(y);
      return n ? [{ year: y, ...n }] : [];
    });
    const lo = all.reduce((a, b) => (b.value < a.value ? b : a));
    const hi = all.reduce((a, b) => (b.value > a.value ? b : a));
    const round = (t: number) => Number(t.toFixed(3));
    const method = `derived (rhodium-consumption): central = imports ${at.cells[0].value} − exports ${at.cells[1].value} = ${round(at.value)} t Rh (${year}); range = lowest net imports ${round(lo.value)} t (${lo.year}) to highest ${round(hi.value)} t (${hi.year}) of ${all[0].year}–${all.at(-1)!.year}; US mine output and recycling of rhodium are not published, so each figure is a lower bound of apparent consumption`;
    const cells = [...at.cells, ...lo.cells, ...hi.cells].filter(
      (c, i, a) => a.findIndex((d) => d.source.file === c.source.file && d.source.row === c.source.row && d.detail === c.detail) === i,
    );
    return { value: round(at.value), range: [round(Math.min(lo.value, at.value)), round(Math.max(hi.value, at.value))], method, cells };
  },
};

/** Every named derivation, by the name an assumptions entry gives as `derive:`. */
export const DERIVATIONS: Readonly<Record<string, Derivation>> = { "tungsten-consumption": tungstenConsumption, "rhodium-consumption": rhodiumConsumption };
