/**
 * A page of a community's members as the policy's member scope gives them (active members of a
 * community the caller reads; lib/policy/scopes.ts), in one query after the access check: 404 when
 * the caller may not read the community (members-only, not a member).
 */
import type { DbTx } from "@/lib/db/client";
import { requireCommunityAccess, type Actor } from "@/lib/communities/access";
import { memberScope } from "@/lib/policy/scopes";
import { toPage, type Page } from "@/lib/core/pagination";
import type { Member } from "./schemas";

export async function listMembersPage(
  db: DbTx,
  { actor, slug, after, limit }: { actor: Actor | null; slug: string; after?: string; limit: number },
): Promise<Page<Member>> {
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "community.read" });
  const rows = await db.membership.findMany({
    where: { AND: [memberScope.where(actor), { communityId: community.id, ...(after ? { id: { gt: after } } : {}) }] },
    orderBy: { id: "asc" },
    take: limit + 1,
    select: {
      id: true,
      role: true,
      college: true,
      user: {
        select: { displayName: true, name: true, organizationVerifiedAt: true, organization: { select: { name: true } } },
      },
    },
  });
  return toPage(rows, {
    limit,
    keyOf: (row) => row.id,
    map: (row) => ({
      displayName: row.user.displayName ?? row.user.name ?? "—",
      // A verified organisation only: a declared one is the person's own claim.
      organization: row.user.organizationVerifiedAt ? (row.user.organization?.name ?? null) : null,
      college: row.college,
      role: row.role,
    }),
  });
}
