/** The JSON the Plan page reads from the API (GET /scenarios, POST /plans, /frontier, /compare), as it uses it. */
import type { AssumedMarks } from "./assumed.js";

/** One scenario file as GET /scenarios lists it. */
export interface ScenarioListing {
  id: string;
  name: string;
  /** the file's probability over its horizon and why (the plan weighs each scenario by it) */
  probability: { value: number; why: string; defaulted: boolean };
}

/** One year of a mineral's purchase schedule. */
export interface ScheduleYear {
  year: number;
  tons: number;
  cashUsd: number;
  priceUsdPerTon: number | null;
  priceReason?: string;
}

/** One mineral in a plan: what it buys, at what cost, and the shortfall before and after. */
export interface PlanMineral {
  id: string;
  buyTons: number;
  costUsd: number;
  daysOfCover: number | null;
  shortfallBefore: number;
  shortfallAfter: number;
  capReason?: string;
  schedule?: ScheduleYear[];
  /** the inputs an analyst assumed (consumption d0, import reliance r, price), each with its range and source */
  assumed?: AssumedMarks;
}

/** One candidate capacity project in a plan. */
export interface PlanProject {
  id: string;
  mineral: string;
  kind: string;
  /** 1 funded, 0 not, in between when projects may be funded in part */
  fund: number;
  capexUsd: number;
  spentUsd: number;
  tonsPerYear: number;
  onlineMonth: number;
  probability: number;
  /** what its output is worth to the plan, net of the purchases it replaces (null: not computed, flipCostUsdReason says why) */
  worthUsd: number | null;
  /** what deciding it the other way would cost in net expected benefit */
  flipCostUsd: number | null;
  flipCostUsdReason?: string;
}

/** A plan (POST /plans). */
export interface PlanJson {
  status: string;
  headline?: string;
  reason?: string;
  years?: number;
  budgetUsd: number;
  spentUsd: number;
  unspentUsd: number;
  valueBeforeUsd: number;
  valueAfterUsd: number;
  resaleValueUsd: number;
  holdingCostUsd: number;
  netBenefitUsd: number;
  marginalValue: number | null;
  minerals: PlanMineral[];
  projects: PlanProject[];
  notes: string[];
}

/** The budget frontier (POST /frontier): one plan's figures per budget, and where more money stops helping. */
export interface FrontierJson {
  points: { budgetUsd: number; status: string; spentUsd: number; valueAfterUsd: number; marginalValue: number | null }[];
  flattensAt: { budgetUsd: number; spentUsd: number } | null;
}

/** One mineral's or project's line in a comparison of two budgets. */
export interface CompareRow {
  id: string;
  kind: "mineral" | "project";
  buyTonsLarger: number;
  buyTonsSmaller: number;
  costLargerUsd: number;
  costSmallerUsd: number;
  shortfallLargerTons: number | null;
  shortfallSmallerTons: number | null;
  valueLostBySmallerUsd: number;
}

/** Two budgets' plans compared (POST /compare). */
export interface CompareJson {
  direction: "cut" | "raise" | "equal";
  summary: string;
  neitherBinds?: boolean;
  budgetLargerUsd: number;
  budgetSmallerUsd: number;
  valueLostBySmallerUsd: number;
  larger: PlanJson;
  smaller: PlanJson;
  rows: CompareRow[];
}

/** The plan's projects that are funded, in whole or in part. */
export const funded = (p: PlanJson) => p.projects.filter((j) => j.fund > 0);
