import { z } from "zod";
import { closest, LodestoneError, type Dataset, type Issue } from "../index.js";
import { parseYamlFile, readInputFile } from "./yaml-doc.js";

/**
 * A basket file narrows and tunes a plan, mineral by mineral:
 *   minerals: [gallium, germanium, rare-earths]   # the basket (omit: every mineral the scenarios cover)
 *   market_share: { gallium: 0.2 }                # per-mineral α (buy at most α × world production)
 *   value_multiplier: { gallium: 5 }              # w_m = price × multiplier (e.g. defence-critical)
 *   why: "…"                                      # the reason for the overrides (judgement calls)
 */
const fraction = z.number().min(0).max(1);
const basketSchema = z.strictObject({
  minerals: z.array(z.string().min(1)).min(1).optional(),
  market_share: z.record(z.string(), fraction).optional(),
  value_multiplier: z.record(z.string(), z.number().min(0)).optional(),
  why: z.string().optional(),
});

export interface Basket {
  minerals?: string[];
  marketShareByMineral: Record<string, number>;
  valueMultiplierByMineral: Record<string, number>;
  why?: string;
}

export function parseBasket(text: string, file: string, dataset: Dataset): Basket {
  const { data, lineOf } = parseYamlFile(text, file, basketSchema);
  const ids = dataset.minerals.map((m) => m.id);
  const issues: Issue[] = [];
  const check = (id: string, path: (string | number)[]) => {
    if (!ids.includes(id)) issues.push({ file, line: lineOf(path), field: path.join("."), message: `unknown mineral ${JSON.stringify(id)}`, expected: "a mineral id of the dataset", suggestions: closest(id, ids) });
  };
  data.minerals?.forEach((id, i) => check(id, ["minerals", i]));
  for (const id of Object.keys(data.market_share ?? {})) check(id, ["market_share", id]);
  for (const id of Object.keys(data.value_multiplier ?? {})) check(id, ["value_multiplier", id]);
  const overrides = { ...(data.market_share ?? {}), ...(data.value_multiplier ?? {}) };
  if (Object.keys(overrides).length && !data.why) issues.push({ file, line: 1, field: "why", message: "per-mineral overrides without a reason", expected: "why: the reason for the overrides (they are judgement calls)" });
  if (issues.length) throw new LodestoneError("not-found", issues);
  return {
    ...(data.minerals ? { minerals: data.minerals } : {}),
    marketShareByMineral: data.market_share ?? {},
    valueMultiplierByMineral: data.value_multiplier ?? {},
    ...(data.why ? { why: data.why } : {}),
  };
}

export function readBasket(path: string, dataset: Dataset): Basket {
  return parseBasket(readInputFile(path, "basket file", "a YAML or JSON file with minerals, market_share or value_multiplier"), path, dataset);
}
