import { type Baseline, baselineLabel, checkBaseline, describeBaseline } from "../data/baseline.js";
import type { Dataset } from "../data/types.js";
import { closest, LodestoneError } from "../errors.js";
import { RISK_DEFAULTS, resolveRiskOptions } from "./defaults.js";
import type { ChainUsed } from "./geopolrisk.js";
import { countryIndex } from "./governance.js";
import { allStages, assessMineral, type MineralRisk, type RiskTableOptions } from "./table.js";
import { type Input, type Measure, refText, type Step } from "./types.js";

export interface ExplainedMeasure {
  measure: string;
  ok: boolean;
  value?: number;
  reason?: string;
  /** stage / form / year of the production table, where the measure depends on one */
  where?: string;
  /** GeoPolRisk: the one product chain p, F, the partners and the HHI table come from */
  chain?: ChainUsed;
  inputs: (Input & { ref: string })[];
  steps: Step[];
  defaulted: string[];
  caveats: string[];
}

const explainOne = (measure: string, m: Measure & { stage?: string; form?: string; year?: number; chain?: ChainUsed }): ExplainedMeasure => ({
  measure,
  ok: m.ok,
  value: m.ok ? m.value : undefined,
  reason: m.ok ? undefined : m.reason,
  where: m.stage ? [m.stage, m.form, m.year].filter(Boolean).join(" / ") : undefined,
  ...(m.ok && m.chain ? { chain: m.chain } : {}),
  inputs: m.inputs.map((i) => ({ ...i, ref: refText(i.source) })),
  steps: m.ok ? m.steps : [],
  defaulted: m.ok ? m.defaulted : [],
  caveats: m.ok ? m.caveats : [],
});

/** Every measure of one mineral laid open: inputs with their source cells, steps, defaults, caveats. */
export function explainRisk(
  r: MineralRisk,
  baseline: Baseline = RISK_DEFAULTS.baseline,
): { id: string; name: string; baseline: { rule: string; description: string; label?: string }; measures: ExplainedMeasure[]; matrix?: MineralRisk["matrix"] } {
  const measures = [
    ...r.hhiByStage.map((s) => explainOne(`HHI (${s.stage})`, s)),
    ...(r.hhiByStage.length ? [] : [explainOne("HHI", r.hhi)]),
    explainOne("HHI_WGI (global)", r.hhiWgi),
    explainOne("EU supply risk", r.euSr),
    explainOne("US net import reliance", r.nir),
    explainOne("GeoPolRisk", r.geopolrisk),
    explainOne("Composite criticality", r.composite),
    explainOne("Importance (consumption × price)", r.importance),
  ];
  // the consumption years importance stands on: the rule asked for, and the years it took for this mineral (or "assumed")
  const used = r.importance.ok ? r.importance.baseline : undefined;
  const stated =
    used?.rule === "assumed" ? { rule: "assumed", description: used.description } : { rule: baselineLabel(baseline), description: describeBaseline(baseline) };
  return { id: r.id, name: r.name, baseline: { ...stated, ...(used ? { label: used.label } : {}) }, measures, matrix: r.matrix };
}

/** Look a mineral up by id (not-found with the closest ids) and explain it. */
export function explainMineral(d: Dataset, id: string, options: RiskTableOptions = {}) {
  const m = d.minerals.find((x) => x.id === id);
  if (!m)
    throw new LodestoneError("not-found", {
      field: "mineral",
      message: `unknown mineral ${JSON.stringify(id)}`,
      suggestions: closest(
        id,
        d.minerals.map((x) => x.id),
      ),
    });
  const { stage, params, assumptions, ...rest } = options;
  if (stage !== undefined && !allStages(d).includes(stage))
    throw new LodestoneError("bad-input", { field: "--stage", message: `unknown stage ${JSON.stringify(stage)}`, expected: allStages(d).join(" | ") });
  const opts = resolveRiskOptions(rest);
  checkBaseline(d, opts.baseline, { field: "--baseline" });
  return explainRisk(assessMineral(m, countryIndex(d), opts, stage, params?.[id], assumptions, d), opts.baseline);
}

const num = (v: unknown) =>
  typeof v === "number" ? (Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6)) : v === null || v === undefined ? "—" : String(v);

/** Plain-text rendering of an explanation, for the terminal. */
export function explainText(e: ReturnType<typeof explainRisk>): string {
  const b = e.baseline;
  const out: string[] = [
    `${e.name} (${e.id})`,
    `Consumption baseline (importance): ${b.rule}${b.label ? `, ${b.label}` : ""} (${b.description}); --baseline latest|YEAR|mean:N to change it`,
    "",
  ];
  for (const m of e.measures) {
    out.push(`## ${m.measure}${m.where ? ` — ${m.where}` : ""}: ${m.ok ? num(m.value) : "not computed"}`);
    if (!m.ok) out.push(`  why: ${m.reason}`);
    if (m.chain)
      out.push(
        `  product chain (${m.chain.from === "table" ? "stated per mineral" : "rule"}): ${m.chain.product}`,
        `    HHI: ${m.chain.hhi}`,
        `    p: ${m.chain.p}`,
        `    F: ${m.chain.F}`,
        `    partners: ${m.chain.partners}`,
        `    why: ${m.chain.why}`,
      );
    if (m.inputs.length) {
      out.push("  inputs:");
      for (const i of m.inputs)
        out.push(
          `    ${i.name} = ${num(i.value)}${i.unit ? ` ${i.unit}` : ""}${i.raw !== undefined ? ` (published "${i.raw}")` : ""}${i.ref ? ` [${i.ref}]` : ""}${i.note ? ` — ${i.note}` : ""}`,
        );
    }
    if (m.steps.length) {
      out.push("  steps:");
      for (const s of m.steps) out.push(`    ${s.label}${s.formula ? ` = ${s.formula}` : ""} → ${num(s.value)}`);
    }
    if (m.defaulted.length) out.push("  defaulted:", ...m.defaulted.map((x) => `    ${x}`));
    if (m.caveats.length) out.push("  caveats:", ...m.caveats.map((x) => `    ${x}`));
    out.push("");
  }
  if (e.matrix)
    out.push(`Matrix: ${e.matrix.cell} (composite ${num(e.matrix.risk)}, importance US$${Math.round(e.matrix.importance).toLocaleString("en-US")}/yr)`);
  else out.push("Matrix: not placed (needs both the composite and the importance)");
  return `${out.join("\n")}\n`;
}
