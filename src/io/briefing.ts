import { briefingHtml, createPlanner } from "../index.js";
import { loadPlanInput } from "./plan-input.js";

/** What a briefing is made at: the plan's budget and the cut it is compared with. */
export interface BriefingRequest {
  /** USD */
  budget: number;
  /** ISO date printed on the note */
  date: string;
  /** called between the phases (reading and drawing the scenarios, solving), e.g. a job's progress */
  onPhase?: (done: number, total: number, phase: string) => void | Promise<void>;
}

/**
 * The one-page briefing's HTML (lodestone briefing, POST /briefing, the dashboard's Briefing page):
 * the default plan at `budget` and the same plan at a third of it (what a cut loses), on the embedded
 * data and the shipped files, with the plan's notes as the assumptions.
 */
export async function makeBriefing({ budget, date, onPhase }: BriefingRequest): Promise<string> {
  await onPhase?.(0, 3, "reading inputs and drawing the scenarios");
  const { input, notes } = loadPlanInput({ options: { budget } });
  await onPhase?.(1, 3, "solving the plan");
  const planner = await createPlanner(input);
  const plan = planner.solve(budget);
  await onPhase?.(2, 3, "solving the cut to a third");
  const cut = planner.solve(budget / 3);
  return briefingHtml({ plan, cut, notes, date });
}
