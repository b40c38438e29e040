import { type Format, render, textLines } from "./format.js";

/** One built-in scenario as `lodestone scenarios` lists it. */
export interface ScenarioListing {
  id: string;
  file: string;
  name: string;
  /** months */
  horizon: number;
  /** number of events */
  events: number;
  /** the file's probability over its horizon and why, or the stated default it falls back to (`defaulted: true`) */
  probability: { value: number; why: string; defaulted: boolean };
  cites: string[];
}

const COLUMNS = [
  { key: "id" },
  { key: "name" },
  { key: "horizon", label: "months" },
  { key: "events" },
  { key: "probability" },
  { key: "probability_why" },
  { key: "cites" },
];

/** `lodestone scenarios`: a paragraph per scenario (wrapped to WIDTH), CSV (cites joined by " | ") or JSON. */
export function scenariosReport(list: readonly ScenarioListing[], format: Format): { text: string } {
  if (format !== "table")
    return {
      text: render(
        format,
        list.map((s) => ({
          ...s,
          probability: s.probability.value,
          probability_why: s.probability.defaulted ? `default: ${s.probability.why}` : s.probability.why,
          cites: s.cites.join(" | "),
        })),
        COLUMNS,
        list,
      ),
    };
  const blocks = list.map((s) =>
    textLines([
      `${s.id}  (${s.file}, ${s.horizon} months, ${s.events} events, probability ${s.probability.value}${s.probability.defaulted ? " by default" : ""})`,
      `  ${s.name}`,
      `  probability: ${s.probability.why}`,
      ...s.cites.map((c) => `  cites: ${c}`),
    ]),
  );
  return { text: blocks.join("\n") };
}
