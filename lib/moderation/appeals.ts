/**
 * Appeals: once per sanction (the unique sanctionId decides), only by the sanctioned member, decided
 * by a moderator or administrator other than the sanctioner. When the sanctioner is the community's
 * only moderator or administrator, only a platform administrator decides. Overturning lifts a
 * suspension or ban (membership back to ACTIVE, unless another sanction still in force says otherwise)
 * and the sanction stops counting towards the ladder; the sanction row itself is never rewritten.
 */
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AppealState } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/core/errors";
import type { z } from "zod";
import { withInput } from "@/lib/core/use-case";
import { recordAudit } from "@/lib/audit/record";
import { logAppealDecided } from "@/lib/translog/events";
import { assertCan, NotFoundError } from "@/lib/policy/can";
import { loadCommunityAccess, requireCommunityAccess, type Actor } from "@/lib/communities/access";
import { appealSchema, decideAppealSchema } from "./schemas";
import { notifyAppealDecided, notifyAppealReceived } from "./notify";
import { notifyQueueChanged } from "./live";

/** How long after a sanction its member may appeal. */
export const APPEAL_DEADLINE_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;

export const appealDeadline = (sanctionedAt: Date) => new Date(sanctionedAt.getTime() + APPEAL_DEADLINE_DAYS * DAY);

export const appeal = withInput(
  appealSchema,
  async (
    db: Db,
    { actor, slug, input, now = new Date() }: { actor: Actor; slug: string; input: z.output<typeof appealSchema>; now?: Date },
  ): Promise<{ id: string; state: AppealState }> => {
    // Not requireCommunityAccess: a banned member no longer reads a members-only community, yet may
    // appeal the ban; only the appeal itself is checked.
    const access = await loadCommunityAccess(db, { slug, actor });
    if (!access) throw new NotFoundError();
    assertCan(access.subject, "moderation.appeal", access.community);
    const { community } = access;
    const { sanctionId, text } = input;
    // Someone else's sanction is as unknown as a missing one.
    const target = await db.sanction.findFirst({
      where: { id: sanctionId, communityId: community.id, userId: actor.id },
      select: { id: true, createdAt: true, byId: true },
    });
    if (!target) throw new NotFoundError();
    if (appealDeadline(target.createdAt) <= now) {
      throw new AppError("appeal_deadline", "moderation.errors.appealDeadline", 409, { days: APPEAL_DEADLINE_DAYS });
    }
    try {
      return await db.$transaction(async (tx) => {
        const created = await tx.appeal.create({ data: { sanctionId, text }, select: { id: true, state: true } });
        await notifyQueueChanged(tx, community.id);
        await recordAudit(tx, {
          actorId: actor.id,
          communityId: community.id,
          action: "moderation.appealed",
          details: { sanctionId, appealId: created.id },
        });
        // The moderators who may decide it hear of it now; the sanctioner may not decide it.
        await notifyAppealReceived(tx, { communityId: community.id, sanctionId, sanctionerId: target.byId, memberId: actor.id });
        return created;
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new AppError("already_appealed", "moderation.errors.alreadyAppealed", 409);
      }
      throw error;
    }
  },
);

export const decideAppeal = withInput(
  decideAppealSchema,
  async (
    db: Db,
    {
      actor,
      slug,
      input,
      now = new Date(),
    }: { actor: Actor; slug: string; input: z.output<typeof decideAppealSchema>; now?: Date },
  ): Promise<{ id: string; state: AppealState }> => {
    const { community } = await requireCommunityAccess(db, { slug, actor, action: "moderation.decideAppeal" });
    const { appealId, outcome, decision } = input;
    const found = await db.appeal.findFirst({
      where: { id: appealId, sanction: { communityId: community.id } },
      select: { id: true, state: true, sanction: { select: { id: true, userId: true, byId: true, kind: true } } },
    });
    if (!found) throw new NotFoundError();
    const { sanction } = found;
    if (actor.id === sanction.byId || actor.id === sanction.userId) {
      throw new AppError("sanctioner_cannot_decide", "moderation.errors.sanctionerCannotDecide", 403);
    }
    if (!actor.isPlatformAdmin) {
      const otherModerators = await db.membership.count({
        where: {
          communityId: community.id,
          status: "ACTIVE",
          role: { in: ["MODERATOR", "ADMIN"] },
          userId: { notIn: [sanction.byId, sanction.userId] },
        },
      });
      if (otherModerators === 0) throw new AppError("platform_admin_required", "moderation.errors.platformAdminRequired", 403);
    }
    if (found.state !== "PENDING") throw new AppError("appeal_decided", "moderation.errors.appealDecided", 409);

    return db.$transaction(async (tx) => {
      const changed = await tx.appeal.updateMany({
        where: { id: appealId, state: "PENDING" },
        data: { state: outcome, decidedById: actor.id, decision, decidedAt: now },
      });
      if (changed.count === 0) throw new AppError("appeal_decided", "moderation.errors.appealDecided", 409);
      await notifyQueueChanged(tx, community.id);
      let lifted = false;
      if (outcome === "OVERTURNED" && sanction.kind !== "WARNING") {
        // Another suspension or ban still in force (not overturned) keeps the member where it put them.
        const stillInForce = await tx.sanction.findFirst({
          where: {
            communityId: community.id,
            userId: sanction.userId,
            id: { not: sanction.id },
            OR: [{ kind: "BAN" }, { kind: "SUSPENSION", until: { gt: now } }],
            AND: [{ OR: [{ appeal: null }, { appeal: { state: { not: "OVERTURNED" } } }] }],
          },
          orderBy: { createdAt: "desc" },
          select: { kind: true, until: true },
        });
        const membership = await tx.membership.findUnique({
          where: { communityId_userId: { communityId: community.id, userId: sanction.userId } },
          select: { id: true, status: true },
        });
        if (membership && (membership.status === "SUSPENDED" || membership.status === "BANNED")) {
          const data = !stillInForce
            ? { status: "ACTIVE" as const, suspendedUntil: null }
            : stillInForce.kind === "BAN"
              ? { status: "BANNED" as const, suspendedUntil: null }
              : { status: "SUSPENDED" as const, suspendedUntil: stillInForce.until };
          await tx.membership.update({ where: { id: membership.id }, data });
          lifted = data.status === "ACTIVE";
        }
      }
      await recordAudit(tx, {
        actorId: actor.id,
        communityId: community.id,
        action: "moderation.appealDecided",
        details: { userId: sanction.userId, sanctionId: sanction.id, appealId, outcome, lifted },
      });
      await logAppealDecided(tx, {
        communityId: community.id,
        sanctionId: sanction.id,
        appealId,
        outcome,
        userId: sanction.userId,
      });
      await notifyAppealDecided(tx, {
        communityId: community.id,
        userId: sanction.userId,
        sanctionId: sanction.id,
        outcome,
        decision,
      });
      return { id: appealId, state: outcome };
    });
  },
);

export type PendingAppeal = {
  id: string;
  text: string;
  createdAt: Date;
  sanction: { id: string; kind: "WARNING" | "SUSPENSION" | "BAN"; reason: string; createdAt: Date };
  memberName: string;
};

/**
 * Appeals waiting for a decision in the community, oldest first, beside the reports queue: only
 * those the moderator may decide (never an appeal of their own sanction, nor one about themselves).
 */
export async function listPendingAppeals(
  db: Db,
  { actor, slug, limit = 50 }: { actor: Actor; slug: string; limit?: number },
): Promise<PendingAppeal[]> {
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "moderation.decideAppeal" });
  const rows = await db.appeal.findMany({
    where: {
      state: "PENDING",
      sanction: { communityId: community.id, byId: { not: actor.id }, userId: { not: actor.id } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: {
      id: true,
      text: true,
      createdAt: true,
      sanction: { select: { id: true, kind: true, reason: true, createdAt: true, userId: true } },
    },
  });
  const people = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.sanction.userId))] } },
    select: { id: true, displayName: true, name: true },
  });
  const names = new Map(people.map((p) => [p.id, p.displayName ?? p.name ?? "—"]));
  return rows.map(({ sanction: { userId, ...sanction }, ...appeal }) => ({
    ...appeal,
    sanction,
    memberName: names.get(userId) ?? "—",
  }));
}
