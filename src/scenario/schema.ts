import { z } from "zod";

/**
 * The structure of a scenario file (YAML or JSON). zod checks shapes and types only; ranges,
 * ids and distributions are checked afterwards (parse.ts) so each problem names its own field.
 * Each union carries, as its error, the text of what was expected.
 */
export const NUMBER_EXPECTED = "a number or {triangular: [min, mode, max]} | {uniform: [a, b]} | {normal: [mean, sd]}";

export const numberOrDist = z.union(
  [
    z.number(),
    z.strictObject({ triangular: z.tuple([z.number(), z.number(), z.number()]) }),
    z.strictObject({ uniform: z.tuple([z.number(), z.number()]) }),
    z.strictObject({ normal: z.tuple([z.number(), z.number()]) }),
  ],
  { error: NUMBER_EXPECTED },
);
export type NumberOrDist = z.infer<typeof numberOrDist>;

const mineralList = z.union([z.literal("all"), z.array(z.string()).min(1)], { error: '"all" or a list of mineral ids such as [gallium, germanium]' });

const restriction = z.strictObject({
  type: z.literal("export_restriction"),
  countries: z.array(z.string()).min(1),
  minerals: mineralList,
  start_month: numberOrDist.optional(),
  duration_months: numberOrDist.optional(),
  severity: numberOrDist,
  stage: z.string().optional(),
  note: z.string().optional(),
});

const surge = z.strictObject({
  type: z.literal("demand_surge"),
  minerals: mineralList,
  sector: z.string().optional(),
  factor: numberOrDist,
  start_month: numberOrDist.optional(),
  duration_months: numberOrDist.optional(),
  note: z.string().optional(),
});

const newSupply = z.strictObject({
  type: z.literal("new_supply"),
  minerals: mineralList,
  tons_per_year: numberOrDist,
  online_month: numberOrDist,
  ramp_months: numberOrDist.optional(),
  probability: numberOrDist.optional(),
  note: z.string().optional(),
});

export const stockEntry = z.union([numberOrDist, z.strictObject({ tons: numberOrDist }), z.strictObject({ days: numberOrDist })], {
  error: `tons as ${NUMBER_EXPECTED}, or {tons: …}, or {days: …} (days of import cover)`,
});

/** Each event type's fields: parse.ts checks an event's fields one by one against its type's shape. */
export const EVENT_SCHEMAS = { export_restriction: restriction, demand_surge: surge, new_supply: newSupply } as const;
export type EventType = keyof typeof EVENT_SCHEMAS;
export type EventFile = { [K in EventType]: z.infer<(typeof EVENT_SCHEMAS)[K]> }[EventType];

/** A mineral's sector shares: sector → share of US use. */
export const sectorShares = z.record(z.string(), z.number());

export const scenarioSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  /** the public events the scenario models, in words (listed by `lodestone scenarios`) */
  cites: z.array(z.string()).optional(),
  horizon_months: z.number(),
  /** the chance the scenario happens over its horizon (the rest is "no disruption"); range checked in parse.ts */
  probability: z.number().optional(),
  /** the judgement or source behind `probability` (required with it) */
  probability_why: z.string().min(1).optional(),
  exposure: z.enum(["world", "imports"]).optional(),
  /** US consumption baseline for d0: latest, a year (2024) or mean:N (checked in parse.ts) */
  baseline: z.union([z.string(), z.number()], { error: "latest, a year such as 2024, or mean:N" }).optional(),
  stock: z.record(z.string(), stockEntry).optional(),
  sectors: z.record(z.string(), sectorShares).optional(),
  sector_priority: z.record(z.string(), z.number()).optional(),
  events: z.array(z.discriminatedUnion("type", [restriction, surge, newSupply])).optional(),
});
export type ScenarioFile = z.infer<typeof scenarioSchema>;
