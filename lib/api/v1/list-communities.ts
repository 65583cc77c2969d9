/**
 * A page of communities in slug order, in one query: the caller's own membership comes with each row
 * so the policy decides per community what they see (members-only: the summary to non-members).
 */
import type { DbTx } from "@/lib/db/client";
import type { Actor } from "@/lib/communities/access";
import { communityScope, memberScope } from "@/lib/policy/scopes";
import { toPage, type Page } from "@/lib/core/pagination";
import { summaryOf, type CommunityListItem } from "./schemas";

export async function listCommunitiesPage(
  db: DbTx,
  { actor, after, limit }: { actor: Actor | null; after?: string; limit: number },
): Promise<Page<CommunityListItem>> {
  const rows = await db.community.findMany({
    where: after ? { slug: { gt: after } } : {},
    orderBy: { slug: "asc" },
    take: limit + 1,
    select: {
      slug: true,
      name: true,
      summary: true,
      visibility: true,
      joinPolicy: true,
      // The members the caller may see (none of a community they do not read; see below).
      _count: { select: { memberships: { where: memberScope.where(actor) } } },
      memberships: actor ? { where: { userId: actor.id }, select: { role: true, status: true, suspendedUntil: true } } : false,
    },
  });
  const now = new Date();
  return toPage(rows, {
    limit,
    keyOf: (row) => row.slug,
    map: ({ _count, memberships, ...community }) => {
      const summary = summaryOf(community);
      const readable = communityScope.allows({ user: actor, membership: memberships?.[0] ?? null }, community, now);
      return readable ? { ...summary, activeMembers: _count.memberships } : summary;
    },
  });
}
