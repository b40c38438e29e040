import { LodestoneError } from "../errors.js";
import { type Actor, type Command, ROLES } from "./types.js";
import { fail, id } from "./validate.js";

// Who may do what, checked in the core so every shell (CLI, API) shares it: an operator writes
// everything; an auditor or analyst reads everything and writes nothing; a member reads only its
// own records and may only request draws for itself.

/** The actor as given, checked: a known role, an id, and a member id for a member. */
export function checkActor(actor: unknown): Actor {
  if (typeof actor !== "object" || actor === null) fail("bad-input", "actor", "no actor given", "{ id, role, member? }");
  const a = actor as Record<string, unknown>;
  id("actor.id", a.id);
  if (!ROLES.includes(a.role as Actor["role"])) fail("bad-input", "actor.role", `${JSON.stringify(a.role)} is not a role`, ROLES.join(", "));
  if (a.role === "member") id("actor.member", a.member);
  return a as unknown as Actor;
}

function forbidden(field: string, message: string): never {
  throw new LodestoneError("forbidden", { field, message });
}

/** May `actor` run `cmd`? Throws `forbidden` naming the field otherwise. */
export function checkWrite(actor: Actor, cmd: Command): void {
  if (actor.role === "operator") return;
  if (actor.role === "member") {
    if (cmd.type !== "request-draw") forbidden("actor.role", `a member may only request draws, not ${cmd.type}`);
    if (cmd.member !== undefined && cmd.member !== actor.member) forbidden("member", "a member may request only for itself");
    return;
  }
  forbidden("actor.role", `an ${actor.role} reads the ledger and may not ${cmd.type}`);
}

/** May `actor` read records of `member` (undefined: the whole reserve, lots and all members)? */
export function checkRead(actor: Actor, member?: string): void {
  if (actor.role !== "member") return;
  if (member === undefined) forbidden("actor.role", "a member may read only its own records, not the whole reserve");
  if (member !== actor.member) forbidden("member", "a member may read only its own records");
}
