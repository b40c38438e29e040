import type { Issue } from "../../errors.js";
import { parseCsv, requireColumns } from "../csv.js";
import { WGI_FILE } from "../sources.js";
import type { GovernanceScores } from "../types.js";
import { parseNumber } from "../values.js";

const IND = ["va", "pv", "ge", "rq", "rl", "cc"] as const;

/** WGI 2024 update, 2023 estimates by economy (compiled file, PROVENANCE.md §3): iso3 → scores. */
export function importWgi(text: string, issues: Issue[]): Map<string, { name: string; scores: GovernanceScores }> {
  const table = parseCsv(text, WGI_FILE);
  const c = requireColumns(table, ["iso3", "country_name", "year", "mean6_est", ...IND.map((i) => `${i}_est` as const)]);
  const out = new Map<string, { name: string; scores: GovernanceScores }>();
  for (const { line, cells } of table.rows) {
    const iso3 = cells[c.iso3].trim();
    if (!iso3) continue; // ANT: Netherlands Antilles (former), no ISO code
    const num = (k: keyof typeof c) => {
      const t = cells[c[k]].trim();
      if (t === "" || t === "..") return null;
      const n = parseNumber(t);
      if (n === undefined)
        issues.push({ file: WGI_FILE, line, field: String(k), message: `unrecognised value ${JSON.stringify(t)}`, expected: "a number or blank" });
      return n ?? null;
    };
    const scores: GovernanceScores = {
      va: num("va_est"),
      pv: num("pv_est"),
      ge: num("ge_est"),
      rq: num("rq_est"),
      rl: num("rl_est"),
      cc: num("cc_est"),
      mean: num("mean6_est"),
      year: Number(cells[c.year]),
      source: { file: WGI_FILE, row: line, column: "mean6_est" },
    };
    out.set(iso3, { name: cells[c.country_name].trim(), scores });
  }
  return out;
}
