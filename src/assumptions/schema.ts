import { z } from "zod";
import { ASSUMPTION_QUANTITIES, QUANTITIES } from "./types.js";

/** The structure of one assumptions entry; cross-field rules (range order, unit, source or judgement, derive) are checked in parse.ts. */
export const citation = z.strictObject({
  title: z.string().min(1),
  publisher: z.string().min(1),
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, { error: "an ISO date such as 2026-01-30" }),
  url: z.string().regex(/^https?:\/\/\S+$/, { error: "an http(s) URL" }),
});

export const entry = z.strictObject({
  mineral: z.string().min(1),
  quantity: z.enum(ASSUMPTION_QUANTITIES),
  value: z.number().min(0).optional(),
  range: z.tuple([z.number().min(0), z.number().min(0)]).optional(),
  unit: z.enum(["t", "USD/t", "percent"]),
  year: z.number().int().min(1900).max(2100),
  basis: z.string().min(1).optional(),
  method: z.string().min(1).optional(),
  source: citation.optional(),
  judgement: z.string().min(1).optional(),
  range_basis: z.string().min(1).optional(),
  derive: z.string().min(1).optional(),
});
export type EntryInput = z.infer<typeof entry>;

/**
 * A figure looked for and not found in any public source (docs/assumptions-sources.md "Still missing"):
 * the mineral and quantity, why it stays missing, and where it was looked for. Simulate, plan and the
 * profile give this reason wherever the figure leaves a mineral out.
 */
export const missingEntry = z.strictObject({
  mineral: z.string().min(1),
  quantity: z.enum(QUANTITIES),
  reason: z.string().min(1),
  looked_in: z.array(z.string().min(1)).min(1),
});
export type MissingInput = z.infer<typeof missingEntry>;

export const file = z.strictObject({ version: z.literal(1), assumptions: z.array(z.unknown()), missing: z.array(z.unknown()).optional() });

export const ENTRY_FIELDS = Object.keys(entry.shape);
export const MISSING_FIELDS = Object.keys(missingEntry.shape);
export const EXPECTED =
  "an assumptions mapping: version: 1, assumptions: a list of {mineral, quantity, value, range, unit, year, method, source | judgement}, and optionally missing: a list of {mineral, quantity, reason, looked_in}";
