import { basename, join } from "node:path";
import { closest, type Dataset, LodestoneError } from "../index.js";
import { ROOT } from "../io/dataset.js";
import { listScenarioFiles, SCENARIOS_DIR, scenarioId } from "../io/scenario-file.js";
import type { Ledger } from "../store/index.js";
import type { JobRunner } from "./jobs.js";
import type { Tokens } from "./tokens.js";

/** The kinds of built-in input file a request may name. */
export const FILE_KINDS = ["scenarios", "baskets", "projects", "holdings", "assumptions", "markets"] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/**
 * The built-in input files by name (the file name without its extension), per kind. A request names
 * a file only from these: the API never reads a path it is sent (the CLI, run by its user, may).
 */
export type BuiltInFiles = Record<FileKind, Record<string, string>>;

const byName = (files: readonly string[]) => Object.fromEntries(files.map((f) => [scenarioId(f), f]));

/** The files shipped under the project root: scenarios/, baskets/, projects/, holdings/ and assumptions/ (market*.yaml are market files). */
export function builtInFiles(root = ROOT): BuiltInFiles {
  const assumptionsDir = listScenarioFiles(join(root, "assumptions"));
  const isMarket = (f: string) => basename(f).startsWith("market");
  return {
    scenarios: byName(listScenarioFiles(root === ROOT ? SCENARIOS_DIR : join(root, "scenarios"))),
    baskets: byName(listScenarioFiles(join(root, "baskets"))),
    projects: byName(listScenarioFiles(join(root, "projects"))),
    holdings: byName(listScenarioFiles(join(root, "holdings"))),
    assumptions: byName(assumptionsDir.filter((f) => !isMarket(f))),
    markets: byName(assumptionsDir.filter(isMarket)),
  };
}

/** A built-in file's path by its name; an unknown name (or any path) is not-found, with the names there are. */
export function builtInPath(files: BuiltInFiles, kind: FileKind, name: string, field: string): string {
  const table = files[kind];
  if (Object.hasOwn(table, name)) return table[name];
  const names = Object.keys(table);
  throw new LodestoneError("not-found", {
    field,
    message: `no built-in ${kind.replace(/s$/, "")} named ${JSON.stringify(name)}`,
    expected: `one of ${names.join(", ") || "(none shipped)"}${field === "assumptions" || field === "market" ? ", or none" : ""}`,
    suggestions: closest(name, names),
  });
}

/** What the app runs on: the dataset, the built-in files, a clock and the job runner. */
export interface ApiDeps {
  dataset: Dataset;
  files: BuiltInFiles;
  /** milliseconds since the epoch; the job runner's timestamps use the same */
  clock: () => number;
  jobs: JobRunner;
  /** the largest request body, in bytes (413 above) */
  maxBodyBytes: number;
  /** the built dashboard's folder (default dist/web) */
  webDir?: string;
  /** the open reserve ledger the /ledger routes use (none: they answer 404 after authentication) */
  ledger?: Ledger;
  /** bearer token hash → actor, for the /ledger routes (none: every ledger request is 401) */
  tokens?: Tokens;
}
