/**
 * The mineral attribute table: one row per mineral id, naming where each source files it.
 * - chapter: the MCS 2026 `MCS chapter` value (MCS2026_Commodities_Data.csv)
 * - world25: the MCS 2025 World Data `COMMODITY` values (trimmed; "Gemanium" is a USGS typo)
 * - salient25: the MCS 2025 salient file code (mcs2025-<code>_salient.csv)
 * - eu: the EU 2023 CRM list names this mineral covers (the lists file has no chapter for them)
 * Ids are stable, lower-case, hyphenated; a mineral chapter that names two elements keeps both.
 */
export interface MineralEntry {
  id: string;
  name: string;
  chapter: string;
  world25?: string[];
  salient25?: string;
  eu?: string[];
}

const e = (id: string, name: string, chapter: string, world25?: string[], salient25?: string, eu?: string[]): MineralEntry => ({
  id,
  name,
  chapter,
  world25,
  salient25,
  eu,
});

export const MINERALS: readonly MineralEntry[] = Object.freeze([
  e("abrasives", "Abrasives (manufactured)", "ABRASIVES (MANUFACTURED)", ["Abrasives"], "abras"),
  e("aluminum", "Aluminum", "ALUMINUM", ["Aluminum"], "alumi"),
  e("antimony", "Antimony", "ANTIMONY", ["Antimony"], "antim", ["Antimony"]),
  e("arsenic", "Arsenic", "ARSENIC", ["Arsenic"], "arsen", ["Arsenic"]),
  e("asbestos", "Asbestos", "ASBESTOS", ["Asbestos"], "asbes"),
  e("barite", "Barite", "BARITE", ["Barite"], "barit", ["Baryte"]),
  e("bauxite-alumina", "Bauxite and alumina", "BAUXITE AND ALUMINA", ["Bauxite"], "bauxi", ["Bauxite"]),
  e("beryllium", "Beryllium", "BERYLLIUM", ["Beryllium"], "beryl", ["Beryllium"]),
  e("bismuth", "Bismuth", "BISMUTH", ["Bismuth"], "bismu", ["Bismuth"]),
  e("boron", "Boron", "BORON", ["Boron"], "boron", ["Boron"]),
  e("bromine", "Bromine", "BROMINE", ["Bromine"], "bromi"),
  e("cadmium", "Cadmium", "CADMIUM", ["Cadmium"], "cadmi"),
  e("cement", "Cement", "CEMENT", ["Cement"], "cemen"),
  e("cesium", "Cesium", "CESIUM"),
  e("chromium", "Chromium", "CHROMIUM", ["Chromium"], "chrom"),
  e("clays", "Clays", "CLAYS", ["Clays"], "clays"),
  e("cobalt", "Cobalt", "COBALT", ["Cobalt"], "cobal", ["Cobalt"]),
  e("copper", "Copper", "COPPER", ["Copper"], "coppe", ["Copper"]),
  e("diamond-industrial", "Diamond (industrial)", "DIAMOND (INDUSTRIAL)", ["Diamond (industrial)"], "diamo"),
  e("diatomite", "Diatomite", "DIATOMITE", ["Diatomite"], "diato"),
  e("feldspar", "Feldspar and nepheline syenite", "FELDSPAR AND NEPHELINE SYENITE", ["Feldspar"], "felds", ["Feldspar"]),
  e("fluorspar", "Fluorspar", "FLUORSPAR", ["Fluorspar"], "fluor", ["Fluorspar"]),
  e("gallium", "Gallium", "GALLIUM", ["Gallium"], "galli", ["Gallium"]),
  e("garnet-industrial", "Garnet (industrial)", "GARNET (INDUSTRIAL)", ["Garnet (industrial)"], "garne"),
  e("gemstones", "Gemstones", "GEMSTONES", ["Gemstones"], "gemst"),
  e("germanium", "Germanium", "GERMANIUM", ["Gemanium"], "germa", ["Germanium"]),
  e("gold", "Gold", "GOLD", ["Gold"], "gold"),
  e("graphite", "Graphite (natural)", "GRAPHITE (NATURAL)", ["Graphite"], "graph", ["Natural graphite"]),
  e("gypsum", "Gypsum", "GYPSUM", ["Gypsum"], "gypsu"),
  e("helium", "Helium and rare gases", "HELIUM AND RARE GASES", ["Helium"], "heliu", ["Helium"]),
  e("indium", "Indium", "INDIUM", ["Indium"], "indiu"),
  e("iodine", "Iodine", "IODINE", ["Iodine"], "iodin"),
  e("iron-ore", "Iron ore", "IRON ORE", ["Iron Ore"], "feore"),
  e("iron-oxide-pigments", "Iron oxide pigments", "IRON OXIDE PIGMENTS", ["Iron oxide pigments"], "fepig"),
  e("iron-steel", "Iron and steel", "IRON AND STEEL", ["Iron and Steel"], "feste"),
  e("iron-steel-scrap", "Iron and steel scrap", "IRON AND STEEL SCRAP", undefined, "fescr"),
  e("iron-steel-slag", "Iron and steel slag", "IRON AND STEEL SLAG", undefined, "fesla"),
  e("kyanite", "Kyanite and related minerals", "KYANITE AND RELATED MINERALS", ["Kyanite and Related Minerals"], "kyani"),
  e("lead", "Lead", "LEAD", ["Lead"], "lead"),
  e("lime", "Lime", "LIME", ["Lime"], "lime"),
  e("lithium", "Lithium", "LITHIUM", ["Lithium"], "lithium", ["Lithium"]),
  e("magnesium-compounds", "Magnesium compounds", "MAGNESIUM COMPOUNDS", ["Magnesium Compounds"], "mgcomp"),
  e("magnesium", "Magnesium metal", "MAGNESIUM METAL", ["Magnesium metal"], "mgmet", ["Magnesium"]),
  e("manganese", "Manganese", "MANGANESE", ["Manganese"], "manga", ["Manganese"]),
  e("mercury", "Mercury", "MERCURY", ["Mercury"], "mercu"),
  e("mica", "Mica (natural)", "MICA (NATURAL)", ["Mica (Natural)"], "mica"),
  e("molybdenum", "Molybdenum", "MOLYBDENUM", ["Molybdenum"], "molyb"),
  e("nickel", "Nickel", "NICKEL", ["Nickel"], "nicke", ["Nickel"]),
  e("niobium", "Niobium (columbium)", "NIOBIUM (COLUMBIUM)", ["Niobium"], "niobi", ["Niobium"]),
  e("nitrogen-ammonia", "Nitrogen (fixed)—ammonia", "NITROGEN (FIXED)—AMMONIA", ["Nitrogen(fixed) - Ammonia"], "nitro"),
  e("peat", "Peat", "PEAT", ["Peat"], "peat"),
  e("perlite", "Perlite", "PERLITE", ["Perlite"], "perli"),
  e("phosphate-rock", "Phosphate rock", "PHOSPHATE ROCK", ["Phosphate rock"], "phosp", ["Phosphate rock", "Phosphorus"]),
  e("platinum-group-metals", "Platinum-group metals", "PLATINUM-GROUP METALS", ["Platinum-Group metals"], "plati", ["Platinum group metals"]),
  e("potash", "Potash", "POTASH", ["Potash"], "potas"),
  e("pumice", "Pumice and pumicite", "PUMICE AND PUMICITE", ["Pumice & Pumicite"], "pumic"),
  e("quartz-crystal", "Quartz crystal (industrial)", "QUARTZ (High-purity and Industrial Cultured CRYSTAL)", undefined, "quart"),
  e("rare-earths", "Rare earths", "RARE EARTHS", ["Rare earths"], "rareee", ["Light rare earth elements", "Heavy rare earth elements"]),
  e("rare-earths-heavy", "Rare earths (heavy)", "RARE EARTHS (Heavy)"),
  e("rhenium", "Rhenium", "RHENIUM", ["Rhenium"], "rheni"),
  e("rubidium", "Rubidium", "RUBIDIUM"),
  e("salt", "Salt", "SALT", ["Salt"], "salt"),
  e("sand-gravel-construction", "Sand and gravel (construction)", "SAND AND GRAVEL (CONSTRUCTION)", undefined, "sandc"),
  e("sand-gravel-industrial", "Sand and gravel (industrial)", "SAND AND GRAVEL (INDUSTRIAL)", ["Sand and gravel (industrial)"], "sandi"),
  e("scandium", "Scandium", "SCANDIUM", undefined, "scand", ["Scandium"]),
  e("selenium", "Selenium", "SELENIUM", ["Selenium"], "selen"),
  e("silicon", "Silicon", "SILICON", ["Silicon"], "simet", ["Silicon metal"]),
  e("silver", "Silver", "SILVER", ["Silver"], "silve"),
  e("soda-ash", "Soda ash", "SODA ASH", ["Soda ash"], "sodaa"),
  e("stone-crushed", "Stone (crushed)", "STONE (CRUSHED)", undefined, "stonc"),
  e("stone-dimension", "Stone (dimension)", "STONE (DIMENSION)", undefined, "stond"),
  e("strontium", "Strontium", "STRONTIUM", ["Strontium"], "stron", ["Strontium"]),
  e("sulfur", "Sulfur", "SULFUR", ["Sulfur"], "sulfu"),
  e("talc", "Talc and pyrophyllite", "TALC AND PYROPHYLLITE", ["Talc and Pyrophyllite", "Talc, crude"], "talc"),
  e("tantalum", "Tantalum", "TANTALUM", ["Tantalum"], "tanta", ["Tantalum"]),
  e("tellurium", "Tellurium", "TELLURIUM", ["Tellurium"], "tellu"),
  e("thallium", "Thallium", "THALLIUM", undefined, "thall"),
  e("thorium", "Thorium", "THORIUM", undefined, "thori"),
  e("tin", "Tin", "TIN", ["Tin"], "tin"),
  e("titanium", "Titanium and titanium dioxide", "TITANIUM AND TITANIUM DIOXIDE", ["Titanium & titanium dioxide"], "titan", ["Titanium metal"]),
  e("titanium-mineral-concentrates", "Titanium mineral concentrates", "TITANIUM MINERAL CONCENTRATES", ["Titanium Mineral Concentrates"], "timin"),
  e("tungsten", "Tungsten", "TUNGSTEN", ["Tungsten"], "tungs", ["Tungsten"]),
  e("vanadium", "Vanadium", "VANADIUM", ["Vanadium"], "vanad", ["Vanadium"]),
  e("vermiculite", "Vermiculite", "VERMICULITE", ["Vermiculite"], "vermi"),
  e("wollastonite", "Wollastonite", "WOLLASTONITE", ["Wollastonite"]),
  e("yttrium", "Yttrium", "YTTRIUM", undefined, "yttri"),
  e("zeolites", "Zeolites (natural)", "ZEOLITES (NATURAL)", ["Zeolites (natural)"], "zeoli"),
  e("zinc", "Zinc", "ZINC", ["Zinc"], "zinc"),
  e("zirconium-hafnium", "Zirconium and hafnium", "ZIRCONIUM AND HAFNIUM", ["Zirconium and Hafnium"], "zirco", ["Hafnium"]),
]);

/**
 * Minerals split out of a chapter whose rows report them on their own. The MCS platinum-group metals
 * chapter gives palladium and platinum mine production by country, US imports, exports, apparent
 * consumption, net import reliance, prices and import sources, and rhodium imports, exports and price
 * (no consumption, reliance or production). The rare-earth chapters price NdPr, dysprosium and
 * terbium oxide on their own ("RARE EARTHS" and "RARE EARTHS (Heavy)"), and give terbium's import
 * sources, but no consumption, production or reliance per element.
 *
 * The importer copies every figure of chapter `of` whose detail (salient rows: the part after ":" or
 * " - ") or product form names `match`, keeping its source cell, and the list entries that name the
 * mineral (`listNames`, default its name). Where USGS publishes a table only for the group, `inherit`
 * copies the group's table, each figure keeping its source cell and noting what it stands in for and
 * why. `within` names the chapter whose published totals already count the mineral (rare earths'
 * apparent consumption counts NdPr, dysprosium and terbium): the simulator takes the mineral's tons out
 * of that total so nothing is counted twice. The PGM chapter publishes consumption, reliance and price
 * per metal only (PER_PART_CHAPTERS); the chapter mineral keeps all its rows and the lists, but no
 * headline figure of those (see `splitReason`, src/data/select.ts).
 */
export interface SplitEntry {
  id: string;
  name: string;
  of: string;
  match: string;
  listNames?: string[];
  inherit?: { table: "production" | "importSources" | "net-import-reliance"; from: string; why: string }[];
  within?: string;
}

const REO_MINE =
  "USGS publishes no mine output by element; the country shares of world rare-earth mine output (REO) stand in, which understates China's and Burma's share of heavy rare earths (mined mostly from their ionic clays)";
const HREE_NIR =
  "USGS gives reliance for heavy rare earths as a group only: 100 % for compounds and metals in every year (imports − exports, no US output of any of them), so each one's reliance is 100 % too";

/** A heavy rare earth priced in "Rare earths (heavy)": the REO mine shares and the group's NIR stand in (counted within rare earths). */
const heavy = (id: string, name: string): SplitEntry => ({
  id,
  name,
  of: "rare-earths-heavy",
  match: name,
  within: "rare-earths",
  inherit: [
    { table: "production", from: "rare-earths", why: REO_MINE },
    { table: "net-import-reliance", from: "rare-earths-heavy", why: HREE_NIR },
  ],
});

export const SPLITS: readonly SplitEntry[] = Object.freeze([
  { id: "palladium", name: "Palladium", of: "platinum-group-metals", match: "Palladium" },
  { id: "platinum", name: "Platinum", of: "platinum-group-metals", match: "Platinum" },
  {
    id: "rhodium",
    name: "Rhodium",
    of: "platinum-group-metals",
    match: "Rhodium",
    inherit: [
      {
        table: "production",
        from: "platinum",
        why: "USGS publishes no rhodium mine output by country; platinum's country shares stand in (judgement: rhodium is mined with platinum, chiefly from South Africa's Bushveld ores, then Russia and Zimbabwe)",
      },
    ],
  },
  {
    id: "ndpr",
    name: "NdPr (neodymium-praseodymium)",
    of: "rare-earths",
    match: "NdPr",
    listNames: ["Neodymium", "Praseodymium"],
    within: "rare-earths",
    inherit: [
      {
        table: "production",
        from: "rare-earths",
        why: REO_MINE.replace(", which understates China's and Burma's share of heavy rare earths (mined mostly from their ionic clays)", ""),
      },
      {
        table: "importSources",
        from: "rare-earths",
        why: "USGS gives US import sources for rare-earth compounds and metals as a whole, which NdPr compounds and metals are part of",
      },
      {
        table: "net-import-reliance",
        from: "rare-earths",
        why: "USGS gives reliance for rare-earth compounds and metals as a whole only (judgement: NdPr's is taken to be the group's; US output of compounds is mostly NdPr oxide, so NdPr's own reliance may be lower)",
      },
    ],
  },
  heavy("dysprosium", "Dysprosium"),
  heavy("terbium", "Terbium"),
]);

/** Chapters that publish consumption, net import reliance and price per metal only (the split minerals carry them). */
export const PER_PART_CHAPTERS: ReadonlySet<string> = new Set(["platinum-group-metals"]);

/** EU 2023 list names that USGS covers under no chapter (coking coal = metallurgical coal). */
export const UNCOVERED_LIST_NAMES = ["Coking coal", "Metallurgical coal", "Uranium"] as const;

export const LIST_IDS: Record<string, "usgs-2022" | "usgs-2025" | "eu-2023"> = {
  "USGS 2022 Final List of Critical Minerals": "usgs-2022",
  "USGS 2025 Final List of Critical Minerals": "usgs-2025",
  "EU Critical Raw Materials 2023": "eu-2023",
};

/**
 * The parts of USGS chapters that the lists (or analysts) name on their own. `is` says what the part is
 * (followed by "in the USGS {chapter} chapter" unless it places `{chapter}` itself);
 * `match` are the words that mark a row of the chapter as the part's own (default: the part's name).
 * Light and heavy rare earths follow the EU 2023 grouping (Study on the Critical Raw Materials for the
 * EU 2023, the grouping of its HREE and LREE candidates); USGS's own "Rare earths (heavy)" chapter
 * (rare-earths-heavy) gives heavy-rare-earth imports and oxide prices only, so the elements stay parts of
 * "Rare earths", where the lists file puts them (mcs_chapter RARE EARTHS).
 */
export interface Part {
  name: string;
  of: string;
  is: string;
  match?: string[];
  /** a group of elements: USGS reports some of its members, not the group */
  group?: true;
}

const LREE = ["Cerium", "Lanthanum", "Neodymium", "Praseodymium", "Samarium"];
const NDPR = ["Neodymium", "Praseodymium"];
// dysprosium and terbium, like palladium, platinum and rhodium, are minerals of their own (SPLITS), as is NdPr
const HREE = ["Erbium", "Europium", "Gadolinium", "Holmium", "Lutetium", "Thulium", "Ytterbium"];
const PGM = ["Iridium", "Osmium", "Ruthenium"];
const each = (names: string[], of: string, is: string): Part[] => names.map((name) => ({ name, of, is }));

export const PARTS: readonly Part[] = Object.freeze([
  ...each(
    LREE.filter((n) => !NDPR.includes(n)),
    "rare-earths",
    "one of the light rare earths (EU 2023 grouping)",
  ),
  ...each(NDPR, "rare-earths", "one of the light rare earths (EU 2023 grouping), modelled with the other as the mineral ndpr (NdPr oxide),"),
  ...each(HREE, "rare-earths", "one of the heavy rare earths (EU 2023 grouping)"),
  {
    name: "Light rare earth elements",
    of: "rare-earths",
    is: "the EU 2023 group of cerium, lanthanum, neodymium, praseodymium and samarium",
    match: [...LREE, "NdPr"],
    group: true,
  },
  {
    name: "Heavy rare earth elements",
    of: "rare-earths",
    is: "the EU 2023 group of dysprosium, erbium, europium, gadolinium, holmium, lutetium, terbium, thulium, ytterbium and yttrium (yttrium has its own USGS chapter, yttrium)",
    match: [...HREE, "Dysprosium", "Terbium", "heavy"],
    group: true,
  },
  ...each(PGM, "platinum-group-metals", "one of the six platinum-group metals"),
  { name: "Zirconium", of: "zirconium-hafnium", is: "one of the two metals", match: ["zirconium", "zircon"] },
  { name: "Hafnium", of: "zirconium-hafnium", is: "one of the two metals" },
  { name: "Silicon metal", of: "silicon", is: "one of the two products (with ferrosilicon)" },
  { name: "Titanium metal", of: "titanium", is: "the metal (titanium sponge), covered beside titanium dioxide pigment,", match: ["sponge"] },
  { name: "Phosphorus", of: "phosphate-rock", is: "made from phosphate rock, which USGS covers in its {chapter} chapter" },
]);

/** Other words for names above: [alias, the name it stands for]. Coking coal is the EU's word for metallurgical coal. */
export const ALIASES: readonly [string, string][] = [
  ["PGM", "Platinum-group metals"],
  ["PGE", "Platinum-group metals"],
  ["platinum group elements", "Platinum-group metals"],
  ["REE", "Rare earths"],
  ["rare earth elements", "Rare earths"],
  ["rare earth element", "Rare earths"],
  ["rare earth metals", "Rare earths"],
  ["LREE", "Light rare earth elements"],
  ["light rare earths", "Light rare earth elements"],
  ["HREE", "Heavy rare earth elements"],
  ["heavy rare earths", "Heavy rare earth elements"],
  ["neodymium-praseodymium", "NdPr (neodymium-praseodymium)"],
  ["NdPr", "NdPr (neodymium-praseodymium)"],
  ["NdPr oxide", "NdPr (neodymium-praseodymium)"],
  ["columbium", "Niobium"],
  ["wolfram", "Tungsten"],
  ["met coal", "Metallurgical coal"],
];
export const SAME_AS: Record<string, string> = { "coking coal": "metallurgical coal" };
