/**
 * The plan reports called as library functions on hand-made results (no solver, no CLI): every
 * figure below can be checked by hand from the input.
 */
import { describe, expect, it } from "vitest";
import { compareReport, compareSentence, frontierReport, PLAN_DEFAULTS, type PlanResult, planJson, planReport, planSheets } from "../../src/index.js";

/**
 * Budget US$ 10 M; testium: 3,000 t bought for US$ 3.3 M (at its cap), short 5,000 t → 2,000 t,
 * loss US$ 5 M → 2 M, resale of what is left US$ 2 M, holding US$ 0.3 M: net 3 + 2 − 3.3 − 0.3 = 1.4.
 */
const plan = (over: Partial<PlanResult> = {}): PlanResult => ({
  status: "optimal",
  solver: "fast",
  budget: 10e6,
  objective: 2.033e6,
  spent: 3.3e6,
  unspent: 6.7e6,
  disruptionProbability: 0.3,
  valueBefore: 5e6,
  valueAfter: 2e6,
  marginalValue: 0.5,
  minerals: [
    {
      id: "testium",
      price: 1000,
      unitCost: 1100,
      baseCost: 1100,
      holdingPerTon: 100,
      resalePerTon: 900,
      resaleValue: 2e6,
      holdingCost: 0.3e6,
      buyTons: 3000,
      dollars: 3.3e6,
      cap: 3000,
      capReason: "10.0 % of world production",
      daysOfCover: 45.6,
      shortfallBefore: 5000,
      shortfallAfter: 2000,
      valueBefore: 5e6,
      valueAfter: 2e6,
    },
  ],
  projects: [],
  excluded: [],
  allExcluded: false,
  scenarios: 1,
  notes: [],
  ...over,
});

describe("planReport", () => {
  it("table: the minerals in US$ M, the cap as a numbered note below, then the summary", () => {
    const r = planReport(plan(), "table", ["input note"]);
    expect(r.code).toBe(0);
    expect(r.text).toBe(
      [
        "mineral  bought t  cost US$ M  cover d  E[short] t  after t  E[loss] US$ M  after US$ M  cap",
        "-------  --------  ----------  -------  ----------  -------  -------------  -----------  ---",
        "testium     3,000         3.3       46       5,000    2,000            5.0          2.0  [1]",
        "",
        "[1] at 10.0 % of world production",
        "",
        "status: optimal; solver: fast; 1 scenario(s)",
        "disruption probability over the planning horizon: 30.0 % (the scenarios' probabilities; the rest is no disruption)",
        "how the probabilities read: each scenario file's is the chance that it is the first disruption to begin within its own",
        "  horizon; the files are mutually exclusive, and the rest of the mass is no disruption (docs/scenarios.md)",
        "budget US$ 10.0 M (a ceiling), spent US$ 3.3 M, unspent US$ 6.7 M: no further purchase avoids more expected loss than it",
        "  costs",
        "expected loss: before US$ 5.0 M, after US$ 2.0 M (avoided US$ 3.0 M)",
        "stock bought: expected resale of what is left US$ 2.0 M, expected holding cost US$ 0.3 M",
        "net expected benefit: US$ 1.4 M (loss avoided + resale − spent − holding)",
        "marginal: an extra US$ returns 0.5000 US$ net (dual of the budget row; local; 0 when the budget does not bind)",
        "projects funded: none",
        "note: input note",
        "",
      ].join("\n"),
    );
  });

  it("JSON: status first, camelCase keys, every money key in USD ending in Usd", () => {
    const j = planJson(plan(), ["input note"]);
    expect(Object.keys(j)[0]).toBe("status");
    expect(j).toMatchObject({
      budgetUsd: 10e6,
      spentUsd: 3.3e6,
      objectiveUsd: 2.033e6,
      unspentUsd: 6.7e6,
      disruptionProbability: 0.3,
      valueBeforeUsd: 5e6,
      valueAfterUsd: 2e6,
      resaleValueUsd: 2e6,
      holdingCostUsd: 0.3e6,
      netBenefitUsd: expect.closeTo(1.4e6, 3),
      marginalValue: 0.5,
      notes: ["input note"],
    });
    expect(j.minerals[0]).toMatchObject({
      id: "testium",
      buyTons: 3000,
      priceUsdPerTon: 1000,
      unitCostUsdPerTon: 1100,
      costUsd: 3.3e6,
      valueBeforeUsd: 5e6,
      valueAfterUsd: 2e6,
    });
    const keys = JSON.stringify(j).match(/"[^"]+":/g)!;
    expect(keys.filter((k) => k.includes("_"))).toEqual([]);
    for (const bare of ["budget", "spent", "objective", "valueBefore", "valueAfter", "dollars", "price", "capex"]) expect(keys).not.toContain(`"${bare}":`);
  });

  const infeasible = plan({ status: "infeasible", reason: "testium: the floor of 100 t exceeds the cap of 10 t", spent: 0, valueAfter: 5e6, minerals: [] });

  it("infeasible: the first line says so with the reason; exit code 4", () => {
    const r = planReport(infeasible, "table");
    expect(r.code).toBe(4);
    expect(r.text.split("\n")[0]).toBe("INFEASIBLE: testium: the floor of 100 t exceeds the cap of 10 t");
    expect(r.text).not.toMatch(/^mineral/m); // no table of zeros
  });

  it('infeasible: JSON leads with status "infeasible"; CSV is an empty table with the reason as a warning', () => {
    const j = planReport(infeasible, "json");
    expect(j.code).toBe(4);
    expect(j.text).toMatch(/^\{\n {2}"status": "infeasible",\n {2}"headline": "INFEASIBLE: testium/);
    const c = planReport(infeasible, "csv");
    expect(c.code).toBe(4);
    expect(c.text.trim().split("\r\n")).toHaveLength(1);
    expect(c.warning).toBe("INFEASIBLE: testium: the floor of 100 t exceeds the cap of 10 t");
  });

  it("every mineral left out: that is the headline, with each reason", () => {
    const r = planReport(
      plan({
        minerals: [],
        spent: 0,
        valueBefore: 0,
        valueAfter: 0,
        allExcluded: true,
        excluded: [
          { id: "nullium", kind: "no-us-figure", reason: "no US apparent consumption" },
          { id: "voidium", kind: "no-price", reason: "no price" },
        ],
      }),
      "table",
    );
    expect(r.code).toBe(0);
    expect(r.text.split("\n")[0]).toBe("NO MINERAL PLANNED: every mineral is left out (2): nullium (no US apparent consumption); voidium (no price)");
    expect(r.text).not.toMatch(/^mineral/m);
  });

  it("workbook: an infeasible plan has an empty Plan sheet and its headline first in Summary", () => {
    const sheets = planSheets(infeasible, [], { options: { ...PLAN_DEFAULTS, budget: 10e6 }, given: {} });
    expect(sheets.find((s) => s.name === "Plan")!.rows).toEqual([]);
    expect(sheets.find((s) => s.name === "Summary")!.rows[0]).toMatchObject({ item: "headline", value: expect.stringMatching(/^INFEASIBLE: /) });
    expect(sheets.find((s) => s.name === "Summary")!.rows.find((r) => r.item === "budget")).toMatchObject({ value: 10, unit: "US$ M" });
  });
});

describe("compareReport: worded the right way round in either direction", () => {
  // US$ 10 M leaves US$ 2.0 M of expected loss; US$ 20 M leaves US$ 1.5 M: the extra US$ 10 M removes US$ 0.5 M (0.05 per US$)
  const small = plan();
  const large = plan({
    budget: 20e6,
    spent: 8e6,
    valueAfter: 1.5e6,
    minerals: [{ ...small.minerals[0], buyTons: 8000, dollars: 8.8e6, shortfallAfter: 1500, valueAfter: 1.5e6 }],
  });

  it("--compare below --budget: cutting adds", () => {
    expect(compareSentence(large, small)).toBe("cutting the budget from US$ 20 M to US$ 10 M adds US$ 0.5 M of expected loss (0.050 US$ per US$ cut)");
  });

  it("--compare above --budget: raising removes (never a negative addition)", () => {
    expect(compareSentence(small, large)).toBe("raising the budget from US$ 10 M to US$ 20 M removes US$ 0.5 M of expected loss (0.050 US$ per US$ added)");
    const t = compareReport(small, large, "table").text;
    expect(t).not.toMatch(/-\d/);
    expect(t).toMatch(/^testium\s+mineral\s+8,000\s+3,000\s+8\.8\s+3\.3\s+0\.5$/m);
  });

  it("both directions give the same rows and loss; JSON names the direction, money in USD", () => {
    const a = JSON.parse(compareReport(large, small, "json").text);
    const b = JSON.parse(compareReport(small, large, "json").text);
    expect(a.direction).toBe("cut");
    expect(b.direction).toBe("raise");
    for (const j of [a, b]) {
      expect(j.valueLostBySmallerUsd).toBeCloseTo(0.5e6, 6);
      expect(j.budgetLargerUsd).toBe(20e6);
      expect(j.budgetSmallerUsd).toBe(10e6);
      expect(j.larger.budgetUsd).toBe(20e6);
      expect(j.smaller.budgetUsd).toBe(10e6);
      expect(j.rows[0]).toMatchObject({ id: "testium", costLargerUsd: 8.8e6, costSmallerUsd: 3.3e6 });
    }
    expect(compareReport(small, large, "csv").text).toBe(compareReport(large, small, "csv").text);
  });

  it("JSON says when neither budget binds (both plans spend the same, below either budget), and not when the cut binds", () => {
    // US$ 10 M and US$ 20 M both spend US$ 3.3 M: the cut changes nothing
    const same = plan({ budget: 20e6, unspent: 16.7e6 });
    const j = JSON.parse(compareReport(same, small, "json").text);
    expect(j.neitherBinds).toBe(true);
    expect(j.summary).toMatch(/changes nothing/);
    expect(j.valueLostBySmallerUsd).toBe(0);
    expect(JSON.parse(compareReport(large, small, "json").text).neitherBinds).toBe(false);
    expect(JSON.parse(compareReport(small, small, "json").text).neitherBinds).toBe(false);
  });

  it("equal budgets say there is no difference", () => {
    expect(compareSentence(small, small)).toMatch(/^the two budgets are equal \(US\$ 10 M\)/);
  });

  it("an infeasible side leads the table and exits 4", () => {
    const r = compareReport(small, plan({ status: "infeasible", reason: "no room", budget: 5e6, minerals: [] }), "table");
    expect(r.code).toBe(4);
    expect(r.text.split("\n")[0]).toBe("INFEASIBLE at US$ 5 M: no room");
  });
});

describe("frontierReport", () => {
  const points = [
    { budget: 0, status: "optimal" as const, valueAfter: 5e6, objective: 5e6, spent: 0, marginalValue: 0.5, stepValue: null, stepNet: null },
    { budget: 10e6, status: "optimal" as const, valueAfter: 2e6, objective: 4.5e6, spent: 3.3e6, marginalValue: 0, stepValue: 0.3, stepNet: 0.05 },
  ];

  it("table in US$ M with the solver below; JSON in USD with Usd keys", () => {
    expect(frontierReport({ points, path: "fast" }, "table").text).toBe(
      [
        "budget US$ M  status   spent US$ M  E[loss] US$ M  net marginal (dual)  loss avoided US$/US$",
        "------------  -------  -----------  -------------  -------------------  --------------------",
        "           0  optimal          0.0            5.0               0.5000                     —",
        "          10  optimal          3.3            2.0               0.0000                0.3000",
        "frontier flattens by US$ 10 M: beyond US$ 3.3 M no purchase avoids more expected loss than it costs (the rest stays",
        "  unspent)",
        "solver: fast",
        "",
      ].join("\n"),
    );
    const j = JSON.parse(frontierReport({ points, path: "fast" }, "json").text);
    expect(j.points[1]).toEqual({
      budgetUsd: 10e6,
      status: "optimal",
      spentUsd: 3.3e6,
      valueAfterUsd: 2e6,
      objectiveUsd: 4.5e6,
      marginalValue: 0,
      stepValue: 0.3,
      stepNet: 0.05,
    });
  });
});
