import type { MarketMark, MarketParams, MarketSet } from "./types.js";

const AT = (line: number) => ({ file: "src/economics/defaults.ts", row: line, column: "MARKET_DEFAULTS" });

/**
 * Built-in market parameters, used where no market file gives a value (`--market none` uses only
 * these). Each is a judgement call, stated with its reason; the shipped assumptions/market.yaml
 * replaces them with cited or reasoned per-mineral values (docs/economics.md).
 */
export const MARKET_DEFAULTS: Readonly<MarketParams> = Object.freeze({
  elasticity: -0.1,
  chokeMultiple: 10,
  essentiality: 1,
  resaleHaircut: 0.1,
  storageUsdPerTonYear: 25,
  storageShareOfValuePerYear: 0.001,
  impact: 1,
});

const WHY: Record<keyof MarketParams, { range: [number, number]; judgement: string }> = {
  elasticity: {
    range: [-0.3, -0.05],
    judgement:
      "short-run demand for minerals is very inelastic (IMF WP/24/77: 'most inelastic for minerals'); antimony 2024 (exports −15 % of world supply, price ×3.5) implies about −0.13",
  },
  chokeMultiple: {
    range: [5, 30],
    judgement: "the largest recorded spike under export restrictions is dysprosium oxide ×26 over 31 months (2009–11); within a year ×1.4–×4",
  },
  essentiality: {
    range: [1, 3],
    judgement: "1: a ton short costs what the demand curve says; raise it for sectors (defence) whose loss the market price understates",
  },
  resaleHaircut: { range: [0.03, 0.25], judgement: "no published stockpile disposal discount; 10 % for minor metals and oxides sold back over time" },
  storageUsdPerTonYear: {
    range: [0, 180],
    judgement: "bulk warehouse rent; LME warehouse rent is about US$ 0.50/t/day (US$ 180/t/yr), unwarranted bulk storage ≤ US$ 0.10/t/day",
  },
  storageShareOfValuePerYear: { range: [0, 0.005], judgement: "insurance and security on the stock's value, 0.1 %/yr (no source found)" },
  impact: {
    range: [0.5, 2],
    judgement: "buying 10 % of a year's world supply raises that year's price by 10 % (λ = 1; 0.5 for exchange-traded base metals, 2 for minor metals)",
  },
};

/** The built-in set: no file, every value a stated judgement. */
export function defaultMarketSet(): MarketSet {
  const marks: Record<string, MarketMark> = {};
  let line = 11;
  for (const [k, v] of Object.entries(MARKET_DEFAULTS) as [keyof MarketParams, number][]) {
    marks[`default.${k}`] = { value: v, range: WHY[k].range, judgement: WHY[k].judgement, at: AT(line++) };
  }
  return { file: "built-in defaults", defaults: { ...MARKET_DEFAULTS }, byMineral: {}, marks };
}
