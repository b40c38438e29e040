import { type ParseArgsConfig, parseArgs } from "node:util";
import { LodestoneError } from "../index.js";

export type Options = NonNullable<ParseArgsConfig["options"]>;

/** How many positional arguments a command takes, and what they are (for the error). */
export interface Positionals {
  max: number;
  what: string;
}

const NONE: Positionals = { max: 0, what: "no positional arguments" };

/**
 * parseArgs with Lodestone errors. Beyond node's own checks it refuses what node accepts silently:
 * a flag given twice (node keeps the last one), an empty value (`--minerals ""` would otherwise mean
 * "every mineral"), and more positional arguments than the command takes.
 */
export function parse(argv: string[], options: Options, command: string, positionals: Positionals = NONE) {
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
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: Options; allowPositionals: true; strict: true; tokens: true }>>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    // "--budget" with nothing after it (or another flag next): ask for the value, not for other flags
    const flag = /^Option '(--[\w-]+)/.exec((e as Error).message)?.[1];
    if ((e as { code?: string }).code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && flag !== undefined && options[flag.slice(2)]?.type === "string") {
      const next = args[args.indexOf(flag) + 1];
      throw new LodestoneError("bad-input", {
        field: flag,
        message: next === undefined ? "needs a value" : `needs a value, and ${next} is the next flag`,
        expected: `${flag} VALUE (a value that starts with a dash as ${flag}=-VALUE)`,
      });
    }
    throw new LodestoneError("bad-input", {
      field: command,
      message: (e as Error).message.replace(/\. To specify.*$/s, ""),
      expected:
        Object.keys(options)
          .map((k) => `--${k}`)
          .join(", ") || "no options",
    });
  }
  const seen = new Map<string, string[]>();
  for (const t of parsed.tokens) {
    if (t.kind !== "option") continue;
    const list = seen.get(t.name) ?? [];
    list.push(t.value ?? "");
    seen.set(t.name, list);
    if (t.value === "")
      throw new LodestoneError("bad-input", {
        field: `--${t.name}`,
        message: "empty value",
        expected: "a value after the flag (leave the flag out for its default)",
      });
  }
  const twice = [...seen].filter(([name, v]) => v.length > 1 && !options[name]?.multiple);
  if (twice.length)
    throw new LodestoneError(
      "bad-input",
      twice.map(([name, v]) => ({
        field: `--${name}`,
        message: `given ${v.length} times${v.some(Boolean) ? ` (${v.join(", ")})` : ""}`,
        expected: "each flag at most once",
      })),
    );
  if (parsed.positionals.length > positionals.max)
    throw new LodestoneError("bad-input", {
      field: command,
      message: `unexpected argument${parsed.positionals.length - positionals.max > 1 ? "s" : ""} ${parsed.positionals.slice(positionals.max).join(" ")}`,
      expected: positionals.what,
    });
  return { values: parsed.values, positionals: parsed.positionals };
}

/** A flag value from a closed set. */
export function oneOf<T extends string>(value: string | undefined, valid: readonly T[], field: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((valid as readonly string[]).includes(value)) return value as T;
  throw new LodestoneError("bad-input", { field, message: `invalid value ${JSON.stringify(value)}`, expected: valid.join(" | ") });
}

/** Plain decimal notation only: `Number()` would also take "0x10" (16), "0b1", " 12 " and "". */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

const flagName = (field: string) => (field.startsWith("--") || field.includes(" ") ? field : `--${field}`);

/** 1e13 rather than 10000000000000, whichever is shorter. */
export const shortNumber = (n: number) => {
  const e = n.toExponential().replace("e+", "e");
  return e.length < String(n).length ? e : String(n);
};

/** What a number flag expects, for its messages: "a whole number in [1, 100000]". */
function expectation(min: number, max: number, integer: boolean, example?: string): string {
  const kind = integer ? "a whole number" : "a decimal number";
  const range =
    Number.isFinite(min) && Number.isFinite(max)
      ? ` in [${shortNumber(min)}, ${shortNumber(max)}]`
      : Number.isFinite(min)
        ? ` ≥ ${shortNumber(min)}`
        : Number.isFinite(max)
          ? ` ≤ ${shortNumber(max)}`
          : "";
  return `${kind}${range}${example ? `, such as ${example}` : ""}`;
}

export interface NumberSpec {
  min?: number;
  max?: number;
  integer?: boolean;
  /** an example value for the message ("12e9" for a budget, "1000" for runs) */
  example?: string;
}

/** A finite number flag in decimal notation ("12e9", "4000000000", "0.1"), within [min, max]. */
export function numberFlag(
  value: string | undefined,
  field: string,
  fallback: number,
  min = -Infinity,
  max = Infinity,
  spec: Omit<NumberSpec, "min" | "max"> = {},
): number {
  if (value === undefined) return fallback;
  const name = flagName(field);
  const expected = expectation(min, max, !!spec.integer, spec.example);
  if (!DECIMAL.test(value))
    throw new LodestoneError("bad-input", { field: name, message: `${JSON.stringify(value)} is not a number in decimal notation`, expected });
  const n = Number(value);
  if (!Number.isFinite(n)) throw new LodestoneError("invalid", { field: name, message: `${value} is not a finite number`, expected });
  if (n < min || n > max) throw new LodestoneError("invalid", { field: name, message: `${value} is out of range`, expected });
  if (spec.integer && !Number.isInteger(n)) throw new LodestoneError("invalid", { field: name, message: `${value} is not a whole number`, expected });
  return n;
}
