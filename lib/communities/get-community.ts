import type { DbTx } from "@/lib/db/client";
import type { ActorKind, MemberRole } from "@/lib/generated/prisma/enums";

export type CommunityMember = { displayName: string; organization: string | null; role: MemberRole; college: ActorKind };

export async function getCommunityBySlug(db: DbTx, slug: string) {
  return db.community.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, summary: true, description: true, visibility: true, joinPolicy: true },
  });
}

/** Active members, for the directory grouped by college. */
export async function listActiveMembers(db: DbTx, communityId: string): Promise<CommunityMember[]> {
  const rows = await db.membership.findMany({
    where: { communityId, status: "ACTIVE" },
    orderBy: [{ college: "asc" }, { joinedAt: "asc" }],
    select: {
      role: true,
      college: true,
      user: { select: { displayName: true, name: true, organization: { select: { name: true } } } },
    },
  });
  return rows.map((row) => ({
    displayName: row.user.displayName ?? row.user.name ?? "—",
    organization: row.user.organization?.name ?? null,
    role: row.role,
    college: row.college,
  }));
}
