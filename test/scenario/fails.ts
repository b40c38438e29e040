import { LodestoneError, parseScenario } from "../../src/index.js";
import { tinyDataset } from "../simulate/tiny.js";

const ds = tinyDataset();

/** The LodestoneError a scenario text raises on the tiny dataset (fails the test if none or another error). */
export function fails(text: string): LodestoneError {
  try {
    parseScenario(text, "bad.yaml", ds);
  } catch (e) {
    if (e instanceof LodestoneError) return e;
    throw e;
  }
  throw new Error("expected a LodestoneError");
}
