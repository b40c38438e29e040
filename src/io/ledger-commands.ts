import { z } from "zod";
import {
  type Actor,
  type CodedIssue,
  type Command,
  checkFields,
  describeValue as describe,
  isMapping,
  issuesError,
  LodestoneError,
  ROLES,
  type Role,
  readYaml,
} from "../index.js";
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
    if (issues.length === before)
      out.push({ key: x.key as string, at: x.at as string, command: x.command as unknown as Command, line: input.line(["commands", i]) ?? 0 });
  });
  if (issues.length) throw issuesError(issues);
  return out;
}

/**
 * One command from flags (`lodestone reserve order --mineral antimony --tons 100 … --key o1`): every
 * `--field value` after the command type is a field of the command (kebab-case read as camelCase;
 * numbers as numbers; `{…}` and `[…]` as JSON), except the shell's own flags. The ledger core checks
 * the fields and names the one that is wrong.
 */
export function commandFromFlags(type: string, argv: readonly string[], shell: ReadonlySet<string>): { command: Command; rest: string[] } {
  const fields: Record<string, unknown> = { type };
  const rest: string[] = [];
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
    if (inline === undefined) i++;
    if (value === undefined) throw new LodestoneError("bad-input", { field: `--${name}`, message: "has no value", expected: `--${name} VALUE` });
    const key = name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    let parsed: unknown = value;
    if (/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value)) parsed = Number(value);
    else if (/^[[{]/.test(value)) {
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
