import { createApp, defaultDeps } from "../../src/api/app.js";
import type { ApiDeps } from "../../src/api/deps.js";
import { JobRunner, type JobView } from "../../src/api/jobs.js";

/** A fixed clock: job times are 2026-01-01T00:00:00Z plus one second per reading. */
export function fixedClock() {
  let t = Date.UTC(2026, 0, 1);
  return () => (t += 1000);
}

/** An app on the embedded data with a fixed clock; `over` replaces any dependency. */
export function testApp(over: Partial<ApiDeps> = {}) {
  const clock = over.clock ?? fixedClock();
  const deps = defaultDeps({ clock, jobs: new JobRunner({ clock }), ...over });
  return { app: createApp(deps), deps };
}

export type App = ReturnType<typeof createApp>;

/** A response body, read field by field in each test. */
// biome-ignore lint/suspicious/noExplicitAny: JSON of many shapes, checked by the assertions that read it
export type Json = any;

/** A request in-process (no socket): the status, headers and the body as JSON (or text when it is not JSON). */
export async function call(app: App, method: string, path: string, body?: unknown, contentType = "application/json") {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    init.headers = { "content-type": contentType };
  }
  const res = await app.request(path, init);
  const text = await res.text();
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Poll GET /jobs/{id} until the job is no longer queued or running (the runner starts it on the next turn of the event loop). */
export async function settle(app: App, id: string): Promise<JobView & { result?: Json }> {
  for (;;) {
    const r = await call(app, "GET", `/jobs/${id}`);
    if (r.status !== 200) throw new Error(`GET /jobs/${id}: ${r.status} ${r.text}`);
    if (r.json.status !== "queued" && r.json.status !== "running") return r.json;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
