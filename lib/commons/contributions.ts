/**
 * The contribution ledger of a commons (Ostrom 2 and 4): acting members record what they did; another
 * member or a steward validates or rejects it, never its author. Statistics count validated
 * contributions only.
 */
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ActorKind, ContributionState, ContributionType } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/forms";
import { recordAudit } from "@/lib/audit/record";
import { ForbiddenError, NotFoundError } from "@/lib/policy/can";
import { requireCommunityAccess, type Actor } from "@/lib/communities/access";
import { validateCoverage } from "./geometry";
import { CommonsInputError, recordContributionSchema, validateContributionSchema } from "./schemas";

async function commonsIn(db: Db, communityId: string, commonsSlug: string) {
  const commons = await db.commons.findUnique({
    where: { communityId_slug: { communityId, slug: commonsSlug } },
    select: { id: true, slug: true, status: true },
  });
  if (!commons) throw new NotFoundError();
  return commons;
}

export async function recordContribution(
  db: Db,
  { actor, slug, commonsSlug, input }: { actor: Actor; slug: string; commonsSlug: string; input: unknown },
): Promise<{ id: string; state: ContributionState }> {
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "contribution.record" });
  const commons = await commonsIn(db, community.id, commonsSlug);
  if (commons.status === "ARCHIVED" || commons.status === "REJECTED") {
    throw new AppError("commons_closed", "commons.errors.closed", 409);
  }
  const parsed = recordContributionSchema.safeParse(input);
  if (!parsed.success) throw new CommonsInputError(fieldErrorsOf(parsed.error));
  const { place, ...fields } = parsed.data;
  let placeJson: Prisma.InputJsonValue | typeof Prisma.DbNull = Prisma.DbNull;
  if (place !== undefined && place !== null) {
    const result = validateCoverage(place);
    if (!result.ok) throw new CommonsInputError({ place: result.error });
    placeJson = result.geometry as unknown as Prisma.InputJsonValue;
  }
  return db.$transaction(async (tx) => {
    const created = await tx.contribution.create({
      data: {
        commonsId: commons.id,
        authorId: actor.id,
        type: fields.type,
        description: fields.description,
        date: fields.date,
        hours: fields.hours ?? null,
        quantity: fields.quantity ?? null,
        unit: fields.unit ?? null,
        link: fields.link ?? null,
        place: placeJson,
      },
      select: { id: true, state: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "contribution.recorded",
      details: { commonsId: commons.id, contributionId: created.id, type: fields.type },
    });
    return created;
  });
}

export async function validateContribution(
  db: Db,
  { actor, slug, contributionId, input }: { actor: Actor; slug: string; contributionId: string; input: unknown },
): Promise<{ id: string; state: ContributionState }> {
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "contribution.validate" });
  const contribution = await db.contribution.findFirst({
    where: { id: contributionId, commons: { communityId: community.id } },
    select: { id: true, authorId: true, state: true, commonsId: true },
  });
  if (!contribution) throw new NotFoundError();
  if (contribution.authorId === actor.id) throw new ForbiddenError("contribution.validate");
  const parsed = validateContributionSchema.safeParse(input);
  if (!parsed.success) throw new CommonsInputError(fieldErrorsOf(parsed.error));
  const { decision, comment } = parsed.data;
  return db.$transaction(async (tx) => {
    const { count } = await tx.contribution.updateMany({
      where: { id: contribution.id, state: "PENDING" },
      data: { state: decision, validatorId: actor.id, validationComment: comment || null, validatedAt: new Date() },
    });
    if (count === 0) throw new AppError("contribution_decided", "commons.errors.contributionDecided", 409);
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: decision === "VALIDATED" ? "contribution.validated" : "contribution.rejected",
      details: { commonsId: contribution.commonsId, contributionId: contribution.id, userId: contribution.authorId },
    });
    return { id: contribution.id, state: decision };
  });
}

export type ContributionStats = {
  total: number;
  byType: { type: ContributionType; count: number; hours: number }[];
  /** The author's college in the commons' community; null when they are no longer a member. */
  byCollege: { college: ActorKind | null; count: number; hours: number }[];
  /** null: people acting alone. */
  byOrganization: { organizationId: string | null; name: string | null; count: number; hours: number }[];
  /** Month as "YYYY-MM" (UTC), oldest first. */
  byMonth: { month: string; count: number; hours: number }[];
};

/**
 * Counts of VALIDATED contributions, four aggregate queries whatever the ledger's size.
 * TODO(opt-out): people should be able to ask not to be listed by name (a `listedByName` preference
 * on User, pending a decision on the profile model); for now everyone is counted, by organisation too.
 */
export async function contributionStats(db: Db, commonsId: string): Promise<ContributionStats> {
  type Row = { key: string | null; count: bigint; hours: number | null };
  const [byType, byCollege, byOrganization, byMonth] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT c."type"::text AS key, count(*) AS count, sum(c."hours") AS hours
      FROM "Contribution" c WHERE c."commonsId" = ${commonsId} AND c."state" = 'VALIDATED'
      GROUP BY c."type" ORDER BY count(*) DESC, c."type"`,
    db.$queryRaw<Row[]>`
      SELECT m."college"::text AS key, count(*) AS count, sum(c."hours") AS hours
      FROM "Contribution" c
      JOIN "Commons" k ON k."id" = c."commonsId"
      LEFT JOIN "Membership" m ON m."communityId" = k."communityId" AND m."userId" = c."authorId"
      WHERE c."commonsId" = ${commonsId} AND c."state" = 'VALIDATED'
      GROUP BY m."college" ORDER BY count(*) DESC, m."college"`,
    db.$queryRaw<(Row & { name: string | null })[]>`
      SELECT o."id" AS key, o."name" AS name, count(*) AS count, sum(c."hours") AS hours
      FROM "Contribution" c
      JOIN "User" u ON u."id" = c."authorId"
      LEFT JOIN "Organization" o ON o."id" = u."organizationId"
      WHERE c."commonsId" = ${commonsId} AND c."state" = 'VALIDATED'
      GROUP BY o."id", o."name" ORDER BY count(*) DESC, o."name"`,
    db.$queryRaw<Row[]>`
      SELECT to_char(date_trunc('month', c."date"), 'YYYY-MM') AS key, count(*) AS count, sum(c."hours") AS hours
      FROM "Contribution" c WHERE c."commonsId" = ${commonsId} AND c."state" = 'VALIDATED'
      GROUP BY 1 ORDER BY 1`,
  ]);
  const n = (r: Row) => ({ count: Number(r.count), hours: Number(r.hours ?? 0) });
  return {
    total: byType.reduce((sum, r) => sum + Number(r.count), 0),
    byType: byType.map((r) => ({ type: r.key as ContributionType, ...n(r) })),
    byCollege: byCollege.map((r) => ({ college: r.key as ActorKind | null, ...n(r) })),
    byOrganization: byOrganization.map((r) => ({ organizationId: r.key, name: r.name, ...n(r) })),
    byMonth: byMonth.map((r) => ({ month: r.key ?? "", ...n(r) })),
  };
}
