import type { Issue } from "../../errors.js";
import { LIST_IDS } from "../catalog.js";
import { parseCsv, requireColumns } from "../csv.js";
import { LISTS_FILE } from "../sources.js";
import type { Mineral, NotCovered } from "../types.js";
import { cleanText } from "../values.js";

/** Which lists name each mineral; US entries via `mcs_chapter`, EU entries via the catalog's `eu` names. */
export function importLists(text: string, byChapter: Map<string, Mineral>, byEu: Map<string, Mineral>, issues: Issue[]): NotCovered[] {
  const table = parseCsv(text, LISTS_FILE);
  const c = requireColumns(table, ["name", "list", "mcs_chapter", "note"]);
  const notCovered: NotCovered[] = [];
  for (const { line, cells } of table.rows) {
    const list = LIST_IDS[cleanText(cells[c.list])];
    const name = cleanText(cells[c.name]);
    if (!list) {
      issues.push({
        file: LISTS_FILE,
        line,
        field: "list",
        message: `unknown list ${JSON.stringify(cells[c.list])}`,
        expected: Object.keys(LIST_IDS).join(" | "),
      });
      continue;
    }
    const chapter = cleanText(cells[c.mcs_chapter]);
    const mineral = list === "eu-2023" ? byEu.get(name) : chapter ? byChapter.get(chapter) : undefined;
    if (!mineral) {
      if (list !== "eu-2023" && chapter) {
        issues.push({ file: LISTS_FILE, line, field: "mcs_chapter", message: `unknown chapter ${JSON.stringify(chapter)}`, expected: "an MCS 2026 chapter" });
      } else {
        notCovered.push({ list, name, reason: chapter ? "" : "no MCS chapter: USGS collects no data for it" });
      }
      continue;
    }
    const note = cleanText(cells[c.note]);
    mineral.lists.push({ list, name, ...(list === "eu-2023" && note ? { note } : {}), source: { file: LISTS_FILE, row: line, column: "name" } });
  }
  return notCovered;
}
