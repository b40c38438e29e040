import { type Issue, LodestoneError } from "../errors.js";
import type { ScenarioProbability } from "./types.js";

/** The "expected …" of a probability out of range, in every message that reports one. */
export const PROBABILITY_EXPECTED = "a probability in [0, 1]";
export const PROBABILITY_WHY_EXPECTED = "probability_why: the judgement or source behind the probability, in words";

/**
 * The chance given to a scenario file that states none: 0.1 over its horizon. JUDGEMENT, not data:
 * the restriction record (docs/scenarios.md, Probabilities) puts a major restriction on a mineral with one dominant producer other
 * than China at about 8 %/yr and on a China-dominated mineral at about 20 %/yr; a scenario file is
 * typically one or two such episodes over one to three years, and 0.1 sits at the low end of what
 * those rates give, so an unstated scenario never outweighs the stated ones. It is a placeholder: the
 * output names every file that relied on it, and the file should give `probability:` instead.
 */
export const DEFAULT_SCENARIO_PROBABILITY = Object.freeze({
  value: 0.1,
  why: "default for a file without probability: (JUDGEMENT: the low end of 8–20 %/yr restriction rates over a 1–3 year horizon, docs/scenarios.md); state probability: in the file",
});

/** Probabilities may sum to 1 plus this (floating-point rounding: 0.01 + 0.2 + 0.68 + 0.11 is 1.0000000000000002). */
export const PROBABILITY_SUM_TOLERANCE = 1e-9;

export interface ScenarioWeights {
  /** each file's probability, in input order */
  weights: number[];
  /** the weight of "no disruption": 1 − Σ weights (0 when they sum to 1) */
  none: number;
  /** defaults relied on and what the weights mean, for the output */
  notes: string[];
}

/**
 * The weights of a set of scenario files. The scenarios are treated as mutually exclusive events over
 * the planning horizon: with probabilities p_i, the expected loss is Σ p_i·L_i + (1 − Σ p_i)·0, where
 * the last term is the "no disruption" outcome, so Σ p_i must not exceed 1 (an error naming every file
 * and the sum). A file without a probability gets DEFAULT_SCENARIO_PROBABILITY, said in `notes`.
 * `probability` may be the number or a parsed scenario's { value, why, line }.
 */
export function scenarioWeights(scenarios: readonly { file: string; probability?: number | ScenarioProbability }[]): ScenarioWeights {
  const notes: string[] = [];
  const rows = scenarios.map((s) => {
    const given = typeof s.probability === "number" ? { value: s.probability } : s.probability;
    return {
      file: s.file,
      line: given && "line" in given ? given.line : undefined,
      value: given ? given.value : DEFAULT_SCENARIO_PROBABILITY.value,
      stated: !!given,
    };
  });
  const bad = rows.filter((r) => !(r.value >= 0 && r.value <= 1));
  if (bad.length)
    throw new LodestoneError(
      "invalid",
      bad.map((r): Issue => ({ file: r.file, line: r.line, field: "probability", message: `${r.value} is out of range`, expected: PROBABILITY_EXPECTED })),
    );
  const sum = rows.reduce((a, r) => a + r.value, 0);
  if (sum > 1 + PROBABILITY_SUM_TOLERANCE) {
    const list = rows.map((r) => `${r.file} ${r.value}${r.stated ? "" : " (default)"}`).join(", ");
    throw new LodestoneError(
      "invalid",
      rows.map(
        (r): Issue => ({
          file: r.file,
          line: r.line,
          field: "probability",
          message: `${r.value}${r.stated ? "" : " (the default for a file without probability)"}: the ${rows.length} scenario probabilities sum to ${round(sum)}, sum above 1 (${list})`,
          expected: "probabilities summing to at most 1: the scenarios are mutually exclusive events over the horizon and the rest is no disruption",
        }),
      ),
    );
  }
  const defaulted = rows.filter((r) => !r.stated);
  if (defaulted.length)
    notes.push(
      `${defaulted.map((r) => r.file).join(", ")}: no probability in the file, so ${DEFAULT_SCENARIO_PROBABILITY.value} over its horizon (${DEFAULT_SCENARIO_PROBABILITY.why})`,
    );
  const none = Math.max(0, 1 - sum);
  notes.push(
    `scenario probabilities sum to ${round(sum)}; no disruption has weight ${round(none)} (the scenarios are treated as mutually exclusive events over the horizon)`,
  );
  return { weights: rows.map((r) => r.value), none, notes };
}

/** A probability as printed: at most 6 significant digits, so rounding noise (0.30000000000000004) does not show. */
const round = (x: number) => Number(x.toPrecision(6));
