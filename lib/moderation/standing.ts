/**
 * A person's own standing in a community, for the pages where they would act: suspended (until when,
 * why, which sanction) or banned, so that they are told why they cannot vote, comment or contribute
 * instead of a generic refusal. One's own membership and sanctions only; nobody else's.
 */
import type { DbTx } from "@/lib/db/client";

export type OwnStanding =
  | { state: "suspended"; until: Date; reason: string | null; sanctionId: string | null }
  | { state: "banned"; reason: string | null; sanctionId: string | null };

export async function ownStanding(
  db: DbTx,
  { communityId, userId, now = new Date() }: { communityId: string; userId: string; now?: Date },
): Promise<OwnStanding | null> {
  const membership = await db.membership.findUnique({
    where: { communityId_userId: { communityId, userId } },
    select: { status: true, suspendedUntil: true },
  });
  if (!membership) return null;
  const suspended = membership.status === "SUSPENDED" && membership.suspendedUntil && membership.suspendedUntil > now;
  if (!suspended && membership.status !== "BANNED") return null;
  // The sanction that put them there: the latest suspension or ban not overturned on appeal.
  const sanction = await db.sanction.findFirst({
    where: {
      communityId,
      userId,
      kind: suspended ? "SUSPENSION" : "BAN",
      OR: [{ appeal: null }, { appeal: { state: { not: "OVERTURNED" } } }],
    },
    orderBy: { createdAt: "desc" },
    select: { id: true, reason: true },
  });
  const facts = { reason: sanction?.reason ?? null, sanctionId: sanction?.id ?? null };
  return suspended ? { state: "suspended", until: membership.suspendedUntil!, ...facts } : { state: "banned", ...facts };
}
