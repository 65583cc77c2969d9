/**
 * A page of communities in slug order, in one query: the caller's own membership comes with each row
 * so the policy decides per community what they see (members-only: the summary to non-members).
 */
import type { DbTx } from "@/lib/db/client";
import type { Actor } from "@/lib/communities/access";
import { can } from "@/lib/policy/can";
import { toPage, type Page } from "../pagination";
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
      _count: { select: { memberships: { where: { status: "ACTIVE" } } } },
      memberships: actor ? { where: { userId: actor.id }, select: { role: true, status: true, suspendedUntil: true } } : false,
    },
  });
  const now = new Date();
  return toPage(rows, {
    limit,
    keyOf: (row) => row.slug,
    map: ({ _count, memberships, ...community }) => {
      const summary = summaryOf(community);
      const readable = can({ user: actor, membership: memberships?.[0] ?? null }, "community.read", community, now);
      return readable ? { ...summary, activeMembers: _count.memberships } : summary;
    },
  });
}
