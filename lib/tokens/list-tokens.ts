/** A person's active tokens, newest first, for the profile page. Never the secret, never the hash. */
import type { DbTx } from "@/lib/db/client";
import { isTokenScope, type TokenScope } from "./schemas";

export type TokenListItem = {
  id: string;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
};

export async function listApiTokens(db: DbTx, userId: string): Promise<TokenListItem[]> {
  const rows = await db.apiToken.findMany({
    where: { userId, revokedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true },
  });
  return rows.map((row) => ({ ...row, scopes: row.scopes.filter(isTokenScope) }));
}
