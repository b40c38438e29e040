// A writer process for the crash and concurrency tests (spawned, then killed or awaited). Argument:
// JSON { store, target, mode, prefix, start, count, inflight }. Prints `ack <key>` on stdout once a
// command is committed (stdout to a pipe is synchronous on Linux, so a printed ack was acknowledged),
// `refused <key> <code>` for a refusal. Mode "crash": command i is fixed by i (every third receives lot
// L<i> of 10 t, the two after it release 1 t each from that lot), so a restart may retry any key.
// Mode "draw": `count` draws of 1 t from lot L0.
import { type Cmd, exec, reducer } from "./stand-in.js";

interface Args {
  store: "sqlite" | "postgres";
  target: string;
  mode: "crash" | "draw";
  prefix: string;
  start: number;
  count: number;
  inflight: number;
  /** wall-clock ms to wait for before the first command (lines several processes up) */
  startAt?: number;
}
const a = JSON.parse(process.argv[2]) as Args;

/** Command i of a crash writer with key prefix p (deterministic, so a retried key has the same fingerprint). */
function crashCommand(p: string, i: number): Cmd {
  const at = "2026-11-25T12:00:00Z";
  if (i % 3 === 0) return { type: "receive", lot: `${p}L${i}`, mineral: "antimony", tons: 10, at };
  return { type: "release", draw: `${p}d${i}`, member: `m-${i % 7}`, lots: [{ lot: `${p}L${i - (i % 3)}`, tons: 1 }], at };
}

// load only the driver in use (pg alone costs ~80 ms of start-up)
const store =
  a.store === "sqlite"
    ? await (await import("../../src/store/sqlite.js")).openSqlite(a.target, reducer)
    : await (await import("../../src/store/postgres.js")).openPostgres(a.target, reducer);
const startAt = a.startAt;
if (startAt) await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
let next = a.start;
const end = a.start + a.count;
async function lane(): Promise<void> {
  while (next < end) {
    const i = next++;
    const key = `${a.prefix}${i}`;
    const cmd: Cmd =
      a.mode === "crash"
        ? crashCommand(a.prefix, i)
        : { type: "release", draw: key, member: a.prefix, lots: [{ lot: "L0", tons: 1 }], at: "2026-11-25T12:00:00Z" };
    try {
      await exec(store, key, cmd);
      process.stdout.write(`ack ${key}\n`);
    } catch (e) {
      process.stdout.write(`refused ${key} ${(e as { code?: string }).code ?? "?"}\n`);
    }
  }
}
await Promise.all(Array.from({ length: a.inflight }, lane));
await store.close();
