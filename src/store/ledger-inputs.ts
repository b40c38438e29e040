import { type Dataset, type LedgerInputs, mineralInputs, type PricePoint } from "../index.js";

// What the ledger core takes from the dataset when it decides a command (decide's `inputs`; the core
// reads no file): each mineral's USGS price row, dated the end of its year, for a market-priced release
// the ledger has no price for (as the valuation reads them), and its monthly demand d0 for a stock
// floor declared in days.

/** The dataset's prices and demand for decide, computed on first use (most commands need neither). */
export function ledgerInputs(dataset: Dataset | (() => Dataset)): LedgerInputs {
  const data = typeof dataset === "function" ? dataset : () => dataset;
  let prices: PricePoint[] | undefined;
  let demand: Map<string, { tonsPerMonth: number; source: string }> | undefined;
  const read = () => {
    const d = data();
    prices = [];
    demand = new Map();
    for (const m of d.minerals) {
      const x = mineralInputs(m, undefined, undefined, d).inputs;
      if (!x) continue;
      const p = x.price;
      if (p.value !== null) prices.push({ mineral: m.id, date: `${p.year}-12-31`, price: p.value, source: `${p.source.file}:${p.source.row} (${p.detail})` });
      demand.set(m.id, { tonsPerMonth: x.d0.value, source: `the dataset's d0 for ${m.id} (${x.d0.baseline.label}, ${x.d0.source.file}:${x.d0.source.row})` });
    }
  };
  return {
    get prices() {
      if (!prices) read();
      return prices;
    },
    get demand() {
      if (!demand) read();
      return demand;
    },
  };
}
