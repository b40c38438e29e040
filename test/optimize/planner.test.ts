import { describe, expect, it } from "vitest";
import { createPlanner, loadHighsSolver, type PlanInput } from "../../src/index.js";
import { B_PROJECT, handCase } from "./fixtures.js";

/** The hand case with its project, on HiGHS (the path that builds and solves the LP). */
function input(budget: number): PlanInput {
  const i = handCase(budget, [B_PROJECT]);
  i.options.solver = "highs";
  return i;
}

const LOW = 400;
const HIGH = 1100;

describe("a planner's model is a value: asking for it at a budget returns that budget's model", () => {
  it("solve(low) then model(high) has the high budget in its budget row (millions of USD)", async () => {
    const planner = await createPlanner(input(HIGH), await loadHighsSolver());
    planner.solve(LOW);
    const b = planner.model(HIGH);
    expect(b.model.rowNames[b.budgetRow]).toBe("budget");
    expect(b.model.rowUpper[b.budgetRow]).toBe(HIGH / 1e6);
    expect(planner.model(LOW).model.rowUpper[b.budgetRow]).toBe(LOW / 1e6);
    // without a budget: the budget of the planner's options
    expect(planner.model().model.rowUpper[b.budgetRow]).toBe(HIGH / 1e6);
  });

  it("a model handed out is not changed by later solves or later models, and changing it changes nothing else", async () => {
    const planner = await createPlanner(input(HIGH), await loadHighsSolver());
    const b = planner.model(HIGH);
    planner.solve(LOW);
    planner.model(LOW);
    expect(b.model.rowUpper[b.budgetRow]).toBe(HIGH / 1e6);
    b.model.rowUpper[b.budgetRow] = 0;
    b.model.colUpper[b.cols.buy[0]] = 0;
    expect(planner.model(HIGH).model.rowUpper[b.budgetRow]).toBe(HIGH / 1e6);
    expect(planner.model(HIGH).model.colUpper[b.cols.buy[0]]).toBe(Infinity);
    // A's 10 t still bought at the high budget (hand.test.ts): the caller's edits did not reach the solve
    expect(planner.solve(HIGH).minerals[0].buyTons).toBeCloseTo(10, 6);
  });

  for (const order of [
    [LOW, HIGH],
    [HIGH, LOW],
  ]) {
    it(`solving at ${order.join(" then ")} gives what fresh planners give at each budget`, async () => {
      const highs = await loadHighsSolver();
      const planner = await createPlanner(input(order[0]), highs);
      for (const budget of order) {
        const fresh = await createPlanner(input(budget), highs);
        expect(planner.solve(budget)).toEqual(fresh.solve(budget));
      }
    });
  }
});
