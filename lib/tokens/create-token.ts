/**
 * Creates a personal access token. The secret is returned here, once; only its hash is stored.
 * The input arrives parsed with createTokenSchema at the boundary (server action or API route).
 */
import type { DbTx } from "@/lib/db/client";
import { withInput } from "@/lib/core/use-case";
import { createTokenSchema, type CreateToken, type TokenScope } from "./schemas";
import { displayPrefixOf, generateTokenSecret, hashTokenSecret } from "./secret";

export type CreatedToken = {
  token: { id: string; name: string; prefix: string; scopes: TokenScope[]; createdAt: Date };
  /** The only time the secret exists outside the person's hands. */
  secret: string;
};

export const createApiToken = withInput(
  createTokenSchema,
  async (db: DbTx, { userId, input }: { userId: string; input: CreateToken }): Promise<CreatedToken> => {
    const { name, scopes } = input;
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
  },
);
