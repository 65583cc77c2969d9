/** What a community's page shows about its colleges: each one's weight and active headcount, in two queries. */
import type { DbTx } from "@/lib/db/client";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { actorKinds } from "@/lib/users/schemas";

export type CollegeOverview = { kind: ActorKind; weight: number; members: number };

export async function collegeOverview(db: DbTx, communityId: string): Promise<CollegeOverview[]> {
  const [colleges, counts] = await Promise.all([
    db.college.findMany({ where: { communityId }, select: { kind: true, weight: true } }),
    db.membership.groupBy({ by: ["college"], where: { communityId, status: "ACTIVE" }, _count: { _all: true } }),
  ]);
  return actorKinds.map((kind) => ({
    kind,
    weight: colleges.find((college) => college.kind === kind)?.weight ?? 0,
    members: counts.find((count) => count.college === kind)?._count._all ?? 0,
  }));
}
