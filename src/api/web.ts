import { existsSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { ROOT } from "../io/dataset.js";

/** Where `npm run build` puts the dashboard (vite build of web/). */
export const WEB_DIR = join(ROOT, "dist", "web");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/**
 * The dashboard as static files: `/` is its index.html, `/assets/<name>` its hashed bundles (cached
 * for a year: a new build has new names). Only names of the form Vite writes are read, so no request
 * reaches outside the folder. Without a build, `/` goes to the API's reference page as before.
 */
export function webRoutes(app: OpenAPIHono, dir = WEB_DIR) {
  const index = join(dir, "index.html");
  app.get("/", (c) => {
    if (!existsSync(index)) return c.redirect("/docs");
    return c.body(readFileSync(index), 200, { "content-type": TYPES[".html"], "cache-control": "no-cache" });
  });
  app.get("/assets/:name", (c) => {
    const name = c.req.param("name");
    const file = join(dir, "assets", name);
    if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name) || !existsSync(file)) return c.notFound();
    const type = TYPES[extname(name)] ?? "application/octet-stream";
    return c.body(readFileSync(file), 200, { "content-type": type, "cache-control": "public, max-age=31536000, immutable" });
  });
}
