import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { type Actor, LodestoneError, ROLES, readYaml } from "../index.js";
import { readInputFile } from "../io/yaml-doc.js";

/**
 * API tokens for the ledger routes: a tokens file lists each actor with the SHA-256 (hex) of its
 * bearer token, never the token itself. Make a hash with `lodestone serve --hash-token TOKEN` or
 * `printf %s "$TOKEN" | sha256sum` (which keeps the token out of the shell's history).
 *
 *   tokens:
 *     - { actor: { id: alice, role: operator }, sha256: 5e88…42 }
 *     - { actor: { id: acme-user, role: member, member: acme }, sha256: 1c8b…09 }
 */
export type Tokens = ReadonlyMap<string, Actor>;

const EXPECTED = "a YAML file: tokens: [{ actor: { id, role, member? }, sha256: <hex SHA-256 of the token> }]";
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const ENTRY = z
  .object({
    actor: z
      .object({ id: z.string().regex(ID), role: z.enum(ROLES as [Actor["role"], ...Actor["role"][]]), member: z.string().regex(ID).optional() })
      .strict()
      .refine((a) => (a.role === "member") === (a.member !== undefined), {
        message: "a member actor names its member (and only a member actor does)",
        path: ["member"],
      }),
    sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, "not 64 hex digits"),
  })
  .strict();
const FILE = z.object({ tokens: z.array(ENTRY).max(10_000) }).strict();

/** The hex SHA-256 of a token: what a tokens file stores. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A tokens file's text → hash → actor; every bad entry named by its line and field, a hash listed twice refused. */
export function parseTokens(text: string, file: string): Tokens {
  const input = readYaml(text, file, EXPECTED);
  const r = FILE.safeParse(input.js);
  if (!r.success)
    throw new LodestoneError(
      "bad-input",
      r.error.issues.map((i) => ({ ...input.at(i.path as (string | number)[]), field: i.path.join(".") || "tokens", message: i.message, expected: EXPECTED })),
    );
  const out = new Map<string, Actor>();
  r.data.tokens.forEach((t, i) => {
    const hash = t.sha256.toLowerCase();
    if (out.has(hash))
      throw new LodestoneError("bad-input", { ...input.at(["tokens", i, "sha256"]), field: `tokens.${i}.sha256`, message: "the same token is listed twice" });
    out.set(hash, t.actor.role === "member" ? { id: t.actor.id, role: "member", member: t.actor.member } : { id: t.actor.id, role: t.actor.role });
  });
  return out;
}

/** Read a tokens file (`lodestone serve --tokens FILE`). */
export function readTokens(path: string): Tokens {
  return parseTokens(readInputFile(path, "tokens file", EXPECTED), path);
}

/** `Authorization: Bearer <token>` → its actor; undefined when the header is missing, malformed or the token unknown. */
export function bearerActor(tokens: Tokens | undefined, header: string | undefined): Actor | undefined {
  const m = header ? /^Bearer[ \t]+(\S{1,1000})[ \t]*$/i.exec(header) : null;
  if (!m || !tokens) return undefined;
  return tokens.get(hashToken(m[1]));
}

/**
 * A one-run operator token (npm start's local ledger): a random bearer token, and the tokens set that
 * holds only its hash. The token itself is printed once to whoever started the server and kept nowhere.
 */
export function oneRunOperator(id = "local-operator"): { token: string; tokens: Tokens } {
  const token = randomBytes(24).toString("base64url");
  return { token, tokens: new Map([[hashToken(token), { id, role: "operator" }]]) };
}
