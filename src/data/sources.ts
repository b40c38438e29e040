import { MINERALS } from "./catalog.js";
import type { SourceFile } from "./types.js";

/**
 * The source files the importer reads, relative to data/sources/ (copied unchanged from
 * ../shared/data; their SHA-256 is checked against data/sources/MANIFEST.csv at import).
 */
export const MCS2026_FILE = "usgs-mcs2026/MCS2026_Commodities_Data.csv";
export const MCS2025_WORLD_FILE = "usgs-mcs2025/world/MCS2025_World_Data.csv";
export const WGI_FILE = "wgi/wgi_2024update_year2023_by_country.csv";
export const LISTS_FILE = "lists/critical_minerals_lists.csv";
export const EU_PARAMS_FILE = "eu-crm-2023/eu2023_parameters.csv";

export const salient25File = (code: string) => `usgs-mcs2025/salient/mcs2025-${code}_salient.csv`;
/** lithium's CSV is mcs2025-lithium_salient.csv but its metadata is mcs2025-lithi_meta.xml (PROVENANCE.md §1b) */
export const salient25Meta = (code: string) => `usgs-mcs2025/salient/mcs2025-${code === "lithium" ? "lithi" : code}_meta.xml`;

const USGS = "U.S. Geological Survey, National Minerals Information Center";

export function sourceFiles(): Omit<SourceFile, "sha256">[] {
  const list: Omit<SourceFile, "sha256">[] = [
    {
      path: MCS2026_FILE,
      encoding: "cp1252",
      publisher: USGS,
      title: "Mineral Commodity Summaries 2026 Data Release (doi:10.5066/P1WKQ63T)",
      licence: "Public domain (U.S. Government work)",
    },
    {
      path: MCS2025_WORLD_FILE,
      encoding: "utf-8",
      publisher: USGS,
      title: "Mineral Commodity Summaries 2025 Data Release, World Data (doi:10.5066/P13XCP3R)",
      licence: "Public domain (U.S. Government work)",
    },
    {
      path: WGI_FILE,
      encoding: "utf-8",
      publisher: "World Bank (Kaufmann and Kraay)",
      title: "Worldwide Governance Indicators, 2024 Update, year 2023 by country (compiled from wgidataset.xlsx)",
      licence: "CC BY 4.0",
    },
    {
      path: LISTS_FILE,
      encoding: "utf-8",
      publisher: "USGS / European Union (compiled)",
      title: "Critical mineral lists: USGS 2022, USGS 2025, EU 2023",
      licence: "Public domain / EU reuse (compiled)",
    },
    {
      path: EU_PARAMS_FILE,
      encoding: "utf-8",
      publisher: "European Commission (transcribed by meyerdata/CritMAT; compiled)",
      title: "Study on the Critical Raw Materials for the EU 2023: per-material SI_SR, EOL_RIR and import reliance",
      licence: "EU reuse (compiled)",
    },
  ];
  for (const m of MINERALS) {
    if (!m.salient25) continue;
    const title = `Mineral Commodity Summaries 2025 Data Release, salient statistics: ${m.name} (doi:10.5066/P13XCP3R)`;
    list.push({ path: salient25File(m.salient25), encoding: "utf-8", publisher: USGS, title, licence: "Public domain (U.S. Government work)" });
    list.push({
      path: salient25Meta(m.salient25),
      encoding: "utf-8",
      publisher: USGS,
      title: `${title}, FGDC metadata`,
      licence: "Public domain (U.S. Government work)",
    });
  }
  return list.sort((a, b) => a.path.localeCompare(b.path));
}
