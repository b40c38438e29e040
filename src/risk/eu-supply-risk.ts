import { isAggregate } from "../data/countries.js";
import type { Country, EuParameters, Mineral, SourceRef } from "../data/types.js";
import type { StageMeasure } from "./concentration.js";
import { RISK_DEFAULTS, type RiskOptions } from "./defaults.js";
import { governanceScore } from "./governance.js";
import { hhiWgiGlobal, type WeightedShare, withGovernance } from "./hhi-wgi.js";
import { type ImportReliance, importRelianceOf } from "./import-reliance.js";
import { type StageFormBy, stageImports } from "./stage-forms.js";
import { fail, type Input, type Measure, r4, refText, type Step } from "./types.js";

export interface EuSrInput {
  /** HHI_WGI of global production (0–10) */
  hhiWgiGlobal: number;
  /** HHI_WGI of the sourcing (here: US domestic output plus imports), 0–10 */
  hhiWgiSourcing: number;
  /** import reliance, 0–1 */
  ir: number;
  /** end-of-life recycling input rate, 0–1 */
  eolRir: number;
  /** substitution index for supply risk, 0–1 (1 = no substitute) */
  siSr: number;
}

/**
 * EU supply risk (European Commission 2017, "Methodology for establishing the EU list of critical
 * raw materials", Blengini et al., eq. 2; unchanged in the 2020 and 2023 assessments):
 *
 *   SR = [HHI_WGI,GS · IR/2 + HHI_WGI,sourcing · (1 − IR/2)] · (1 − EOL_RIR) · SI_SR
 *
 * GS global supply, sourcing the supplier mix of the assessing economy. SR runs 0–10; the EU
 * criticality threshold is SR ≥ 1. The EU's trade-restriction factor t is not applied (no data).
 */
export function euSupplyRisk(x: EuSrInput): Measure<EuSrInput> {
  const inputs = [
    { name: "HHI_WGI,global", value: x.hhiWgiGlobal, unit: "0–10" },
    { name: "HHI_WGI,sourcing", value: x.hhiWgiSourcing, unit: "0–10" },
    { name: "IR", value: x.ir, unit: "0–1" },
    { name: "EOL_RIR", value: x.eolRir, unit: "0–1" },
    { name: "SI_SR", value: x.siSr, unit: "0–1" },
  ];
  const in01 = (v: number) => v >= 0 && v <= 1;
  const in10 = (v: number) => v >= 0 && v <= 10;
  if (!in10(x.hhiWgiGlobal) || !in10(x.hhiWgiSourcing)) return fail("HHI_WGI must be in [0, 10]", inputs);
  if (!in01(x.ir) || !in01(x.eolRir) || !in01(x.siSr)) return fail("IR, EOL_RIR and SI_SR must be in [0, 1]", inputs);
  const a = x.hhiWgiGlobal * (x.ir / 2);
  const b = x.hhiWgiSourcing * (1 - x.ir / 2);
  const value = (a + b) * (1 - x.eolRir) * x.siSr;
  return {
    ok: true,
    value,
    ...x,
    inputs,
    steps: [
      { label: "global term", formula: `HHI_WGI,global × IR/2 = ${r4(x.hhiWgiGlobal)} × ${r4(x.ir)}/2`, value: r4(a) },
      { label: "sourcing term", formula: `HHI_WGI,sourcing × (1 − IR/2) = ${r4(x.hhiWgiSourcing)} × (1 − ${r4(x.ir)}/2)`, value: r4(b) },
      { label: "SR", formula: `(${r4(a)} + ${r4(b)}) × (1 − ${x.eolRir}) × ${x.siSr}`, value: r4(value) },
    ],
    defaulted: [],
    caveats: value >= 1 ? ["SR ≥ 1: above the EU criticality threshold for supply risk"] : [],
  };
}

/**
 * Where the US output at a stage stands, read from the stage's own production table (the one
 * HHI_WGI,global uses): a positive figure, withheld or not published ("W", "NA": there is output,
 * its size is not public), or none (published as zero, or the US not listed).
 */
export type UsOutput = "yes" | "withheld" | "none";

export type ParamOrigin = "EU 2023" | "default" | "user";

/** One stage of the EU SR: its own global supply, US sourcing and SR, with SR over the IR interval. */
export interface EuSrStage {
  stage: string;
  form: string;
  year: number;
  hhiWgiGlobal: number;
  usOutput: UsOutput;
  /** domestic share of US sourcing at the central IR */
  domestic: number;
  hhiWgiSourcing: number;
  value: number;
  /** SR at the lowest and highest IR the NIR cell allows (equal for a plain number) */
  range: [number, number];
  /** the US import-source table this stage's imports are split by, and each cell it read; absent where USGS lists no import sources (then the stage's SR stands on domestic output alone, d = 1) */
  imports?: {
    form: string;
    /** "stage": the stage's own product; "mineral": the mineral's chosen form (USGS gives none for the stage's product); "user": --import-form */
    by: StageFormBy;
    why: string;
    period: string;
    /** K = Σ m_c²·g_c over the named countries */
    k: number;
    shares: { country: string; share: number; raw: string; ref: string; aggregate: boolean }[];
  };
}

export type EuSr = EuSrInput & {
  stage: string;
  stages: EuSrStage[];
  /** [low, high] of SR over the IR interval: max over stages of each end */
  range: [number, number];
  /** where EOL_RIR and SI_SR came from, and the EU material they were read for */
  params: { eolRir: ParamOrigin; siSr: ParamOrigin; material?: string };
};

/**
 * HHI_WGI of US sourcing with domestic share d (the EU's "domestic production plus imports", with
 * the US as one producer as the EU counts itself as one):
 *
 *   HHI_WGI,sourcing = d²·g_USA + Σ_c ((1 − d)·m_c)²·g_c
 *
 * m_c country c's share of US imports (aggregates such as "Other countries" left out, so a lower bound).
 */
export function usSourcingHhiWgi(d: number, gUsa: number, imports: readonly WeightedShare[]): number {
  return d * d * gUsa + imports.reduce((a, s) => a + ((1 - d) * s.share) ** 2 * s.g, 0);
}

/** The US figure in a stage's production table (same stage, form and year). */
export function usOutputAt(m: Mineral, where: { stage: string; form: string; year: number }): { status: UsOutput; raw?: string; source?: SourceRef } {
  const f = m.production.find((x) => x.country === "USA" && x.stage === where.stage && x.form === where.form && x.year === where.year);
  if (!f) return { status: "none" };
  if (typeof f.normalized === "number" && f.normalized > 0) return { status: "yes", raw: f.raw, source: f.source };
  if (f.status === "withheld" || f.status === "not-available") return { status: "withheld", raw: f.raw, source: f.source };
  return { status: "none", raw: f.raw, source: f.source };
}

/**
 * The IR values at which SR can be lowest or highest over [lo, hi]: both ends, and where the US has
 * output, the turning points inside. With d = 1 − x and K = Σ m_c²·g_c, SR / ((1 − EOL_RIR)·SI_SR) is
 *
 *   f(x) = G·x/2 + ((1 − x)²·g_USA + x²·K)·(1 − x/2)
 *        = g_USA + (G/2 − 2.5·g_USA)·x + (2·g_USA + K)·x² − (g_USA + K)/2·x³,
 *
 * a cubic that can dip inside the interval, so the roots of f′(x) = 0 in (lo, hi) are added. Without
 * US output (d = 0) f is linear in x and the ends suffice.
 */
export function irCandidates([lo, hi]: readonly [number, number], g: number, gUsa: number, k: number, usOutput: boolean): number[] {
  if (hi - lo < 1e-12) return [lo];
  const out = [lo, hi];
  if (!usOutput) return out;
  // f′(x) = a + b·x + c·x²
  const a = g / 2 - 2.5 * gUsa;
  const b = 2 * (2 * gUsa + k);
  const c = -1.5 * (gUsa + k);
  const roots =
    Math.abs(c) < 1e-15
      ? Math.abs(b) < 1e-15
        ? []
        : [-a / b]
      : (() => {
          const disc = b * b - 4 * a * c;
          if (disc < 0) return [];
          const r = Math.sqrt(disc);
          return [(-b - r) / (2 * c), (-b + r) / (2 * c)];
        })();
  for (const x of roots) if (x > lo && x < hi) out.push(x);
  return out;
}

/**
 * EOL_RIR and SI_SR with where each came from: per-mineral `params` or options the user set for all
 * minerals ("user"), else the EU 2023 row (its cell added to `inputs`), else the default (listed in
 * `defaulted`).
 */
function pickParameters(
  eu: EuParameters | undefined,
  opts: Pick<RiskOptions, "eolRir" | "siSr">,
  params: { eolRir?: number; siSr?: number },
  inputs: Input[],
  defaulted: string[],
) {
  const param = (key: "eolRir" | "siSr", name: string, euValue: number | null | undefined, euRaw: string | undefined, column: string, why: string) => {
    const given = params[key];
    if (given !== undefined) return { v: given, from: "user" as const };
    if (opts[key] !== RISK_DEFAULTS[key]) return { v: opts[key], from: "user" as const };
    if (eu && euValue !== null && euValue !== undefined) {
      inputs.push({ name: `${name} (EU 2023, ${eu.material})`, value: euValue, unit: "0–1", raw: euRaw, source: { ...eu.source, column } });
      return { v: euValue, from: "EU 2023" as const };
    }
    defaulted.push(`${name} = ${opts[key]} (${eu ? `the EU 2023 study gives none for ${eu.material}` : "no EU 2023 figure for this mineral"}; ${why})`);
    return { v: opts[key], from: "default" as const };
  };
  return {
    eol: param("eolRir", "EOL_RIR", eu?.eolRir, eu?.raw.eolRir, "eol_rir_pct", "0 gives no recycling credit"),
    si: param("siSr", "SI_SR", eu?.siSr, eu?.raw.siSr, "si_sr", "1 means no substitute"),
  };
}

/** The steps of each stage's SR, then the max over stages and the parameters' origin. */
function srSteps(
  stages: readonly EuSrStage[],
  best: EuSrStage,
  ir: number,
  irRange: readonly [number, number],
  gUsa: number,
  eol: { v: number; from: ParamOrigin },
  si: { v: number; from: ParamOrigin },
): Step[] {
  const steps: Step[] = [];
  for (const s of stages) {
    const a = s.hhiWgiGlobal * (ir / 2);
    const b = s.hhiWgiSourcing * (1 - ir / 2);
    const im = s.imports;
    if (im)
      steps.push({
        label: `import shares ${s.stage}`,
        formula: `${im.form} (${im.period}; ${im.by === "stage" ? "the stage's own product" : im.by === "user" ? "the user's pick" : "the mineral's chosen form"}): ${im.shares
          .map((x) => `${x.country} ${x.raw} %${x.aggregate ? " (left out)" : ""} [${x.ref}]`)
          .join(", ")}; K = Σ m_c²·g_c`,
        value: r4(im.k),
      });
    steps.push(
      { label: `HHI_WGI,global ${s.stage}`, formula: `${s.stage} / ${s.form} / ${s.year}`, value: r4(s.hhiWgiGlobal) },
      {
        label: `HHI_WGI,sourcing ${s.stage}`,
        formula: `d²·g_USA + Σ((1 − d)·m_c)²·g_c, d = ${s.usOutput === "none" ? "0 (no US output at this stage)" : `1 − IR = ${r4(s.domestic)} (US output ${s.usOutput === "yes" ? "reported" : "withheld or not published"})`}, g_USA = ${r4(gUsa)}`,
        value: r4(s.hhiWgiSourcing),
      },
      {
        label: `SR ${s.stage}`,
        formula: `(${r4(s.hhiWgiGlobal)} × ${r4(ir)}/2 + ${r4(s.hhiWgiSourcing)} × (1 − ${r4(ir)}/2)) × (1 − ${r4(eol.v)}) × ${r4(si.v)} = (${r4(a)} + ${r4(b)}) × ${r4((1 - eol.v) * si.v)}`,
        value: r4(s.value),
      },
    );
    if (s.range[1] > s.range[0])
      steps.push({
        label: `SR ${s.stage} range`,
        formula: `min and max over IR in [${r4(irRange[0])}, ${r4(irRange[1])}] (its ends${s.usOutput === "none" ? "" : " and the turning points inside"})`,
        value: `${r4(s.range[0])}–${r4(s.range[1])}`,
      });
  }
  steps.push({ label: "SR", formula: `max over stages (${stages.map((s) => `${s.stage} ${r4(s.value)}`).join(", ")}) → ${best.stage}`, value: r4(best.value) });
  steps.push({ label: "EOL_RIR, SI_SR", formula: `EOL_RIR ${r4(eol.v)} (${eol.from}), SI_SR ${r4(si.v)} (${si.from})`, value: `${eol.from} / ${si.from}` });
  return steps;
}

/**
 * EU SR of a mineral from the dataset, per stage as the EU computes it (Blengini et al. 2017 §3.2;
 * EC 2023 study), transposed to the US:
 * - each stage with production data (mine, refinery, smelter, …) has its own HHI_WGI,global from
 *   that stage's world table, and its own US sourcing: domestic d = 1 − IR where the stage table
 *   shows US output (a figure, or "W"/"NA"), d = 0 where it shows none, and the rest, IR (or all),
 *   split by the US import shares of that stage's own product where USGS gives its table (bauxite at
 *   the mine, alumina at the refinery: STAGE_IMPORT_FORMS), else of the mineral's chosen form
 *   (data/forms.ts), or the user's `importForm` pick at every stage; each cell read is an input;
 * - IR is the chapter's latest US NIR at every stage (USGS publishes one per chapter);
 * - SR is the higher of the stages' SR (the EU's rule), and for a NIR bound both ends of the IR
 *   interval are computed, giving `range`;
 * - EOL_RIR and SI_SR: per-mineral `params` (user), else options the user set for all minerals,
 *   else the EU 2023 study's value for the mapped material (data/sources/eu-crm-2023), else the
 *   defaults (0 and 1), each marked with where it came from.
 */
export function euSupplyRiskOf(
  m: Mineral,
  countries: Map<string, Country>,
  opts: Pick<RiskOptions, "wgiAggregate" | "unknownG10" | "eolRir" | "siSr" | "flatSlope"> & Partial<Pick<RiskOptions, "euDomestic" | "importForm">>,
  stage?: string,
  params: { eolRir?: number; siSr?: number } = {},
  /** per-stage HHI_WGI,global and NIR when the caller has them already (the risk table does) */
  pre?: { hhiWgi: { best: StageMeasure<{ hhi: number }>; all: StageMeasure<{ hhi: number }>[] }; nir: Measure<ImportReliance> },
): Measure<EuSr> {
  const hw = pre?.hhiWgi ?? hhiWgiGlobal(m, countries, opts, stage);
  const okStages = hw.all.filter((s): s is Extract<typeof s, { ok: true }> => s.ok);
  if (!okStages.length || !hw.best.ok) return fail(`HHI_WGI,global: ${hw.best.ok ? "no stage computed" : hw.best.reason}`, hw.best.inputs);
  const nir = pre?.nir ?? importRelianceOf(m, opts);
  if (!nir.ok) return fail(`IR: ${nir.reason}`, nir.inputs);
  // each stage's imports are split by the partners of that stage's own product where USGS gives them
  const pick = opts.importForm?.[m.id];
  const perStage = okStages.map((g) => {
    const sh = stageImports(m, g.stage, pick);
    const w = withGovernance(
      (sh?.named ?? []).map((s) => ({ id: s.country, share: s.share, raw: s.figure.raw, source: s.figure.source })),
      countries,
      opts,
    );
    return { sh, w, k: w.items.reduce((a, x) => a + x.share * x.share * x.g, 0) };
  });
  const outputs = okStages.map((g) => usOutputAt(m, g));
  // g(USA) only where the US has output at some stage: otherwise no domestic term exists
  const riskFree = opts.euDomestic === "none";
  const gm = !riskFree && outputs.some((u) => u.status !== "none") ? governanceScore(countries.get("USA"), "USA", opts.wgiAggregate, 10) : undefined;
  const gUsa = riskFree ? 0 : gm?.ok ? gm.value : opts.unknownG10;
  const unique = <T>(xs: T[], key: (x: T) => string) => [...new Map(xs.map((x) => [key(x), x])).values()];
  const defaulted = unique([...okStages.flatMap((s) => s.defaulted), ...perStage.flatMap((p) => p.w.defaulted)], (x) => x);
  if (gm && !gm.ok) defaulted.push(`g(USA) = ${opts.unknownG10} (${gm.reason})`);
  const eu = m.eu2023;
  const inputs: Input[] = [
    ...okStages.flatMap((s) => s.inputs),
    ...(gm?.ok ? gm.inputs : []),
    ...unique(
      perStage.flatMap((p) => p.w.inputs),
      (i) => `${i.name}|${refText(i.source)}`,
    ),
    // the import-share cells each stage used: country, share, file:row
    ...perStage.flatMap((p, i) =>
      (p.sh?.shares ?? []).map((s) => ({
        name: `import share ${s.country} (${okStages[i].stage}: ${p.sh!.form}, ${p.sh!.period})`,
        value: s.share,
        unit: "fraction",
        raw: s.figure.raw,
        source: s.figure.source,
        ...(isAggregate(s.country) ? { note: "aggregate, left out of Σ((1 − d)·m_c)²·g_c" } : {}),
      })),
    ),
    ...nir.inputs.filter((i) => i.name === `NIR ${nir.year}`),
  ];
  const { eol, si } = pickParameters(eu, opts, params, inputs, defaulted);
  const stages: EuSrStage[] = [];
  const failed: string[] = [];
  for (const [i, g] of okStages.entries()) {
    const us = outputs[i];
    const { sh, w, k } = perStage[i];
    if (us.source) inputs.push({ name: `US output, ${g.stage}`, value: us.status, raw: us.raw, source: us.source });
    const at = (ir: number) => {
      const d = us.status === "none" ? 0 : 1 - ir;
      if (d < 1 && !w.items.length) return undefined;
      const src = usSourcingHhiWgi(d, gUsa, w.items);
      const r = euSupplyRisk({ hhiWgiGlobal: g.value, hhiWgiSourcing: src, ir, eolRir: eol.v, siSr: si.v });
      return r.ok ? { d, src, sr: r.value } : undefined;
    };
    const mid = at(nir.ir);
    const ends = irCandidates(nir.irRange, g.value, gUsa, k, us.status !== "none").map(at);
    if (!mid || ends.some((e) => !e)) {
      failed.push(
        `${g.stage}: ${sh ? `no US import sources by named country (${sh.form})` : "no US import sources"}, so the imported part of US sourcing has no HHI_WGI`,
      );
      continue;
    }
    const srs = [mid.sr, ...ends.map((e) => e!.sr)];
    stages.push({
      stage: g.stage,
      form: g.form,
      year: g.year,
      hhiWgiGlobal: g.value,
      usOutput: us.status,
      domestic: mid.d,
      hhiWgiSourcing: mid.src,
      value: mid.sr,
      range: [Math.min(...srs), Math.max(...srs)],
      ...(sh
        ? {
            imports: {
              form: sh.form,
              by: sh.by,
              why: sh.why,
              period: sh.period,
              k,
              shares: sh.shares.map((s) => ({
                country: s.country,
                share: s.share,
                raw: s.figure.raw,
                ref: refText(s.figure.source),
                aggregate: isAggregate(s.country),
              })),
            },
          }
        : {}),
    });
  }
  if (!stages.length) return fail(`${m.id}: ${failed.join("; ")}`, inputs);
  const best = stages.reduce((a, b) => (b.value > a.value ? b : a));
  const range: [number, number] = [Math.max(...stages.map((s) => s.range[0])), Math.max(...stages.map((s) => s.range[1]))];
  const steps: Step[] = [
    ...(gm?.ok ? gm.steps : []),
    ...unique(
      perStage.flatMap((p) => p.w.steps),
      (x) => `${x.label}|${x.formula}`,
    ),
  ];
  steps.push(...srSteps(stages, best, nir.ir, nir.irRange, gUsa, eol, si));
  const left = unique(
    perStage.flatMap((p) => p.sh?.left ?? []),
    (s) => refText(s.figure.source),
  );
  const forms = stages.flatMap((s) =>
    s.imports
      ? [
          `(${s.imports.form}, ${s.imports.period}) at the ${s.stage}, ${s.imports.by === "stage" ? "its own product" : s.imports.by === "user" ? "the user's pick" : "the mineral's chosen form"}`,
        ]
      : [],
  );
  const caveats = [
    ...(best.value >= 1 ? ["SR ≥ 1: above the EU criticality threshold for supply risk"] : []),
    `US sourcing = domestic output (share 1 − IR, ${riskFree ? "counted as risk-free, g = 0 (euDomestic: none)" : "the US as one producer at g_USA"}) + imports (share IR) split by US import shares${forms.length ? ` ${forms.join("; ")}` : ""} (each stage's own product where USGS gives its table, else the mineral's chosen form); at a stage with no US output, imports alone`,
    ...stages.flatMap((s) => (s.imports ? [`${s.stage} imports split by ${s.imports.form} (${s.imports.period}): ${s.imports.why}`] : [])),
    "IR is the chapter's US NIR at every stage: USGS publishes one per chapter, not one per stage",
    ...(left.length ? [`aggregates left out of Σs²·g: ${left.map((s) => `${s.country} (${s.figure.form}, ${s.figure.raw} %)`).join(", ")}`] : []),
    ...(failed.length ? [`stages not computed: ${failed.join("; ")}`] : []),
    ...(range[1] > range[0] ? [`SR lies in [${r4(range[0])}, ${r4(range[1])}] over the NIR interval ${nir.raw}`] : []),
    ...nir.caveats,
  ];
  return {
    ok: true,
    value: best.value,
    hhiWgiGlobal: best.hhiWgiGlobal,
    hhiWgiSourcing: best.hhiWgiSourcing,
    ir: nir.ir,
    eolRir: eol.v,
    siSr: si.v,
    stage: best.stage,
    stages,
    range,
    params: { eolRir: eol.from, siSr: si.from, ...(eu ? { material: eu.material } : {}) },
    inputs,
    steps,
    defaulted,
    caveats,
  };
}
