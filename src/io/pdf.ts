import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LodestoneError } from "../index.js";
import { writeFileAtomic } from "./atomic.js";

/*
 * HTML to PDF with Chromium's print (Debian's chromium through playwright-core), headless, in a
 * fresh user-data folder, with no network: the page is set as content and must load nothing else.
 */

/** Where Debian installs Chromium; $LODESTONE_CHROMIUM overrides it. */
export const CHROMIUM = process.env.LODESTONE_CHROMIUM || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export type Paper = "a4" | "letter";

/** The page objects of a PDF (`/Type /Page`, not the `/Type /Pages` tree node). */
export const pdfPageCount = (pdf: Uint8Array) =>
  (
    Buffer.from(pdf)
      .toString("latin1")
      .match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []
  ).length;

/** The print scales tried, in turn, to keep a page that must fit one sheet on one (a longer list of notes, Letter's shorter sheet). */
const FIT_SCALES = [1, 0.94, 0.88, 0.82, 0.76, 0.7];

/** Print `html` to a PDF (bytes); with `onePage`, shrink the print scale step by step until it fits one sheet (at worst the smallest scale). */
export async function htmlToPdf(
  html: string,
  { paper = "a4", onePage = false }: { paper?: Paper; onePage?: boolean } = {},
  executablePath = CHROMIUM,
): Promise<Uint8Array> {
  if (!existsSync(executablePath))
    throw new LodestoneError("not-found", {
      field: "chromium",
      message: `${executablePath} is missing: the PDF is printed by Chromium`,
      expected: "apt-get install chromium, set LODESTONE_CHROMIUM to a Chromium binary, or use --format html",
    });
  let chromium: typeof import("playwright-core").chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    throw new LodestoneError("not-found", {
      field: "playwright-core",
      message: "the package is not installed",
      expected: "npm install playwright-core, or use --format html",
    });
  }
  const userDir = mkdtempSync(join(tmpdir(), "lodestone-briefing-"));
  try {
    const context = await chromium.launchPersistentContext(userDir, { executablePath, headless: true, args: CHROMIUM_ARGS });
    try {
      // nothing outside the page: a briefing is self-contained
      await context.route("**/*", (route) => (route.request().url().startsWith("data:") ? route.continue() : route.abort()));
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: "load" });
      await page.emulateMedia({ media: "print" });
      let pdf: Uint8Array = new Uint8Array();
      for (const scale of onePage ? FIT_SCALES : [1]) {
        pdf = await page.pdf({ format: paper === "letter" ? "Letter" : "A4", printBackground: true, scale });
        if (pdfPageCount(pdf) <= 1) break;
      }
      return pdf;
    } finally {
      await context.close();
    }
  } finally {
    rmSync(userDir, { recursive: true, force: true });
  }
}

/** Print `html` to the PDF file `out` (written whole or not at all). */
export async function writePdf(out: string, html: string, options: { paper?: Paper; onePage?: boolean } = {}): Promise<void> {
  writeFileAtomic(out, await htmlToPdf(html, options));
}
