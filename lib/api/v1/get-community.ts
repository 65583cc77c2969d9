/**
 * One community for the API: the summary for anyone; description, colleges with their weights and
 * active members per college only when the policy lets the caller read it. Two queries at most.
 */
import type { DbTx } from "@/lib/db/client";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/communities/access";
import { NotFoundError } from "@/lib/policy/can";
import { communityScope, memberScope } from "@/lib/policy/scopes";
import { actorKinds } from "@/lib/users/schemas";
import { summaryOf, type CommunityDetail } from "./schemas";

export async function getCommunityDetail(
  db: DbTx,
  { actor, slug }: { actor: Actor | null; slug: string },
): Promise<CommunityDetail> {
  const community = await db.community.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      summary: true,
      visibility: true,
      joinPolicy: true,
      description: true,
      weightingEnabled: true,
      colleges: { select: { kind: true, weight: true } },
      memberships: actor ? { where: { userId: actor.id }, select: { role: true, status: true, suspendedUntil: true } } : false,
    },
  });
  if (!community) throw new NotFoundError();
  const summary = summaryOf(community);
  if (!communityScope.allows({ user: actor, membership: community.memberships?.[0] ?? null }, community)) return summary;

  const counts = await db.membership.groupBy({
    by: ["college"],
    where: { AND: [memberScope.where(actor), { communityId: community.id }] },
    _count: { _all: true },
  });
  const membersIn = (kind: ActorKind) => counts.find((row) => row.college === kind)?._count._all ?? 0;
  const weightOf = (kind: ActorKind) => community.colleges.find((college) => college.kind === kind)?.weight ?? 0;
  return {
    ...summary,
    description: community.description,
    weightingEnabled: community.weightingEnabled,
    activeMembers: counts.reduce((total, row) => total + row._count._all, 0),
    colleges: actorKinds.map((kind) => ({ kind, weight: weightOf(kind), activeMembers: membersIn(kind) })),
  };
}
