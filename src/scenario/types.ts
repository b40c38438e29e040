import type { Baseline } from "../data/baseline.js";
import type { ParamSpec } from "./params.js";

/** Minerals an event or setting applies to. */
export type MineralSel = "all" | string[];

/*
 * A parsed, validated scenario. Every number that may vary is an index into `params` (so a draw
 * is one Float64Array); omitted numbers get fixed params with their defaults (start month 1,
 * duration to the horizon, ramp 0, probability 1; docs/input-ranges.md).
 */
export interface RestrictionEvent {
  type: "export_restriction";
  index: number;
  line?: number;
  countries: string[];
  minerals: MineralSel;
  start: number;
  duration: number;
  severity: number;
  stage?: string;
  note?: string;
}

export interface SurgeEvent {
  type: "demand_surge";
  index: number;
  line?: number;
  minerals: MineralSel;
  /** undefined: every sector */
  sector?: string;
  factor: number;
  start: number;
  duration: number;
  note?: string;
}

export interface SupplyEvent {
  type: "new_supply";
  index: number;
  line?: number;
  minerals: MineralSel;
  tonsPerYear: number;
  online: number;
  ramp: number;
  probability: number;
  note?: string;
}

export type ScenarioEvent = RestrictionEvent | SurgeEvent | SupplyEvent;

export interface StockSetting {
  /** a mineral id, or "all" (the default for minerals not named) */
  mineral: string;
  param: number;
  unit: "tons" | "days";
  line?: number;
}

export interface SectorSetting {
  mineral: string;
  shares: { sector: string; share: number }[];
  line?: number;
}

/** A scenario file's `probability:` with its `probability_why:` and the line it is on. */
export interface ScenarioProbability {
  /** the chance the scenario happens over its horizon, 0..1 (the rest of the mass is "no disruption") */
  value: number;
  /** the judgement or source behind it, as the file gives it */
  why: string;
  line?: number;
}

export interface Scenario {
  name: string;
  file: string;
  description?: string;
  cites: string[];
  horizon: number;
  /** the file's `probability:` and its reason; undefined when the file gives none (scenarioWeights then uses a stated default) */
  probability?: ScenarioProbability;
  exposure: "world" | "imports";
  /** the file's `baseline:` for d0, when it gives one (else the CLI flag or SCENARIO_DEFAULTS.baseline) */
  baseline?: Baseline;
  params: ParamSpec[];
  stock: StockSetting[];
  sectors: SectorSetting[];
  /** sector → priority (lower served first); sectors not named get SCENARIO_DEFAULTS.otherSectorPriority */
  priority: Record<string, number>;
  /** true when the file gave sector_priority (so the output can say whose order it is) */
  priorityFromFile: boolean;
  events: ScenarioEvent[];
  /** defaults the file relied on, stated in every output (e.g. an event without start_month starts in month 1) */
  notes: string[];
}
