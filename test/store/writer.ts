// A writer process for the crash and concurrency tests (spawned, then killed or awaited), with the
// real ledger core (openLedger: src/ledger's decide, apply, balanceRows). Argument: JSON { store,
// target, mode, prefix, start, count, inflight, startAt? }. Prints `ack <key>` on stdout once a
// command is committed (stdout to a pipe is synchronous on Linux, so a printed ack was acknowledged),
// `refused <key> <code>` for a refusal.
// Mode "crash": command i is fixed by i (crashCommand), so a restart may retry any key.
// Mode "draw": `count` draws of 1 t from lot L0 for member `member`, each three commands (the member
// requests, the operator approves, the operator releases from L0); one line per draw, for its release.
import { type Actor, type Command, decide } from "../../src/index.js";
import { commandFingerprint, type Ledger, openLedger } from "../../src/store/index.js";

interface Args {
  store: "sqlite" | "postgres";
  target: string;
  mode: "crash" | "draw";
  prefix: string;
  start: number;
  count: number;
  inflight: number;
  /** draw mode: the member drawing (registered with an entitlement by the test) */
  member?: string;
  /** wall-clock ms to wait for before the first command (lines several processes up) */
  startAt?: number;
}
const a = JSON.parse(process.argv[2]) as Args;
const NOW = "2026-11-25T12:00:00Z";
const OP: Actor = { id: "op-1", role: "operator" };

/**
 * Command i of a crash writer with key prefix p (deterministic, so a retried key has the same
 * fingerprint): 0–2 set up member p-m with 1e6 t/yr of antimony and order p-O of 1e6 t; then cycles
 * of five: receive lot p-L<j> of 2 t, request draw p-D<j> of 2 t, approve it, release it from that
 * lot, deliver it. Each command makes one event.
 */
export function crashCommand(p: string, i: number): Command {
  const member = `${p}m`;
  if (i === 0) return { type: "register-member", member, name: `member ${p}` };
  if (i === 1)
    return {
      type: "set-entitlement",
      member,
      mineral: "antimony",
      basis: { kind: "tons", tonsPerYear: 1e6 },
      priceRule: { kind: "cost-plus", margin: 0.1 },
      priority: "defence",
    };
  if (i === 2) return { type: "order", order: `${p}O`, mineral: "antimony", form: "ingot", spec: "Sb 99.65 %", tons: 1e6, price: 12_000, contract: "C-crash" };
  const j = i - 3 - ((i - 3) % 5);
  const lot = `${p}L${j}`;
  const draw = `${p}D${j}`;
  switch ((i - 3) % 5) {
    case 0:
      return { type: "receive", order: `${p}O`, lot, tons: 2, location: "Depot" };
    case 1:
      return { type: "request-draw", draw, member, mineral: "antimony", tons: 2 };
    case 2:
      return { type: "approve-draw", draw };
    case 3:
      return { type: "release", draw, lots: [{ lot, tons: 2 }] };
    default:
      return { type: "deliver", draw };
  }
}

const run = (store: Ledger, key: string, cmd: Command, actor: Actor = OP) =>
  store.run(actor.id, key, commandFingerprint(actor.id, NOW, cmd), (s) => decide(s, cmd, actor, key, NOW));

const store = await openLedger(a.store === "sqlite" ? `sqlite:${a.target}` : a.target);
const startAt = a.startAt;
if (startAt) await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
let next = a.start;
const end = a.start + a.count;
async function lane(): Promise<void> {
  while (next < end) {
    const i = next++;
    const key = `${a.prefix}${i}`;
    try {
      if (a.mode === "crash") await run(store, key, crashCommand(a.prefix, i));
      else {
        const member = a.member as string;
        await run(
          store,
          `${key}-r`,
          // a named draw (the approval and release below name it): the operator requests it for the member
          { type: "request-draw", draw: key, member, mineral: "antimony", tons: 1 },
        );
        await run(store, `${key}-a`, { type: "approve-draw", draw: key });
        await run(store, `${key}-x`, { type: "release", draw: key, lots: [{ lot: "L0", tons: 1 }] });
      }
      process.stdout.write(`ack ${key}\n`);
    } catch (e) {
      process.stdout.write(`refused ${key} ${(e as { code?: string }).code ?? "?"}\n`);
    }
  }
}
await Promise.all(Array.from({ length: a.inflight }, lane));
await store.close();
