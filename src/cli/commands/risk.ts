import {
  COMPONENTS,
  type CompositeWeights,
  checkImportForms,
  closest,
  FORMATS,
  LodestoneError,
  METHODS,
  mineralIdFor,
  RISK_DEFAULTS,
  type RiskTableOptions,
  riskCommandReport,
  WGI_AGGREGATES,
} from "../../index.js";
import { loadAssumptions } from "../../io/assumptions-file.js";
import { loadDataset } from "../../io/dataset.js";
import { numberFlag, oneOf, parse } from "../args.js";
import { baselineFlag } from "../plan-input.js";
import type { Command } from "./types.js";
import { wrapUsage } from "./usage.js";

/** "--weights hhi=0.2,nir=0.5" → partial weights; unknown keys name themselves and the valid ones. */
function weightsFlag(text: string | undefined): Partial<CompositeWeights> | undefined {
  if (text === undefined) return undefined;
  const out: Partial<CompositeWeights> = {};
  for (const part of text.split(",").filter(Boolean)) {
    const [k, v] = part.split("=");
    if (!(COMPONENTS as readonly string[]).includes(k))
      throw new LodestoneError("bad-input", {
        field: "--weights",
        message: `unknown component ${JSON.stringify(k)}`,
        expected: COMPONENTS.join(" | "),
        suggestions: closest(k, COMPONENTS),
      });
    if (v === undefined || part.split("=").length !== 2)
      throw new LodestoneError("bad-input", {
        field: "--weights",
        message: `${JSON.stringify(part)} is not component=weight`,
        expected: "a list such as hhi=0.2,nir=0.5",
      });
    if (k in out) throw new LodestoneError("bad-input", { field: "--weights", message: `${k} given twice`, expected: "each component at most once" });
    out[k as keyof CompositeWeights] = numberFlag(v, `--weights ${k}`, 0, 0, 1000, { example: "0.3" });
  }
  // the components not named keep their defaults: refuse here, naming the flag, when that leaves nothing above 0
  const weights = { ...RISK_DEFAULTS.weights, ...out };
  if (Object.values(weights).every((w) => w === 0))
    throw new LodestoneError("invalid", {
      field: "--weights",
      message: "every composite weight is 0",
      expected: `at least one weight above 0 among ${Object.keys(weights).join(", ")}`,
    });
  return out;
}

/** "--import-form niobium=Niobium oxide" (repeatable) → { niobium: "Niobium oxide" }; checked against the data. */
function importFormFlag(list: string[] | undefined): Record<string, string> | undefined {
  if (!list?.length) return undefined;
  const out: Record<string, string> = {};
  for (const item of list) {
    const at = item.indexOf("=");
    if (at <= 0 || at === item.length - 1)
      throw new LodestoneError("bad-input", {
        field: "--import-form",
        message: `${JSON.stringify(item)} is not mineral=form`,
        expected: 'e.g. --import-form "niobium=Niobium oxide"',
      });
    const id = item.slice(0, at).trim();
    if (id in out) throw new LodestoneError("bad-input", { field: "--import-form", message: `${id} given twice`, expected: "each mineral at most once" });
    out[id] = item.slice(at + 1).trim();
  }
  return out;
}

export const risk: Command = {
  usage: wrapUsage(
    [
      `lodestone risk [--method ${METHODS.join("|")}] [--stage STAGE] [--top N] [--format table|json|csv]`,
      `lodestone risk <id> [--explain] [--stage STAGE] [--format table|json|csv]`,
      `  --weights hhi=0.2,hhiWgi=0.3,nir=0.3,geopolrisk=0.2   composite weights (renormalised)`,
      `  --wgi ${WGI_AGGREGATES.join("|")}   WGI aggregate for HHI_WGI and EU SR (default mean)`,
      `  --eol-rir X  --si-sr X   EU SR parameters for all minerals (defaults 0 and 1, listed as defaulted)`,
      `  --import-form MINERAL=FORM   import product form for US import shares (repeatable; default: each stage's own product where USGS gives its table, else the form that stands for US supply)`,
      `  --assumptions FILE|none   figures USGS withholds: a NIR, a consumption or a price it does not publish (default: assumptions/public-estimates.yaml; none: public data only)`,
      `  --baseline latest|YEAR|mean:N   US consumption importance stands on, as simulate and plan (default mean:3, the last 3 reported years)`,
      `See docs/risk-methods.md for every formula and its reference.`,
    ].join("\n"),
  ),
  run(argv, io) {
    const { values, positionals } = parse(
      argv,
      {
        method: { type: "string" },
        stage: { type: "string" },
        top: { type: "string" },
        format: { type: "string" },
        explain: { type: "boolean" },
        weights: { type: "string" },
        wgi: { type: "string" },
        "eol-rir": { type: "string" },
        "si-sr": { type: "string" },
        "import-form": { type: "string", multiple: true },
        assumptions: { type: "string" },
        baseline: { type: "string" },
      },
      "risk",
      { max: 1, what: "at most one mineral id" },
    );
    const format = oneOf(values.format as string | undefined, FORMATS, "--format", "table");
    const method = oneOf(values.method as string | undefined, METHODS, "--method", "composite");
    const top = values.top === undefined ? undefined : numberFlag(values.top as string, "--top", 0, 1, Infinity, { integer: true, example: "10" });
    if (values.weights !== undefined && method !== "composite")
      throw new LodestoneError("bad-input", {
        field: "--weights",
        message: `--method ${method} does not use composite weights`,
        expected: "--weights with --method composite (the default), or no --weights",
      });
    const options: RiskTableOptions = {
      stage: values.stage as string | undefined,
      weights: weightsFlag(values.weights as string | undefined),
      wgiAggregate: values.wgi === undefined ? undefined : oneOf(values.wgi as string, WGI_AGGREGATES, "--wgi", "mean"),
      eolRir: values["eol-rir"] === undefined ? undefined : numberFlag(values["eol-rir"] as string, "--eol-rir", 0, 0, 1),
      siSr: values["si-sr"] === undefined ? undefined : numberFlag(values["si-sr"] as string, "--si-sr", 1, 0, 1),
      importForm: importFormFlag(values["import-form"] as string[] | undefined),
      baseline: baselineFlag(values.baseline as string | undefined),
    };
    const d = loadDataset();
    if (options.importForm) checkImportForms(d.minerals, options.importForm);
    options.assumptions = loadAssumptions(values.assumptions as string | undefined, d);
    // any name resolves (dysprosium → rare-earths, with a note on stderr); a name with no USGS chapter is not-found
    const asked = positionals[0] === undefined ? undefined : mineralIdFor(d, positionals[0]);
    if (asked?.resolution.kind === "part") io.stderr.write(`note: ${asked.resolution.note}\n`);
    const id = asked?.id;
    if (values.explain && id === undefined)
      throw new LodestoneError("bad-input", { field: "--explain", message: "no mineral id given", expected: "lodestone risk <id> --explain" });
    if (id !== undefined && top !== undefined)
      throw new LodestoneError("bad-input", {
        field: "--top",
        message: `ranks all minerals, and ${id} is one`,
        expected: "lodestone risk --top N (no mineral id), or lodestone risk <id> without --top",
      });
    if (values.explain && values.method !== undefined)
      throw new LodestoneError("bad-input", {
        field: "--method",
        message: "--explain shows every measure, so there is no method to choose",
        expected: "lodestone risk <id> --explain without --method, or lodestone risk <id> --method M",
      });
    io.stdout.write(riskCommandReport(d, options, { method, format, top, id, explain: values.explain === true }).text);
    return 0;
  },
};
