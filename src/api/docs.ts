/** The parts of an OpenAPI document the reference page reads. */
interface Doc {
  info: { title: string; version: string; description?: string };
  paths: Record<
    string,
    Record<string, { summary?: string; requestBody?: unknown; parameters?: { name: string; in: string }[]; responses?: Record<string, unknown> }>
  >;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The reference page at /docs: static HTML listing every route of the OpenAPI document (method,
 * path, summary, parameters, body, statuses), with no script and no call to another host.
 */
export function docsPage(doc: Doc): string {
  const rows = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const params = (op.parameters ?? []).map((p) => `${esc(p.name)} <small>(${esc(p.in)})</small>`).join(", ");
      const statuses = Object.keys(op.responses ?? {}).join(" ");
      return `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${esc(path)}</code></td><td>${esc(op.summary ?? "")}</td><td>${params}${op.requestBody ? `${params ? "; " : ""}body` : ""}</td><td>${statuses}</td></tr>`;
    }),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} API</title>
<style>body{font:15px/1.45 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}code{font-size:.9em}small{color:#666}</style>
</head><body>
<h1>${esc(doc.info.title)} API <small>${esc(doc.info.version)}</small></h1>
<p>${esc(doc.info.description ?? "")}</p>
<p>The machine-readable document is <a href="/openapi.json"><code>/openapi.json</code></a> (OpenAPI 3.1), generated from the same zod schemas that validate each request.</p>
<h2>Access</h2>
<p>The analysis routes below are read-only computations on the embedded data and are open, without authentication, to whoever can reach the server: it listens on localhost (127.0.0.1) by default. Do not expose it on a shared network.
The ledger routes (<code>/ledger/…</code>: reserve actions and reports) need a bearer token per actor (<code>Authorization: Bearer …</code>; the server keeps only its hash), with the actor's role checked by the ledger core: operators write, auditors and analysts read, and a member's token reads and requests only its own records.</p>
<h2>Long runs</h2>
<p>A Monte Carlo simulation, a plan, a comparison or a frontier answers <code>202</code> with a job; <code>GET /jobs/{id}</code> shows its progress and, once done, its result; <code>DELETE /jobs/{id}</code> cancels it. A job's id is the hash of its request: the same request returns the same job, and its result once done.</p>
<h2>Errors</h2>
<p>Every error is JSON: <code>{"error": {"status", "code", "message", "issues": [{"file", "line", "field", "message", "expected", "suggestions"}]}}</code>.
400 a malformed request or an unknown query parameter (each field and what was expected), 401 no or an unknown token, 403 a role or member not allowed, 404 an unknown mineral, scenario, file name, job, member or lot, 413 a body above the limit, 422 an invalid scenario (each problem at its file:line), 409 a ledger conflict: an idempotency key reused with another request, or an action the record's state does not allow (a draw already released, an id taken).
Input files are named, never given as server paths: built-in scenarios, baskets, projects, holdings, assumptions and market files by their names.</p>
<h2>Routes</h2>
<table><thead><tr><th>method</th><th>path</th><th>what</th><th>parameters</th><th>statuses</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>
</body></html>
`;
}
