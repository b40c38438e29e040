import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultDeps } from "../../src/api/app.js";
import { serve } from "../../src/api/serve.js";
import { hashToken, parseTokens } from "../../src/api/tokens.js";
import { WEB_DIR } from "../../src/api/web.js";
import { CHROMIUM, CHROMIUM_ARGS } from "../../src/io/pdf.js";
import { type Ledger, openLedger } from "../../src/store/index.js";
import { antimonyReserveSetup } from "../ledger/fixtures.js";
import { SHOTS } from "./browser.js";

/*
 * The dashboard's Reserve page in Debian's Chromium against a server with a SQLite ledger. Worked by
 * hand: 100 t of antimony ordered, received as 60 t (lot L-1, Depot A) and 40 t (lot L-2, Depot B);
 * members acme (30 t a year) and beta (25 t a year, draw B-7 of 5 t requested). An operator sees
 * position and cover, lots by location, the open draws (approves and releases one, refuses another)
 * and a lot's audit trail; an auditor reads the same with no action offered; acme requests a draw
 * within its entitlement and sees it in its statement, is refused above it in words with nothing
 * written, retries a request whose answer was lost under the same key (written once), never sees
 * anything of beta, on the page or on the wire, and fits a phone; a wrong token is refused in
 * words, and a server without a ledger says so.
 */

const SLOW = { timeout: 30_000 };
const TOKENS = { op: "op-secret-1", auditor: "aud-secret-2", acme: "acme-secret-3", beta: "beta-secret-5" };
const tokens = parseTokens(
  `tokens:
  - { actor: { id: alice, role: operator }, sha256: ${hashToken(TOKENS.op)} }
  - { actor: { id: carol, role: auditor }, sha256: ${hashToken(TOKENS.auditor)} }
  - { actor: { id: acme-user, role: member, member: acme }, sha256: ${hashToken(TOKENS.acme)} }
  - { actor: { id: beta-user, role: member, member: beta }, sha256: ${hashToken(TOKENS.beta)} }
`,
  "tokens.yaml",
);
/** Everything that names member beta: none of it may reach acme's page. */
// word-bounded: a random idempotency key (a UUID, hex) may hold "b-7" inside it
const BETA = /\bbeta\b|\bB-7\b/i;

let dir: string;
let ledger: Ledger;
let server: Awaited<ReturnType<typeof serve>>;
let bare: Awaited<ReturnType<typeof serve>>;
let context: BrowserContext;

beforeAll(async () => {
  if (!existsSync(join(WEB_DIR, "index.html"))) throw new Error(`no dashboard build in ${WEB_DIR}: run npm run build`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
  dir = mkdtempSync(join(tmpdir(), "lodestone-reserve-e2e-"));
  ledger = await openLedger(`sqlite:${join(dir, "reserve.sqlite")}`);
  server = await serve({ port: 0, deps: defaultDeps({ ledger, tokens }) });
  bare = await serve({ port: 0, deps: defaultDeps({ tokens }) });
  const setup = antimonyReserveSetup([
    { member: "acme", name: "Acme", tonsPerYear: 30, priority: "defence" },
    { member: "beta", name: "Beta Corp", tonsPerYear: 25, priority: "commercial" },
  ]);
  for (const [key, at, command] of setup) expect((await post(TOKENS.op, key, at, command)).status).toBe(201);
  // a named draw (the page's actions name it): the operator requests it for beta, as a member may not name its draw
  expect(
    (await post(TOKENS.op, "b1", new Date().toISOString(), { type: "request-draw", draw: "B-7", member: "beta", mineral: "antimony", tons: 5 })).status,
  ).toBe(201);
  context = await chromium.launchPersistentContext(join(dir, "chromium"), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  await bare?.close();
  await ledger?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function post(token: string, key: string, at: string, command: Record<string, unknown>) {
  const res = await fetch(`${server.url}/ledger/commands`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ key, at, command }),
  });
  const text = await res.text();
  expect(res.status, text).toBeLessThan(300);
  return { status: res.status, json: JSON.parse(text) };
}

async function api(path: string, token = TOKENS.op) {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, path).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: JSON read field by field in the assertions
  return (await res.json()) as any;
}
const eventCount = async () => (await api("/ledger/events")).events.length;

/** Acme's draws as the API reports them (the operator's read): [draw, status, requested]. */
const acmeDraws = async () =>
  (await api("/ledger/members/acme/statement")).draws.map((d: { draw: string; status: string; requested: number }) => [d.draw, d.status, d.requested]);

async function signIn(url: string, token: string, viewport = { width: 1280, height: 800 }, seen?: Promise<string>[]): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  // every ledger request's URL and every ledger answer's body, from the first request on
  if (seen)
    page.on("response", (res) => {
      if (new URL(res.url()).pathname.startsWith("/ledger/"))
        seen.push(
          Promise.resolve(`${res.request().method()} ${res.url()}`),
          res.text().catch(() => ""),
        );
    });
  await page.goto(`${url}/#/reserve`);
  await page.fill("#ledger-token", token);
  await page.click("#token-form button[type=submit]");
  return page;
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe("dashboard Reserve page in Chromium", () => {
  it("an operator sees position and cover per mineral, lots by location and a lot's audit trail; the token stays for the tab", async () => {
    const page = await signIn(server.url, TOKENS.op);
    const table = page.locator("#reserve-position table.data");
    await table.waitFor(SLOW);
    expect(await page.textContent("#reserve-actor")).toContain("alice (operator)");
    const row = table.locator("tbody tr", { hasText: "antimony" });
    expect(await row.locator("td").nth(1).textContent()).toBe("100");
    expect(await table.locator("caption").textContent()).toContain("60-day target");
    // lots by location: L-1 60 t in Depot A, L-2 40 t in Depot B
    const lots = await page.locator("#reserve-lots tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((td) => td.textContent)));
    expect(lots.map((r) => [r[0], r[1], r[2], r[5]])).toEqual([
      ["Depot A", "L-1", "antimony", "60"],
      ["Depot B", "L-2", "antimony", "40"],
    ]);
    expect(await page.textContent("#reserve-locations")).toBe("Depot A: 60 t · Depot B: 40 t");
    // the audit trail of lot L-2: its receipt, and nothing of L-1
    await page.locator("#reserve-audit tbody tr").first().waitFor(SLOW);
    await page.selectOption("#audit-about", "lot=L-2");
    await page.locator("#reserve-audit caption", { hasText: "lot L-2" }).waitFor(SLOW);
    const trail = page.locator("#reserve-audit tbody tr");
    expect(await trail.locator("td:nth-child(3)").allTextContents()).toEqual(["acquisition.received"]);
    expect(await trail.locator("td:nth-child(5)").textContent()).toMatch(/lot L-2.*tons 40.*location Depot B/);
    // the operator sees every member's open draw and statement
    await page.locator("#reserve-open tbody tr", { hasText: "B-7" }).waitFor(SLOW);
    expect(await page.locator("#statement-member option").allTextContents()).toEqual(["Acme (acme)", "Beta Corp (beta)"]);
    await page.locator("#reserve-open .export-csv").waitFor(SLOW);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, "reserve.png"), fullPage: true });
    await page.reload();
    await page.locator("#reserve-position table.data").waitFor(SLOW);
    await page.close();
  });

  it("a member requests a draw within its entitlement and sees it in its statement; nothing of another member reaches its page or its network", async () => {
    const seen: Promise<string>[] = [];
    const page = await signIn(server.url, TOKENS.acme, undefined, seen);
    await page.locator("#reserve-body h2", { hasText: "Statement: Acme" }).waitFor(SLOW);
    expect(await page.textContent("#reserve-body")).not.toContain("Position and cover");
    const keys: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().endsWith("/ledger/commands")) keys.push(r.postDataJSON().key);
    });
    expect(await page.inputValue("#draw-mineral")).toBe("antimony");
    await page.fill("#draw-tons", "12");
    await page.click("#draw-form button[type=submit]");
    const ok = page.locator("#reserve-request .status.ok");
    await ok.waitFor(SLOW);
    const draws = await acmeDraws();
    expect(draws).toEqual([[expect.any(String), "requested", 12]]);
    const id = draws[0][0] as string;
    expect(await ok.textContent()).toContain(`Draw ${id} requested: 12 t of antimony`);
    // the statement on the page shows the new draw and 30 − 12 = 18 t left
    const drawRow = page.locator("#reserve-statement tbody tr", { hasText: id });
    await drawRow.waitFor(SLOW);
    expect(await drawRow.textContent()).toContain("requested");
    const ent = page.locator("#reserve-statement table.data").first().locator("tbody tr");
    expect(await ent.locator("td").nth(4).textContent()).toBe("18");
    // a fresh idempotency key for the submission (a UUID)
    expect(keys).toEqual([expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)]);
    await page.locator("#reserve-audit tbody tr", { hasText: "draw.requested" }).waitFor(SLOW);
    await page.screenshot({ path: join(SHOTS, "reserve-member.png"), fullPage: true });
    // acme's page and every ledger answer it got hold nothing of beta
    expect(await page.textContent("body")).not.toMatch(BETA);
    const wire = await Promise.all(seen);
    expect(wire.some((t) => t.includes("/ledger/members/acme/statement"))).toBe(true);
    expect(wire.some((t) => t.includes('"name":"Acme"'))).toBe(true);
    for (const t of wire) expect(t).not.toMatch(BETA);
    await page.close();
  });

  it("a request above the entitlement, or for a mineral without one, shows the ledger's reason and writes nothing", async () => {
    const page = await signIn(server.url, TOKENS.acme);
    await page.locator("#draw-form").waitFor(SLOW);
    const before = await eventCount();
    const draws = await acmeDraws();
    // from the keyboard: Enter in the tons field sends the form
    await page.fill("#draw-tons", "50");
    await page.press("#draw-tons", "Enter");
    const error = page.locator("#reserve-request .status.error");
    await error.waitFor(SLOW);
    expect(await error.textContent()).toMatch(
      /above entitlement: acme has used 12 t of 30 t of antimony in \d{4}, 18 t left; 50 t requested.*Nothing was written/,
    );
    await page.fill("#draw-mineral", "cobalt");
    await page.fill("#draw-tons", "1");
    await page.click("#draw-form button[type=submit]");
    await page.locator("#reserve-request .status.error", { hasText: "no entitlement to cobalt" }).waitFor(SLOW);
    expect(await eventCount()).toBe(before);
    expect(await acmeDraws()).toEqual(draws);
    await page.close();
  });

  it("a request whose answer was lost is sent again under the same key and written once; the next request gets a new key", async () => {
    const page = await signIn(server.url, TOKENS.acme);
    await page.locator("#draw-form").waitFor(SLOW);
    const keys: string[] = [];
    let dropped = false;
    await page.route("**/ledger/commands", async (route) => {
      keys.push(route.request().postDataJSON().key);
      if (dropped) return route.continue();
      // the server gets the request and writes it; the browser never sees the answer
      dropped = true;
      await route.fetch();
      await route.abort("connectionreset");
    });
    const before = await eventCount();
    await page.fill("#draw-tons", "3");
    await page.click("#draw-form button[type=submit]");
    const ok = page.locator("#reserve-request .status.ok");
    await ok.waitFor(SLOW);
    expect(await ok.textContent()).toContain("already written by an earlier attempt");
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await eventCount()).toBe(before + 1);
    await page.fill("#draw-tons", "3");
    await page.click("#draw-form button[type=submit]");
    await page.waitForFunction(() => !document.querySelector("#reserve-request .status")?.textContent?.includes("earlier attempt"), undefined, SLOW);
    await ok.waitFor(SLOW);
    expect(keys).toHaveLength(3);
    expect(keys[2]).not.toBe(keys[0]);
    expect(await eventCount()).toBe(before + 2);
    expect((await acmeDraws()).map((d: unknown[]) => d[2])).toEqual([12, 3, 3]);
    await page.close();
  });

  it("the operator approves and then releases a member's draw from the page", async () => {
    const page = await signIn(server.url, TOKENS.op);
    const [id] = (await acmeDraws())[0] as [string];
    const approve = page.locator(`#reserve-open button.draw-action[data-draw="${id}"]`, { hasText: "Approve" });
    await approve.waitFor(SLOW);
    await approve.click();
    const release = page.locator(`#reserve-open button.draw-action[data-draw="${id}"]`, { hasText: "Release" });
    await release.waitFor(SLOW);
    expect((await acmeDraws())[0]).toEqual([id, "approved", 12]);
    // the crisis allocation of antimony: acme's 12 t approved fit in the 100 t held (no rule declared, no floors),
    // so there is no crisis and acme's share is its 12 t; the section reads the ledger's own allocation
    const acmeLine = page.locator("#reserve-allocation tbody tr", { hasText: "acme" });
    await acmeLine.waitFor(SLOW);
    expect(await page.textContent("#allocation-state")).toMatch(/^No crisis: the 12 t approved and not released fit in the 100 t that may be released/);
    const alloc = await api("/ledger/allocation?mineral=antimony");
    expect(alloc.members.find((m: { member: string }) => m.member === "acme")).toMatchObject({ priority: "defence", allocated: 12 });
    expect(await acmeLine.textContent()).toContain("defence");
    await release.click();
    await page.locator("#reserve-open tbody tr", { hasText: id }).waitFor({ state: "detached", ...SLOW });
    const st = await api("/ledger/members/acme/statement");
    expect(st.draws[0]).toMatchObject({ draw: id, status: "released", approved: 12, released: 12 });
    // first-expiring lot first: L-2 (2029) gives the 12 t; the page's position and lots follow
    expect((await api("/ledger/position")).lots.map((l: { lot: string; tons: number }) => [l.lot, l.tons])).toEqual([
      ["L-1", 60],
      ["L-2", 28],
    ]);
    expect(await page.textContent("#reserve-locations")).toBe("Depot A: 60 t · Depot B: 28 t");
    expect(await page.textContent("#reserve-open .status.ok")).toContain(`${id} released`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("reserve-open-h");
    // refusing asks for the reason, from the keyboard
    await page.click('#reserve-open button.draw-refuse[data-draw="B-7"]');
    await page.keyboard.type("commercial class not served this year");
    await page.keyboard.press("Enter");
    await page.locator("#reserve-open tbody tr", { hasText: "B-7" }).waitFor({ state: "detached", ...SLOW });
    expect((await api("/ledger/members/beta/statement")).draws[0]).toMatchObject({
      draw: "B-7",
      status: "refused",
      reason: "commercial class not served this year",
    });
    await page.close();
  });

  it("an auditor reads the same reserve, statements and trails but is offered no action on a draw", async () => {
    const page = await signIn(server.url, TOKENS.auditor);
    await page.locator("#reserve-open tbody tr").first().waitFor(SLOW);
    expect(await page.textContent("#reserve-actor")).toContain("carol (auditor)");
    expect(await page.locator("#reserve-open button.draw-action, #reserve-open button.draw-refuse").count()).toBe(0);
    await page.selectOption("#statement-member", "beta");
    await page.locator("#reserve-statement caption", { hasText: "Draws of Beta Corp" }).waitFor(SLOW);
    await page.close();
  });

  it("fits a phone: at 390 px the operator's and the member's pages have no horizontal overflow", async () => {
    for (const token of [TOKENS.op, TOKENS.acme]) {
      const page = await signIn(server.url, token, { width: 390, height: 844 });
      await page.locator("#reserve-audit tbody tr").first().waitFor(SLOW);
      expect(await overflow(page), token).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SHOTS, token === TOKENS.op ? "reserve-390.png" : "reserve-member-390.png"), fullPage: true });
      await page.close();
    }
  });

  it("a wrong token is refused, and a server without a ledger says so", async () => {
    const page = await signIn(server.url, "not-a-token");
    await page.locator(".status.error", { hasText: "refused" }).waitFor(SLOW);
    await page.close();
    const other = await signIn(bare.url, TOKENS.op);
    await other.locator(".status.error", { hasText: "without a reserve ledger" }).waitFor(SLOW);
    await other.close();
  });
});
