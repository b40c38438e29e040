import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultDeps } from "../../src/api/app.js";
import { serve } from "../../src/api/serve.js";
import { hashToken, parseTokens } from "../../src/api/tokens.js";
import { WEB_DIR } from "../../src/api/web.js";
import { type Ledger, openLedger } from "../../src/store/index.js";

/*
 * The dashboard's Reserve page in Debian's Chromium against a server with a SQLite ledger: an
 * operator sees position and cover per mineral, a member only its own statement, a wrong token is
 * refused in words, and a server without a ledger says so.
 */

const CHROMIUM = "/usr/bin/chromium";
const SLOW = { timeout: 30_000 };
const SHOTS = join(import.meta.dirname, "..", "..", "test-results", "dashboard");
const TOKENS = { op: "op-secret-1", acme: "acme-secret-3" };
const tokens = parseTokens(
  `tokens:
  - { actor: { id: alice, role: operator }, sha256: ${hashToken(TOKENS.op)} }
  - { actor: { id: acme-user, role: member, member: acme }, sha256: ${hashToken(TOKENS.acme)} }
`,
  "tokens.yaml",
);

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
  const setup: [string, string, Record<string, unknown>][] = [
    ["m1", "2026-01-05", { type: "register-member", member: "acme", name: "Acme" }],
    [
      "e1",
      "2026-01-05",
      {
        type: "set-entitlement",
        member: "acme",
        mineral: "antimony",
        basis: { kind: "tons", tonsPerYear: 30 },
        priceRule: { kind: "fixed", price: 50000 },
        priority: "defence",
      },
    ],
    ["o1", "2026-01-10", { type: "order", order: "O-1", mineral: "antimony", form: "ingot", spec: "99.65 %", tons: 100, price: 60000, contract: "C-1" }],
    ["r1", "2026-02-01", { type: "receive", order: "O-1", lot: "L-1", tons: 60, location: "Depot A", expires: "2030-01-01" }],
  ];
  for (const [key, at, command] of setup) {
    const res = await fetch(`${server.url}/ledger/commands`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKENS.op}`, "content-type": "application/json" },
      body: JSON.stringify({ key, at, command }),
    });
    expect(res.status, await res.text()).toBe(201);
  }
  context = await chromium.launchPersistentContext(join(dir, "chromium"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
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

async function signIn(url: string, token: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/#/reserve`);
  await page.fill("#ledger-token", token);
  await page.click("#token-form button[type=submit]");
  return page;
}

describe("dashboard Reserve page in Chromium", () => {
  it("an operator sees position and cover against the 60-day target per mineral; the token stays for the tab", async () => {
    const page = await signIn(server.url, TOKENS.op);
    const table = page.locator("#reserve-body table.data");
    await table.waitFor(SLOW);
    expect(await page.textContent("#reserve-actor")).toContain("alice (operator)");
    const row = table.locator("tbody tr", { hasText: "antimony" });
    expect(await row.locator("td").nth(1).textContent()).toBe("60");
    expect(await table.locator("caption").textContent()).toContain("60-day target");
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, "reserve.png"), fullPage: true });
    await page.reload();
    await page.locator("#reserve-body table.data").waitFor(SLOW);
    await page.close();
  });

  it("a member sees only its own statement", async () => {
    const page = await signIn(server.url, TOKENS.acme);
    await page.locator("#reserve-body h2", { hasText: "Statement: Acme" }).waitFor(SLOW);
    expect(await page.textContent("#reserve-body")).not.toContain("Position and cover");
    await page.close();
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
