import type { Command } from "./types.js";

interface Entry {
  summary: string;
  /** the command's module, imported on demand so `--help` and light commands skip the heavy ones */
  load(): Promise<Command>;
}

/** The command table: one line per command (each in its own file under cli/commands/). */
export const COMMANDS: Record<string, Entry> = {
  data: { summary: "import the embedded dataset from data/sources, or check it", load: async () => (await import("./data.js")).data },
  scenarios: {
    summary: "list the built-in disruption scenarios (scenarios/*.yaml) and what each cites",
    load: async () => (await import("./scenarios.js")).scenarios,
  },
  simulate: {
    summary: "simulate a disruption scenario month by month (deterministic, or Monte Carlo with --runs)",
    load: async () => (await import("./simulate.js")).simulate,
  },
  minerals: { summary: "the mineral catalogue: top producers, HHI, US import reliance, price", load: async () => (await import("./minerals.js")).minerals },
  mineral: { summary: "one mineral's full profile, with the source of every figure", load: async () => (await import("./mineral.js")).mineral },
  risk: {
    summary: "supply-risk ranking (HHI, HHI_WGI, EU SR, NIR, GeoPolRisk, composite) or one mineral explained",
    load: async () => (await import("./risk.js")).risk,
  },
  plan: {
    summary: "budget-optimal reserve plan: what to buy, which projects to fund, what a smaller budget loses",
    load: async () => (await import("./plan.js")).plan,
  },
  assumptions: {
    summary: "analyst assumptions for what USGS withholds: gaps, and check a file",
    load: async () => (await import("./assumptions.js")).assumptions,
  },
  reserve: {
    summary: "the reserve ledger: run orders, receipts and draws; position, cover, statements, valuation, audit",
    load: async () => (await import("./reserve.js")).reserve,
  },
  frontier: {
    summary: "expected shortfall value against budget, with the marginal value at each step",
    load: async () => (await import("./frontier.js")).frontier,
  },
  serve: {
    summary: "serve the HTTP API (JSON, OpenAPI at /openapi.json, reference at /docs) on localhost",
    load: async () => (await import("./serve.js")).serve,
  },
  briefing: {
    summary: "a one-page briefing for decision makers (PDF or HTML): what to buy, why, what a cut loses",
    load: async () => (await import("./briefing.js")).briefing,
  },
};
