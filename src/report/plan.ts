import { type CutRow, comparePlans, planMoney } from "../optimize/results.js";
import type { MineralPlan, PlanOptions, PlanResult, ProjectPlan } from "../optimize/types.js";
import { assumedTexts, markAssumed, marksFromNotes, noteAssumed } from "./assumed.js";
import { type Column, type Format, type Report, type Row, render, type Sheet, textLines, toTable, wrapText } from "./format.js";

/*
 * The plan's reports: table (money in US$ M), CSV (the table's rows, all minerals), JSON (USD, every
 * money key ending in `Usd`) and workbook sheets. An infeasible plan leads with INFEASIBLE and
 * exits 4; a plan whose every mineral is left out leads with that.
 */

const MUSD = (v: number) => v / 1e6;
/** "1,234.5": US$ M with one decimal, as the tables print it. */
export const musd = (v: number, digits = 1) => MUSD(v).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The exit code of an infeasible plan (distinct from 2, bad input, and 1, a fault). */
export const INFEASIBLE_EXIT = 4;

export const MINERAL_COLUMNS: Column[] = [
  { key: "mineral" },
  { key: "boughtT", label: "bought t" },
  { key: "costMusd", label: "cost US$ M", digits: 1 },
  { key: "coverDays", label: "cover d", digits: 0 },
  { key: "shortBeforeT", label: "E[short] t" },
  { key: "shortAfterT", label: "after t" },
  { key: "valueBeforeMusd", label: "E[loss] US$ M", digits: 1 },
  { key: "valueAfterMusd", label: "after US$ M", digits: 1 },
  { key: "cap", note: true },
];

/** The CSV's columns: the table's, then a note column with the full text of each assumed figure a mineral's plan stands on. */
export const MINERAL_CSV_COLUMNS: Column[] = [...MINERAL_COLUMNS, { key: "note", note: true }];

export function mineralRows(r: PlanResult, all = false): Row[] {
  return r.minerals
    .filter((m) => all || m.buyTons > 0 || m.shortfallBefore > 0)
    .map((m) => ({
      mineral: m.id,
      boughtT: m.buyTons,
      costMusd: MUSD(m.dollars),
      coverDays: m.daysOfCover,
      shortBeforeT: m.shortfallBefore,
      shortAfterT: m.shortfallAfter,
      valueBeforeMusd: MUSD(m.valueBefore),
      valueAfterMusd: MUSD(m.valueAfter),
      cap: m.capReason && m.cap !== null && m.buyTons >= m.cap * (1 - 1e-9) ? `at ${m.capReason}` : "",
    }));
}

/**
 * A multi-year plan's schedule: tons bought each year per mineral, the cash (US$ M) and the average
 * price paid against the base price × (1 + premium) (the market impact of buying in one year).
 */
export function scheduleTable(r: PlanResult): string {
  const years = r.years ?? 1;
  const columns: Column[] = [
    { key: "mineral" },
    ...Array.from({ length: years }, (_, i) => ({ key: `y${i + 1}`, label: `year ${i + 1} t` })),
    { key: "cashMusd", label: "cash US$ M", digits: 1 },
    { key: "impact", label: "avg price vs base %", digits: 1 },
  ];
  const rows = r.minerals
    .filter((m) => m.buyTons > 0 && m.schedule)
    .map((m) => ({
      mineral: m.id,
      ...Object.fromEntries(m.schedule!.map((y) => [`y${y.year}`, y.tons])),
      cashMusd: MUSD(m.dollars),
      impact: (m.unitCost / m.baseCost - 1) * 100,
    }));
  const onset = r.onset
    ? r.onset.setting === "end"
      ? "; onset end: a disruption begins once the schedule is complete"
      : `; onset ${r.onset.setting}: a disruption may begin at the end of any year (${r.onset.weights.map((x) => `${(x * 100).toFixed(0)} %`).join(", ")}), and a ton protects only from the end of its year`
    : "";
  return `${wrapText(`purchase schedule (${years} annual tranches; prices rise with the share of a year's world supply bought${onset})`)}\n${toTable(rows, columns)}`;
}

/** The headline when the plan is not a plan: infeasible (or another failed status), or every mineral left out. */
export function planHeadline(r: PlanResult): string | undefined {
  if (r.status !== "optimal") return `${r.status.toUpperCase()}: ${r.reason ?? "the solver found no plan"}`;
  if (r.allExcluded)
    return `NO MINERAL PLANNED: every mineral is left out (${r.excluded.length}): ${r.excluded.map((e) => `${e.id} (${e.reason})`).join("; ")}`;
  return undefined;
}

const exitOf = (...plans: PlanResult[]) => (plans.some((p) => p.status === "infeasible") ? INFEASIBLE_EXIT : 0);

export { planMoney };

function summary(r: PlanResult): string[] {
  const money = planMoney(r);
  const ceiling = r.unspent > 0.5 ? `, unspent US$ ${musd(r.unspent)} M: no further purchase avoids more expected loss than it costs` : "";
  const lines = [
    `status: ${r.status}${r.reason ? ` (${r.reason})` : ""}; solver: ${r.solver}; ${r.scenarios} scenario(s)`,
    `disruption probability over the planning horizon: ${(r.disruptionProbability * 100).toFixed(1)} % (the scenarios' probabilities; the rest is no disruption)`,
    "how the probabilities read: each scenario file's is the chance that it is the first disruption to begin within its own horizon; the files are mutually exclusive, and the rest of the mass is no disruption (docs/scenarios.md)",
    `budget US$ ${musd(r.budget)} M (${r.spendAll ? "a target: --spend-all spends it whole" : "a ceiling"}), spent US$ ${musd(r.spent)} M${ceiling}`,
    `expected loss: before US$ ${musd(r.valueBefore)} M, after US$ ${musd(r.valueAfter)} M (avoided US$ ${musd(money.avoided)} M)`,
    `stock bought: expected resale of what is left US$ ${musd(money.resale)} M, expected holding cost US$ ${musd(money.holding)} M`,
    `net expected benefit: US$ ${musd(money.net)} M (loss avoided + resale − spent − holding)`,
    r.lastDollars
      ? spendAllMarginal(r, r.lastDollars)
      : `marginal: an extra US$ returns ${r.marginalValue.toFixed(4)} US$ net (dual of the budget row; local; 0 when the budget does not bind)`,
  ];
  const funded = r.projects.filter((j) => j.fund > 0);
  lines.push(
    `projects funded: ${funded.length ? funded.map((j) => `${j.id}${j.fund < 1 ? ` (${(j.fund * 100).toFixed(0)} %)` : ""} US$ ${musd(j.capex * j.fund, 0)} M`).join(", ") : "none"}${r.projects.length ? ` of ${r.projects.length}` : ""}`,
  );
  lines.push(...r.projects.map(projectLine));
  if (r.excluded.length) lines.push(`left out: ${r.excluded.map((e) => `${e.id} (${e.reason})`).join("; ")}`);
  for (const n of r.notes) lines.push(`note: ${n}`);
  return lines;
}

/**
 * What a project's output is worth to the plan, USD: its capex plus the cost of the opposite decision
 * when funded, less it when not (the purchases re-optimised either way); null where that cost is not known.
 */
export const projectWorthUsd = (j: ProjectPlan): number | null =>
  j.flipCostUsd === null ? null : Math.max(0, j.capex + (j.fund > 0 ? j.flipCostUsd : -j.flipCostUsd));

/** --spend-all: the marginal figure is loss avoided, not a net return; what the last dollars return net. */
function spendAllMarginal(r: PlanResult, last: NonNullable<PlanResult["lastDollars"]>): string {
  const net =
    "why" in last
      ? `its net return (after resale and holding) is not computed: ${last.why}`
      : `net of resale and holding, the last US$ ${musd(last.overUsd)} M return ${last.netPerUsd.toFixed(4)} US$ per US$${last.netPerUsd < 0 ? " (they lose money)" : ""}`;
  return `marginal (--spend-all: the plan minimises expected loss with the whole budget spent): the last US$ avoids ${r.marginalValue.toFixed(4)} US$ of expected loss; ${net}`;
}

/** One candidate project: what it is, what the plan decided and what the other decision would cost. */
export function projectLine(j: ProjectPlan): string {
  const what = `${j.mineral}, ${j.tonsPerYear.toLocaleString("en-US", { maximumFractionDigits: 0 })} t/yr from month ${j.onlineMonth} (ramp ${j.rampMonths}), delivers with p ${j.probability.toFixed(2)}, capex US$ ${musd(j.capex, 0)} M`;
  const decided = j.fund >= 1 ? "funded" : j.fund > 0 ? `funded ${(j.fund * 100).toFixed(0)} %` : "not funded";
  const worth = projectWorthUsd(j);
  const flip =
    j.flipCostUsd === null
      ? `; the other decision: ${j.flipWhy}`
      : `; ${j.fund > 0 ? "dropping it lowers" : "funding it would lower"} the net expected benefit by US$ ${musd(j.flipCostUsd)} M (its output is worth US$ ${musd(worth ?? 0)} M to the plan, net of the purchases it replaces)`;
  return `  project ${j.id} (${what}): ${decided}${flip}`;
}

/**
 * A plan's mineral in JSON: money in USD, keys ending in Usd. A figure that does not apply is null
 * and `missing` says why (no purchase cap; no imports to cover), so no null stands without a reason.
 */
const mineralJson = ({
  price,
  unitCost,
  baseCost,
  dollars,
  valueBefore,
  valueAfter,
  holdingPerTon,
  resalePerTon,
  resaleValue,
  holdingCost,
  schedule,
  ...m
}: MineralPlan) => {
  const missing: string[] = [];
  if (m.cap === null) missing.push("cap: no purchase cap applies (no world production figure and no days-of-cover limit)");
  if (m.daysOfCover === null) missing.push("daysOfCover: no imports to cover (d0 · r = 0)");
  const { capReason, ...rest } = m;
  return {
    ...rest,
    ...(capReason ? { capReason } : {}),
    priceUsdPerTon: price,
    unitCostUsdPerTon: unitCost,
    baseCostUsdPerTon: baseCost,
    costUsd: dollars,
    holdingUsdPerTon: holdingPerTon,
    resaleUsdPerTon: resalePerTon,
    valueBeforeUsd: valueBefore,
    valueAfterUsd: valueAfter,
    resaleValueUsd: resaleValue,
    holdingCostUsd: holdingCost,
    ...(schedule
      ? {
          schedule: schedule.map((y) => ({
            year: y.year,
            tons: y.tons,
            cashUsd: y.cash,
            priceUsdPerTon: y.price,
            ...(y.price === null ? { priceReason: "nothing bought that year" } : {}),
          })),
        }
      : {}),
    ...(missing.length ? { missing } : {}),
  };
};
/** A candidate project in JSON: a null cost of the other decision, and so of its worth, carries its reason beside it. */
const projectJson = (j: ProjectPlan) => {
  const { capex, flipWhy, ...rest } = j;
  return {
    ...rest,
    capexUsd: capex,
    spentUsd: capex * j.fund,
    worthUsd: projectWorthUsd(j),
    ...(j.flipCostUsd === null ? { flipCostUsdReason: flipWhy, worthUsdReason: flipWhy } : {}),
  };
};

/** The plan as JSON: `status` first, every money key in USD ending in `Usd`. */
export function planJson(r: PlanResult, extraNotes: readonly string[] = []) {
  const headline = planHeadline(r);
  return {
    status: r.status,
    ...(headline ? { headline } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    solver: r.solver,
    ...(r.years ? { years: r.years } : {}),
    ...(r.onset ? { onset: r.onset } : {}),
    budgetUsd: r.budget,
    spentUsd: r.spent,
    objectiveUsd: r.objective,
    unspentUsd: r.unspent,
    disruptionProbability: r.disruptionProbability,
    valueBeforeUsd: r.valueBefore,
    valueAfterUsd: r.valueAfter,
    resaleValueUsd: planMoney(r).resale,
    holdingCostUsd: planMoney(r).holding,
    netBenefitUsd: planMoney(r).net,
    /** net USD of objective per extra USD of budget (a ratio, not money) */
    marginalValue: r.marginalValue,
    ...(r.spendAll ? { spendAll: true } : {}),
    ...(r.lastDollars ? { lastDollars: r.lastDollars } : {}),
    minerals: r.minerals.map(mineralJson),
    projects: r.projects.map(projectJson),
    excluded: r.excluded,
    allExcluded: r.allExcluded,
    scenarios: r.scenarios,
    notes: [...r.notes, ...extraNotes],
  };
}

/**
 * `lodestone plan`: table (headline first when there is one, the minerals bought or short, the
 * summary and notes), CSV (every mineral; a headline goes to the warning, with an empty table
 * when there is no plan) or JSON. Infeasible: exit code 4.
 */
export function planReport(r: PlanResult, format: Format, extraNotes: readonly string[] = []): Report {
  const code = exitOf(r);
  const headline = planHeadline(r);
  if (format === "json") return { text: render("json", [], [], planJson(r, extraNotes)), code };
  if (format === "csv")
    return {
      text: render("csv", r.status === "optimal" ? noteAssumed(mineralRows(r, true), assumedTexts(extraNotes)) : [], MINERAL_CSV_COLUMNS),
      warning: headline,
      code,
    };
  const withNotes = { ...r, notes: [...r.notes, ...extraNotes] };
  const table = r.status === "optimal" && r.minerals.length ? `${toTable(markAssumed(mineralRows(r), marksFromNotes(extraNotes)), MINERAL_COLUMNS)}\n` : "";
  const schedule = r.status === "optimal" && r.years && r.years > 1 ? `${scheduleTable(r)}\n` : "";
  return { text: (headline ? `${textLines([headline])}\n` : "") + table + schedule + textLines(summary(withNotes)), code };
}

const COMPARE_LEGEND =
  "larger: the plan with the larger budget, smaller: the one with the smaller (whichever --budget and --compare name); a project's t columns hold its funded share; smaller loses: the E[shortfall value] the smaller budget leaves over the larger; each plan's E[shortfall] t: --format csv or --format json";

/** "larger" is the plan with the larger budget, "smaller" the one with the smaller, whichever --budget and --compare name. */
export const COMPARE_COLUMNS: Column[] = [
  { key: "id" },
  { key: "kind" },
  { key: "larger", label: "larger t" },
  { key: "smaller", label: "smaller t" },
  { key: "costLargerMusd", label: "larger US$ M", digits: 1 },
  { key: "costSmallerMusd", label: "smaller US$ M", digits: 1 },
  { key: "shortLargerT", label: "short larger t" },
  { key: "shortSmallerT", label: "short smaller t" },
  { key: "lostMusd", label: "smaller loses US$ M", digits: 1 },
];

/** The text table's columns: the shortfall tons stay in CSV and JSON, so the table fits WIDTH. */
const COMPARE_TABLE_COLUMNS = COMPARE_COLUMNS.filter((c) => !c.key.startsWith("short"));

/** What the smaller budget loses against the larger, one row per mineral and project (`all` false: only rows where something changed). */
export function compareRows(rows: readonly CutRow[], all: boolean): Row[] {
  return rows
    .filter((r) => all || r.dollarsFull || r.dollarsCut || r.valueLost)
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      larger: r.buyTonsFull,
      smaller: r.buyTonsCut,
      costLargerMusd: MUSD(r.dollarsFull),
      costSmallerMusd: MUSD(r.dollarsCut),
      shortLargerT: r.kind === "mineral" ? r.shortfallFull : null,
      shortSmallerT: r.kind === "mineral" ? r.shortfallCut : null,
      lostMusd: MUSD(r.valueLost),
    }));
}

/** A plan's headline with its budget named, for a comparison of two: "INFEASIBLE at US$ 4,000 M: ...". */
function headlineAt(p: PlanResult): string | undefined {
  const h = planHeadline(p);
  if (!h) return undefined;
  const i = h.indexOf(": ");
  return `${h.slice(0, i)} at US$ ${musd(p.budget, 0)} M${h.slice(i)}`;
}

/** Two plans ordered by budget: `full` the larger, `cut` the smaller; `raised` when --compare is the larger. */
export function orderPlans(base: PlanResult, other: PlanResult) {
  const raised = other.budget > base.budget;
  const [full, cut] = raised ? [other, base] : [base, other];
  return { full, cut, raised, ...comparePlans(full, cut) };
}

/** Neither budget binds: both plans spend the same, below the smaller budget (the budget is a ceiling), so the cut changes nothing. */
function neitherBinds(base: PlanResult, other: PlanResult): boolean {
  if (base.budget === other.budget) return false;
  const small = other.budget > base.budget ? base : other;
  return Math.abs(base.spent - other.spent) <= 1e-6 * Math.max(1, base.spent) && small.unspent > 0.5;
}

/** The sentence that words a comparison the right way round (cutting adds, raising removes, equal changes nothing). */
export function compareSentence(base: PlanResult, other: PlanResult): string {
  const { raised, valueLost, budgetCut } = orderPlans(base, other);
  const [from, to] = [`US$ ${musd(base.budget, 0)} M`, `US$ ${musd(other.budget, 0)} M`];
  if (!budgetCut) return `the two budgets are equal (${from}): no difference between the plans`;
  const rate = `${(valueLost / budgetCut).toFixed(3)} US$ per US$`;
  const small = raised ? base : other;
  if (neitherBinds(base, other))
    return `${raised ? "raising" : "cutting"} the budget from ${from} to ${to} changes nothing: both plans spend US$ ${musd(small.spent)} M, below either budget (no further purchase avoids more expected loss than it costs)`;
  return raised
    ? `raising the budget from ${from} to ${to} removes US$ ${musd(valueLost)} M of expected loss (${rate} added)`
    : `cutting the budget from ${from} to ${to} adds US$ ${musd(valueLost)} M of expected loss (${rate} cut)`;
}

/**
 * `lodestone plan --budget B --compare C`: what the smaller budget loses, in either order. JSON:
 * both plans as `planJson`, `larger` the larger budget and `smaller` the smaller, `direction`
 * saying which way --compare goes from --budget ("raise", "cut" or "equal").
 */
export function compareReport(base: PlanResult, other: PlanResult, format: Format): Report {
  const o = orderPlans(base, other);
  const code = exitOf(base, other);
  const rows = compareRows(o.rows, format !== "table");
  if (format === "json") {
    const rowsJson = o.rows.map(({ id, kind, buyTonsFull, buyTonsCut, dollarsFull, dollarsCut, shortfallFull, shortfallCut, valueLost }) => ({
      id,
      kind,
      buyTonsLarger: buyTonsFull,
      buyTonsSmaller: buyTonsCut,
      costLargerUsd: dollarsFull,
      costSmallerUsd: dollarsCut,
      shortfallLargerTons: shortfallFull,
      shortfallSmallerTons: shortfallCut,
      valueLostBySmallerUsd: valueLost,
    }));
    return {
      text: render("json", [], [], {
        direction: base.budget === other.budget ? "equal" : o.raised ? "raise" : "cut",
        summary: compareSentence(base, other),
        /** both plans spend the same, below either budget: the cut (or the raise) changes nothing */
        neitherBinds: neitherBinds(base, other),
        budgetUsd: base.budget,
        compareUsd: other.budget,
        budgetLargerUsd: o.full.budget,
        budgetSmallerUsd: o.cut.budget,
        valueLostBySmallerUsd: o.valueLost,
        larger: planJson(o.full),
        smaller: planJson(o.cut),
        rows: rowsJson,
      }),
      code,
    };
  }
  const headlines = (base.budget === other.budget ? [base] : [base, other]).map(headlineAt).filter((h): h is string => !!h);
  if (format === "csv") return { text: render("csv", rows, COMPARE_COLUMNS), warning: headlines.join("\n") || undefined, code };
  const status = (p: PlanResult) => `US$ ${musd(p.budget, 0)} M ${p.status}${p.reason ? ` (${p.reason})` : ""}`;
  return {
    text:
      (headlines.length ? `${textLines(headlines)}\n` : "") +
      toTable(rows, COMPARE_TABLE_COLUMNS) +
      textLines([COMPARE_LEGEND]) +
      "\n" +
      textLines([compareSentence(base, other), `status: larger budget ${status(o.full)}; smaller budget ${status(o.cut)}`]),
    code,
  };
}

// ---- Excel workbook (--format xlsx): the same row builders as the table and CSV formats ----

export const PROJECT_COLUMNS: Column[] = [
  { key: "project" },
  { key: "mineral" },
  { key: "kind" },
  { key: "funded", label: "funded (share)", digits: 2 },
  { key: "capexMusd", label: "capex US$ M", digits: 1 },
  { key: "spentMusd", label: "spent US$ M", digits: 1 },
];

export const projectRows = (r: PlanResult): Row[] =>
  r.projects.map((j) => ({ project: j.id, mineral: j.mineral, kind: j.kind, funded: j.fund, capexMusd: MUSD(j.capex), spentMusd: MUSD(j.capex * j.fund) }));

const JUDGEMENT = "default: a judgement call (src/optimize/defaults.ts)";

/** The settings a plan ran with, and whether each came from a flag or is a default. */
function settingRows(options: PlanOptions, given: Partial<PlanOptions>): Row[] {
  const src = (k: keyof PlanOptions, fallback = JUDGEMENT) => (k in given ? "flag" : fallback);
  return [
    { item: "setting: acquisition premium", value: options.acquisitionPremium, unit: "share of price", source: src("acquisitionPremium") },
    {
      item: "setting: storage cost",
      value: options.storageUsdPerTonYear ?? "per mineral",
      unit: "US$ per t·year",
      source: src("storageUsdPerTonYear", "market parameters (assumptions/market.yaml, src/economics/defaults.ts)"),
    },
    { item: "setting: loan rate", value: options.loanRate, unit: "per year", source: src("loanRate") },
    { item: "setting: market limit", value: options.marketShare, unit: "share of world annual production", source: src("marketShare") },
    { item: "setting: max days of cover", value: options.maxDaysOfCover ?? "none", unit: "days of import cover", source: src("maxDaysOfCover", "default") },
    { item: "setting: min days of cover", value: options.minDaysOfCover ?? "none", unit: "days of import cover", source: src("minDaysOfCover", "default") },
    { item: "setting: value multiplier", value: options.valueMultiplier, unit: "× the loss of a ton short", source: src("valueMultiplier") },
    { item: "setting: planning horizon", value: options.horizonYears, unit: "years held with no disruption", source: src("horizonYears") },
    ...(options.years > 1
      ? [
          {
            item: "setting: disruption onset",
            value: typeof options.onset === "string" ? options.onset : options.onset.join(","),
            unit: "when a disruption may begin within the schedule (weights by year)",
            source: src("onset"),
          },
        ]
      : []),
    { item: "setting: spend all", value: options.spendAll ? "yes" : "no (the budget is a ceiling)", unit: "", source: src("spendAll", "default") },
    { item: "setting: projects divisible", value: options.divisible ? "yes" : "no", unit: "", source: src("divisible", "default") },
    { item: "setting: solver choice", value: options.solver, unit: "", source: "" },
    ...Object.entries(options.marketShareByMineral).map(([m, v]) => ({
      item: `setting: market limit, ${m}`,
      value: v,
      unit: "share of world annual production",
      source: "basket (its reason is in Notes)",
    })),
    ...Object.entries(options.valueMultiplierByMineral).map(([m, v]) => ({
      item: `setting: value multiplier, ${m}`,
      value: v,
      unit: "× price",
      source: "basket (its reason is in Notes)",
    })),
  ];
}

/** One row per headline figure, money in US$ M like the other sheets; with a compared plan, its figures in the `cut` column. */
function summaryRows(r: PlanResult, cut?: PlanResult): Row[] {
  const funded = (p: PlanResult) => p.projects.filter((j) => j.fund > 0).length;
  const items: [string, (p: PlanResult) => Row["value"], string][] = [
    ["status", (p) => p.status, ""],
    ["reason", (p) => p.reason ?? null, ""],
    ["solver", (p) => p.solver, ""],
    ["scenarios", (p) => p.scenarios, "count"],
    ["budget", (p) => MUSD(p.budget), "US$ M"],
    ["spent", (p) => MUSD(p.spent), "US$ M"],
    ["unspent", (p) => MUSD(p.budget - p.spent), "US$ M"],
    ["expected loss before", (p) => MUSD(p.valueBefore), "US$ M"],
    ["expected loss after", (p) => MUSD(p.valueAfter), "US$ M"],
    ["expected loss avoided", (p) => MUSD(p.valueBefore - p.valueAfter), "US$ M"],
    ["expected resale of stock left", (p) => MUSD(planMoney(p).resale), "US$ M"],
    ["expected holding cost", (p) => MUSD(planMoney(p).holding), "US$ M"],
    ["net expected benefit", (p) => MUSD(planMoney(p).net), "US$ M"],
    ["unspent budget", (p) => MUSD(p.unspent), "US$ M"],
    ["marginal value of budget", (p) => p.marginalValue, "net US$ per extra US$ (dual of the budget row; local)"],
    ["objective", (p) => MUSD(p.objective), "US$ M (shortfall value + spend weight × spend)"],
    ["minerals planned", (p) => p.minerals.length, "count"],
    ["minerals left out", (p) => p.excluded.length, "count"],
    ["projects funded", funded, `count of ${r.projects.length}`],
  ];
  const rows: Row[] = items.map(([item, get, unit]) => ({ item, value: get(r), ...(cut ? { cut: get(cut) } : {}), unit, source: "" }));
  const [head, cutHead] = [planHeadline(r), cut && planHeadline(cut)];
  if (head || cutHead) rows.unshift({ item: "headline", value: head ?? null, ...(cut ? { cut: cutHead ?? null } : {}), unit: "", source: "" });
  if (cut && cut.budget <= r.budget)
    rows.push({ item: "expected loss the cut adds", value: null, cut: MUSD(cut.valueAfter - r.valueAfter), unit: "US$ M", source: "" });
  if (cut && cut.budget > r.budget)
    rows.push({ item: "expected loss the raise removes", value: null, cut: MUSD(r.valueAfter - cut.valueAfter), unit: "US$ M", source: "" });
  return rows;
}

function summaryColumns(other?: "cut plan" | "raised plan"): Column[] {
  return [
    { key: "item" },
    { key: "value", label: other ? "plan" : "value" },
    ...(other ? [{ key: "cut", label: other }] : []),
    { key: "unit" },
    { key: "source" },
  ];
}

export const NOTE_COLUMNS: Column[] = [{ key: "source" }, { key: "note", note: true }];

/** Every note: minerals left out, the plan's notes (judgement calls among them), then the input's, then the compared plan's. */
function noteRows(r: PlanResult, extraNotes: readonly string[], cut?: PlanResult): Row[] {
  const rows: Row[] = [
    ...r.excluded.map((e) => ({ source: "left out", note: `${e.id}: ${e.reason}` })),
    ...r.notes.map((note) => ({ source: "plan", note })),
    ...extraNotes.map((note) => ({ source: "input", note })),
  ];
  if (!r.projects.length) rows.push({ source: "input", note: "no candidate capacity projects (give --projects FILE)" });
  if (cut) {
    const seen = new Set(rows.map((x) => x.note));
    const name = cut.budget > r.budget ? "raised plan" : "cut plan";
    for (const e of cut.excluded) if (!seen.has(`${e.id}: ${e.reason}`)) rows.push({ source: `${name}: left out`, note: `${e.id}: ${e.reason}` });
    for (const note of cut.notes) if (!seen.has(note)) rows.push({ source: name, note });
  }
  return rows;
}

/**
 * The plan as workbook sheets: Plan (the CSV's rows), Projects, Summary (headline figures and the
 * settings used), Notes, and with a compared plan a Compare sheet (the `--compare --format csv` rows).
 * Money is in US$ M on every sheet.
 */
export function planSheets(
  r: PlanResult,
  extraNotes: readonly string[],
  settings: { options: PlanOptions; given: Partial<PlanOptions> },
  other?: PlanResult,
): Sheet[] {
  const compare = other && orderPlans(r, other);
  const sheets: Sheet[] = [
    { name: "Plan", columns: MINERAL_CSV_COLUMNS, rows: r.status === "optimal" ? noteAssumed(mineralRows(r, true), assumedTexts(extraNotes)) : [] },
    { name: "Projects", columns: PROJECT_COLUMNS, rows: projectRows(r) },
    {
      name: "Summary",
      columns: summaryColumns(other && (compare!.raised ? "raised plan" : "cut plan")),
      rows: [...summaryRows(r, other), ...settingRows(settings.options, settings.given)],
    },
    { name: "Notes", columns: NOTE_COLUMNS, rows: noteRows(r, extraNotes, other) },
  ];
  if (compare) sheets.push({ name: "Compare", columns: COMPARE_COLUMNS, rows: compareRows(compare.rows, true) });
  return sheets;
}

/**
 * A plan in a few lines, for a banner (`lodestone serve --summary`, the start of `npm start`): what
 * it spends and leaves, the expected loss before and after, and the largest purchases.
 */
export function planBrief(r: PlanResult, top = 6): string[] {
  if (r.status !== "optimal") return [planHeadline(r) ?? r.status];
  const bought = [...r.minerals].filter((m) => m.buyTons > 0).sort((a, b) => b.dollars - a.dollars);
  const fmt = (t: number) => (t >= 100 ? Math.round(t).toLocaleString("en-US") : t.toPrecision(3));
  return [
    `default plan, budget US$ ${musd(r.budget, 0)} M (a ceiling): spends US$ ${musd(r.spent)} M, leaves US$ ${musd(r.unspent)} M unspent`,
    `expected loss US$ ${musd(r.valueBefore)} M → US$ ${musd(r.valueAfter)} M over ${r.scenarios} scenario draws (disruption probability ${(r.disruptionProbability * 100).toFixed(1)} %)`,
    `buys: ${bought
      .slice(0, top)
      .map((m) => `${m.id} ${fmt(m.buyTons)} t (US$ ${musd(m.dollars)} M)`)
      .join(", ")}${bought.length > top ? `, and ${bought.length - top} more` : ""}`,
  ];
}
