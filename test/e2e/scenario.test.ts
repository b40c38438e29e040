import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { dashboardForTests, SHOTS } from "./browser.js";

/*
 * The dashboard's Scenario page in Debian's Chromium, headless, against the real server on a free
 * loopback port (the launch as in dashboard.test.ts). Every count of marks is checked against the
 * API's own JSON for the same request, not against numbers written here.
 */

/** How long a wait for the page may take (a Monte Carlo job on a loaded machine); a wait, not a timing assertion. */
const SLOW = { timeout: 60_000, interval: 100 };

const browser = dashboardForTests();
const { open } = browser;

interface Q {
  p10: number[];
  p50: number[];
  p90: number[];
}
interface DetMineral {
  id: string;
  name: string;
  price?: { monthly: number[] | null; multiple: number[] };
  stock: number[];
  sectorShortfall: { name: string; total: number }[];
  metrics: { totalShortfall: number; daysOfCover: number | null };
}
interface McMineral {
  id: string;
  price?: { monthly: Q | null; multiple: Q };
  totalShortfall: { p50: number };
}

/** The API's answer to POST /simulations (a Monte Carlo is a job: polled until done). */
async function simulate<T>(body: Record<string, unknown>): Promise<{ minerals: T[] }> {
  const res = await fetch(`${browser.server.url}/simulations`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  let out = (await res.json()) as { id?: string; status?: string; result?: unknown };
  if (res.status === 200) return out as { minerals: T[] };
  expect(res.status).toBe(202);
  while (out.status !== "done") {
    expect(["queued", "running"]).toContain(out.status);
    await new Promise((r) => setTimeout(r, 100));
    out = (await (await fetch(`${browser.server.url}/jobs/${out.id}`)).json()) as typeof out;
  }
  return out.result as { minerals: T[] };
}

const count = (page: Page, selector: string) => page.locator(selector).count();

describe("dashboard Scenario page in Chromium", () => {
  it("a deterministic run draws price, stock, sector and cover charts with a mark per affected mineral, worst first", async () => {
    const api = await simulate<DetMineral>({ scenario: "defence-mobilisation" });
    const ms = api.minerals;
    expect(ms.length).toBeGreaterThan(4);
    const worst = [...ms].sort((a, b) => b.metrics.totalShortfall - a.metrics.totalShortfall || a.id.localeCompare(b.id));

    const page = await open("#/scenario");
    await page.selectOption("#scenario-pick", "defence-mobilisation");
    await page.click("#run");
    await page.waitForSelector('#shortfall[data-kind="path"] svg', SLOW);

    // the picker lists every affected mineral, worst first, and starts on the worst (more than four are affected)
    const options = await page.locator("#mineral-show option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(["", ...worst.map((m) => m.id)]);
    expect(await page.locator("#mineral-show").inputValue()).toBe(worst[0].id);
    for (const id of ["shortfall", "price", "stock", "sectors"]) {
      expect(await count(page, `#${id} figure.chart`)).toBe(1);
      expect(await count(page, `#${id}-${worst[0].id} svg`)).toBeGreaterThan(0);
    }
    expect(await count(page, `#sectors-${worst[0].id} .sector-bar rect`)).toBe(worst[0].sectorShortfall.length);

    // the picker is reachable and usable from the keyboard: the next mineral down is the second worst
    await page.focus("#mineral-show");
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => page.locator("#mineral-show").inputValue(), SLOW).toBe(worst[1].id);
    await page.waitForSelector(`#price-${worst[1].id} svg`);

    // all minerals: a line per mineral for price and stock, a bar per (mineral, sector), a bar per mineral with days of cover
    await page.selectOption("#mineral-show", "");
    await page.waitForSelector(`#stock-${worst.at(-1)!.id} svg`);
    const priced = ms.filter((m) => m.price);
    expect(await count(page, "#price figure.chart")).toBe(priced.length);
    expect(await count(page, "#price svg .median path")).toBe(priced.length);
    expect(await count(page, "#stock svg .median path")).toBe(ms.length);
    expect(await count(page, "#shortfall svg .median path")).toBe(ms.length);
    expect(await count(page, "svg .band")).toBe(0);
    expect(await count(page, "#sectors .sector-bar rect")).toBe(ms.reduce((s, m) => s + m.sectorShortfall.length, 0));
    expect(ms.some((m) => m.sectorShortfall.length > 1)).toBe(true);
    expect(await count(page, "#cover .cover-bar rect")).toBe(ms.filter((m) => m.metrics.daysOfCover !== null).length);
    // the price is in USD/t where P0 is known, with the same scale as multiples of P0 on the right
    const usdOne = priced.find((m) => m.price!.monthly);
    expect(usdOne).toBeDefined();
    expect(await page.locator(`#price-${usdOne!.id} figcaption`).textContent()).toContain("as a multiple of the pre-crisis price P0 = $");
    expect(await page.locator(`#price-${usdOne!.id} svg`).first().textContent()).toContain("×1");
    if (priced.every((m) => m.price!.monthly)) expect(await page.locator("#price").textContent()).toContain("USD/t");

    // tables: a row per mineral, a row per (mineral, sector); each with CSV and XLSX; each chart with SVG and PNG
    expect(await count(page, "#scenario-table tbody tr")).toBe(ms.length);
    expect(await count(page, "#sector-table tbody tr")).toBe(ms.reduce((s, m) => s + m.sectorShortfall.length, 0));
    for (const t of ["#scenario-table", "#sector-table", "#monthly-table"]) {
      expect(await count(page, `${t} .export-csv`)).toBe(1);
      expect(await count(page, `${t} .export-xlsx`)).toBe(1);
    }
    const figures = await count(page, "figure.chart");
    expect(await count(page, "figure.chart > .chart-tools .export-svg")).toBe(figures);
    expect(await count(page, "figure.chart > .chart-tools .export-png")).toBe(figures);
    const [svg] = await Promise.all([page.waitForEvent("download"), page.click("#cover > .chart-tools .export-svg")]);
    expect(svg.suggestedFilename()).toBe("cover.svg");
    const [csv] = await Promise.all([page.waitForEvent("download"), page.click("#sector-table .export-csv")]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    // the scenario's notes
    expect(await count(page, "#scenario-notes li")).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, "scenario.png"), fullPage: true });
    await page.close();
  }, 120_000);

  it("a Monte Carlo run draws the P10–P90 band for shortfall, price and stock, and says the sector split is deterministic", async () => {
    const api = await simulate<McMineral>({ scenario: "rare-earths-2025", runs: 50, seed: 1 });
    const det = await simulate<DetMineral>({ scenario: "rare-earths-2025" });
    const ms = api.minerals;
    expect(ms.length).toBeGreaterThan(1);
    expect(ms.length).toBeLessThanOrEqual(4);

    const page = await open("#/scenario");
    await page.selectOption("#scenario-pick", "rare-earths-2025");
    await page.fill("#runs", "50");
    await page.click("#run");
    await page.waitForSelector('#shortfall[data-kind="fan"] svg', SLOW);
    // four or fewer minerals: all are shown, a band and a median per mineral in each of the three
    expect(await page.locator("#mineral-show").inputValue()).toBe("");
    expect(await count(page, "#shortfall svg .band path")).toBe(ms.length);
    expect(await count(page, "#stock svg .band path")).toBe(ms.length);
    const priced = ms.filter((m) => m.price);
    expect(priced.length).toBeGreaterThan(0);
    expect(await count(page, "#price svg .band path")).toBe(priced.length);
    expect(await count(page, "#price svg .median path")).toBe(priced.length);
    expect(await page.locator("#price").textContent()).toContain("P10–P90");
    // the sector split and the days of cover come from a deterministic run of the same scenario, and the page says so
    await page.waitForSelector("#sectors .sector-bar rect");
    expect(await page.locator("#sector-source").textContent()).toContain("deterministic run of the same scenario");
    expect(await count(page, "#sectors .sector-bar rect")).toBe(det.minerals.reduce((s, m) => s + m.sectorShortfall.length, 0));
    expect(await count(page, "#cover .cover-bar rect")).toBe(det.minerals.filter((m) => m.metrics.daysOfCover !== null).length);
    expect(await page.locator("#scenario-table caption").textContent()).toContain("50 runs");
    expect(await count(page, "#scenario-table tbody tr")).toBe(ms.length);
    await page.screenshot({ path: join(SHOTS, "scenario-mc.png"), fullPage: true });
    await page.close();
  }, 120_000);

  it("the run's table marks tungsten's assumed consumption (†) and notes its range and source, in a deterministic and a Monte Carlo run", async () => {
    const api = await simulate<DetMineral & { inputs: Record<string, { assumed?: unknown } | undefined> }>({ scenario: "china-minor-metals-2025" });
    const assumedIds = api.minerals.filter((m) => ["d0", "r", "price"].some((k) => m.inputs[k]?.assumed)).map((m) => m.id);
    expect(assumedIds).toContain("tungsten");
    const page = await open("#/scenario");
    await page.selectOption("#scenario-pick", "china-minor-metals-2025");
    const tungstenMark = () => page.locator("#scenario-table tbody td:first-child .assumed", { hasText: /^tungsten †$/ });
    for (const runs of ["0", "20"]) {
      await page.fill("#runs", runs);
      await page.click("#run");
      await page.waitForSelector(`#shortfall[data-kind="${runs === "0" ? "path" : "fan"}"] svg`, SLOW);
      if (runs !== "0") expect(await page.locator("#scenario-table caption").textContent()).toContain("20 runs");
      await expect.poll(() => tungstenMark().count(), SLOW).toBe(1);
      // low = imports 10,280 − exports 4,890 = 5,390 t; high = 5,390 / 50 % (NIR >50) = 10,780 t (MCS 2026)
      expect(await tungstenMark().getAttribute("title")).toContain("consumption assumed: range 5,390–10,780 t (2024)");
      expect(await page.locator('#scenario-assumed li[data-mineral="tungsten"]').textContent()).toMatch(
        /^† tungsten: consumption assumed: range 5,390–10,780 t \(2024\); source: Mineral Commodity Summaries 2026 Data Release .*\[assumptions\/public-estimates\.yaml:\d+\]$/,
      );
      // exactly the minerals whose inputs the API marks assumed
      expect((await page.locator("#scenario-assumed li").evaluateAll((ls) => ls.map((l) => l.getAttribute("data-mineral")))).sort()).toEqual(
        [...assumedIds].sort(),
      );
      expect(await count(page, "#scenario-table tbody td:first-child .assumed")).toBe(assumedIds.length);
    }
    await page.locator("#scenario-table").screenshot({ path: join(SHOTS, "scenario-table-assumed.png") });
    await page.close();
  }, 120_000);

  it("a mineral without a pre-crisis price shows its price as a multiple of P0, and says so", async () => {
    const api = await simulate<DetMineral>({ scenario: "coalition-chn-rus-irn" });
    const unpriced = api.minerals.find((m) => m.price && m.price.monthly === null);
    expect(unpriced).toBeDefined();
    const page = await open("#/scenario");
    await page.selectOption("#scenario-pick", "coalition-chn-rus-irn");
    await page.click("#run");
    await page.waitForSelector("#mineral-show", SLOW);
    await page.selectOption("#mineral-show", unpriced!.id);
    const fig = page.locator(`#price-${unpriced!.id}`);
    await fig.locator("svg").first().waitFor();
    expect(await fig.locator("figcaption").textContent()).toContain("multiple of P0, not in US dollars");
    expect(await fig.textContent()).toContain("× P0");
    await page.close();
  }, 120_000);

  it("an uploaded scenario with a stock draws the stock drawn down month by month", async () => {
    const yaml =
      "name: stocked\nhorizon_months: 12\nstock:\n  gallium: 5\nevents:\n  - type: export_restriction\n    countries: [CHN]\n    minerals: [gallium]\n    start_month: 1\n    severity: 0.8\n";
    const api = await simulate<DetMineral>({ yaml });
    const ga = api.minerals.find((m) => m.id === "gallium")!;
    expect(ga.stock[0]).toBeGreaterThan(0);
    const page = await open("#/scenario");
    await page.setInputFiles("#upload", { name: "stocked.yaml", mimeType: "text/yaml", buffer: Buffer.from(yaml) });
    await page.click("#run");
    await page.waitForSelector("#stock-gallium svg .median path", SLOW);
    expect(await page.locator("#scenario-head h2").textContent()).toBe("stocked");
    // the cover bar is as long as the API's days of cover: the text label beside it
    expect(await page.locator("#cover").textContent()).toContain(
      new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 2 }).format(ga.metrics.daysOfCover!),
    );
    await page.close();
  }, 120_000);

  it("an uploaded scenario with mistakes shows each one at its line, for a Monte Carlo too, and clears the old charts", async () => {
    const page = await open("#/scenario");
    await page.selectOption("#scenario-pick", "gallium-germanium-2023");
    await page.click("#run");
    await page.waitForSelector('#shortfall[data-kind="path"] svg', SLOW);
    const bad =
      "name: bad\nhorizon_months: 3\nevents:\n  - type: export_restriction\n    countries: [CHN]\n    minerals: [gallium]\n    start_month: 1\n    severity: 1.5\n  - type: embargo\n";
    await page.setInputFiles("#upload", { name: "bad.yaml", mimeType: "text/yaml", buffer: Buffer.from(bad) });
    await page.fill("#runs", "100");
    await page.click("#run");
    const error = page.locator(".status.error");
    await expect.poll(() => error.textContent(), SLOW).toContain("bad.yaml:8: events[0].severity");
    expect(await error.locator("li").count()).toBe(2);
    expect(await error.textContent()).toContain("bad.yaml:9: events[1].type");
    // the chosen file's own name, not the server's default
    expect(await error.textContent()).not.toContain("upload.yaml");
    expect(await count(page, "#shortfall svg")).toBe(0);
    await page.close();
  }, 120_000);

  it("fits a phone: at 390 px wide the page and every chart have no horizontal overflow", async () => {
    const page = await open("#/scenario", { width: 390, height: 844 });
    await page.selectOption("#scenario-pick", "defence-mobilisation");
    await page.click("#run");
    await page.waitForSelector("#mineral-show", SLOW);
    await page.selectOption("#mineral-show", "");
    await page.waitForSelector("#cover svg");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const widths = await page.locator("figure.chart svg").evaluateAll((ss) => ss.map((s) => s.getBoundingClientRect().right));
    expect(widths.length).toBeGreaterThan(0);
    expect(Math.max(...widths)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, "scenario-390.png"), fullPage: true });
    await page.close();
  }, 120_000);

  it("loads nothing from another host and throws no page error", () => {
    expect(browser.dash.foreign).toEqual([]);
    expect(browser.dash.pageErrors).toEqual([]);
  });
});
