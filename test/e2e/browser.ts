import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { serve } from "../../src/api/serve.js";
import { WEB_DIR } from "../../src/api/web.js";
import { CHROMIUM, CHROMIUM_ARGS } from "../../src/io/pdf.js";

/*
 * The dashboard in Debian's Chromium (installed by .ci/run) for the browser tests: headless, the
 * launch flags this machine needs (no sandbox, GPU or outside network: src/io/pdf.ts), a fresh
 * user-data folder, against a server on a free loopback port. Every request to another host is
 * aborted and kept in `foreign` (a test asserts it stays empty); page errors are kept in `pageErrors`.
 */

/** Full-page screenshots, the tests' artifacts (git-ignored). */
export const SHOTS = join(import.meta.dirname, "..", "..", "test-results", "dashboard");

export interface Dashboard {
  context: BrowserContext;
  /** URLs the page asked of another host (each aborted) */
  foreign: string[];
  pageErrors: string[];
  /** a new page at `${url}/${hash}`, at 1280×800 unless `size` says otherwise */
  open(hash: string, size?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Chromium on the dashboard at `url` (a running server), once the web build and the browser are there. */
export async function openDashboard(url: string): Promise<Dashboard> {
  if (!existsSync(join(WEB_DIR, "index.html"))) throw new Error(`no dashboard build in ${WEB_DIR}: run npm run build`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
  mkdirSync(SHOTS, { recursive: true });
  const userDir = mkdtempSync(join(tmpdir(), "lodestone-chromium-"));
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    // the export buttons' files are read back by the tests
    acceptDownloads: true,
  });
  const foreign: string[] = [];
  const pageErrors: string[] = [];
  await context.route("**/*", (route) => {
    const at = route.request().url();
    if (at.startsWith(url) || at.startsWith("data:") || at.startsWith("blob:")) return route.continue();
    foreign.push(at);
    return route.abort();
  });
  return {
    context,
    foreign,
    pageErrors,
    async open(hash, size = { width: 1280, height: 800 }) {
      const page = await context.newPage();
      page.on("pageerror", (e) => pageErrors.push(String(e)));
      await page.setViewportSize(size);
      await page.goto(`${url}/${hash}`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(userDir, { recursive: true, force: true });
    },
  };
}

/**
 * A test file's dashboard: the real server on the embedded data and Chromium on it, started before
 * the file's tests and closed after them. The returned value's fields are there once the tests run.
 */
export function dashboardForTests(): { readonly server: { url: string }; readonly dash: Dashboard; open: Dashboard["open"] } {
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  let dash: Dashboard | undefined;
  beforeAll(async () => {
    server = await serve({ port: 0 });
    dash = await openDashboard(server.url);
  }, 60_000);
  afterAll(async () => {
    await dash?.close();
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    get dash() {
      return dash!;
    },
    open: (hash, size) => dash!.open(hash, size),
  };
}
