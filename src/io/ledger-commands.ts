import { z } from "zod";
import {
  type Actor,
  type CodedIssue,
  type Command,
  checkFields,
  closest,
  commandFields,
  type Dataset,
  describeValue as describe,
  isMapping,
  issuesError,
  JSON_FIELDS,
  LodestoneError,
  mineralIdFor,
  NUMBER_FIELDS,
  ROLES,
  type Role,
  readYaml,
  unknownFields,
} from "../index.js";
import { checkLedgerId } from "../internal.js";
import { readInputFile } from "./yaml-doc.js";

/** `--as ROLE:ID[:MEMBER]` → the actor a command runs as (a member actor speaks for MEMBER, default ID). */
export function parseActor(spec: string | undefined): Actor {
  const bad = () =>
    new LodestoneError("bad-input", {
      field: "--as",
      message: `${JSON.stringify(spec ?? "")} is not an actor`,
      expected: `ROLE:ID or member:ID[:MEMBER], ROLE one of ${ROLES.join(", ")} (e.g. --as operator:alice)`,
    });
  if (!spec) throw bad();
  const [role, id, member, ...rest] = spec.split(":");
  if (!ROLES.includes(role as Role) || !id || rest.length || (member !== undefined && role !== "member")) throw bad();
  return role === "member" ? { id, role: "member", member: member ?? id } : { id, role: role as Role };
}

/** One entry of a commands file: its idempotency key, the business date-time, and the command. */
export interface CommandEntry {
  key: string;
  at: string;
  command: Command;
  line: number;
}

const TOP = { version: z.literal(1), commands: z.array(z.unknown()).min(1).max(10_000) };
const at = z.preprocess((v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString() : v), z.string().min(1));
const ENTRY = { key: z.string().min(1).max(200), at, command: z.record(z.string(), z.unknown()) };
const EXPECTED = "a YAML or JSON file: version: 1, commands: [{ key, at, command: { type, … } }]";

/**
 * A commands file (YAML or JSON): `version: 1`, `commands: [{ key, at, command: { type, … } }]`. Its
 * shape is checked here (file:line: field); each command's own fields are checked by the ledger core.
 */
export function readCommands(path: string): CommandEntry[] {
  const input = readYaml(readInputFile(path, "commands file", EXPECTED), path, EXPECTED);
  const issues: CodedIssue[] = [];
  const cx = { input, fields: [...Object.keys(TOP), ...Object.keys(ENTRY)], format: "a field of the commands format" };
  const top = checkFields(input.js, TOP, [], cx, issues);
  const out: CommandEntry[] = [];
  ((top.commands as unknown[] | undefined) ?? []).forEach((e, i) => {
    if (!isMapping(e)) {
      issues.push({ ...input.at(["commands", i]), code: "bad-input", message: `${describe(e)} is not a command entry`, expected: "{ key, at, command }" });
      return;
    }
    const before = issues.length;
    const x = checkFields(e, ENTRY, ["commands", i], cx, issues);
    // a field the command does not take is refused here, with its line (the core refuses it too)
    for (const u of unknownFields(x.command))
      issues.push({
        ...input.at([
          "commands",
          i,
          "command",
          ...u.path
            .split(/[.[\]]+/)
            .filter(Boolean)
            .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
        ]),
        code: "bad-input",
        field: `commands[${i}].command.${u.path}`,
        message: `${(x.command as { type: string }).type} takes no field ${JSON.stringify(u.field)}`,
        expected: `one of ${u.valid.join(", ")}`,
        suggestions: closest(u.field, [...u.valid]),
      });
    if (issues.length === before)
      out.push({ key: x.key as string, at: x.at as string, command: x.command as unknown as Command, line: input.line(["commands", i]) ?? 0 });
  });
  if (issues.length) throw issuesError(issues);
  return out;
}

const kebab = (f: string) => f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * One command from flags (`lodestone reserve order --mineral antimony --tons 100 … --key o1`): every
 * `--field value` after the command type is a field of the command (kebab-case read as camelCase),
 * except the shell's own flags. A flag the command does not take is refused, naming it and listing
 * the ones it does (exit 2). Only numeric fields (tons, price, amount, cost) are read as numbers and
 * only object fields (basis, price-rule, lots, into) as JSON, so `--period 2026` or `--to 12` stay
 * text. The ledger core checks the values and names the one that is wrong.
 */
export function commandFromFlags(type: string, argv: readonly string[], shell: ReadonlySet<string>): { command: Command; rest: string[] } {
  const fields: Record<string, unknown> = { type };
  const rest: string[] = [];
  const valid = (commandFields(type) ?? []).filter((f) => f !== "type" && f !== "at");
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    const [, name, inline] = m;
    const value = inline ?? argv[i + 1];
    if (shell.has(name)) {
      rest.push(a);
      if (inline === undefined && value !== undefined) rest.push(argv[++i]);
      continue;
    }
    const key = name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (!valid.includes(key)) {
      const flags = valid.map((f) => `--${kebab(f)}`);
      throw new LodestoneError("bad-input", {
        field: `--${name}`,
        message: `reserve ${type} takes no --${name}`,
        expected: `one of ${flags.join(", ")} (and --key, --at, --as, --ledger)`,
        suggestions: closest(`--${name}`, flags),
      });
    }
    if (inline === undefined) i++;
    if (value === undefined) throw new LodestoneError("bad-input", { field: `--${name}`, message: "has no value", expected: `--${name} VALUE` });
    let parsed: unknown = value;
    if (NUMBER_FIELDS.has(key) && /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value)) parsed = Number(value);
    else if (JSON_FIELDS.has(key) && /^[[{]/.test(value)) {
      try {
        parsed = JSON.parse(value);
      } catch {
        throw new LodestoneError("bad-input", { field: `--${name}`, message: `${JSON.stringify(value)} is not valid JSON`, expected: "a JSON object or list" });
      }
    }
    fields[key] = parsed;
  }
  return { command: fields as unknown as Command, rest };
}

/** The command types whose `mineral` names a mineral of the dataset. */
/**
 * The command with its mineral resolved through the dataset's names (case-insensitive; an id, a name
 * on the critical-minerals lists, an element-level mineral such as ndpr or palladium; a part of a
 * chapter stands for the chapter): `Antimony` is antimony, and an unknown name is refused (bad-input
 * naming `field`, with the closest known names) before anything is written. The ledger core takes
 * ids and does no I/O, so the shells that have the dataset (CLI, API) resolve here.
 */
/**
 * A mineral a ledger report asks about (`reserve allocate --mineral`, GET /ledger/allocation): a
 * well-formed id (else bad-input, as the core checks ids), then the dataset's mineral of that name
 * (`Antimony` is antimony; an unknown one is not-found with the closest names).
 */
export function reportMineral(dataset: Dataset, value: string, field: string): string {
  return mineralIdFor(dataset, checkLedgerId(field, value), field).id;
}

export function resolveCommandMineral<C>(command: C, dataset: Dataset, field = "mineral"): C {
  const c = command as { type?: unknown; mineral?: unknown };
  // every command that names a mineral (order, entitlement, draw, price, allocation rule) names a dataset mineral
  if (typeof c !== "object" || c === null || typeof c.mineral !== "string") return command;
  try {
    const { id } = mineralIdFor(dataset, c.mineral, field);
    return id === c.mineral ? command : ({ ...c, mineral: id } as C);
  } catch (e) {
    // an unknown name in a command is a bad field of the request (exit 2, HTTP 400), not a missing resource
    if (e instanceof LodestoneError) throw new LodestoneError("bad-input", e.issues);
    throw e;
  }
}
