import { z } from "zod";
import type { Dataset } from "./types.js";

/**
 * The dataset's schema, checked when a dataset file is loaded (an edited or truncated file fails
 * with the path of the first bad field instead of surfacing later as a wrong number).
 */
const source = z.object({ file: z.string().min(1), row: z.number().int().positive(), column: z.string() });
const status = z.enum([
  "reported",
  "estimated",
  "zero",
  "withheld",
  "not-available",
  "not-applicable",
  "net-exporter",
  "bound",
  "range",
  "qualitative",
  "suppressed",
]);
const figure = z.object({
  value: z.number().nullable(),
  unit: z.string(),
  normalized: z.number().nullable().optional(),
  normalizedUnit: z.enum(["t", "USD/t", "%"]).optional(),
  year: z.number().int(),
  period: z.string().optional(),
  status,
  estimated: z.literal(true).optional(),
  bound: z.enum([">", "<"]).optional(),
  range: z.tuple([z.number(), z.number()]).optional(),
  raw: z.string(),
  note: z.string().optional(),
  source,
});
const countryFigure = figure.extend({ country: z.string().min(2), stage: z.string(), form: z.string() });
const listId = z.enum(["usgs-2022", "usgs-2025", "eu-2023"]);
const mineral = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  chapter: z.string(),
  basis: z.string().optional(),
  lists: z.array(z.object({ list: listId, name: z.string(), note: z.string().optional(), source })),
  production: z.array(countryFigure),
  capacity: z.array(countryFigure),
  reserves: z.array(countryFigure),
  salient: z.array(
    figure.extend({
      measure: z.enum(["production", "imports", "exports", "consumption", "net-import-reliance", "stocks", "price", "employment", "other"]),
      detail: z.string(),
    }),
  ),
  importSources: z.array(figure.extend({ country: z.string(), form: z.string() })),
  eu2023: z
    .object({
      material: z.string(),
      assessedStage: z.string(),
      stages: z.string(),
      siSr: z.number().min(0).max(1).nullable(),
      eolRir: z.number().min(0).max(1).nullable(),
      raw: z.object({ siSr: z.string(), eolRir: z.string() }),
      source,
    })
    .optional(),
});
const wgi = z.number().nullable();
export const datasetSchema = z.object({
  schema: z.literal(1),
  sources: z.array(
    z.object({
      path: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      encoding: z.enum(["utf-8", "cp1252"]),
      publisher: z.string(),
      title: z.string(),
      licence: z.string(),
    }),
  ),
  countries: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      aggregate: z.boolean(),
      aliases: z.array(z.string()),
      governance: z.object({ va: wgi, pv: wgi, ge: wgi, rq: wgi, rl: wgi, cc: wgi, mean: wgi, year: z.number().int(), source }).optional(),
    }),
  ),
  minerals: z.array(mineral),
  notCovered: z.array(z.object({ list: listId, name: z.string(), reason: z.string() })),
});

/** Validate parsed JSON as a Dataset; the first problems name their path (minerals.3.production.12.source.row). */
export function validateDataset(value: unknown): { ok: true; dataset: Dataset } | { ok: false; problems: { path: string; message: string }[] } {
  const r = datasetSchema.safeParse(value);
  if (r.success) return { ok: true, dataset: r.data as Dataset };
  return { ok: false, problems: r.error.issues.slice(0, 10).map((i) => ({ path: i.path.join("."), message: i.message })) };
}
