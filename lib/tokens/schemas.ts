/**
 * Personal access tokens: one schema for the profile form (zodResolver) and the server action that
 * receives it. Messages are catalogue keys, translated where they are shown.
 */
import { z } from "zod";

export const tokenScopes = ["read", "write"] as const;
export type TokenScope = (typeof tokenScopes)[number];

export const TOKEN_NAME_MAX = 80;

export const createTokenSchema = z.object({
  name: z
    .string({ error: "errors.required" })
    .trim()
    .min(1, { error: "api.tokens.errors.nameRequired" })
    .max(TOKEN_NAME_MAX, { error: "api.tokens.errors.nameTooLong" }),
  scopes: z
    .array(z.enum(tokenScopes, { error: "api.tokens.errors.scopeInvalid" }), { error: "api.tokens.errors.scopesRequired" })
    .min(1, { error: "api.tokens.errors.scopesRequired" })
    // Stored in a fixed order, each once, whatever order the boxes were ticked in.
    .transform((scopes) => tokenScopes.filter((scope) => scopes.includes(scope))),
});
/** What the form holds, before parsing. */
export type CreateTokenInput = z.input<typeof createTokenSchema>;
export type CreateToken = z.output<typeof createTokenSchema>;

export const revokeTokenSchema = z.object({ tokenId: z.string().min(1).max(100) });

export function isTokenScope(value: string): value is TokenScope {
  return (tokenScopes as readonly string[]).includes(value);
}
