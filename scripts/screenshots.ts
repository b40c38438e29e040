/*
 * The README's screenshots (docs/screenshots/*.png): the dashboard at 1280×800 and a phone's 390×844,
 * served by the real server on the embedded data and a throwaway SQLite ledger, in Debian's Chromium.
 * `npm run screenshots` (after `npm run build`). The browser tests save their own full-page shots as
 * artifacts in test-results/dashboard/; these are the first screen of each page, for reading.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";
import { defaultDeps } from "../src/api/app.js";
import { serve } from "../src/api/serve.js";
import { hashToken, parseTokens } from "../src/api/tokens.js";
import { CHROMIUM, CHROMIUM_ARGS } from "../src/io/pdf.js";
import { openLedger } from "../src/store/index.js";

const OUT = join(import.meta.dirname, "..", "docs", "screenshots");
const WAIT = { timeout: 120_000 };
const OPERATOR = "screenshot-operator";

const dir = mkdtempSync(join(tmpdir(), "lodestone-shots-"));
mkdirSync(OUT, { recursive: true });
const ledger = await openLedger(`sqlite:${join(dir, "reserve.sqlite")}`);
const tokens = parseTokens(`tokens:\n  - { actor: { id: alice, role: operator }, sha256: ${hashToken(OPERATOR)} }\n`, "tokens.yaml");
const server = await serve({ port: 0, deps: defaultDeps({ ledger, tokens }) });

// a small reserve: two members with entitlements, antimony and gallium ordered, received into lots at two depots
const commands: [string, Record<string, unknown>][] = [
  ["2026-01-05", { type: "register-member", member: "acme", name: "Acme Defence" }],
  ["2026-01-05", { type: "register-member", member: "chipco", name: "Chipco Semiconductors" }],
  [
    "2026-01-05",
    {
      type: "set-entitlement",
      member: "acme",
      mineral: "antimony",
      basis: { kind: "tons", tonsPerYear: 300 },
      priceRule: { kind: "fixed", price: 50000 },
      priority: "defence",
    },
  ],
  [
    "2026-01-05",
    {
      type: "set-entitlement",
      member: "chipco",
      mineral: "gallium",
      basis: { kind: "tons", tonsPerYear: 2 },
      priceRule: { kind: "fixed", price: 700000 },
      priority: "critical-infrastructure",
    },
  ],
  ["2026-01-10", { type: "order", order: "O-1", mineral: "antimony", form: "ingot", spec: "99.65 %", tons: 1000, price: 60000, contract: "C-1" }],
  ["2026-01-10", { type: "order", order: "O-2", mineral: "gallium", form: "metal", spec: "99.99 %", tons: 5, price: 650000, contract: "C-2" }],
  ["2026-02-01", { type: "receive", order: "O-1", lot: "SB-1", tons: 600, location: "Depot A (Pennsylvania)", expires: "2036-01-01" }],
  ["2026-03-01", { type: "receive", order: "O-1", lot: "SB-2", tons: 400, location: "Depot B (Nevada)", expires: "2036-01-01" }],
  ["2026-03-15", { type: "receive", order: "O-2", lot: "GA-1", tons: 5, location: "Depot A (Pennsylvania)", expires: "2031-01-01" }],
];
for (const [i, [at, command]] of commands.entries()) {
  const res = await fetch(`${server.url}/ledger/commands`, {
    method: "POST",
    headers: { authorization: `Bearer ${OPERATOR}`, "content-type": "application/json" },
    body: JSON.stringify({ key: `shot-${i}`, at, command }),
  });
  if (res.status !== 201) throw new Error(`ledger setup ${i}: ${res.status} ${await res.text()}`);
}

const context = await chromium.launchPersistentContext(join(dir, "chromium"), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
async function shot(name: string, hash: string, ready: (page: Page) => Promise<unknown>, size = { width: 1280, height: 800 }) {
  const page = await context.newPage();
  await page.setViewportSize(size);
  await page.goto(`${server.url}/${hash}`);
  await ready(page);
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  await page.close();
  console.log(`docs/screenshots/${name}.png`);
}

try {
  await shot("overview", "#/", (p) => p.waitForSelector("#risk-table tbody tr", WAIT));
  await shot("mineral-gallium", "#/mineral/gallium", (p) => p.waitForSelector("#production-map svg", WAIT));
  await shot("scenario", "#/scenario", async (p) => {
    await p.selectOption("#scenario-pick", "rare-earths-2025");
    await p.fill("#runs", "200");
    await p.click("#run");
    await p.waitForSelector('#shortfall[data-kind="fan"] svg', WAIT);
  });
  await shot("plan", "#/plan", async (p) => {
    await p.waitForSelector("#allocation svg", WAIT);
    await p.waitForSelector("#frontier svg", WAIT);
  });
  await shot("reserve", "#/reserve", async (p) => {
    await p.fill("#ledger-token", OPERATOR);
    await p.click("#token-form button[type=submit]");
    await p.waitForSelector("table tbody tr", WAIT);
  });
  await shot("briefing", "#/briefing", (p) => p.frameLocator("#briefing-frame").locator("h1").waitFor(WAIT));
  await shot("overview-phone", "#/", (p) => p.waitForSelector("#matrix svg", WAIT), { width: 390, height: 844 });
} finally {
  await context.close();
  await server.close();
  await ledger.close();
  rmSync(dir, { recursive: true, force: true });
}
