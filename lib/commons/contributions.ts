/**
 * The contribution ledger of a commons (Ostrom 2 and 4): acting members record what they did; another
 * member or a steward validates or rejects it, never its author (lib/policy canReviewContribution).
 * Statistics count validated contributions only (lib/commons/dashboard.ts). Every change is written
 * with its audit entry in one transaction.
 */
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ContributionState } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/core/errors";
import { recordAudit } from "@/lib/audit/record";
import { notify } from "@/lib/notifications/notify";
import { NotFoundError, UnauthenticatedError, assertCan, canReviewContribution } from "@/lib/policy/can";
import type { Actor } from "@/lib/communities/access";
import { validateCoverage } from "./geometry";
import { invalidField } from "@/lib/core/validation";
import { withInput } from "@/lib/core/use-case";
import {
  recordContributionInputSchema,
  reviewContributionSchema,
  type RecordContribution,
  type ReviewContributionValues,
} from "./ledger-schemas";
import { ledgerAccess } from "./ledger";
import { contributionScope } from "@/lib/policy/scopes";
import { commonsStats, type ContributionStats } from "./dashboard";

export type { ContributionStats } from "./dashboard";

/** Refused to the author of the contribution: a clear message rather than the generic 403. */
export class OwnContributionError extends AppError {
  constructor() {
    super("own_contribution", "ledger.errors.ownContribution", 403);
  }
}

const pointSchema = z.object({
  type: z.literal("Point"),
  coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
});

/** The place as stored: a GeoJSON Point from longitude/latitude or `place`, or a validated polygon. */
function placeOf(fields: { longitude?: number | null; latitude?: number | null; place?: unknown }) {
  if (fields.longitude != null && fields.latitude != null) {
    return { type: "Point", coordinates: [fields.longitude, fields.latitude] } as Prisma.InputJsonValue;
  }
  const place = fields.place;
  if (place === undefined || place === null) return Prisma.DbNull;
  if (typeof place === "object" && (place as { type?: unknown }).type === "Point") {
    const point = pointSchema.safeParse(place);
    if (!point.success) throw invalidField("place", "commons.errors.geometry.outOfRange");
    return point.data as Prisma.InputJsonValue;
  }
  const result = validateCoverage(place);
  if (!result.ok) throw invalidField("place", result.error);
  return result.geometry as unknown as Prisma.InputJsonValue;
}

type CommonsTarget = { slug: string; commonsSlug: string } | { commonsId: string };

export const recordContribution = withInput(
  recordContributionInputSchema,
  async (
    db: Db,
    { actor, input, ...target }: { actor: Actor; input: RecordContribution } & CommonsTarget,
  ): Promise<{ id: string; state: ContributionState }> => {
    const ref =
      "commonsId" in target ? { commonsId: target.commonsId } : { communitySlug: target.slug, commonsSlug: target.commonsSlug };
    const { commons, access } = await ledgerAccess(db, actor, ref);
    assertCan(access.subject, "contribution.record", access.community);
    if (commons.status === "ARCHIVED" || commons.status === "REJECTED") {
      throw new AppError("commons_closed", "commons.errors.closed", 409);
    }
    const { place, longitude, latitude, ...fields } = input;
    const placeJson = placeOf({ place, longitude, latitude });
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
        communityId: commons.community.id,
        action: "contribution.recorded",
        details: { commonsId: commons.id, commonsSlug: commons.slug, contributionId: created.id, type: fields.type },
      });
      return created;
    });
  },
);

/**
 * Validating or rejecting a pending contribution, with an optional comment. `slug` (the community)
 * may be omitted when only the contribution's id is known (API).
 */
export const validateContribution = withInput(
  reviewContributionSchema,
  async (
    db: Db,
    {
      actor,
      slug,
      contributionId,
      input,
    }: { actor: Actor | null; slug?: string; contributionId: string; input: ReviewContributionValues },
  ): Promise<{ id: string; state: ContributionState }> => {
    if (!actor) throw new UnauthenticatedError();
    const contribution = await db.contribution.findUnique({
      where: { id: contributionId },
      select: {
        id: true,
        authorId: true,
        state: true,
        commonsId: true,
        hiddenAt: true,
        commons: { select: { community: { select: { slug: true } } } },
      },
    });
    if (!contribution || (slug !== undefined && contribution.commons.community.slug !== slug)) throw new NotFoundError();
    const { commons, access, facts } = await ledgerAccess(db, actor, { commonsId: contribution.commonsId });
    // A hidden contribution the reviewer may not read is unknown to them (the policy's contribution scope).
    const readable = contributionScope.allows(access.subject, {
      commons: facts,
      authorId: contribution.authorId,
      hidden: contribution.hiddenAt !== null,
    });
    if (!readable) throw new NotFoundError();
    if (!canReviewContribution(access.subject, access.community, contribution)) {
      if (contribution.authorId === actor.id) throw new OwnContributionError();
      assertCan(access.subject, "contribution.validate", access.community);
    }
    const { decision, comment } = input;
    if (contribution.hiddenAt) throw new AppError("contribution_hidden", "ledger.errors.hidden", 409);
    return db.$transaction(async (tx) => {
      const { count } = await tx.contribution.updateMany({
        where: { id: contribution.id, state: "PENDING", hiddenAt: null },
        data: { state: decision, validatorId: actor.id, validationComment: comment || null, validatedAt: new Date() },
      });
      if (count === 0) throw new AppError("contribution_decided", "commons.errors.contributionDecided", 409);
      await recordAudit(tx, {
        actorId: actor.id,
        communityId: commons.community.id,
        action: decision === "VALIDATED" ? "contribution.validated" : "contribution.rejected",
        details: {
          commonsId: commons.id,
          commonsSlug: commons.slug,
          contributionId: contribution.id,
          userId: contribution.authorId,
        },
      });
      // The author learns the outcome (their preference decides the channel; a rollback notifies nobody).
      await notify(tx, {
        userIds: [contribution.authorId],
        kind: "contribution.reviewed",
        communityId: commons.community.id,
        data: {
          title: commons.title,
          path: `/communities/${commons.community.slug}/commons/${commons.slug}/ledger`,
          communityName: commons.community.name,
          communitySlug: commons.community.slug,
          commonsSlug: commons.slug,
          contributionId: contribution.id,
          state: decision,
          accepted: decision === "VALIDATED",
          reason: comment || null,
          comment: comment || null,
        },
      });
      return { id: contribution.id, state: decision };
    });
  },
);

/** Counts of VALIDATED contributions of one commons (see lib/commons/dashboard.ts). */
export function contributionStats(db: Db, commonsId: string): Promise<ContributionStats> {
  return commonsStats(db, commonsId);
}
