/**
 * What a community's page shows about its colleges: each one's weight and headcount of the members
 * the viewer may see (the policy's member scope: active members), in two queries.
 */
import type { DbTx } from "@/lib/db/client";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { actorKinds } from "@/lib/users/schemas";
import { memberScope, type Viewer } from "@/lib/policy/scopes";

export type CollegeOverview = { kind: ActorKind; weight: number; members: number };

export async function collegeOverview(db: DbTx, communityId: string, viewer: Viewer): Promise<CollegeOverview[]> {
  const [colleges, counts] = await Promise.all([
    db.college.findMany({ where: { communityId }, select: { kind: true, weight: true } }),
    db.membership.groupBy({
      by: ["college"],
      where: { AND: [memberScope.where(viewer), { communityId }] },
      _count: { _all: true },
    }),
  ]);
  return actorKinds.map((kind) => ({
    kind,
    weight: colleges.find((college) => college.kind === kind)?.weight ?? 0,
    members: counts.find((count) => count.college === kind)?._count._all ?? 0,
  }));
}
