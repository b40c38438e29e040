import { closest, LodestoneError } from "../errors.js";
import { ASSUMPTION_QUANTITIES, type AssumptionQuantity, type AssumptionSet } from "./types.js";

/*
 * Sensitivity (`plan --vary KEY=V1,V2,...`): which figures a plan can be rerun with, and an
 * assumption set with one entry's figure replaced. Pure: the CLI parses the flag, src/io rebuilds
 * the plan input from the changed set, src/report/sensitivity.ts compares the plans.
 */

/** The plan's judgement-call parameters a sensitivity run may vary: flag name → PlanOptions key. */
export const VARY_OPTIONS = {
  premium: "acquisitionPremium",
  "loan-rate": "loanRate",
  storage: "storageUsdPerTonYear",
  "market-share": "marketShare",
  "value-multiplier": "valueMultiplier",
} as const;
export type VaryOption = keyof typeof VARY_OPTIONS;

/** The words an assumption's value may be given as: its range ends and its central figure. */
export const RANGE_WORDS = ["low", "central", "high"] as const;
export type RangeWord = (typeof RANGE_WORDS)[number];

/**
 * The market parameters (assumptions/market.yaml: judgements with ranges) a sensitivity run may vary:
 * flag name → MarketParams key. `elasticity` alone moves every mineral, `antimony.elasticity` one.
 * Storage per ton is the plan option `storage`. (Checked against MarketParams in
 * src/economics/vary.ts, which applies a value: this folder comes before economics.)
 */
export const VARY_MARKET = {
  elasticity: "elasticity",
  choke: "chokeMultiple",
  essentiality: "essentiality",
  haircut: "resaleHaircut",
  impact: "impact",
  "storage-share": "storageShareOfValuePerYear",
} as const;
export type VaryMarket = keyof typeof VARY_MARKET;
/** The MarketParams key a market flag name stands for. */
export type VaryMarketParam = (typeof VARY_MARKET)[VaryMarket];

/** What `--vary` names: one entry of the assumptions file, one plan option, or one market parameter (every mineral's, or one mineral's). */
export type VaryKey =
  | { kind: "assumption"; key: string; mineral: string; quantity: AssumptionQuantity }
  | { kind: "option"; key: VaryOption }
  | { kind: "market"; key: string; name: VaryMarket; param: VaryMarketParam; mineral?: string };

/** Every key `--vary` takes with this assumption set: `<mineral>.<quantity>` for each applied entry, then the option names, then the market parameters. */
export function varyKeys(set: AssumptionSet | undefined): string[] {
  return [...(set?.entries ?? []).map((a) => `${a.mineral}.${a.quantity}`), ...Object.keys(VARY_OPTIONS), ...Object.keys(VARY_MARKET)];
}

/**
 * `tungsten.consumption`, `premium`, `elasticity` or `antimony.elasticity` → what it names; anything
 * else is refused with the valid keys and the closest ones. `minerals`: the dataset's mineral ids, the
 * minerals a market parameter can be varied for one at a time.
 */
export function varyKey(key: string, set: AssumptionSet | undefined, field = "--vary", minerals: readonly string[] = []): VaryKey {
  if (key in VARY_OPTIONS) return { kind: "option", key: key as VaryOption };
  if (key in VARY_MARKET) return { kind: "market", key, name: key as VaryMarket, param: VARY_MARKET[key as VaryMarket] };
  const valid = varyKeys(set);
  const dot = key.lastIndexOf(".");
  const mineral = key.slice(0, dot);
  const last = key.slice(dot + 1);
  if (dot > 0 && last in VARY_MARKET) {
    if (minerals.includes(mineral)) return { kind: "market", key, name: last as VaryMarket, param: VARY_MARKET[last as VaryMarket], mineral };
    throw new LodestoneError("not-found", {
      field,
      message: `${JSON.stringify(mineral)} is not a mineral of the dataset, so ${last} cannot be varied for it`,
      expected: `<mineral>.${last} with a mineral id (lodestone minerals lists them), or ${last} alone for every mineral`,
      suggestions: closest(mineral, minerals).map((m) => `${m}.${last}`),
    });
  }
  const quantity = last as AssumptionQuantity;
  if (dot > 0 && (ASSUMPTION_QUANTITIES as readonly string[]).includes(quantity) && set?.entries.some((a) => a.mineral === mineral && a.quantity === quantity))
    return { kind: "assumption", key, mineral, quantity };
  const held = set?.held.find((a) => `${a.mineral}.${a.quantity}` === key);
  const why = !set
    ? " (no assumptions are loaded: --assumptions none)"
    : held
      ? ` (${set.file} holds it, but it applies to no mineral of the dataset: ${held.why})`
      : dot > 0 && (ASSUMPTION_QUANTITIES as readonly string[]).includes(quantity)
        ? ` (${set.file} has no ${quantity.replace(/_/g, " ")} entry for ${mineral})`
        : "";
  throw new LodestoneError("bad-input", {
    field,
    message: `${JSON.stringify(key)} is not a figure a plan can be varied in${why}`,
    expected: `a market parameter (${Object.keys(VARY_MARKET).join(", ")}) for every mineral or as <mineral>.<parameter> for one, a plan option (${Object.keys(VARY_OPTIONS).join(", ")}), or an assumption as <mineral>.<quantity> (quantity: ${ASSUMPTION_QUANTITIES.join(" | ")}; this file's: ${(set?.entries ?? []).map((a) => `${a.mineral}.${a.quantity}`).join(", ") || "none"})`,
    suggestions: closest(key, [...valid, ...minerals.flatMap((m) => Object.keys(VARY_MARKET).map((p) => `${m}.${p}`))]),
  });
}

/** The figure a value word or number stands for: low/high are the entry's range ends, central its value. */
export function assumptionValue(set: AssumptionSet, mineral: string, quantity: AssumptionQuantity, value: number | RangeWord): number {
  const a = set.entries.find((e) => e.mineral === mineral && e.quantity === quantity);
  if (!a) throw new LodestoneError("not-found", { field: `${mineral}.${quantity}`, message: "no such assumption", expected: varyKeys(set).join(", ") });
  if (typeof value === "number") return value;
  return value === "low" ? a.range[0] : value === "high" ? a.range[1] : a.value;
}

/**
 * The set with one entry's figure replaced: the range widened to take the new figure (low ≤ value ≤
 * high stays true), and the method saying it was varied. Every other entry is the same object.
 */
export function withAssumedValue(set: AssumptionSet, mineral: string, quantity: AssumptionQuantity, value: number | RangeWord): AssumptionSet {
  const v = assumptionValue(set, mineral, quantity, value);
  return {
    ...set,
    entries: set.entries.map((a) =>
      a.mineral === mineral && a.quantity === quantity
        ? {
            ...a,
            value: v,
            range: [Math.min(a.range[0], v), Math.max(a.range[1], v)] as [number, number],
            method: `varied (--vary ${mineral}.${quantity}=${value}): ${v} in place of the central ${a.value}; ${a.method}`,
          }
        : a,
    ),
  };
}
