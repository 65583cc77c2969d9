/**
 * Hiding and restoring content: proposals, comments, commons and contributions. The text stays
 * stored (for the author, moderators and appeals); members see a placeholder. Hiding answers the
 * open reports on the item (ACTIONED), restoring closes them (DISMISSED); each reporter is told the
 * outcome without anyone being named. Policy, change, audit and notifications in one transaction.
 */
import type { Db, DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/core/errors";
import type { z } from "zod";
import { withInput } from "@/lib/core/use-case";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, NotFoundError } from "@/lib/policy/can";
import { loadCommunityAccess, requireCommunityAccess, type Actor } from "@/lib/communities/access";
import { contestHidingSchema, hideSchema, type HideableKind } from "./schemas";
import { notifyHidingContested, tellReporters, type ReporterNotices } from "./notify";
import { moderationTargets } from "./targets/registry";
import { notifyQueueChanged } from "./live";

export { hideableKinds, hideSchema, moderationNoteSchema, type HideableKind, type HideInput } from "./schemas";

/**
 * Inside a transaction the caller holds (bulk actions share one). Returns the author of the item;
 * throws 404 when the item is not in the community, 409 when it is already in the asked state (an
 * automatic hiding is not: the moderator takes it over, see targets/target.ts).
 */
export async function hideInTx(
  tx: DbTx,
  {
    communityId,
    actorId,
    targetKind,
    targetId,
    reason,
    hide,
    now,
    deferred,
  }: {
    communityId: string;
    actorId: string;
    targetKind: HideableKind;
    targetId: string;
    reason: string;
    hide: boolean;
    now: Date;
    /** Bulk actions tell reporters once at the end. */
    deferred?: ReporterNotices;
  },
): Promise<{ authorId: string | null }> {
  const adapter = moderationTargets[targetKind];
  const target = await adapter.load(tx, { communityId, id: targetId });
  if (!target) throw new NotFoundError();
  // A moderator's hiding is stored as theirs, so dismissing later reports never undoes it; restoring
  // lifts any hiding, automatic or not.
  const changed = hide
    ? await adapter.hiding.hide(tx, { id: targetId, at: now, hider: { by: "MODERATOR", moderatorId: actorId, reason } })
    : await adapter.hiding.unhide(tx, { id: targetId });
  if (!changed) {
    throw hide
      ? new AppError("already_hidden", "moderation.errors.alreadyHidden", 409)
      : new AppError("not_hidden", "moderation.errors.notHidden", 409);
  }
  const open = await tx.report.findMany({
    where: { communityId, targetKind, targetId, state: "OPEN" },
    select: { id: true, reporterId: true },
  });
  if (open.length > 0) {
    await tx.report.updateMany({
      where: { id: { in: open.map((r) => r.id) }, state: "OPEN" },
      data: { state: hide ? "ACTIONED" : "DISMISSED", decidedById: actorId, decidedAt: now },
    });
    await notifyQueueChanged(tx, communityId);
    await tellReporters(
      tx,
      { communityId, reporterIds: open.map((r) => r.reporterId), targetKind, outcome: hide ? "ACTIONED" : "DISMISSED" },
      deferred,
    );
  }
  await recordAudit(tx, {
    actorId,
    communityId,
    action: hide ? "moderation.hidden" : "moderation.restored",
    details: {
      ...(hide ? { hiddenBy: "MODERATOR" } : { reason: "contentRestored" }),
      targetKind,
      targetId,
      note: reason,
      reports: open.length,
    },
  });
  return { authorId: target.authorId };
}

type Hide = z.output<typeof hideSchema>;

async function change(db: Db, actor: Actor, slug: string, input: Hide, hide: boolean, now: Date) {
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "moderation.hide" });
  const { targetKind, targetId, reason } = input;
  return db.$transaction((tx) =>
    hideInTx(tx, { communityId: community.id, actorId: actor.id, targetKind, targetId, reason, hide, now }),
  );
}

/** Hides an item of the community with a reason its author reads. */
export const hideContent = withInput(
  hideSchema,
  async (
    db: Db,
    { actor, slug, input, now = new Date() }: { actor: Actor; slug: string; input: Hide; now?: Date },
  ): Promise<{ authorId: string | null }> => {
    return change(db, actor, slug, input, true, now);
  },
);

/** Shows a hidden item again, with a reason (recorded in the moderation log). */
export const restoreContent = withInput(
  hideSchema,
  async (
    db: Db,
    { actor, slug, input, now = new Date() }: { actor: Actor; slug: string; input: Hide; now?: Date },
  ): Promise<{ authorId: string | null }> => {
    return change(db, actor, slug, input, false, now);
  },
);

type Contest = z.output<typeof contestHidingSchema>;

/**
 * The author of a hidden item contests the hiding: once per hiding, in their own words, recorded in
 * the audit log (naming no one) and told to the community's moderators other than the one who hid it,
 * who may restore it. Only the item's author, and only while it is hidden.
 */
export const contestHiding = withInput(
  contestHidingSchema,
  async (db: Db, { actor, slug, input }: { actor: Actor; slug: string; input: Contest }): Promise<{ contested: true }> => {
    // As for appeals, a suspended or banned author may still contest (lib/policy: moderation.appeal).
    const access = await loadCommunityAccess(db, { slug, actor });
    if (!access) throw new NotFoundError();
    assertCan(access.subject, "moderation.appeal", access.community);
    const { community } = access;
    const { targetKind, targetId, text } = input;
    const target = await moderationTargets[targetKind].load(db, { communityId: community.id, id: targetId });
    // Someone else's item, or one not hidden, is as unknown as a missing one.
    if (!target || target.authorId !== actor.id || !target.hidden) throw new NotFoundError();
    const hidden = target.hidden;
    return db.$transaction(async (tx) => {
      // One contest per hiding: a new hiding may be contested again.
      const earlier = await tx.auditEntry.count({
        where: {
          communityId: community.id,
          action: "moderation.hidingContested",
          at: { gte: hidden.at },
          details: { path: ["targetId"], equals: targetId },
        },
      });
      if (earlier > 0) throw new AppError("already_contested", "moderation.errors.alreadyContested", 409);
      await recordAudit(tx, {
        actorId: null,
        communityId: community.id,
        action: "moderation.hidingContested",
        details: { targetKind, targetId },
      });
      const [summary] = [
        ...(
          await moderationTargets[targetKind].describe(tx, {
            communityId: community.id,
            communitySlug: community.slug,
            ids: [targetId],
          })
        ).values(),
      ];
      await notifyHidingContested(tx, {
        communityId: community.id,
        authorId: actor.id,
        hiderId: hidden.moderatorId,
        targetKind,
        path: summary?.href ?? null,
        text,
      });
      return { contested: true as const };
    });
  },
);
