import { z } from "zod";
import {
  type CodedIssue,
  checkFields,
  closest,
  type Dataset,
  describeValue,
  type FieldPath,
  type IssueContext,
  isMapping,
  issuesError,
  PROJECT_RANGES,
  type Project,
  rangedNumber,
  readYaml,
} from "../index.js";
import { shownPath } from "./dataset.js";
import { readInputFile } from "./yaml-doc.js";

const KINDS = ["domestic-mine", "refinery", "allied-offtake", "recycling"] as const;
const NUMBERS = ["tons_per_year", "online_month", "ramp_months", "probability", "capex"] as const;

/** The projects file's schema: one entry per candidate project (YAML or JSON); numbers in PROJECT_RANGES (docs/input-ranges.md). */
const projectShape = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "an id of lower-case letters, digits and hyphens"),
  name: z.string().min(1),
  mineral: z.string().min(1),
  kind: z.enum(KINDS),
  tons_per_year: rangedNumber(PROJECT_RANGES.tons_per_year),
  online_month: rangedNumber(PROJECT_RANGES.online_month),
  ramp_months: rangedNumber(PROJECT_RANGES.ramp_months),
  probability: rangedNumber(PROJECT_RANGES.probability),
  capex: rangedNumber(PROJECT_RANGES.capex),
  required: z.boolean().optional(),
  source: z.string().min(1).optional(),
  assumption: z.boolean().optional(),
  assumptions: z.array(z.enum(NUMBERS)).optional(),
  why: z.string().optional(),
};
type ProjectFile = z.infer<z.ZodObject<typeof projectShape>>;
const FIELDS = Object.keys(projectShape);
const EXPECTED = "a mapping with a projects: list";

/** What each field holds, for "expected …": the numbers' documented ranges and the text fields' forms. */
const EXPECTED_FIELD: Record<string, string> = {
  ...Object.fromEntries(Object.entries(PROJECT_RANGES).map(([k, r]) => [k, r.expected])),
  id: "an id of lower-case letters, digits and hyphens",
  name: "the project's name",
  mineral: "a mineral id of the dataset",
  kind: KINDS.join(" | "),
  source: "a public source for the figures",
  assumptions: `a list of ${NUMBERS.join(" | ")}`,
};
const expectedAt = (path: FieldPath): string | undefined => {
  const field = path[2];
  return path[0] === "projects" && path.length === 3 && typeof field === "string" && Object.hasOwn(EXPECTED_FIELD, field) ? EXPECTED_FIELD[field] : undefined;
};

/**
 * Parse a projects file. Every problem is reported at once as `file:line: field: problem, expected
 * …` (each project and each field checked on its own); unknown minerals come with the closest
 * valid ids. Every project must cite a `source` or say `assumption: true` with a `why`.
 */
export function parseProjects(text: string, file: string, dataset: Dataset): Project[] {
  const input = readYaml(text, file, EXPECTED);
  const cx: IssueContext = { input, fields: FIELDS, format: "a field of the projects format", expectedOf: expectedAt };
  const issues: CodedIssue[] = [];
  const shape: typeof issues = [];
  const push = (code: CodedIssue["code"], path: FieldPath, message: string, expected?: string, suggestions?: string[]) =>
    issues.push({ ...input.at(path), code, message, expected, suggestions });
  checkFields(
    input.js,
    { projects: { safeParse: (v: unknown) => ({ success: true, data: v }) } },
    [],
    { ...cx, fields: ["projects"], format: EXPECTED },
    shape,
  );
  const raw = Object.hasOwn(input.js, "projects") ? input.js.projects : undefined;
  if (raw === undefined) push("bad-input", ["projects"], "missing", "a list of projects");
  else if (!Array.isArray(raw)) push("bad-input", ["projects"], `wrong type: ${describeValue(raw)}`, "a list of projects");
  const ids = dataset.minerals.map((m) => m.id);
  const seen = new Set<string>();
  const projects: ProjectFile[] = [];
  (Array.isArray(raw) ? raw : []).forEach((p, n) => {
    const at = (f: string) => ["projects", n, f];
    if (!isMapping(p))
      return void push(
        "bad-input",
        ["projects", n],
        `wrong type: ${describeValue(p)}`,
        "a project mapping with id, name, mineral, kind, tons_per_year, online_month, ramp_months, probability and capex",
      );
    const got = checkFields(p, projectShape, ["projects", n], cx, shape) as Partial<ProjectFile>;
    if (typeof p.mineral === "string" && p.mineral && !ids.includes(p.mineral))
      push("not-found", at("mineral"), `unknown mineral ${JSON.stringify(p.mineral)}`, "a mineral id of the dataset", closest(p.mineral, ids));
    if (typeof p.id === "string") {
      if (seen.has(p.id)) push("invalid", at("id"), `duplicate project id ${JSON.stringify(p.id)}`, "unique ids");
      seen.add(p.id);
    }
    if (!p.source && !p.assumption) push("invalid", at("source"), "neither a source nor `assumption: true`", "a public source, or assumption: true with why");
    if (p.assumption === true && !p.why) push("invalid", at("why"), "an assumption without a reason", "why: the reason for the figures");
    projects.push(got as ProjectFile);
  });
  issues.push(...shape);
  if (issues.length) throw issuesError(issues);
  return projects.map((p) => ({
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
  const shown = shownPath(path);
  return parseProjects(readInputFile(path, "projects file", "a YAML or JSON file with a projects: list", shown), shown, dataset);
}
