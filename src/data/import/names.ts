import type { Issue } from "../../errors.js";
import { type CountryMatch, matchCountry } from "../countries.js";

/** Resolves USGS country labels and remembers every spelling seen, for the country table. */
export class CountryNames {
  readonly aliases = new Map<string, Set<string>>();

  resolve(label: string, at: { file: string; line: number; field: string }, issues: Issue[]): CountryMatch | undefined {
    const m = matchCountry(label);
    if (!m) {
      issues.push({
        ...at,
        message: `unmapped country name ${JSON.stringify(label.trim())}`,
        expected: "a name in src/data/countries.ts or an aggregate (World total, Other countries)",
      });
      return undefined;
    }
    const set = this.aliases.get(m.code) ?? new Set<string>();
    set.add(m.name);
    this.aliases.set(m.code, set);
    return m;
  }
}
