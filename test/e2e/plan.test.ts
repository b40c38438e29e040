import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { dashboardForTests, SHOTS } from "./browser.js";

/*
 * The dashboard's Plan page in Debian's Chromium (installed by .ci/run), headless, against the real
 * server on a free loopback port (the launch as in dashboard.test.ts). What the page draws is checked
 * against the API's own answer to the same request (the page keeps the request it sent on the
 * summary), so no figure is written down here. Screenshots go to test-results/dashboard/.
 */

/** How long a wait for the page may take (a plan job on a loaded machine); a wait, not a timing assertion. */
const SLOW = { timeout: 60_000, interval: 100 };
/** The limit for a test that waits on several plan, frontier and compare jobs (two cores shared with other work). */
const LONG = 180_000;
/** The page's money format (web/src/ui.ts fmtUsd), in the browser: Node's ICU may write "$1.00B" where Chromium's writes "$1B". */
const usd = (page: Page, v: number) =>
  page.evaluate((x) => new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 2, style: "currency", currency: "USD" }).format(x), v);

const browser = dashboardForTests();
const { open } = browser;

/** POST a job route of the API and wait for its result (as the page's runJob does). */
async function apiJob<T>(path: string, body: unknown): Promise<T> {
  const r = await fetch(`${browser.server.url}${path}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  let job = (await r.json()) as { id: string; status: string; result?: T; error?: { message: string } };
  if (r.status === 200) return job as T;
  expect(r.status).toBe(202);
  for (;;) {
    if (job.status === "done") return job.result as T;
    if (job.status === "failed" || job.status === "cancelled") throw new Error(`${path}: ${job.status} ${job.error?.message ?? ""}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    job = await (await fetch(`${browser.server.url}/jobs/${job.id}`)).json();
  }
}

interface PlanJson {
  years?: number;
  budgetUsd: number;
  spentUsd: number;
  unspentUsd: number;
  marginalValue: number | null;
  minerals: {
    id: string;
    buyTons: number;
    costUsd: number;
    daysOfCover: number | null;
    schedule?: { year: number; cashUsd: number }[];
    /** the inputs an analyst assumed, by input (d0, r, price) */
    assumed?: Record<string, unknown>;
  }[];
}

/** The request behind what the page shows now (kept on an element as data-request). */
const requestOf = async (page: Page, selector: string) => JSON.parse((await page.locator(selector).getAttribute("data-request"))!);

/** The allocation bars as drawn: each bar's mineral, value and width. */
const drawnBars = (page: Page) =>
  page
    .locator("#allocation svg rect[data-id]")
    .evaluateAll((rects) =>
      rects.map((r) => ({ id: r.getAttribute("data-id")!, value: Number(r.getAttribute("data-value")), width: r.getBoundingClientRect().width })),
    );

/** The bars match the plan: one per mineral bought, its value the plan's, its length in proportion, longest first. */
function expectBarsMatch(bars: Awaited<ReturnType<typeof drawnBars>>, plan: PlanJson, value: (m: PlanJson["minerals"][0]) => number) {
  const bought = plan.minerals.filter((m) => m.buyTons > 0);
  expect(bars.map((b) => b.id).sort()).toEqual(bought.map((m) => m.id).sort());
  const byId = new Map(bought.map((m) => [m.id, value(m)]));
  for (const b of bars) expect(b.value).toBe(byId.get(b.id));
  const top = Math.max(...bars.map((b) => b.value));
  const widest = Math.max(...bars.map((b) => b.width));
  for (const b of bars) expect(Math.abs(b.width - (widest * b.value) / top)).toBeLessThan(1.5);
  expect(bars.map((b) => b.value)).toEqual([...bars.map((b) => b.value)].sort((x, y) => y - x));
}

describe("Plan page in Chromium", () => {
  it(
    "the allocation bars switch (by keyboard) between tons, dollars and days of cover, each matching the API's plan",
    async () => {
      const page = await open("#/plan");
      await page.waitForSelector("#allocation svg rect[data-id]", SLOW);
      const plan = await apiJob<PlanJson>("/plans", await requestOf(page, "#plan-summary"));
      expectBarsMatch(await drawnBars(page), plan, (m) => m.costUsd);
      // the spend is stated plainly against the budget
      expect(await page.locator("#plan-spend").textContent()).toContain(await usd(page, plan.budgetUsd));
      expect(await page.locator("#plan-spend").textContent()).toMatch(/Net benefit/);
      // the radios in order tons, dollars, days: from dollars, an arrow key moves the choice
      await page.locator("#unit-usd").focus();
      await page.keyboard.press("ArrowLeft");
      expect(await page.locator("#unit-tons").isChecked()).toBe(true);
      await expect.poll(async () => (await drawnBars(page)).map((b) => b.value).includes(plan.minerals.find((m) => m.buyTons > 0)!.buyTons), SLOW).toBe(true);
      expectBarsMatch(await drawnBars(page), plan, (m) => m.buyTons);
      expect(await page.locator("#allocation svg").first().textContent()).toContain("bought (t)");
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      expect(await page.locator("#unit-days").isChecked()).toBe(true);
      await expect.poll(() => page.locator("#allocation svg").first().textContent(), SLOW).toContain("days of cover");
      expectBarsMatch(await drawnBars(page), plan, (m) => m.daysOfCover ?? 0);
      // each scenario in the set shows the probability the plan weighs it by, as GET /scenarios gives it
      const listed = (await (await fetch(`${browser.server.url}/scenarios`)).json()) as { id: string; probability: { value: number } }[];
      const labels = await page.locator("fieldset.scenario-set label").allTextContents();
      expect(labels.map((l) => l.trim())).toEqual(listed.map((s) => `${s.id} (${Math.round(s.probability.value * 100)} %)`));
      // the notes and assumptions are there, the assumed figures marked
      expect(await page.locator("#plan-notes li").count()).toBeGreaterThan(0);
      expect(await page.locator("#plan-notes li.assumed-note").count()).toBeGreaterThan(0);
      await page.close();
    },
    LONG,
  );

  it(
    "years 5 draws a five-year schedule whose spend sums to the plan's spend",
    async () => {
      const page = await open("#/plan");
      await page.waitForSelector("#allocation svg rect[data-id]", SLOW);
      expect(await page.locator("#schedule").textContent()).toContain("single purchase");
      await page.fill("#years", "5");
      await page.locator("#years").press("Tab");
      await page.waitForSelector("#schedule svg rect[data-year]", SLOW);
      const request = await requestOf(page, "#plan-summary");
      expect(request.years).toBe(5);
      const plan = await apiJob<PlanJson>("/plans", request);
      expect(plan.years).toBe(5);
      const segments = await page
        .locator("#schedule svg rect[data-year]")
        .evaluateAll((rects) => rects.map((r) => ({ year: Number(r.dataset.year), usd: Number(r.dataset.value) })));
      const drawn = segments.reduce((a, s) => a + s.usd, 0);
      expect(Math.abs(drawn - plan.spentUsd)).toBeLessThan(1e-6 * plan.spentUsd);
      expect(segments.every((s) => s.year >= 1 && s.year <= 5)).toBe(true);
      // the table: one row per year, 1 to 5, even a year that buys nothing
      const yearRows = page.locator("#schedule-table table").first().locator("tbody tr");
      expect(await yearRows.count()).toBe(5);
      expect(await yearRows.locator("td:first-child").allTextContents()).toEqual(["1", "2", "3", "4", "5"]);
      // the chart's axis has the five years
      expect(await page.locator('#schedule svg [aria-label="x-axis tick label"] text').allTextContents()).toEqual(["1", "2", "3", "4", "5"]);
      // projects are planned with a single purchase only: the box is off while years > 1
      expect(await page.locator("#with-projects").isDisabled()).toBe(true);
      // a disruption may begin at the end of any year by default: the plan is asked so, and buys in year 1 as the API's does
      expect(request.onset).toBe("uniform");
      const spendIn = (p: PlanJson, year: number) =>
        p.minerals
          .flatMap((m) => m.schedule ?? [])
          .filter((r) => r.year === year)
          .reduce((a, r) => a + r.cashUsd, 0);
      const drawnIn = (year: number) => segments.filter((s) => s.year === year).reduce((a, s) => a + s.usd, 0);
      expect(drawnIn(1)).toBeGreaterThan(0);
      // money left for the later years while an early tranche binds: the page says so, not that more money buys nothing
      expect(plan.unspentUsd).toBeGreaterThan(0.5);
      expect(plan.marginalValue).toBeGreaterThan(0);
      await expect.poll(() => page.locator("#plan-spend").textContent(), SLOW).toContain("an early year's tranche binds");
      expect(await page.locator("#plan-spend").textContent()).not.toContain("more money buys nothing more");
      expect(Math.abs(drawnIn(1) - spendIn(plan, 1))).toBeLessThan(1e-6 * plan.spentUsd);
      await page.screenshot({ path: join(SHOTS, "plan.png"), fullPage: true });
      // "only after the schedule" re-plans with onset end, as the API plans it
      await page.selectOption("#onset", "end");
      await expect.poll(async () => (await requestOf(page, "#plan-summary")).onset, SLOW).toBe("end");
      const late = await apiJob<PlanJson>("/plans", await requestOf(page, "#plan-summary"));
      await expect
        .poll(
          async () =>
            (await page.locator("#schedule svg rect[data-year]").evaluateAll((rs) => rs.map((r) => Number(r.dataset.value)))).reduce((a, v) => a + v, 0),
          SLOW,
        )
        .toBeCloseTo(late.spentUsd, 0);
      await page.close();
    },
    LONG,
  );

  it(
    "candidate projects: the funded-projects table lists each project as the API's plan has it",
    async () => {
      const page = await open("#/plan");
      await page.waitForSelector("#allocation svg rect[data-id]", SLOW);
      expect(await page.locator("#projects").textContent()).toContain("No capacity projects");
      await page.locator("#with-projects").check();
      await page.waitForSelector("#projects table", SLOW);
      const request = await requestOf(page, "#plan-summary");
      expect(request.projects).toBe("us-candidates");
      const plan = await apiJob<PlanJson & { projects: { id: string; fund: number }[] }>("/plans", request);
      expect(await page.locator("#projects tbody tr").count()).toBe(plan.projects.length);
      const funded = plan.projects.filter((p) => p.fund > 0).length;
      expect(await page.locator("#projects-summary").textContent()).toContain(
        funded ? `${funded} of ${plan.projects.length}` : `None of the ${plan.projects.length}`,
      );
      await page.close();
    },
    LONG,
  );

  it(
    "compare with a cut shows the API's loss difference and the minerals that lose tons; a cut that binds nothing says so",
    async () => {
      const page = await open("#/plan");
      await page.waitForSelector("#allocation svg rect[data-id]", SLOW);
      // the default cut: a third of the budget
      expect(Number(await page.inputValue("#cut"))).toBeCloseTo(1 / 3, 1);
      await page.click("#compare");
      await page.waitForSelector("#compare-loss", SLOW);
      const c = await apiJob<{
        valueLostBySmallerUsd: number;
        neitherBinds: boolean;
        summary: string;
        rows: { id: string; buyTonsLarger: number; buyTonsSmaller: number }[];
      }>("/compare", await requestOf(page, "#compare-result"));
      expect(c.valueLostBySmallerUsd).toBeGreaterThan(0);
      expect(Number(await page.locator("#compare-loss").getAttribute("data-usd"))).toBe(c.valueLostBySmallerUsd);
      expect(await page.locator("#compare-loss").textContent()).toBe(await usd(page, c.valueLostBySmallerUsd));
      const losing = c.rows.filter((r) => r.buyTonsLarger > r.buyTonsSmaller).map((r) => r.id);
      expect(losing.length).toBeGreaterThan(0);
      const shown = await page.locator("#compare-result tbody tr td:first-child").allTextContents();
      expect(shown.sort()).toEqual(expect.arrayContaining(losing.sort()));
      expect(await page.locator(".neither-binds").count()).toBe(0);
      await page.screenshot({ path: join(SHOTS, "plan-compare.png"), fullPage: true });

      // US$ 5 bn against US$ 3 bn: the plan spends far less than either, so the cut changes nothing
      const slider = page.locator("#budget");
      await slider.focus();
      await page.keyboard.press("End");
      for (let i = 0; i < 70; i++) await page.keyboard.press("ArrowLeft"); // US$ 12 bn less 70 steps of 0.1 bn
      await expect.poll(() => page.locator("#plan-summary dd").first().textContent(), SLOW).toBe("$5B");
      expect(await page.locator("#plan-spend").textContent()).toMatch(/^Spends \$[\d.]+[MB] of \$5B: more money buys nothing more under these scenarios/);
      await page.fill("#cut", "3");
      await page.click("#compare");
      // the comparison on show was redone for US$ 5 bn with its default cut; wait for the one asked for
      await expect.poll(async () => (await requestOf(page, "#compare-result")).compare, SLOW).toBe(3e9);
      await page.waitForSelector(".neither-binds", SLOW);
      const n = await apiJob<{ valueLostBySmallerUsd: number; neitherBinds: boolean }>("/compare", await requestOf(page, "#compare-result"));
      expect(n.neitherBinds).toBe(true);
      expect(await page.locator("#compare-loss").textContent()).toBe(await usd(page, n.valueLostBySmallerUsd));
      expect(await page.locator(".neither-binds").textContent()).toMatch(/Neither budget binds/);
      expect(await page.locator("#compare-result").textContent()).toContain("No mineral loses tons");
      await page.close();
    },
    LONG,
  );

  it("errors: a failing plan shows an error on each of its parts; a bad years value names the field", async () => {
    const page = await open("#/plan");
    await page.route("**/plans", (route) =>
      route.fulfill({
        status: 500,
        contentType: "application/json",
        body: JSON.stringify({ error: { status: 500, code: "internal", message: "boom", issues: [{ message: "boom" }] } }),
      }),
    );
    await page.reload();
    await expect.poll(() => page.locator(".status.error").count(), SLOW).toBeGreaterThanOrEqual(3);
    for (const text of await page.locator(".status.error").allTextContents()) expect(text).toContain("boom");
    await page.unroute("**/plans");
    await page.fill("#years", "25");
    await page.locator("#years").press("Tab");
    await expect.poll(() => page.locator(".status.error").first().textContent(), SLOW).toContain("years: 25, expected a whole number from 1 to 20");
    await page.close();
  });

  it(
    "the plan's tables mark tungsten's assumed consumption (†, orange) and a note says its range and source; every mark matches the API's assumed",
    async () => {
      const page = await open("#/plan");
      await page.waitForSelector("#plan-table tbody tr", SLOW);
      const plan = await apiJob<PlanJson>("/plans", await requestOf(page, "#plan-summary"));
      const bought = plan.minerals.filter((m) => m.buyTons > 0);
      expect(bought.some((m) => m.id === "tungsten")).toBe(true);
      // tungsten's row: the mineral's cell is marked, the Assumed column names what is assumed, the note is on hover
      const row = page.locator("#plan-table tbody tr", { has: page.locator("td:first-child", { hasText: /^tungsten/ }) });
      const mark = row.locator("td").first().locator(".assumed");
      expect(await mark.textContent()).toBe("tungsten †");
      expect(await mark.evaluate((e) => getComputedStyle(e).color)).toBe("rgb(160, 90, 0)");
      // US tungsten consumption derived from MCS 2026: low = imports 10,280 − exports 4,890 = 5,390 t; high = 5,390 / 50 % (NIR >50) = 10,780 t
      const title = await mark.getAttribute("title");
      expect(title).toContain("consumption assumed: range 5,390–10,780 t (2024)");
      expect(title).toMatch(
        /source: Mineral Commodity Summaries 2026 Data Release \(U\.S\. Geological Survey, 2026-02-06\).*\[assumptions\/public-estimates\.yaml:\d+\]/,
      );
      expect(await row.locator("td").last().textContent()).toBe("consumption");
      // the note under the table says the same for tungsten, and lists exactly the bought minerals the API marks assumed
      const note = page.locator('#plan-assumed li[data-mineral="tungsten"]');
      expect(await note.textContent()).toContain("† tungsten: consumption assumed: range 5,390–10,780 t (2024)");
      expect(await note.getAttribute("title")).toContain("derived (tungsten-consumption)");
      const assumedIds = bought.filter((m) => m.assumed).map((m) => m.id);
      expect(await page.locator("#plan-assumed li").evaluateAll((ls) => ls.map((l) => l.getAttribute("data-mineral")))).toEqual(assumedIds);
      expect(await page.locator("#plan-table table").first().locator("tbody .assumed").count()).toBe(assumedIds.length);
      // a mineral on published figures only (gallium) is not marked
      const gallium = page.locator("#plan-table tbody tr", { has: page.locator("td:first-child", { hasText: /^gallium$/ }) });
      expect(await gallium.locator(".assumed").count()).toBe(0);
      // the CSV carries the note in its Assumed column
      const [csv] = await Promise.all([page.waitForEvent("download"), page.locator("#plan-table .export-csv").click()]);
      const lines = readFileSync((await csv.path())!, "utf8").split("\r\n");
      expect(lines[0]).toMatch(/,Assumed$/);
      expect(lines.find((l) => l.startsWith("tungsten,"))).toContain("consumption assumed: range 5,390–10,780 t (2024)");
      await page.locator("#plan-table").screenshot({ path: join(SHOTS, "plan-table-assumed-1280.png") });
      await page.close();
    },
    LONG,
  );

  it(
    "fits a phone: at 390 px wide, with a schedule, a comparison and the notes open, nothing overflows",
    async () => {
      const page = await open("#/plan", { width: 390, height: 844 });
      await page.waitForSelector("#allocation svg rect[data-id]", SLOW);
      await page.waitForSelector("#frontier svg", SLOW);
      await page.fill("#years", "5");
      await page.locator("#years").press("Tab");
      await page.waitForSelector("#schedule svg rect[data-year]", SLOW);
      await page.click("#compare");
      await page.waitForSelector("#compare-loss", SLOW);
      await page.locator("#plan-notes summary").click();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      for (const id of ["allocation", "schedule", "frontier"]) {
        const w = await page
          .locator(`#${id} svg`)
          .first()
          .evaluate((e) => e.getBoundingClientRect().right);
        expect(w).toBeLessThanOrEqual(390);
      }
      await page.screenshot({ path: join(SHOTS, "plan-390.png"), fullPage: true });
      await page.close();
    },
    LONG,
  );

  it("loads nothing from another host and throws no page error", () => {
    expect(browser.dash.foreign).toEqual([]);
    expect(browser.dash.pageErrors).toEqual([]);
  });
});
