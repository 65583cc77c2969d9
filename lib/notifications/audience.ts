/**
 * Who hears about what: members of a community, electors of a vote, followers of a proposal or a
 * commons. Followers are only added where they may read the subject (public communities; in a
 * members-only community, only members); banned or departed members never are.
 */
import type { DbTx } from "@/lib/db/client";
import type { FollowTarget } from "@/lib/generated/prisma/enums";
import { communityScope } from "@/lib/policy/scopes";

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

/**
 * Those of `userIds` who may read the community's content now ("community.read", through its scope):
 * a notification announcing that content is delivered to them only. A former member of a
 * members-only community, or one banned from it, hears nothing more of it.
 */
export async function readersAmong(
  tx: DbTx,
  communityId: string,
  userIds: readonly string[],
  now = new Date(),
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const community = await tx.community.findUnique({ where: { id: communityId }, select: { visibility: true, joinPolicy: true } });
  if (!community) return new Set();
  const people = await tx.user.findMany({
    where: { id: { in: [...userIds] } },
    select: {
      id: true,
      onboardedAt: true,
      isPlatformAdmin: true,
      platformSuspendedUntil: true,
      memberships: { where: { communityId }, select: { role: true, status: true, suspendedUntil: true } },
    },
  });
  return new Set(
    people
      .filter((person) =>
        communityScope.allows(
          {
            user: {
              id: person.id,
              onboarded: person.onboardedAt !== null,
              isPlatformAdmin: person.isPlatformAdmin,
              suspendedUntil: person.platformSuspendedUntil,
            },
            membership: person.memberships[0] ?? null,
          },
          community,
          now,
        ),
      )
      .map((person) => person.id),
  );
}

export const proposalPath = (proposalId: string) => `/proposals/${proposalId}`;
