/**
 * Revokes one of the person's own tokens. Someone else's token, an unknown id and an already revoked
 * token all answer 404: nobody learns that another person's token exists.
 */
import type { DbTx } from "@/lib/db/client";
import { NotFoundError } from "@/lib/policy/can";

export async function revokeApiToken(db: DbTx, { userId, tokenId }: { userId: string; tokenId: string }): Promise<void> {
  const revoked = await db.apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (revoked.count === 0) throw new NotFoundError();
}
