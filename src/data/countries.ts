/**
 * USGS country names → ISO 3166-1 alpha-3. Every name in the sources must map to a
 * code here or to an explicit aggregate; an unmapped name fails the import.
 * Qualifiers in parentheses ("Brazil (beneficiated)") are split off and kept as notes,
 * except where they are part of the name ("Congo (Kinshasa)").
 */
const USGS_TO_ISO3: Record<string, string> = {
  Afghanistan: "AFG",
  Algeria: "DZA",
  Angola: "AGO",
  Argentina: "ARG",
  Armenia: "ARM",
  Australia: "AUS",
  Austria: "AUT",
  Azerbaijan: "AZE",
  Bahrain: "BHR",
  Belarus: "BLR",
  Belgium: "BEL",
  Bhutan: "BTN",
  Bolivia: "BOL",
  Botswana: "BWA",
  Brazil: "BRA",
  Bulgaria: "BGR",
  "Burkina Faso": "BFA",
  Burma: "MMR",
  Burundi: "BDI",
  Cameroon: "CMR",
  Canada: "CAN",
  Chile: "CHL",
  China: "CHN",
  Colombia: "COL",
  "Congo (Kinshasa)": "COD",
  "Congo (Brazzaville)": "COG",
  Cuba: "CUB",
  Cyprus: "CYP",
  Czechia: "CZE",
  "Côte d’Ivoire": "CIV",
  "Côte d'Ivoire": "CIV",
  Denmark: "DNK",
  Ecuador: "ECU",
  Egypt: "EGY",
  Estonia: "EST",
  Ethiopia: "ETH",
  Finland: "FIN",
  France: "FRA",
  Gabon: "GAB",
  Georgia: "GEO",
  Germany: "DEU",
  Ghana: "GHA",
  Greece: "GRC",
  Greenland: "GRL",
  Guatemala: "GTM",
  Guinea: "GIN",
  Guyana: "GUY",
  Honduras: "HND",
  Hungary: "HUN",
  Iceland: "ISL",
  India: "IND",
  Indonesia: "IDN",
  Iran: "IRN",
  Iraq: "IRQ",
  Ireland: "IRL",
  Israel: "ISR",
  Italy: "ITA",
  Jamaica: "JAM",
  Japan: "JPN",
  Jordan: "JOR",
  Kazakhstan: "KAZ",
  Kenya: "KEN",
  "Korea, North": "PRK",
  "Korea, Republic of": "KOR",
  Kuwait: "KWT",
  Kyrgyzstan: "KGZ",
  Laos: "LAO",
  Latvia: "LVA",
  Lesotho: "LSO",
  Lithuania: "LTU",
  Madagascar: "MDG",
  Malaysia: "MYS",
  Mali: "MLI",
  Mauritania: "MRT",
  Mexico: "MEX",
  Mongolia: "MNG",
  Morocco: "MAR",
  Mozambique: "MOZ",
  Namibia: "NAM",
  Netherlands: "NLD",
  "New Caledonia": "NCL",
  "New Zealand": "NZL",
  Nicaragua: "NIC",
  Nigeria: "NGA",
  Norway: "NOR",
  Oman: "OMN",
  Pakistan: "PAK",
  "Papua New Guinea": "PNG",
  Peru: "PER",
  Philippines: "PHL",
  Poland: "POL",
  Portugal: "PRT",
  Qatar: "QAT",
  Russia: "RUS",
  Rwanda: "RWA",
  "Saudi Arabia": "SAU",
  Senegal: "SEN",
  Serbia: "SRB",
  "Sierra Leone": "SLE",
  Slovakia: "SVK",
  "South Africa": "ZAF",
  Spain: "ESP",
  "Sri Lanka": "LKA",
  Sweden: "SWE",
  Switzerland: "CHE",
  Syria: "SYR",
  Taiwan: "TWN",
  Tajikistan: "TJK",
  Tanzania: "TZA",
  Thailand: "THA",
  "The Bahamas": "BHS",
  Togo: "TGO",
  "Trinidad and Tobago": "TTO",
  Tunisia: "TUN",
  Turkey: "TUR",
  Turkmenistan: "TKM",
  Uganda: "UGA",
  Ukraine: "UKR",
  "United Arab Emirates": "ARE",
  "United Kingdom": "GBR",
  "United States": "USA",
  Uzbekistan: "UZB",
  Venezuela: "VEN",
  Vietnam: "VNM",
  Zambia: "ZMB",
  Zimbabwe: "ZWE",
};

/** Aggregates: explicit ids, never mistaken for a country. */
export const AGGREGATES: Record<string, string> = {
  WORLD: "World total",
  OTHER: "Other countries",
  "GRP-USA-CAN": "United States and Canada",
  "GRP-CHN-DEU-RUS": "China, Germany, and Russia",
};

const AGGREGATE_NAMES: Record<string, string> = {
  "united states and canada": "GRP-USA-CAN",
  "china, germany, and russia": "GRP-CHN-DEU-RUS",
};

/** WGI codes that are not ISO alpha-3 (PROVENANCE.md §3). */
export const WGI_TO_ISO3: Record<string, string> = { ADO: "AND", ROM: "ROU", ZAR: "COD", TMP: "TLS", WBG: "PSE", KSV: "XKX" };

export interface CountryMatch {
  code: string;
  /** the base name the code was found under */
  name: string;
  /** text in parentheses that qualifies the figure, e.g. "beneficiated", "rounded" */
  qualifier?: string;
  aggregate: boolean;
}

/** Map a USGS country label to a code; undefined if it is not known (the import then fails). */
export function matchCountry(label: string): CountryMatch | undefined {
  const name = label
    .replace(/\u00a0/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (USGS_TO_ISO3[name]) return { code: USGS_TO_ISO3[name], name, aggregate: false };
  const lower = name.toLowerCase();
  if (AGGREGATE_NAMES[lower]) return { code: AGGREGATE_NAMES[lower], name, aggregate: true };
  // "World total (rounded) 10": drop a trailing footnote number, keep the qualifier
  const m = /^(.*?)\s*(?:\((.*)\))?\s*(?:\d+)?$/.exec(name);
  const base = m?.[1]?.trim() ?? name;
  const qualifier = m?.[2]?.trim() || undefined;
  const rest = name
    .slice(base.length)
    .replace(/\(.*\)/, "")
    .replace(/^\s*\d*\s*/, "")
    .trim(); // ", natural"
  const fullQualifier = [qualifier, rest.replace(/^,\s*/, "")].filter(Boolean).join("; ") || undefined;
  const baseLower = base.toLowerCase();
  if (baseLower.startsWith("world total")) return { code: "WORLD", name: "World total", qualifier: fullQualifier, aggregate: true };
  if (baseLower.startsWith("other countries")) return { code: "OTHER", name: "Other countries", qualifier: fullQualifier, aggregate: true };
  if (USGS_TO_ISO3[base]) return { code: USGS_TO_ISO3[base], name: base, qualifier: fullQualifier, aggregate: false };
  return undefined;
}

export function isAggregate(code: string): boolean {
  return code in AGGREGATES || code.startsWith("GRP-");
}
