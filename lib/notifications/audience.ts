/**
 * Who hears about what: members of a community, electors of a vote, followers of a proposal or a
 * commons. Followers are only added where they may read the subject (public communities; in a
 * members-only community, only members); banned or departed members never are.
 */
import type { DbTx } from "@/lib/db/client";
import type { FollowTarget } from "@/lib/generated/prisma/enums";

export async function communityMembers(
  tx: DbTx,
  communityId: string,
  { roles }: { roles?: ("MEMBER" | "MODERATOR" | "ADMIN")[] } = {},
): Promise<string[]> {
  const rows = await tx.membership.findMany({
    where: { communityId, status: { in: ["ACTIVE", "SUSPENDED"] }, ...(roles ? { role: { in: roles } } : {}) },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}

/** Followers of the targets who may read the community's content. */
export async function followersOf(
  tx: DbTx,
  communityId: string,
  targets: { targetKind: FollowTarget; targetId: string }[],
): Promise<string[]> {
  if (targets.length === 0) return [];
  const follows = await tx.follow.findMany({ where: { OR: targets }, select: { userId: true } });
  if (follows.length === 0) return [];
  const community = await tx.community.findUnique({ where: { id: communityId }, select: { visibility: true } });
  if (!community) return [];
  const ids = [...new Set(follows.map((f) => f.userId))];
  const excluded = await tx.membership.findMany({
    where: {
      communityId,
      userId: { in: ids },
      status: community.visibility === "PUBLIC" ? "BANNED" : { notIn: ["ACTIVE", "SUSPENDED"] },
    },
    select: { userId: true },
  });
  const out = new Set(excluded.map((m) => m.userId));
  if (community.visibility === "PUBLIC") return ids.filter((id) => !out.has(id));
  // Members-only community: followers must be current members.
  const members = new Set(
    (
      await tx.membership.findMany({
        where: { communityId, userId: { in: ids }, status: { in: ["ACTIVE", "SUSPENDED"] } },
        select: { userId: true },
      })
    ).map((m) => m.userId),
  );
  return ids.filter((id) => members.has(id));
}

export const proposalPath = (proposalId: string) => `/proposals/${proposalId}`;
