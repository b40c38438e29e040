import { z } from "zod";
import { closest, LodestoneError, type Dataset, type Issue, type Project } from "../index.js";
import { parseYamlFile, readInputFile } from "./yaml-doc.js";

const KINDS = ["domestic-mine", "refinery", "allied-offtake", "recycling"] as const;
const FIELDS = ["tons_per_year", "online_month", "ramp_months", "probability", "capex"] as const;

/** The projects file's schema: one entry per candidate project (YAML or JSON). */
const projectSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and hyphens"),
  name: z.string().min(1),
  mineral: z.string().min(1),
  kind: z.enum(KINDS),
  tons_per_year: z.number().positive(),
  online_month: z.number().int().min(1),
  ramp_months: z.number().int().min(0),
  probability: z.number().min(0).max(1),
  capex: z.number().min(0),
  required: z.boolean().optional(),
  source: z.string().min(1).optional(),
  assumption: z.boolean().optional(),
  assumptions: z.array(z.enum(FIELDS)).optional(),
  why: z.string().optional(),
});
const fileSchema = z.strictObject({ projects: z.array(projectSchema) });

/**
 * Parse a projects file. Errors name the file, line and field; unknown minerals come with the
 * closest valid ids. Every project must cite a `source` or say `assumption: true` with a `why`.
 */
export function parseProjects(text: string, file: string, dataset: Dataset): Project[] {
  const { data, lineOf } = parseYamlFile(text, file, fileSchema);
  const issues: Issue[] = [];
  const ids = dataset.minerals.map((m) => m.id);
  const seen = new Set<string>();
  data.projects.forEach((p, n) => {
    const at = (field: string, message: string, expected?: string, suggestions?: string[]) => issues.push({ file, line: lineOf(["projects", n, field]), field: `projects.${n}.${field}`, message, expected, suggestions });
    if (!ids.includes(p.mineral)) at("mineral", `unknown mineral ${JSON.stringify(p.mineral)}`, "a mineral id of the dataset", closest(p.mineral, ids));
    if (seen.has(p.id)) at("id", `duplicate project id ${JSON.stringify(p.id)}`, "unique ids");
    seen.add(p.id);
    if (!p.source && !p.assumption) at("source", "neither a source nor `assumption: true`", "a public source, or assumption: true with why");
    if (p.assumption && !p.why) at("why", "an assumption without a reason", "why: the reason for the figures");
  });
  if (issues.length) throw new LodestoneError(issues.some((i) => i.suggestions) ? "not-found" : "invalid", issues);
  return data.projects.map((p) => ({
    id: p.id,
    name: p.name,
    mineral: p.mineral,
    kind: p.kind,
    tonsPerYear: p.tons_per_year,
    onlineMonth: p.online_month,
    rampMonths: p.ramp_months,
    probability: p.probability,
    capex: p.capex,
    ...(p.required ? { required: true } : {}),
    ...(p.source ? { source: p.source } : {}),
    ...(p.assumption || p.assumptions?.length ? { assumption: true } : {}),
    ...(p.why ? { why: p.why } : {}),
  }));
}

export function readProjects(path: string, dataset: Dataset): Project[] {
  return parseProjects(readInputFile(path, "projects file", "a YAML or JSON file with a projects: list"), path, dataset);
}
