import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dashboardForTests, SHOTS } from "./browser.js";

/*
 * The dashboard in Debian's Chromium (installed by .ci/run), headless, against the real server on a
 * free loopback port. The page must call no other host: every request outside the server fails the test.
 * Screenshots go to test-results/dashboard/ (git-ignored) as artifacts.
 */

/** How long a wait for the page may take (a plan job on a loaded machine); a wait, not a timing assertion. */
const SLOW = { timeout: 30_000, interval: 100 };

const browser = dashboardForTests();
const { open } = browser;

describe("dashboard in Chromium", () => {
  it("the server answers / with the dashboard and its bundles from /assets", async () => {
    const r = await fetch(`${browser.server.url}/`);
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain('<main id="view"');
    const asset = html.match(/\/assets\/[\w.-]+\.js/)![0];
    const js = await fetch(`${browser.server.url}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toContain("javascript");
    expect((await fetch(`${browser.server.url}/assets/..%2Fpackage.json`)).status).toBe(404);
  });

  it("overview: the risk matrix has a bubble per placed mineral, and the table sorts by a heading", async () => {
    const page = await open("#/");
    await page.waitForSelector("#matrix svg");
    const bubbles = await page.locator("#matrix svg circle").count();
    // 95 minerals; those with both a risk score and a US consumption value are placed (69 with the embedded data)
    expect(bubbles).toBeGreaterThan(40);
    const rows = page.locator("#risk-table tbody tr");
    expect(await rows.count()).toBe(95);
    await expect.poll(() => rows.first().locator("td").nth(1).textContent(), SLOW).toBe("Gallium");
    await page.getByRole("button", { name: /^Mineral/ }).click();
    expect(await page.locator("#risk-table th[aria-sort]").getAttribute("aria-sort")).toBe("ascending");
    expect(await rows.first().locator("td").nth(1).textContent()).toBe("Abrasives (manufactured)");
    expect(await page.locator("#risk-table .assumed").count()).toBeGreaterThan(0);
    expect(await page.locator(".meta").first().textContent()).toContain("Data year 2025");
    await page.screenshot({ path: join(SHOTS, "overview-1280.png"), fullPage: true });
    await page.close();
  });

  it("overview: the table exports as CSV and XLSX, the matrix as SVG and PNG, from keyboard-reachable buttons", async () => {
    const page = await open("#/");
    await page.waitForSelector("#matrix svg");
    await page.waitForSelector("#risk-table tbody tr");
    const saved = async (click: () => Promise<void>) => {
      const [download] = await Promise.all([page.waitForEvent("download"), click()]);
      return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
    };
    // the header cells, without the sort arrow
    const headers = (await page.locator("#risk-table thead th").allTextContents()).map((t) => t.replace(/ [▲▼]$/, ""));
    const csv = await saved(() => page.locator("#risk-table").getByRole("button", { name: "Export CSV" }).click());
    expect(csv.name).toMatch(/\.csv$/);
    const lines = csv.bytes.toString("utf8").split("\r\n");
    expect(lines[0]).toBe(headers.map((h) => (/[",]/.test(h) ? `"${h.replaceAll('"', '""')}"` : h)).join(","));
    // a header line and a line per mineral (and the final line end)
    expect(lines.length).toBe(95 + 2);
    expect(csv.bytes.toString("utf8")).toContain("Gallium");
    // an .xlsx is a zip (PK) holding the sheet
    const xlsx = await saved(() => page.locator("#risk-table").getByRole("button", { name: "Export XLSX" }).click());
    expect(xlsx.name).toMatch(/\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(xlsx.bytes.toString("latin1")).toContain("xl/worksheets/sheet1.xml");
    // the chart's buttons: the SVG button is reached by the keyboard and pressed with Enter
    const svgButton = page.locator("#matrix").getByRole("button", { name: "SVG" });
    await svgButton.focus();
    const svg = await saved(() => page.keyboard.press("Enter"));
    expect(svg.name).toBe("matrix.svg");
    const svgText = svg.bytes.toString("utf8");
    expect(svgText.startsWith("<svg")).toBe(true);
    expect(svgText).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svgText).toContain("<circle");
    const png = await saved(() => page.locator("#matrix").getByRole("button", { name: "PNG" }).click());
    expect(png.name).toBe("matrix.png");
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // drawn at 2×: the PNG's width (IHDR, bytes 16–19) is twice the chart's
    const chartWidth = await page
      .locator("#matrix svg")
      .first()
      .evaluate((e) => Number(e.getAttribute("width")));
    expect(png.bytes.readUInt32BE(16)).toBe(2 * chartWidth);
    await page.close();
  });

  it("mineral: gallium from the overview's table: the map's countries, China's share and source on hover, imports, reliance and price", async () => {
    const page = await open("#/");
    await page.locator("#risk-table tbody a", { hasText: /^Gallium$/ }).click();
    await page.waitForSelector("#production-map svg");
    expect(new URL(page.url()).hash).toBe("#/mineral/gallium");
    expect(await page.locator("h1").textContent()).toBe("Gallium");
    // a path per country of world-atlas's 1:110m map (177), the producers filled by their share
    expect(await page.locator("#production-map svg path").count()).toBeGreaterThan(150);
    const titles = await page.locator("#production-map svg path title").allTextContents();
    const china = titles.find((t) => t.startsWith("China:"));
    // 900 t of the 909 t the country rows sum to (above the rounded World total of 900 t), MCS 2026 row 2557
    expect(china).toContain("99 % of world primary production, 900 t in 2025 (estimated)");
    expect(china).toContain("source: usgs-mcs2026/MCS2026_Commodities_Data.csv:2557");
    expect(titles.find((t) => t.startsWith("Brazil:"))).toContain("no primary figure");
    expect(await page.locator("#production-table tbody tr").count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator("#production-table").textContent()).toContain("usgs-mcs2026/MCS2026_Commodities_Data.csv:2557");
    // five import sources (Canada 28 %, Japan 22 %, China 18 %, Germany 16 %, other 16 %)
    expect(await page.locator("#imports svg rect").count()).toBe(5);
    expect(await page.locator("#imports svg title").first().textContent()).toMatch(/^Canada: 28 %.*\nsource: usgs-mcs2026\/MCS2026_Commodities_Data.csv:2545/s);
    expect(await page.locator("#nir svg circle").count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator("#price svg circle").count()).toBeGreaterThanOrEqual(5);
    await page.screenshot({ path: join(SHOTS, "mineral-gallium-1280.png"), fullPage: true });
    await page.close();
  });

  it("mineral: uranium, a listed name with no USGS chapter, shows the held EIA figures with their sources and why it is not modelled", async () => {
    const page = await open("#/mineral/uranium");
    await page.waitForSelector("#no-chapter");
    expect(await page.locator("h1").textContent()).toBe("Uranium");
    expect(await page.locator("#no-chapter").textContent()).toMatch(/USGS publishes no data for uranium/);
    const table = await page.locator("table").textContent();
    // assumptions/public-estimates.yaml: consumption 16,891 t U (EIA UMAR Table 18), price 113,871 USD/t, reliance 95 %
    expect(table).toContain("16,891 t");
    expect(table).toContain("113,871 USD/t");
    expect(table).toMatch(/Energy Information Administration/);
    expect(await page.locator("main").textContent()).toMatch(/not scored, simulated or planned/);
    await page.close();
  });

  it("mineral: copper's map switches stage from the keyboard: refinery (the lead stage) to mine, its countries, heading and caption with it", async () => {
    const page = await open("#/mineral/copper");
    await page.waitForSelector("#production-map svg");
    const titles = () => page.locator("#production-map svg path title").allTextContents();
    const caption = () => page.locator("#production-map figcaption").textContent();
    const picker = page.locator("#stage-picker");
    expect(await picker.getByRole("button").allTextContents()).toEqual(["mine", "refinery"]);
    expect(await picker.getByRole("button", { name: "refinery" }).getAttribute("aria-pressed")).toBe("true");
    // refinery 2025: China 14 Mt of the World total 29 Mt (MCS 2026 row 2052); the caption names that total
    const refinery = await titles();
    expect(refinery.find((t) => t.startsWith("China:"))).toContain("48.3 % of world refinery production");
    expect(await page.locator("#production-map-heading").textContent()).toBe("World refinery production, 2025");
    expect(await caption()).toContain("Refinery stage");
    expect(await caption()).toContain("29000000 t");
    await page.screenshot({ path: join(SHOTS, "mineral-copper-refinery-1280.png"), fullPage: true });
    // the mine button is reached by the keyboard and pressed with Enter
    await picker.getByRole("button", { name: "mine" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#production-map").getAttribute("data-stage"), SLOW).toBe("mine");
    expect(await picker.getByRole("button", { name: "mine" }).getAttribute("aria-pressed")).toBe("true");
    expect(await picker.getByRole("button", { name: "refinery" }).getAttribute("aria-pressed")).toBe("false");
    expect(await page.locator("#production-map-heading").textContent()).toBe("World mine production, 2025");
    // mine 2025: Chile leads with 23 % of the 23,013 kt the country rows sum to (MCS 2026 row 2013)
    const mine = await titles();
    expect(mine.find((t) => t.startsWith("Chile:"))).toContain("23 % of world mine production");
    expect(mine.find((t) => t.startsWith("Chile:"))).toContain("MCS2026_Commodities_Data.csv:2013");
    expect(mine.some((t) => t.includes("refinery"))).toBe(false);
    expect(mine).not.toEqual(refinery);
    expect(await caption()).toContain("Mine stage");
    expect(await caption()).toContain("23013000 t");
    // still one set of export buttons on the redrawn map
    expect(await page.locator("#production-map").getByRole("button", { name: "SVG" }).count()).toBe(1);
    // import sources: refined copper only, the form risk uses (Chile 68 %, Canada 16 %, Peru 7 %, Mexico 6 %, other 3 %: MCS 2026
    // rows 1986–1990), not every form's shares stacked past 100 %; the other forms are named under the chart
    const shares = await page.locator("#imports svg title").allTextContents();
    expect(shares).toHaveLength(5);
    expect(shares[0]).toMatch(/^Chile: 68 % \(Refined copper\)\nsource: usgs-mcs2026\/MCS2026_Commodities_Data.csv:1986/);
    expect(await page.locator("#import-form").textContent()).toMatch(
      /Shown: Refined copper, the form the risk measures use.*USGS also lists: .*blister and anodes/,
    );
    await page.screenshot({ path: join(SHOTS, "mineral-copper-mine-1280.png"), fullPage: true });
    await page.close();
  });

  it("mineral: an assumed figure is marked, the page fits a phone, and an unknown id shows the error state", async () => {
    const page = await open("#/mineral/lithium", { width: 390, height: 844 });
    await page.waitForSelector("#production-map svg");
    expect(await page.locator("#assumed").textContent()).toContain("assumed consumption");
    expect(await page.locator("#assumed").textContent()).toContain("assumptions/public-estimates.yaml:");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, "mineral-lithium-390.png"), fullPage: true });
    await page.goto(`${browser.server.url}/#/mineral/nosuchthing`);
    const error = page.locator(".status.error");
    await expect.poll(() => error.textContent(), SLOW).toContain('unknown mineral "nosuchthing"');
    expect(await page.locator("#production-map").count()).toBe(0);
    await page.close();
  });

  it("plan: moving the budget slider re-plans, and the frontier marks the budget and where it flattens", async () => {
    const page = await open("#/plan");
    await page.waitForSelector("#allocation svg");
    await page.waitForSelector("#frontier svg");
    expect(await page.locator("#frontier").textContent()).toMatch(/flattens at/);
    const spent = () => page.locator("#plan-summary dd").nth(1).textContent();
    const before = await spent();
    const barsBefore = await page.locator("#allocation svg rect").count();
    // the keyboard moves a native range input: Home to 0, then three steps of 0.1e9; each step
    // re-plans, and the page cancels on the server the plans it no longer waits for
    const cancels: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "DELETE" && new URL(r.url()).pathname.startsWith("/jobs/")) cancels.push(r.url());
    });
    const slider = page.locator("#budget");
    await slider.focus();
    await page.keyboard.press("Home");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.locator("#plan-summary dd").first().textContent(), SLOW).toBe("$300M");
    expect(cancels.length).toBeGreaterThan(0);
    const after = await spent();
    expect(after).not.toBe(before);
    expect(await page.locator("#frontier").textContent()).toContain("budget $300M");
    expect(await page.locator("#allocation svg rect").count()).not.toBe(barsBefore);
    // a redrawn chart gets its export buttons back, once
    expect(await page.locator("#frontier").getByRole("button", { name: "SVG" }).count()).toBe(1);
    expect(await page.locator("#allocation").getByRole("button", { name: "PNG" }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, "plan-1280.png"), fullPage: true });
    await page.close();
  });

  it("scenario: a deterministic run draws the shortfall by month; a Monte Carlo run draws the P10–P90 fan", async () => {
    const page = await open("#/scenario");
    await page.selectOption("#scenario-pick", "gallium-germanium-2023");
    await page.click("#run");
    await page.waitForSelector('#shortfall[data-kind="path"] svg');
    expect(await page.locator("#scenario-table tbody tr").count()).toBeGreaterThan(0);
    expect(await page.locator("#scenario-table").textContent()).toContain("gallium");
    await page.fill("#runs", "200");
    await page.click("#run");
    await page.waitForSelector('#shortfall[data-kind="fan"] svg');
    // the band is an area path per mineral panel
    expect(await page.locator("#shortfall svg .band path").count()).toBeGreaterThan(0);
    expect(await page.locator("#scenario-table caption").textContent()).toContain("200 runs");
    await page.screenshot({ path: join(SHOTS, "scenario-fan-1280.png"), fullPage: true });
    await page.close();
  });

  it("scenario: an uploaded scenario with mistakes shows each one at its line", async () => {
    const page = await open("#/scenario");
    const bad =
      "name: bad\nhorizon_months: 3\nevents:\n  - type: export_restriction\n    countries: [CHN]\n    minerals: [gallium]\n    start_month: 1\n    severity: 1.5\n  - type: embargo\n";
    await page.setInputFiles("#upload", { name: "bad.yaml", mimeType: "text/yaml", buffer: Buffer.from(bad) });
    await page.click("#run");
    const error = page.locator(".status.error");
    await expect.poll(() => error.textContent(), SLOW).toContain("bad.yaml:8: events[0].severity");
    expect(await error.locator("li").count()).toBe(2);
    expect(await error.textContent()).toContain("bad.yaml:9: events[1].type");
    // the chosen file's own name, not the server's default
    expect(await error.textContent()).not.toContain("upload.yaml");
    await page.screenshot({ path: join(SHOTS, "scenario-upload-error.png") });
    await page.close();
  });

  it("an API error shows as an error state naming the problem, not a blank page", async () => {
    const page = await open("#/");
    await page.route("**/risk", (route) =>
      route.fulfill({
        status: 500,
        contentType: "application/json",
        body: JSON.stringify({ error: { status: 500, code: "internal", message: "boom", issues: [{ message: "boom" }] } }),
      }),
    );
    await page.reload();
    await expect.poll(() => page.locator(".status.error").textContent(), SLOW).toContain("boom");
    await page.close();
  });

  it("fits a phone: at 390 px wide the overview's chart and the page have no horizontal overflow", async () => {
    const page = await open("#/", { width: 390, height: 844 });
    await page.waitForSelector("#matrix svg");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const svgWidth = await page
      .locator("#matrix svg")
      .first()
      .evaluate((e) => e.getBoundingClientRect().width);
    expect(svgWidth).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, "overview-390.png"), fullPage: true });
    await page.close();
  });

  it("briefing: the one-page note in a frame for the budget asked, the same HTML as the API's; printing shows the note alone", async () => {
    const page = await open("#/briefing");
    const frame = page.frameLocator("#briefing-frame");
    await expect.poll(() => frame.locator("h1").textContent(), SLOW).toBe("Strategic critical-minerals reserve: briefing");
    expect(await frame.locator("p.sub").textContent()).toContain("US$ 12,000 M");
    // another budget: the note is made again for it
    await page.fill("#briefing-budget", "3");
    await page.locator("#briefing-budget").press("Enter");
    await expect.poll(() => page.locator("#briefing-frame").getAttribute("data-budget"), SLOW).toBe("3000000000");
    await expect.poll(() => frame.locator("p.sub").textContent(), SLOW).toContain("US$ 3,000 M");
    expect(await page.locator("#briefing-print").isEnabled()).toBe(true);
    // the frame holds what POST /briefing answers for the same budget
    const posted = await (
      await fetch(`${browser.server.url}/briefing`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"budget":3e9}' })
    ).json();
    expect(posted.status).toBe("done");
    expect(await page.locator("#briefing-frame").getAttribute("srcdoc")).toBe(posted.result.html);
    // print: the dashboard's header and controls are hidden, the note stays
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("header.top").isVisible()).toBe(false);
    expect(await page.locator("#briefing-budget").isVisible()).toBe(false);
    expect(await page.locator("#briefing-frame").isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    await page.screenshot({ path: join(SHOTS, "briefing.png"), fullPage: true });
    await page.close();
    // at a phone's width the page does not overflow (the note scrolls inside its frame)
    const phone = await open("#/briefing", { width: 390, height: 844 });
    await expect.poll(() => phone.frameLocator("#briefing-frame").locator("h1").count(), SLOW).toBe(1);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await phone.close();
  });

  it("loads nothing from another host and throws no page error", () => {
    expect(browser.dash.foreign).toEqual([]);
    expect(browser.dash.pageErrors).toEqual([]);
  });
});
