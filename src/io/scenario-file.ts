import { existsSync, readdirSync } from "node:fs";
import { basename, join, relative } from "node:path";
import {
  closest,
  type Dataset,
  DEFAULT_SCENARIO_PROBABILITY,
  LodestoneError,
  parseScenario,
  SCENARIO_DEFAULTS,
  type Scenario,
  type ScenarioListing,
} from "../index.js";
import { ROOT } from "./dataset.js";
import { readInputFile } from "./yaml-doc.js";

/** The built-in scenario library. */
export const SCENARIOS_DIR = join(ROOT, "scenarios");
/** Scenario files above this size are refused (too-large); projects and basket files share the cap. */
export const MAX_SCENARIO_BYTES = SCENARIO_DEFAULTS.maxInputBytes;

const isScenario = (f: string) => /\.(ya?ml|json)$/i.test(f);

export function listScenarioFiles(dir = SCENARIOS_DIR): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter(isScenario)
        .sort()
        .map((f) => join(dir, f))
    : [];
}

/**
 * A path, or the name of a built-in scenario (file name without extension, e.g. `antimony-2024`).
 * A path that exists is returned whatever it is: reading it says if it is a directory or a device.
 */
export function resolveScenario(ref: string, dir = SCENARIOS_DIR): string {
  if (ref !== "" && existsSync(ref)) return ref;
  const builtIn = listScenarioFiles(dir).find((f) => basename(f).replace(/\.(ya?ml|json)$/i, "") === ref || basename(f) === ref);
  if (builtIn) return builtIn;
  const names = listScenarioFiles(dir).map((f) => basename(f).replace(/\.(ya?ml|json)$/i, ""));
  throw new LodestoneError("not-found", {
    file: ref,
    message: "no such scenario file or built-in scenario",
    expected: "a YAML/JSON file path or a name from `lodestone scenarios`",
    suggestions: closest(basename(ref), names),
  });
}

/** Read a scenario file (YAML or JSON) and parse it in the core. Errors name the path as given. */
export function loadScenario(ref: string, dataset: Dataset, dir = SCENARIOS_DIR): Scenario {
  const path = resolveScenario(ref, dir);
  const shown = path.startsWith(ROOT) ? relative(ROOT, path) : path;
  return parseScenario(readInputFile(path, "scenario file", "a YAML or JSON scenario mapping with name, horizon_months and events", shown), shown, dataset);
}

/** A scenario file's id: its name without the extension (`antimony-2024`). */
export const scenarioId = (file: string) => basename(file).replace(/\.(ya?ml|json)$/i, "");

/** The built-in scenarios as `lodestone scenarios` and the API's /scenarios list them: id, file, name, horizon, events, probability, cites. */
export function scenarioListings(dataset: Dataset, dir = SCENARIOS_DIR): ScenarioListing[] {
  return listScenarioFiles(dir).map((f) => {
    const s = loadScenario(f, dataset, dir);
    const probability = s.probability
      ? { value: s.probability.value, why: s.probability.why, defaulted: false }
      : { ...DEFAULT_SCENARIO_PROBABILITY, defaulted: true };
    return { id: scenarioId(f), file: s.file, name: s.name, horizon: s.horizon, events: s.events.length, probability, cites: s.cites };
  });
}
