import type { DbTx } from "@/lib/db/client";
import { communityScope, memberScope } from "@/lib/policy/scopes";
import type { Actor } from "./access";

export type CommunityCard = {
  slug: string;
  name: string;
  summary: string;
  visibility: "PUBLIC" | "MEMBERS";
  joinPolicy: "OPEN" | "ON_REQUEST" | "INVITATION";
  /** null when the viewer may not read the community: its members are not part of its summary. */
  activeMembers: number | null;
};

/**
 * Communities for the home page, every one with its summary ("community.readSummary"); the member
 * count only where the viewer reads the community (the policy's community and member scopes, as the
 * API's list does). One query.
 */
export async function listCommunities(
  db: DbTx,
  { viewer = null, take = 50 }: { viewer?: Actor | null; take?: number } = {},
): Promise<CommunityCard[]> {
  const rows = await db.community.findMany({
    orderBy: { createdAt: "asc" },
    take,
    select: {
      slug: true,
      name: true,
      summary: true,
      visibility: true,
      joinPolicy: true,
      _count: { select: { memberships: { where: memberScope.where(viewer) } } },
      memberships: viewer ? { where: { userId: viewer.id }, select: { role: true, status: true, suspendedUntil: true } } : false,
    },
  });
  const now = new Date();
  return rows.map(({ _count, memberships, ...community }) => {
    const readable = communityScope.allows({ user: viewer, membership: memberships?.[0] ?? null }, community, now);
    return { ...community, activeMembers: readable ? _count.memberships : null };
  });
}
