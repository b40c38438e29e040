import type { AddressInfo } from "node:net";
import { serve as listen } from "@hono/node-server";
import { createApp, defaultDeps } from "./app.js";
import type { ApiDeps } from "./deps.js";

/**
 * The one place the API binds a port: `createApp(deps)` served on `hostname:port` (default
 * 127.0.0.1: the analysis routes have no authentication). Resolves with the address once listening,
 * and a close function.
 */
export function serve(opts: { port: number; hostname?: string; deps?: ApiDeps }): Promise<{ url: string; close(): Promise<void> }> {
  const app = createApp(opts.deps ?? defaultDeps());
  return new Promise((resolve, reject) => {
    const server = listen({ fetch: app.fetch, port: opts.port, hostname: opts.hostname ?? "127.0.0.1" }, (info: AddressInfo) => {
      const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
      resolve({ url: `http://${host}:${info.port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
    server.once("error", reject);
  });
}
