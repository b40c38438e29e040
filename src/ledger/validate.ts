import { closest, type ErrorCode, LodestoneError } from "../errors.js";

// Field checks for commands. A command may come from JSON or flags, so nothing about its shape is
// trusted: each check looks at the runtime value and throws LodestoneError naming the field.

export function fail(code: ErrorCode, field: string, message: string, expected?: string): never {
  throw new LodestoneError(code, { field, message, ...(expected ? { expected } : {}) });
}

const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : typeof v === "number" ? String(v) : v === undefined ? "missing" : typeof v);

/** Largest quantity a command may carry: 1e9 t is above a year's world output of every mineral a reserve holds, so more is a typo or the wrong unit. */
export const MAX_TONS = 1e9;
/** Largest amount of money a command may carry (USD): above any reserve's budget. */
export const MAX_USD = 1e13;

/** A quantity of tons: finite, > 0 (or ≥ 0 with `zero`), at most MAX_TONS. */
export function tons(field: string, v: unknown, zero = false): number {
  const expected = `a finite number of tons ${zero ? "≥ 0" : "> 0"} and at most ${MAX_TONS}`;
  if (typeof v !== "number" || !Number.isFinite(v)) fail("bad-input", field, `${show(v)} is not a finite number`, expected);
  if (v < 0 || (v === 0 && !zero) || v > MAX_TONS) fail("bad-input", field, `${v} t is out of range`, expected);
  return v;
}

/** Money (USD) or a price (USD/t): finite, ≥ 0. */
export function money(field: string, v: unknown): number {
  const expected = `a finite amount ≥ 0 and at most ${MAX_USD}`;
  if (typeof v !== "number" || !Number.isFinite(v)) fail("bad-input", field, `${show(v)} is not a finite number`, expected);
  if (v < 0 || v > MAX_USD) fail("bad-input", field, `${v} is out of range`, expected);
  return v;
}

/** A fraction such as a margin or a premium: finite, between -1 and 10. */
export function fraction(field: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < -1 || v > 10)
    fail("bad-input", field, `${show(v)} is not a usable fraction`, "a finite number between -1 and 10 (0.1 = 10 %)");
  return v;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
/** An id (member, mineral, lot, order, draw): letters, digits, `.`, `_`, `:`, `-`, at most 100 characters. `/` is kept out because entitlements are keyed member/mineral. */
export function id(field: string, v: unknown): string {
  if (typeof v !== "string" || !ID.test(v))
    fail("bad-input", field, `${show(v)} is not a valid id`, "1–100 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
  return v;
}

/** Free text (name, reason, form, spec, location, contract): a non-empty string of at most 500 characters. */
export function text(field: string, v: unknown): string {
  if (typeof v !== "string" || v.trim() === "" || v.length > 500)
    fail("bad-input", field, `${show(v)} is not usable text`, "a non-empty string of at most 500 characters");
  return v;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function realDay(y: string, m: string, d: string): boolean {
  const t = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return t.getUTCFullYear() === Number(y) && t.getUTCMonth() === Number(m) - 1 && t.getUTCDate() === Number(d);
}

/** A calendar day, YYYY-MM-DD (expiry, re-assay, price dates). */
export function day(field: string, v: unknown): string {
  const m = typeof v === "string" ? DAY.exec(v) : null;
  if (!m || !realDay(m[1], m[2], m[3])) fail("bad-input", field, `${show(v)} is not a date`, "a date as YYYY-MM-DD");
  return v as string;
}

/**
 * A business date-time: YYYY-MM-DD (midnight UTC) or an ISO 8601 date-time with Z or an offset,
 * normalised to `YYYY-MM-DDTHH:MM:SS.sssZ` so that events compare as strings.
 */
export function instant(field: string, v: unknown): string {
  const expected = "an ISO 8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM:SSZ)";
  if (typeof v !== "string") fail("bad-input", field, `${show(v)} is not a date`, expected);
  const d = DAY.exec(v);
  if (d && realDay(d[1], d[2], d[3])) return `${v}T00:00:00.000Z`;
  const m = INSTANT.exec(v);
  if (!m || !realDay(m[1], m[2], m[3]) || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[7] ?? 0) > 59)
    fail("bad-input", field, `${show(v)} is not a date`, expected);
  const t = new Date(v);
  if (Number.isNaN(t.getTime()) || t.getUTCFullYear() < 1900 || t.getUTCFullYear() > 9999) fail("bad-input", field, `${show(v)} is not a date`, expected);
  return t.toISOString();
}

/** The calendar day (UTC) of a normalised date-time. */
export const dayOf = (at: string) => at.slice(0, 10);
/** The calendar year of a normalised date-time: the entitlement year a draw counts in. */
export const yearOf = (at: string) => at.slice(0, 4);

/** Tons compared with a tolerance of a gram: float sums of receipts and releases must not refuse an exact fit. */
export const EPS = 1e-6;

/**
 * The fields each command takes besides `type` and `at` (`into` and `lots` have their own). A field
 * not listed is refused, naming it: a mistyped optional field (`expiry` for `expires`) must not be
 * dropped silently. A command type not listed here is left to decide, which refuses it.
 */
export const COMMAND_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "register-member": ["member", "name"],
  "set-entitlement": ["member", "mineral", "basis", "priceRule", "priority"],
  "pay-fee": ["member", "amount", "period"],
  order: ["order", "mineral", "form", "spec", "tons", "price", "contract", "plan"],
  receive: ["order", "lot", "tons", "location", "cost", "expires"],
  "cancel-order": ["order", "tons", "reason"],
  "request-draw": ["draw", "member", "mineral", "tons"],
  "approve-draw": ["draw", "tons"],
  "refuse-draw": ["draw", "reason"],
  release: ["draw", "lots", "tons"],
  deliver: ["draw"],
  return: ["draw", "lot", "tons"],
  transfer: ["lot", "to"],
  "write-off": ["lot", "tons", "reason"],
  reassay: ["lot", "tons", "spec", "expires"],
  rotate: ["lot", "tons", "into"],
  "set-price": ["mineral", "date", "price", "source"],
  "set-allocation-rule": ["mineral", "status", "stockFloorTons", "stockFloorDays", "demandTonsPerMonth", "memberFloor", "memberFloors"],
};
/** The fields of a rotation's new lot, and of one entry of a release's lots. */
const NESTED: Readonly<Record<string, readonly string[]>> = {
  into: ["lot", "form", "spec", "tons", "location", "cost", "contract", "expires"],
  lots: ["lot", "tons"],
};
/** Fields that hold numbers (a flag's value is read as a number only for these), and fields that hold a JSON object or list. */
export const NUMBER_FIELDS: ReadonlySet<string> = new Set([
  "tons",
  "price",
  "amount",
  "cost",
  "stockFloorTons",
  "stockFloorDays",
  "demandTonsPerMonth",
  "memberFloor",
]);
export const JSON_FIELDS: ReadonlySet<string> = new Set(["basis", "priceRule", "lots", "into", "memberFloors"]);

/** Every field a command of `type` takes (type and at included), or undefined for a type not listed. */
export function commandFields(type: unknown): readonly string[] | undefined {
  return typeof type === "string" && Object.hasOwn(COMMAND_FIELDS, type) ? ["type", "at", ...COMMAND_FIELDS[type]] : undefined;
}

/**
 * The unknown fields of a command (and of its `into` and `lots` entries), as paths (`expiry`,
 * `into.expiry`, `lots[0].ton`) with the fields valid there; empty when every field is known.
 */
export function unknownFields(cmd: unknown): { path: string; field: string; valid: readonly string[] }[] {
  if (typeof cmd !== "object" || cmd === null) return [];
  const c = cmd as Record<string, unknown>;
  const valid = commandFields(c.type);
  if (!valid) return [];
  const out: { path: string; field: string; valid: readonly string[] }[] = [];
  for (const k of Object.keys(c)) if (!valid.includes(k)) out.push({ path: k, field: k, valid });
  const into = c.into;
  if (valid.includes("into") && typeof into === "object" && into !== null && !Array.isArray(into))
    for (const k of Object.keys(into)) if (!NESTED.into.includes(k)) out.push({ path: `into.${k}`, field: k, valid: NESTED.into });
  if (valid.includes("lots") && Array.isArray(c.lots))
    c.lots.forEach((r, i) => {
      if (typeof r === "object" && r !== null)
        for (const k of Object.keys(r)) if (!NESTED.lots.includes(k)) out.push({ path: `lots[${i}].${k}`, field: k, valid: NESTED.lots });
    });
  return out;
}

/** Refuse a command with a field its type does not take (bad-input naming each one, with the valid fields and the closest). */
export function checkCommandFields(cmd: unknown): void {
  const bad = unknownFields(cmd);
  if (bad.length)
    throw new LodestoneError(
      "bad-input",
      bad.map((b) => ({
        field: b.path,
        message: `${(cmd as { type: string }).type} takes no field ${JSON.stringify(b.field)}`,
        expected: `one of ${b.valid.join(", ")}`,
        suggestions: closest(b.field, [...b.valid]),
      })),
    );
}
