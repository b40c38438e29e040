import { LodestoneError } from "../errors.js";
import { type Actor, type Command, ROLES } from "./types.js";
import { fail, id, yearOf } from "./validate.js";

// Who may do what, checked in the core so every shell (CLI, API) shares it: an operator writes
// everything; an auditor or analyst reads everything and writes nothing; a member reads only its
// own records and may only request draws for itself.

/**
 * How far (ms) a member's own date for a command may lie from the shell's clock: room for a client's
 * clock skew, not for choosing the date. A member's request counts in the entitlement year of its
 * date, so a member free to date it could draw on a past year's unused entitlement or on years ahead.
 */
export const MEMBER_DATE_WINDOW_MS = 5 * 60_000;

/**
 * A member's command is dated by the shell's clock `now`: a date the member gives (`at`, both
 * normalised) must lie within MEMBER_DATE_WINDOW_MS of it and in the same calendar (entitlement)
 * year; `forbidden` naming `at` otherwise. An operator may date a command (recording what happened
 * earlier); every event still names who wrote it.
 */
export function checkDate(actor: Actor, at: string, now: string): void {
  if (actor.role !== "member") return;
  const off = Math.abs(Date.parse(at) - Date.parse(now));
  if (off <= MEMBER_DATE_WINDOW_MS && yearOf(at) === yearOf(now)) return;
  const why =
    yearOf(at) !== yearOf(now) ? `is in entitlement year ${yearOf(at)}, not ${yearOf(now)}` : `is more than ${MEMBER_DATE_WINDOW_MS / 60_000} minutes from it`;
  throw new LodestoneError("forbidden", {
    field: "at",
    message: `a member's request is dated by the server's clock (${now}); ${at} ${why}`,
    expected: `no at (the clock dates it), or a date-time within ${MEMBER_DATE_WINDOW_MS / 60_000} minutes of the clock in the same year`,
  });
}

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
