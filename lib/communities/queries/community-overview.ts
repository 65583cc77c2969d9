/**
 * What a community's page shows about its colleges: each one's weight and headcount of the members
 * the viewer may see (the policy's member scope: active members), in two queries. The headcounts come
 * from MembershipHeadcount, kept exact by triggers on Membership (migration
 * 20261203153420_national_scale_indexes): four rows read, whether the community has 200 members or
 * 50 000 (issue 15). The member scope applies to those rows as to memberships: same columns.
 */
import type { DbTx } from "@/lib/db/client";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { actorKinds } from "@/lib/users/schemas";
import { memberScope, type Viewer } from "@/lib/policy/scopes";

export type CollegeOverview = { kind: ActorKind; weight: number; members: number };

export async function collegeOverview(db: DbTx, communityId: string, viewer: Viewer): Promise<CollegeOverview[]> {
  const [colleges, counts] = await Promise.all([
    db.college.findMany({ where: { communityId }, select: { kind: true, weight: true } }),
    db.$queryRaw<{ college: ActorKind; members: number }[]>`
      SELECT h."college"::text AS "college", h."members" FROM "MembershipHeadcount" h
      WHERE h."communityId" = ${communityId} AND ${memberScope.sql(viewer, "h")}`,
  ]);
  return actorKinds.map((kind) => ({
    kind,
    weight: colleges.find((college) => college.kind === kind)?.weight ?? 0,
    members: counts.filter((count) => count.college === kind).reduce((sum, count) => sum + count.members, 0),
  }));
}
