/**
 * College weights (SCIC rule: each used college between the bounds, all adding up to 100), or
 * weighting turned off (one member, one vote). Only administrators; audited with before and after.
 */
import type { Db, DbTx } from "@/lib/db/client";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { ValidationError } from "@/lib/core/validation";
import { recordAudit } from "@/lib/audit/record";
import { actorKinds } from "@/lib/users/schemas";
import { requireCommunityAccess, type Actor } from "./access";
import { checkWeights } from "./schemas";

export async function configureColleges(
  db: Db,
  {
    actor,
    slug,
    weightingEnabled,
    weights,
  }: { actor: Actor; slug: string; weightingEnabled: boolean; weights: Record<ActorKind, number> },
): Promise<void> {
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "college.configure" });
  const bounds = { min: community.collegeMinWeight, max: community.collegeMaxWeight };
  const errors = checkWeights(weights, bounds);
  if (Object.keys(errors).length > 0) {
    // Every field at fault, with the bounds and the total the messages quote.
    const values = { ...bounds, total: Object.values(weights).reduce((a, b) => a + b, 0) };
    throw new ValidationError(
      Object.entries(errors).map(([field, messageKey]) => ({ field, messageKey, values })),
      { values },
    );
  }
  await db.$transaction(async (tx) => {
    const before = await collegeWeights(tx, community.id);
    await tx.community.update({ where: { id: community.id }, data: { weightingEnabled } });
    for (const kind of actorKinds) {
      await tx.college.upsert({
        where: { communityId_kind: { communityId: community.id, kind } },
        create: { communityId: community.id, kind, weight: weights[kind] },
        update: { weight: weights[kind] },
      });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "colleges.configured",
      details: { weightingEnabled, before: { weightingEnabled: community.weightingEnabled, weights: before }, after: weights },
    });
  });
}

export async function collegeWeights(db: DbTx, communityId: string): Promise<Record<ActorKind, number>> {
  const rows = await db.college.findMany({ where: { communityId }, select: { kind: true, weight: true } });
  const weights = Object.fromEntries(actorKinds.map((kind) => [kind, 0])) as Record<ActorKind, number>;
  for (const row of rows) weights[row.kind] = row.weight;
  return weights;
}
