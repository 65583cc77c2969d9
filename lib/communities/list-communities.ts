import type { DbTx } from "@/lib/db/client";

export type CommunityCard = {
  slug: string;
  name: string;
  summary: string;
  visibility: "PUBLIC" | "MEMBERS";
  joinPolicy: "OPEN" | "ON_REQUEST" | "INVITATION";
  activeMembers: number;
};

/** Communities for the home page: one query, with active member counts. */
export async function listCommunities(db: DbTx, { take = 50 }: { take?: number } = {}): Promise<CommunityCard[]> {
  const rows = await db.community.findMany({
    orderBy: { createdAt: "asc" },
    take,
    select: {
      slug: true,
      name: true,
      summary: true,
      visibility: true,
      joinPolicy: true,
      _count: { select: { memberships: { where: { status: "ACTIVE" } } } },
    },
  });
  return rows.map(({ _count, ...community }) => ({ ...community, activeMembers: _count.memberships }));
}
