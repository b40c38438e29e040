import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { type Actor, allocationReport, auditTrail, COMMAND_TYPES, type Command, checkRead, LodestoneError, memberList, valuation } from "../../index.js";
import { reportMineral, resolveCommandMineral } from "../../io/ledger-commands.js";
import { type Ledger, ledgerInputs, readCover, readPosition, readStatement, runCommand, valuationPrices } from "../../store/index.js";
import type { ApiDeps } from "../deps.js";
import { errorBody } from "../errors.js";
import { ErrorSchema } from "../schemas.js";
import { bearerActor } from "../tokens.js";

// The reserve ledger over HTTP: the same core as `lodestone reserve`. Every route
// needs `Authorization: Bearer <token>`; the token's actor (deps.tokens, stored as hashes) is who
// acts, and the ledger core checks its role: an operator writes, an auditor or analyst reads all, a
// member requests draws for itself and reads only its own statement and audit trail.

const json = (schema: z.ZodType, description: string) => ({ content: { "application/json": { schema } }, description });
const AUTH = {
  401: json(ErrorSchema, "no bearer token, or one the server does not know"),
  403: json(ErrorSchema, "the token's role may not do this (a member reading the whole reserve or another member's records)"),
  404: json(ErrorSchema, "this server runs without a ledger (lodestone serve --ledger SPEC), or an unknown record"),
};
const security = [{ bearer: [] }];

const Day = z
  .string()
  .min(1)
  .max(40)
  .openapi({ example: "2026-06-30", description: "as of: YYYY-MM-DD (the whole day) or an ISO 8601 date-time; default the latest" });
const Obj = (name: string, description: string) => z.record(z.string(), z.unknown()).openapi(name, { description });

export const LedgerCommandRequest = z
  .object({
    key: z.string().min(1).max(200).optional().openapi({
      description:
        "the idempotency key (or the Idempotency-Key header), per token's actor: a retry by the same actor with the same key and command writes nothing; another actor's same key is another command",
    }),
    at: z.string().min(1).max(40).optional().openapi({
      example: "2026-04-01T00:00:00Z",
      description:
        "the business date-time of the command (part of what a retry must repeat); default the server's clock. A member's request is dated by the server's clock: leave it out, or give a date-time within 5 minutes of it in the same year (else 403)",
    }),
    command: z
      .object({ type: z.enum(COMMAND_TYPES as [string, ...string[]]) })
      .catchall(z.unknown())
      .openapi({ description: "a ledger command: { type, … } as in a `lodestone reserve run` commands file; its fields are checked by the ledger core" }),
  })
  .strict()
  .openapi("LedgerCommand");
const EventSchema = z
  .object({ seq: z.number().int(), type: z.string(), at: z.string(), actor: z.string(), key: z.string(), data: z.record(z.string(), z.unknown()) })
  .openapi("LedgerEvent");
const CommandResult = z
  .object({
    replayed: z.boolean().openapi({ description: "true: the key was used before for this command; these are the events stored then, nothing was written" }),
    events: z.array(EventSchema),
  })
  .openapi("LedgerCommandResult");

const commandRoute = createRoute({
  method: "post",
  path: "/ledger/commands",
  summary: "Run one ledger command as one durable transaction under its idempotency key (lodestone reserve run, one entry)",
  security,
  request: {
    headers: z.object({ "idempotency-key": z.string().min(1).max(200).optional().openapi({ description: "the idempotency key, instead of body.key" }) }),
    body: { content: { "application/json": { schema: LedgerCommandRequest } }, required: true, description: "{ key, at?, command }" },
  },
  responses: {
    201: json(CommandResult, "written: the events the command made"),
    200: json(CommandResult, "a retry (same actor, key and command): the events stored the first time, replayed: true, nothing written"),
    400: json(ErrorSchema, "a malformed request or command field (named); nothing written"),
    ...AUTH,
    409: json(
      ErrorSchema,
      "refused by the ledger's state (a balance below zero, an expired lot, above entitlement …) or the key used by the same actor for another command; nothing written",
    ),
    413: json(ErrorSchema, "body too large"),
  },
});

const positionRoute = createRoute({
  method: "get",
  path: "/ledger/position",
  summary: "Tons held per mineral and per lot, as of a date (lodestone reserve position); not for members",
  security,
  request: { query: z.object({ at: Day.optional() }).strict() },
  responses: {
    200: json(Obj("LedgerPosition", "{ asOf, minerals, lots } as lodestone reserve position --format json"), "the position"),
    ...AUTH,
    400: json(ErrorSchema, "a bad date"),
  },
});
const coverRoute = createRoute({
  method: "get",
  path: "/ledger/cover",
  summary: "Days of cover per mineral against a target, demand from the dataset (lodestone reserve cover); not for members",
  security,
  request: {
    query: z
      .object({
        at: Day.optional(),
        target: z.coerce.number().positive().max(3650).optional().openapi({ description: "the target in days (default 60)" }),
      })
      .strict(),
  },
  responses: {
    200: json(Obj("LedgerCover", "{ cover: [...] } as lodestone reserve cover --format json"), "cover per mineral"),
    ...AUTH,
    400: json(ErrorSchema, "a bad date or target"),
  },
});
const valuationRoute = createRoute({
  method: "get",
  path: "/ledger/valuation",
  summary: "Mark-to-market of every lot: the ledger's dated prices, then the dataset's (lodestone reserve valuation); not for members",
  security,
  request: { query: z.object({ at: Day.optional().openapi({ description: "as of (default today)" }) }).strict() },
  responses: {
    200: json(Obj("LedgerValuation", "as lodestone reserve valuation --format json"), "the valuation"),
    ...AUTH,
    400: json(ErrorSchema, "a bad date"),
  },
});
const statementRoute = createRoute({
  method: "get",
  path: "/ledger/members/{id}/statement",
  summary: "A member's entitlements, draws and fees (lodestone reserve statement); a member reads only its own",
  security,
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(100)
        .openapi({ param: { name: "id", in: "path" }, example: "acme" }),
    }),
    query: z
      .object({
        year: z
          .string()
          .regex(/^\d{4}$/)
          .optional()
          .openapi({ description: "the entitlement year (default each one's latest)" }),
      })
      .strict(),
  },
  responses: {
    200: json(Obj("LedgerStatement", "as lodestone reserve statement --format json"), "the statement"),
    ...AUTH,
    400: json(ErrorSchema, "a bad id or year"),
  },
});
const auditRoute = createRoute({
  method: "get",
  path: "/ledger/audit",
  summary: "Every event about one lot or one member, in log order (lodestone reserve audit); a member reads only its own, no lot's",
  security,
  request: { query: z.object({ lot: z.string().min(1).max(100).optional(), member: z.string().min(1).max(100).optional() }).strict() },
  responses: { 200: json(Obj("LedgerEvents", "{ events: [...] }"), "the trail"), ...AUTH, 400: json(ErrorSchema, "neither or both of lot and member") },
});
const eventsRoute = createRoute({
  method: "get",
  path: "/ledger/events",
  summary: "The event log after a sequence number (lodestone reserve events); operators, auditors and analysts only",
  security,
  request: { query: z.object({ after: z.coerce.number().int().min(0).optional().openapi({ description: "events with seq > after (default 0)" }) }).strict() },
  responses: { 200: json(Obj("LedgerEvents", "{ events: [...] }"), "the events"), ...AUTH, 400: json(ErrorSchema, "a bad sequence number") },
});

const allocationRoute = createRoute({
  method: "get",
  path: "/ledger/allocation",
  summary:
    "Who gets what of a mineral under its crisis allocation rule, and why: class, pro rata to entitlement, floors (lodestone reserve allocate); a member sees only its own line",
  security,
  request: {
    query: z
      .object({
        mineral: z.string().min(1).max(100).openapi({ example: "tungsten", description: "the mineral" }),
        at: Day.optional().openapi({ description: "as of (default now): the stock releasable then" }),
      })
      .strict(),
  },
  responses: {
    200: json(
      Obj(
        "LedgerAllocation",
        "as lodestone reserve allocate --format json: { mineral, at, rule, governed, held, stockFloor, available, open, crisis, classes, members: [{ member, priority, entitlement, floor, requested, taken, allocated, left, rule, reason }], lines } (a member: { mineral, at, member, rule, governed, members, lines }, its own only)",
      ),
      "the allocation",
    ),
    ...AUTH,
    400: json(ErrorSchema, "a bad mineral id or date"),
  },
});

const membersRoute = createRoute({
  method: "get",
  path: "/ledger/members",
  summary: "The members (id, name, entitlements, open draws) and the draws waiting for the operator (requested or approved); a member sees only itself",
  security,
  responses: {
    200: json(
      Obj("LedgerMembers", "{ members: [{ member, name, entitlements, open }], open: [{ draw, member, mineral, at, status, requested, approved }] }"),
      "the members",
    ),
    ...AUTH,
  },
});

const meRoute = createRoute({
  method: "get",
  path: "/ledger/me",
  summary: "The actor the bearer token stands for (id, role, member): what a client may show and ask",
  security,
  responses: {
    200: json(
      z.object({ id: z.string(), role: z.enum(["operator", "auditor", "analyst", "member"]), member: z.string().optional() }).openapi("LedgerActor"),
      "the token's actor",
    ),
    ...AUTH,
  },
});

/** The actor the auth middleware put on the request, and the ledger (both checked there). */
const who = (c: Context) => c.get("actor") as Actor;

/**
 * The ledger routes' authentication: 401 without a usable bearer token, 404 when the server has no
 * ledger, else the token's actor on the request. app.ts mounts it on /ledger/* before the body
 * limit, so a client without a token gets 401 before any of its body is read (and never learns the limit).
 */
export function ledgerAuth(deps: ApiDeps): MiddlewareHandler {
  return async (c, next) => {
    const actor = bearerActor(deps.tokens, c.req.header("authorization"));
    if (!actor) {
      c.header("WWW-Authenticate", 'Bearer realm="lodestone ledger"');
      return c.json(
        errorBody(401, "unauthorized", [
          {
            field: "Authorization",
            message: "no bearer token, or a token this server does not know",
            expected: "Authorization: Bearer <a token from the server's tokens file>",
          },
        ]),
        401,
      );
    }
    if (!deps.ledger)
      throw new LodestoneError("not-found", {
        field: "path",
        message: "this server runs without a ledger",
        expected: "lodestone serve --ledger sqlite:FILE|postgres://… --tokens FILE",
      });
    c.set("actor" as never, actor as never);
    await next();
  };
}

/** The ledger routes; every one is behind ledgerAuth (mounted by app.ts on /ledger/*). */
export function ledgerRoutes(app: OpenAPIHono, deps: ApiDeps) {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "a token listed (as its SHA-256) in the server's tokens file (lodestone serve --tokens FILE)",
  });
  const ledger = () => deps.ledger as Ledger;

  app.openapi(commandRoute, async (c) => {
    const actor = who(c);
    const body = c.req.valid("json");
    const header = c.req.valid("header")["idempotency-key"];
    if (header !== undefined && body.key !== undefined && header !== body.key)
      throw new LodestoneError("bad-input", { field: "key", message: "body.key and the Idempotency-Key header differ", expected: "one key, in either place" });
    const key = header ?? body.key;
    if (key === undefined)
      throw new LodestoneError("bad-input", { field: "key", message: "no idempotency key", expected: "body.key or an Idempotency-Key header" });
    // the mineral as the dataset names it (an unknown one is 400 with suggestions); unknown fields are refused by the core
    const command = resolveCommandMineral(body.command as unknown as Command, deps.dataset, "command.mineral");
    // the server's clock dates a command sent without one, and is what a member's own date is held to
    const r = await runCommand(
      ledger(),
      actor,
      key,
      body.at,
      command,
      new Date(deps.clock()).toISOString(),
      ledgerInputs(() => deps.dataset),
    );
    return c.json({ replayed: r.replayed, events: r.events as unknown as z.infer<typeof EventSchema>[] }, r.replayed ? 200 : 201);
  });

  app.openapi(meRoute, (c) => c.json(who(c), 200));

  // position, cover and statements read the balances the store keeps with the events (a date before the latest event replays the log)
  app.openapi(positionRoute, async (c) =>
    c.json((await readPosition(ledger(), c.req.valid("query").at, who(c))).position as unknown as Record<string, unknown>, 200),
  );

  app.openapi(coverRoute, async (c) => {
    const q = c.req.valid("query");
    return c.json({ cover: (await readCover(ledger(), deps.dataset, q.target, q.at, who(c))).cover }, 200);
  });

  app.openapi(valuationRoute, async (c) => {
    const state = await ledger().state();
    const asOf = c.req.valid("query").at ?? new Date(deps.clock()).toISOString();
    return c.json(valuation(state, valuationPrices(state, deps.dataset), asOf, who(c)) as unknown as Record<string, unknown>, 200);
  });

  app.openapi(allocationRoute, async (c) => {
    const q = c.req.valid("query");
    const at = q.at ?? new Date(deps.clock()).toISOString();
    const mineral = reportMineral(deps.dataset, q.mineral, "mineral");
    return c.json(allocationReport(await ledger().state(), mineral, at, who(c)) as unknown as Record<string, unknown>, 200);
  });

  app.openapi(membersRoute, async (c) => c.json(memberList(await ledger().state(), who(c)) as unknown as Record<string, unknown>, 200));

  app.openapi(statementRoute, async (c) =>
    c.json((await readStatement(ledger(), c.req.valid("param").id, who(c), c.req.valid("query").year)) as unknown as Record<string, unknown>, 200),
  );

  app.openapi(auditRoute, async (c) => {
    const q = c.req.valid("query");
    const actor = who(c);
    // the role first: a member asking for a lot's trail is refused before the log is read
    if (q.lot !== undefined) checkRead(actor);
    else if (q.member !== undefined) checkRead(actor, q.member);
    const about = { ...(q.lot !== undefined ? { lot: q.lot } : {}), ...(q.member !== undefined ? { member: q.member } : {}) };
    return c.json({ events: auditTrail(await ledger().events(), about, actor) as unknown[] }, 200);
  });

  app.openapi(eventsRoute, async (c) => {
    checkRead(who(c));
    return c.json({ events: (await ledger().events(c.req.valid("query").after ?? 0)) as unknown[] }, 200);
  });
}
