import { serve as listen } from "../../api/serve.js";
import { LodestoneError } from "../../index.js";
import { numberFlag, parse } from "../args.js";
import type { Command } from "./types.js";
import { wrapUsage } from "./usage.js";

const LOOPBACK = ["127.0.0.1", "localhost", "::1"];

export const serve: Command = {
  usage: wrapUsage(
    [
      "lodestone serve [--port P] [--host H]",
      "  --port P   the port (default 8080; 0: any free port)",
      "  --host H   the address to listen on (default 127.0.0.1: the analysis routes have no authentication)",
      "  The HTTP API: the reference page at /docs, the OpenAPI document at /openapi.json. Stop it with Ctrl-C.",
    ].join("\n"),
  ),
  async run(argv, io) {
    const { values } = parse(argv, { port: { type: "string" }, host: { type: "string" } }, "serve");
    const port = numberFlag(values.port as string | undefined, "--port", 8080, 0, 65535, { integer: true, example: "8080" });
    const host = (values.host as string | undefined) ?? "127.0.0.1";
    if (!LOOPBACK.includes(host))
      io.stderr.write(`lodestone: note: the analysis routes have no authentication; --host ${host} opens them to every machine that can reach it\n`);
    let server: Awaited<ReturnType<typeof listen>>;
    try {
      server = await listen({ port, hostname: host });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new LodestoneError("bad-input", {
        field: "--port",
        message: `cannot listen on ${host}:${port} (${code ?? (e as Error).message})`,
        expected: "a free port (or --port 0 for any)",
      });
    }
    io.stdout.write(`lodestone API at ${server.url} (reference: ${server.url}/docs)\n`);
    // serve until the process is stopped
    await new Promise<void>(() => {});
    return 0;
  },
};
