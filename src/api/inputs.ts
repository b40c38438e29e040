import type { AssumptionSet, MarketSet } from "../index.js";
import { loadAssumptions } from "../io/assumptions-file.js";
import { loadMarket } from "../io/market-file.js";
import { memo } from "./cache.js";
import type { ApiDeps } from "./deps.js";
import { fileField } from "./plan-request.js";

/**
 * The built-in assumptions and market files by name ("none" and absent as in the CLI), each read
 * and parsed once: the files do not change while the app runs, and the core does not change the
 * sets it is given.
 */
export function builtInInputs(deps: ApiDeps) {
  const sets = memo<AssumptionSet | undefined>();
  const markets = memo<MarketSet>();
  return {
    assumptions: (name: string | undefined) =>
      sets(name ?? "", () => loadAssumptions(fileField(deps.files, "assumptions", name, "assumptions", ["none"]), deps.dataset)),
    market: (name: string | undefined) => markets(name ?? "", () => loadMarket(fileField(deps.files, "markets", name, "market", ["none"]), deps.dataset)),
  };
}
