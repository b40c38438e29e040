import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Context, TypedResponse } from "hono";
import type { JSONValue } from "hono/utils/types";
import { memo } from "./cache.js";

/** Below this many bytes a body is sent as it is: compressing it saves less than its headers. */
const MIN_COMPRESS_BYTES = 1024;

/**
 * One JSON document served as bytes: serialised once, its ETag (a hash of those bytes) and its
 * gzip and brotli forms, each compressed once on the first request that accepts it. Brotli at
 * quality 6 and gzip at level 6: the first request waits for them (the dashboard's first paint).
 * On the catalogue (207 kB) brotli 6 takes ~3 ms for 17.3 kB, 9 ~25 ms (~70 ms on a loaded
 * machine) for 16.7 kB, 11 ~275 ms for 14.5 kB; on the full risk ranking (2.8 MB) 11 takes ~3 s.
 */
/** Bytes on an ArrayBuffer (what a response body takes); Node's Buffers are. */
type Bytes = Uint8Array<ArrayBuffer>;

export class Representation {
  readonly bytes: Bytes;
  /** a strong validator of the identity bytes; the compressed forms answer with it suffixed (-gz, -br) */
  readonly etag: string;
  private readonly encoded = new Map<Encoding, Bytes | null>();

  constructor(value: unknown) {
    this.bytes = Buffer.from(JSON.stringify(value), "utf8") as Bytes;
    this.etag = `"${createHash("sha256").update(this.bytes).digest("base64url").slice(0, 27)}"`;
  }

  /** The bytes in `encoding`, or null when compressing does not pay (a small or incompressible body). */
  encode(encoding: Encoding): Bytes | null {
    if (!this.encoded.has(encoding)) {
      let out: Bytes | null = null;
      if (this.bytes.byteLength >= MIN_COMPRESS_BYTES) {
        out =
          encoding === "br"
            ? (brotliCompressSync(this.bytes, {
                params: {
                  [constants.BROTLI_PARAM_QUALITY]: 6,
                  [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                  [constants.BROTLI_PARAM_SIZE_HINT]: this.bytes.byteLength,
                },
              }) as Bytes)
            : (gzipSync(this.bytes, { level: 6 }) as Bytes);
        if (out.byteLength >= this.bytes.byteLength) out = null;
      }
      this.encoded.set(encoding, out);
    }
    return this.encoded.get(encoding) ?? null;
  }
}

export type Encoding = "br" | "gzip";

/**
 * The encoding to answer `accept-encoding` with: brotli, else gzip, else none. A coding with q=0 is
 * refused; `*` stands for any coding not named.
 */
export function pickEncoding(accept: string | undefined): Encoding | undefined {
  if (!accept) return undefined;
  const q = new Map<string, number>();
  for (const part of accept.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qp ? Number(qp.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (e: Encoding) => (q.get(e) ?? q.get("*") ?? 0) > 0;
  return accepts("br") ? "br" : accepts("gzip") ? "gzip" : undefined;
}

/** Whether `if-none-match` names this representation (any of its encodings, weak or strong, or `*`). */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const base = etag.slice(1, -1);
  return ifNoneMatch.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag || tag === `"${base}-gz"` || tag === `"${base}-br"`;
  });
}

/**
 * The response for a representation: 304 when the client holds it (if-none-match), else its bytes
 * in the best encoding the client accepts. `cache-control: no-cache` lets a browser keep the body
 * and revalidate it with the ETag: the data do not change while the server runs, but a restarted
 * server may serve new data.
 */
export function respond(c: Context, r: Representation): Response {
  const headers: Record<string, string> = { etag: r.etag, vary: "accept-encoding", "cache-control": "no-cache" };
  const encoding = pickEncoding(c.req.header("accept-encoding"));
  const encoded = encoding ? r.encode(encoding) : null;
  // the ETag of the representation this client gets (a 304 names the same one the 200 did)
  if (encoding && encoded) headers.etag = `${r.etag.slice(0, -1)}-${encoding === "gzip" ? "gz" : "br"}"`;
  if (matches(c.req.header("if-none-match"), r.etag)) return c.body(null, 304, headers);
  if (encoding && encoded) headers["content-encoding"] = encoding;
  return c.body(encoded ?? r.bytes, 200, { ...headers, "content-type": "application/json" });
}

/**
 * JSON responses kept by key, for what does not change while the app runs (the catalogue, a
 * ranking, a profile, an explanation): each built, serialised, hashed and (on demand) compressed
 * once. A kept /risk costs a lookup and a write of bytes, where building and serialising it took
 * ~27 ms a request. `limit` bounds the keys kept (see `memo`). Typed as the JSON response the
 * route declares: the bytes are that JSON, serialised ahead.
 */
export function jsonCache(limit = 64) {
  const kept = memo<Representation>(limit);
  return (c: Context, key: string, build: () => unknown) =>
    respond(
      c,
      kept(key, () => new Representation(build())),
    ) as unknown as TypedResponse<JSONValue, 200, "json">;
}
