import type { Command } from "./types.js";
import { data } from "./data.js";
import { scenarios } from "./scenarios.js";
import { simulate } from "./simulate.js";
import { mineral } from "./mineral.js";
import { minerals } from "./minerals.js";
import { risk } from "./risk.js";
import { plan } from "./plan.js";
import { frontier } from "./frontier.js";

/** The command table: one line per command (each in its own file under cli/commands/). */
export const COMMANDS: Record<string, Command> = {
  data,
  scenarios,
  simulate,
  minerals,
  mineral,
  risk,
  plan,
  frontier,
};
