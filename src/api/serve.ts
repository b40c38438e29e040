import type { AddressInfo } from "node:net";
import { serve as listen } from "@hono/node-server";
import { createApp, defaultDeps } from "./app.js";
import type { ApiDeps } from "./deps.js";

/** What the dashboard's overview reads first: the ranking and the catalogue (see `warm`). */
export const OVERVIEW_ROUTES = ["/risk", "/minerals"] as const;

/**
 * The one place the API binds a port: `createApp(deps)` served on `hostname:port` (default
 * 127.0.0.1: the analysis routes have no authentication). Resolves with the address once listening,
 * and a close function (it stops the job worker too, a running job with it). Once listening, the `warm` routes (default: the overview's) are asked once
 * in-process, one per turn of the event loop, so their JSON is built and compressed (cached.ts)
 * while a browser is still loading the page rather than when the page asks for it.
 */
export function serve(opts: { port: number; hostname?: string; deps?: ApiDeps; warm?: readonly string[] }): Promise<{
  url: string;
  close(): Promise<void>;
}> {
  const deps = opts.deps ?? defaultDeps();
  const app = createApp(deps);
  const warm = [...(opts.warm ?? OVERVIEW_ROUTES)];
  const next = () => {
    const path = warm.shift();
    // as a browser asks (brotli); a route that fails answers its error, which is not kept
    if (path) void Promise.resolve(app.request(path, { headers: { "accept-encoding": "gzip, deflate, br" } })).finally(() => setImmediate(next));
  };
  return new Promise((resolve, reject) => {
    const server = listen({ fetch: app.fetch, port: opts.port, hostname: opts.hostname ?? "127.0.0.1" }, (info: AddressInfo) => {
      const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        close: () => Promise.all([new Promise<void>((done) => server.close(() => done())), deps.jobs.close()]).then(() => undefined),
      });
      setImmediate(next);
    });
    server.once("error", reject);
  });
}
