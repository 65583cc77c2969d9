/**
 * Erasing an account (lib/admin/accounts.ts) erases the person's name from other people's
 * notifications too: the stored rows are what the notifications page, the API and the daily digest
 * render, so a name left there would outlive the erasure. Rows name a person with `personId` beside
 * the name (kinds.ts); rows written before `personId` existed are matched by the name itself, among
 * the notifications about the communities the person belonged to.
 */
import type { DbTx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/** The row without the names it held, marked so that it reads "a person whose account was erased". */
const SCRUBBED = Prisma.sql`("data" - 'authorName' - 'requesterName' - 'inviterName') || '{"personErased": true}'::jsonb`;

export async function eraseNameFromNotifications(
  tx: DbTx,
  { userId, names }: { userId: string; names: readonly string[] },
): Promise<number> {
  const byId = await tx.$executeRaw`
    UPDATE "Notification" SET "data" = ${SCRUBBED} WHERE "data"->>'personId' = ${userId}`;
  const known = [...new Set(names.filter((name) => name.trim() !== ""))];
  if (known.length === 0) return byId;
  const byName = await tx.$executeRaw`
    UPDATE "Notification" SET "data" = ${SCRUBBED}
    WHERE "data"->'personId' IS NULL
      AND ("data"->>'authorName' = ANY(${known}::text[]) OR "data"->>'requesterName' = ANY(${known}::text[])
        OR "data"->>'inviterName' = ANY(${known}::text[]))
      AND "communityId" IN (SELECT "communityId" FROM "Membership" WHERE "userId" = ${userId})`;
  return byId + byName;
}
