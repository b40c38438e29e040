import { defaultDeps } from "../../api/app.js";
import { serve as listen } from "../../api/serve.js";
import { hashToken, oneRunOperator, readTokens } from "../../api/tokens.js";
import { createPlanner, LodestoneError, planBrief } from "../../index.js";
import { loadPlanInput } from "../../io/plan-input.js";
import { openLedger } from "../../store/index.js";
import { numberFlag, parse } from "../args.js";
import type { Command } from "./types.js";
import { wrapUsage } from "./usage.js";

const LOOPBACK = ["127.0.0.1", "localhost", "::1"];

/** npm start's ledger when neither --ledger nor $LODESTONE_LEDGER names one: SQLite in the working folder. */
const LOCAL_LEDGER = "sqlite:reserve.sqlite";

/** A ledger spec as it may be printed: a postgres:// URL without its user and password. */
export function withoutCredentials(spec: string): string {
  if (!/^postgres(ql)?:\/\//i.test(spec)) return spec;
  try {
    const u = new URL(spec);
    if (!u.username && !u.password) return spec;
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}

export const serve: Command = {
  usage: wrapUsage(
    [
      "lodestone serve [--port P] [--host H] [--ledger SPEC --tokens FILE]",
      'lodestone serve --hash-token TOKEN   print the SHA-256 a tokens file stores for TOKEN (or: printf %s "$TOKEN" | sha256sum)',
      "  --port P   the port (default 8080; 0: any free port)",
      "  --host H   the address to listen on (default 127.0.0.1: the analysis routes have no authentication)",
      "  --ledger SPEC  serve the reserve ledger at /ledger/… (sqlite:FILE or postgres://…; default $LODESTONE_LEDGER)",
      "  --tokens FILE  the ledger routes' bearer tokens, as hashes: tokens: [{ actor: { id, role, member? }, sha256: HEX }]",
      "  --summary      print the default US$ 12 bn plan's summary first (npm start)",
      "  --local-ledger serve the embedded ledger (--ledger, else $LODESTONE_LEDGER, else sqlite:reserve.sqlite); without --tokens,",
      "                 to one operator token made for this run and printed once (only its hash is kept) (npm start)",
      "  The dashboard at /, the HTTP API: the reference page at /docs, the OpenAPI document at /openapi.json. Stop it with Ctrl-C.",
    ].join("\n"),
  ),
  async run(argv, io) {
    const { values } = parse(
      argv,
      {
        port: { type: "string" },
        host: { type: "string" },
        ledger: { type: "string" },
        tokens: { type: "string" },
        "hash-token": { type: "string" },
        summary: { type: "boolean" },
        "local-ledger": { type: "boolean" },
      },
      "serve",
    );
    if (values["hash-token"] !== undefined) {
      io.stdout.write(`${hashToken(values["hash-token"] as string)}\n`);
      return 0;
    }
    // the tokens first: a bad tokens file stops the server before the ledger is opened
    const local = values["local-ledger"] === true;
    const fromFile = values.tokens === undefined ? undefined : readTokens(values.tokens as string);
    // npm start: the embedded ledger, to a token made for this run when no tokens file is given
    const oneRun = local && !fromFile ? oneRunOperator() : undefined;
    const tokens = fromFile ?? oneRun?.tokens;
    const ledgerSpec = (values.ledger as string | undefined) ?? (tokens ? (process.env.LODESTONE_LEDGER ?? (local ? LOCAL_LEDGER : undefined)) : undefined);
    if (tokens && ledgerSpec === undefined)
      throw new LodestoneError("bad-input", {
        field: "--ledger",
        message: "--tokens without a ledger",
        expected: "--ledger sqlite:FILE|postgres://… (or $LODESTONE_LEDGER)",
      });
    if (ledgerSpec !== undefined && !tokens)
      throw new LodestoneError("bad-input", {
        field: "--tokens",
        message: "a ledger is served only to the actors a tokens file lists",
        expected: "--tokens FILE",
      });
    const port = numberFlag(values.port as string | undefined, "--port", 8080, 0, 65535, { integer: true, example: "8080" });
    const host = (values.host as string | undefined) ?? "127.0.0.1";
    if (!LOOPBACK.includes(host))
      io.stderr.write(`lodestone: note: the analysis routes have no authentication; --host ${host} opens them to every machine that can reach it\n`);
    // the default plan's summary first (npm start): the same plan as `lodestone plan --budget 12e9`
    if (values.summary) {
      const { input } = loadPlanInput({ options: { budget: 12e9 } });
      for (const line of planBrief((await createPlanner(input)).solve(12e9))) io.stdout.write(`${line}\n`);
    }
    const ledger = ledgerSpec === undefined ? undefined : await openLedger(ledgerSpec);
    let server: Awaited<ReturnType<typeof listen>>;
    try {
      server = await listen({ port, hostname: host, deps: defaultDeps({ ledger, tokens }) });
    } catch (e) {
      await ledger?.close();
      const code = (e as NodeJS.ErrnoException).code;
      throw new LodestoneError("bad-input", {
        field: "--port",
        message: `cannot listen on ${host}:${port} (${code ?? (e as Error).message})`,
        expected: "a free port (or --port 0 for any)",
      });
    }
    io.stdout.write(`dashboard at ${server.url}/ · API reference at ${server.url}/docs (stop with Ctrl-C)\n`);
    if (oneRun)
      io.stdout.write(
        `reserve ledger ${withoutCredentials(ledgerSpec!)} at ${server.url}/#/reserve · operator token for this run: ${oneRun.token} (only its hash is kept; --tokens FILE for lasting tokens)\n`,
      );
    // serve until the process is stopped
    await new Promise<void>(() => {});
    return 0;
  },
};
