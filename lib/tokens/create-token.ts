/**
 * Creates a personal access token. The secret is returned here, once; only its hash is stored.
 * The input is checked again here (InvalidInputError with field issues): no caller can store a
 * nameless or scopeless token.
 */
import type { DbTx } from "@/lib/db/client";
import { parseInput } from "@/lib/api/validation";
import { createTokenSchema, type CreateTokenInput, type TokenScope } from "./schemas";
import { displayPrefixOf, generateTokenSecret, hashTokenSecret } from "./secret";

export type CreatedToken = {
  token: { id: string; name: string; prefix: string; scopes: TokenScope[]; createdAt: Date };
  /** The only time the secret exists outside the person's hands. */
  secret: string;
};

export async function createApiToken(
  db: DbTx,
  { userId, input }: { userId: string; input: CreateTokenInput },
): Promise<CreatedToken> {
  const { name, scopes } = parseInput(createTokenSchema, input, { root: "_form" });
  const secret = generateTokenSecret();
  const row = await db.apiToken.create({
    data: {
      userId,
      name,
      scopes,
      prefix: displayPrefixOf(secret),
      tokenHash: hashTokenSecret(secret),
    },
    select: { id: true, name: true, prefix: true, createdAt: true },
  });
  return { token: { ...row, scopes }, secret };
}
