/** The API's JSON error: every issue naming its field and what was expected. */
export interface ApiIssue {
  file?: string;
  line?: number;
  field?: string;
  message: string;
  expected?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

async function read(res: Response): Promise<unknown> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(res.status, `${res.status} ${res.statusText}: not JSON`);
  }
  if (!res.ok) {
    const e = (body as { error?: { message?: string; issues?: ApiIssue[] } }).error;
    throw new ApiError(res.status, e?.message ?? `${res.status} ${res.statusText}`, e?.issues ?? []);
  }
  return body;
}

/** GET a route of the same server (the dashboard calls no other host); `headers` e.g. a bearer token for the ledger routes. */
export async function getJson<T>(path: string, signal?: AbortSignal, headers?: Record<string, string>): Promise<T> {
  return (await read(await fetch(path, { signal, headers }))) as T;
}

export async function postJson(path: string, body: unknown, signal?: AbortSignal): Promise<{ status: number; body: unknown }> {
  const res = await fetch(path, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" }, signal });
  return { status: res.status, body: await read(res) };
}

interface Job {
  id: string;
  status: "queued" | "running" | "done" | "failed" | "cancelled";
  progress: { done: number; total: number; phase: string };
  result?: unknown;
  error?: { message: string; issues: ApiIssue[]; status: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POST a job route and poll GET /jobs/{id} until it ends; progress is reported on the way. A 200
 * answer (a deterministic simulation) is the result itself. Aborting stops the polling.
 */
export async function runJob<T>(path: string, body: unknown, onProgress: (p: Job["progress"]) => void, signal?: AbortSignal): Promise<T> {
  // the POST is not aborted midway: a job the server queued is then one this call knows, and can cancel
  const first = await postJson(path, body);
  if (first.status === 200) return first.body as T;
  let job = first.body as Job & { cached?: boolean };
  // a job this call started, given up (a newer request, the page left): cancel it on the server, so
  // the one job worker turns to the newest request instead of finishing an old one
  const mine = job.cached === false;
  try {
    signal?.throwIfAborted();
    for (let wait = 50; ; wait = Math.min(500, wait * 1.5)) {
      if (job.status === "done") return job.result as T;
      if (job.status === "failed") throw new ApiError(job.error?.status ?? 500, job.error?.message ?? "the job failed", job.error?.issues);
      if (job.status === "cancelled") throw new ApiError(409, "the job was cancelled");
      onProgress(job.progress);
      await sleep(wait);
      signal?.throwIfAborted();
      job = await getJson<Job>(`/jobs/${job.id}`, signal);
    }
  } catch (e) {
    if (signal?.aborted && mine && (job.status === "queued" || job.status === "running")) void fetch(`/jobs/${job.id}`, { method: "DELETE" }).catch(() => {});
    throw e;
  }
}
