/**
 * College weights (SCIC rule: each used college between the bounds, all adding up to 100), or
 * weighting turned off (one member, one vote). Audited with before and after.
 *
 * Weights and weighting are charter parameters (lib/charter/parameters.ts): administrators set them
 * only until the charter is founded (foundCharter writes them into version 1); afterwards they change
 * only through an adopted amendment, which applyCharterColleges writes to the colleges in the
 * transaction that stores the decision and the new charter version.
 */
import type { Db, DbTx } from "@/lib/db/client";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/core/errors";
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
    // The community row is locked against a founding racing this change (foundCharter locks it too),
    // so the charter's version 1 holds exactly the weights in force.
    await lockCommunity(tx, community.id);
    if (await charterFounded(tx, community.id)) throw new CollegesSetByCharterError();
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

export class CollegesSetByCharterError extends AppError {
  constructor() {
    super("colleges_set_by_charter", "communities.errors.collegesSetByCharter", 409);
  }
}

export async function lockCommunity(tx: DbTx, communityId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Community" WHERE "id" = ${communityId} FOR UPDATE`;
}

/** Whether the community's charter has a version (its colleges are then the charter's). */
export async function charterFounded(db: DbTx, communityId: string): Promise<boolean> {
  const charter = await db.charter.findUnique({ where: { communityId }, select: { currentVersion: true } });
  return (charter?.currentVersion ?? 0) > 0;
}

/** Weighting and weights as they stand, for the charter's version 1. */
export async function collegeSettings(
  tx: DbTx,
  communityId: string,
): Promise<{ weightingEnabled: boolean; collegeWeights: Record<ActorKind, number> }> {
  const community = await tx.community.findUniqueOrThrow({ where: { id: communityId }, select: { weightingEnabled: true } });
  return { weightingEnabled: community.weightingEnabled, collegeWeights: await collegeWeights(tx, communityId) };
}

/** Catalogue keys of what is wrong with weights an amendment proposes (the community's bounds, total 100). */
export async function charterWeightIssues(
  db: DbTx,
  communityId: string,
  weights: Record<ActorKind, number>,
): Promise<{ messageKey: string; values: { min: number; max: number } } | null> {
  const community = await db.community.findUniqueOrThrow({
    where: { id: communityId },
    select: { collegeMinWeight: true, collegeMaxWeight: true },
  });
  const bounds = { min: community.collegeMinWeight, max: community.collegeMaxWeight };
  const errors = Object.keys(checkWeights(weights, bounds));
  if (errors.length === 0) return null;
  return {
    messageKey: errors.includes("weights") ? "charter.errors.weightTotal" : "charter.errors.weightBounds",
    values: bounds,
  };
}

/**
 * An adopted amendment's weighting and weights, written to the colleges inside the closing
 * transaction (the caller checked them with charterWeightIssues before applying the amendment).
 */
export async function applyCharterColleges(
  tx: DbTx,
  {
    communityId,
    proposalId,
    weightingEnabled,
    weights,
  }: { communityId: string; proposalId: string; weightingEnabled?: boolean; weights?: Record<ActorKind, number> },
): Promise<void> {
  await lockCommunity(tx, communityId);
  const before = await collegeSettings(tx, communityId);
  if (weightingEnabled !== undefined) await tx.community.update({ where: { id: communityId }, data: { weightingEnabled } });
  if (weights) {
    for (const kind of actorKinds) {
      await tx.college.upsert({
        where: { communityId_kind: { communityId, kind } },
        create: { communityId, kind, weight: weights[kind] },
        update: { weight: weights[kind] },
      });
    }
  }
  await recordAudit(tx, {
    actorId: null,
    communityId,
    action: "colleges.configured",
    details: {
      source: "charterAmendment",
      proposalId,
      weightingEnabled: weightingEnabled ?? before.weightingEnabled,
      before: { weightingEnabled: before.weightingEnabled, weights: before.collegeWeights },
      after: weights ?? before.collegeWeights,
    },
  });
}
