import { parseArgs, type ParseArgsConfig } from "node:util";
import { LodestoneError } from "../index.js";

export type Options = NonNullable<ParseArgsConfig["options"]>;

/** parseArgs with Lodestone errors: an unknown flag names itself and the valid ones. */
export function parse(argv: string[], options: Options, command: string) {
  // "--budget -5": node's parseArgs takes -5 for an option and refuses the pair as ambiguous;
  // join a negative number to its option so the range check can name what is expected.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith("--") ? argv[i].slice(2) : undefined;
    const next = argv[i + 1];
    if (name && options[name]?.type === "string" && next !== undefined && /^-(\d|\.\d|Infinity)/.test(next)) {
      args.push(`--${name}=${next}`);
      i++;
    } else args.push(argv[i]);
  }
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new LodestoneError("bad-input", {
      field: command,
      message: (e as Error).message.replace(/\. To specify.*$/s, ""),
      expected: Object.keys(options).map((k) => `--${k}`).join(", ") || "no options",
    });
  }
}

/** A flag value from a closed set. */
export function oneOf<T extends string>(value: string | undefined, valid: readonly T[], field: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((valid as readonly string[]).includes(value)) return value as T;
  throw new LodestoneError("bad-input", { field, message: `invalid value ${JSON.stringify(value)}`, expected: valid.join(" | ") });
}

/** A finite number flag ("12e9", "4000000000"); `min` bounds it. */
export function numberFlag(value: string | undefined, field: string, fallback: number, min = -Infinity, max = Infinity): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || value.trim() === "") throw new LodestoneError("bad-input", { field, message: `invalid number ${JSON.stringify(value)}`, expected: "a number such as 12e9" });
  if (n < min || n > max) throw new LodestoneError("invalid", { field, message: `${n} is out of range`, expected: `a number in [${min}, ${max}]` });
  return n;
}
