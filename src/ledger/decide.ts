import { setAllocationRule } from "./allocation-rule.js";
import type { Ctx } from "./context.js";
import { approveDraw, deliver, payFee, refuseDraw, registerMember, release, requestDraw, returnDraw, setEntitlement } from "./decide-draws.js";
import { cancelOrder, order, reassay, receive, rotate, setPrice, transfer, writeOff } from "./decide-stock.js";
import { checkActor, checkDate, checkWrite } from "./roles.js";
import type { Actor, Command, CommandType, LedgerEvent, LedgerInputs, LedgerState } from "./types.js";
import { checkCommandFields, fail, instant } from "./validate.js";

type Handlers = { [T in CommandType]: (c: Ctx, cmd: Extract<Command, { type: T }>) => LedgerEvent[] };

const HANDLERS: Handlers = {
  "register-member": registerMember,
  "set-entitlement": setEntitlement,
  "pay-fee": payFee,
  order,
  receive,
  "cancel-order": cancelOrder,
  "request-draw": requestDraw,
  "approve-draw": approveDraw,
  "refuse-draw": refuseDraw,
  release,
  deliver,
  return: returnDraw,
  transfer,
  "write-off": writeOff,
  reassay,
  rotate,
  "set-price": setPrice,
  "set-allocation-rule": setAllocationRule,
};
export const COMMAND_TYPES = Object.keys(HANDLERS) as CommandType[];

/** Longest idempotency key: a UUID or a client's own key fits many times over. */
const MAX_KEY = 200;

/**
 * Validate `cmd` against the state for `actor` and return the events it makes (seq 0, all
 * carrying `key`), or throw a LodestoneError naming the field: `bad-input` for a malformed value
 * (an unknown id, a negative or non-finite quantity, a bad date), `forbidden` for a role that may
 * not do it (a member dating its request away from `now`, see checkDate), `conflict` where the
 * state forbids it (a balance below zero, an expired lot, another mineral's lot, above
 * entitlement). Pure: `now` is the shell's clock (never a date the client sent), the business
 * date-time when `cmd.at` is left out; the state is not changed (the caller applies the events).
 * `inputs` is what the shell read from outside the ledger: the dataset's prices (a market-priced
 * release with no ledger price falls back to them) and demand (a stock floor declared in days).
 */
export function decide(state: LedgerState, cmd: Command, actor: Actor, key: string, now: string, inputs: LedgerInputs = {}): LedgerEvent[] {
  const who = checkActor(actor);
  if (typeof key !== "string" || key === "" || key.length > MAX_KEY)
    fail("bad-input", "key", "no usable idempotency key", `a non-empty string of at most ${MAX_KEY} characters`);
  if (typeof cmd !== "object" || cmd === null || !Object.hasOwn(HANDLERS, cmd.type))
    fail("bad-input", "type", `${JSON.stringify((cmd as { type?: unknown })?.type)} is not a command`, COMMAND_TYPES.join(", "));
  checkWrite(who, cmd);
  // a field the command does not take is refused, not dropped (a mistyped optional field would be lost)
  checkCommandFields(cmd);
  const clock = instant("at", now);
  const at = cmd.at === undefined ? clock : instant("at", cmd.at);
  checkDate(who, at, clock);
  const handler = HANDLERS[cmd.type] as (c: Ctx, cmd: Command) => LedgerEvent[];
  return handler({ s: state, actor: who, key, at, inputs }, cmd);
}
