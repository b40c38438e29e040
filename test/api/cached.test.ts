import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memo } from "../../src/api/cache.js";
import { matches, pickEncoding } from "../../src/api/cached.js";
import { serve } from "../../src/api/serve.js";
import { call, testApp } from "./helpers.js";

/*
 * The kept JSON of the minerals and risk routes (src/api/cached.ts): an ETag and 304 on
 * If-None-Match, brotli or gzip when the client accepts it, each decoding to the same JSON as the
 * plain response.
 */

const { app } = testApp();
const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
const ROUTES = ["/minerals", "/minerals/gallium", "/risk", "/risk/gallium?explain=true"];

describe("ETag and 304", () => {
  it.each(ROUTES)("GET %s has an ETag; sending it back answers 304 with no body", async (path) => {
    const first = await get(path);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const again = await get(path, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    // a weak form, a list and * match too; another tag does not
    expect((await get(path, { "if-none-match": `"other", W/${etag}` })).status).toBe(304);
    expect((await get(path, { "if-none-match": "*" })).status).toBe(304);
    expect((await get(path, { "if-none-match": '"other"' })).status).toBe(200);
  });

  it("the ETag names the bytes: another query, another tag; the same query, the same tag", async () => {
    const a = (await get("/risk?method=hhi")).headers.get("etag");
    const b = (await get("/risk?method=nir")).headers.get("etag");
    expect(a).not.toBe(b);
    expect((await get("/risk?method=hhi")).headers.get("etag")).toBe(a);
    // a compressed form's tag (suffixed) also revalidates the plain one
    const br = (await get("/risk?method=hhi", { "accept-encoding": "br" })).headers.get("etag")!;
    expect(br).toBe(`${a!.slice(0, -1)}-br"`);
    expect((await get("/risk?method=hhi", { "if-none-match": br })).status).toBe(304);
  });

  it("a 304 names the same ETag as the 200 it revalidates, for a brotli client and a plain one", async () => {
    const ok = await get("/risk", { "accept-encoding": "br" });
    const tag = ok.headers.get("etag")!;
    expect(tag.endsWith('-br"')).toBe(true);
    const again = await get("/risk", { "accept-encoding": "br", "if-none-match": tag });
    expect([again.status, again.headers.get("etag")]).toEqual([304, tag]);
    const plain = (await get("/risk")).headers.get("etag")!;
    expect((await get("/risk", { "if-none-match": plain })).headers.get("etag")).toBe(plain);
  });
});

describe("memo", () => {
  it("keeps at most `limit` keys, dropping the least recently used, so a key in use stays kept", () => {
    const kept = memo<number>(2);
    let builds = 0;
    const at = (k: string) => kept(k, () => ++builds);
    at("a");
    at("b");
    at("a"); // a is now the most recently used
    at("c"); // drops b
    expect(builds).toBe(3);
    at("a");
    expect(builds).toBe(3);
    at("b");
    expect(builds).toBe(4);
  });
});

describe("compressed responses", () => {
  it.each(ROUTES)("GET %s in brotli and in gzip decodes to the plain JSON", async (path) => {
    const plain = await get(path);
    const text = await plain.text();
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("vary")).toBe("accept-encoding");
    for (const [accept, encoding, decode] of [
      ["gzip, deflate, br", "br", brotliDecompressSync],
      ["gzip", "gzip", gunzipSync],
    ] as const) {
      const r = await get(path, { "accept-encoding": accept });
      expect(r.status).toBe(200);
      expect(r.headers.get("content-encoding"), accept).toBe(encoding);
      expect(r.headers.get("content-type")).toBe("application/json");
      const bytes = Buffer.from(await r.arrayBuffer());
      expect(bytes.length).toBeLessThan(Buffer.byteLength(text) / 3);
      expect(decode(bytes).toString("utf8")).toBe(text);
    }
  });

  it("a small body is sent as it is; an error is never kept or compressed", async () => {
    const r = await get("/risk/gallium", { "accept-encoding": "br" });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-encoding")).toBeNull();
    const e = await get("/risk/galium", { "accept-encoding": "br" });
    expect(e.status).toBe(404);
    expect(e.headers.get("etag")).toBeNull();
    expect((await call(app, "GET", "/risk/galium")).json.error.code).toBe("not-found");
  });

  it("picks brotli, else gzip, and honours q=0 and *", () => {
    expect(pickEncoding(undefined)).toBeUndefined();
    expect(pickEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(pickEncoding("gzip;q=1.0, br;q=0")).toBe("gzip");
    expect(pickEncoding("identity")).toBeUndefined();
    expect(pickEncoding("*")).toBe("br");
    expect(pickEncoding("*;q=0, gzip")).toBe("gzip");
    expect(matches('W/"abc-gz"', '"abc"')).toBe(true);
    expect(matches('"abcd"', '"abc"')).toBe(false);
  });
});

describe("through the real server", () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve({ port: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  /** The raw bytes as sent (node:http does not decompress). */
  const raw = (path: string, headers: Record<string, string>) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      request(`${server.url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (b: Buffer) => chunks.push(b));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on("error", reject)
        .end();
    });

  it("sends the brotli bytes with their length, and a 304 with none", async () => {
    const plain = await raw("/risk", {});
    const br = await raw("/risk", { "accept-encoding": "br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    const not = await raw("/risk", { "if-none-match": String(plain.headers.etag) });
    expect(not.status).toBe(304);
    expect(not.body.length).toBe(0);
  });
});
