/**
 * Hiding and restoring content: proposals, comments, commons and contributions. The text stays
 * stored (for the author, moderators and appeals); members see a placeholder. Hiding answers the
 * open reports on the item (ACTIONED), restoring closes them (DISMISSED); each reporter is told the
 * outcome without anyone being named. Policy, change, audit and notifications in one transaction.
 */
import type { Db, DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/forms";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError } from "@/lib/policy/can";
import { requireCommunityAccess, type Actor } from "@/lib/communities/access";
import { hideSchema, ModerationInputError, type HideableKind } from "./schemas";

export { hideableKinds, hideSchema, moderationNoteSchema, type HideableKind, type HideInput } from "./schemas";
import { tellReporters, type ReporterNotices } from "./notify";

type TargetState = { authorId: string | null; hidden: boolean };

/** The item's author and whether it is hidden, checking that it belongs to the community. */
export async function hideableTarget(
  tx: DbTx,
  communityId: string,
  kind: HideableKind,
  targetId: string,
): Promise<TargetState | null> {
  switch (kind) {
    case "PROPOSAL": {
      const row = await tx.proposal.findFirst({
        where: { id: targetId, communityId },
        select: { authorId: true, hiddenAt: true },
      });
      return row && { authorId: row.authorId, hidden: row.hiddenAt !== null };
    }
    case "COMMENT": {
      const row = await tx.proposalComment.findUnique({
        where: { id: targetId },
        select: { authorId: true, hiddenAt: true, proposalId: true },
      });
      if (!row) return null;
      const inCommunity = await tx.proposal.count({ where: { id: row.proposalId, communityId } });
      return inCommunity === 1 ? { authorId: row.authorId, hidden: row.hiddenAt !== null } : null;
    }
    case "COMMONS": {
      const row = await tx.commons.findFirst({
        where: { id: targetId, communityId },
        select: { proposerId: true, hiddenAt: true },
      });
      return row && { authorId: row.proposerId, hidden: row.hiddenAt !== null };
    }
    case "CONTRIBUTION": {
      const row = await tx.contribution.findFirst({
        where: { id: targetId, commons: { communityId } },
        select: { authorId: true, hiddenAt: true },
      });
      return row && { authorId: row.authorId, hidden: row.hiddenAt !== null };
    }
  }
}

async function setHidden(
  tx: DbTx,
  kind: HideableKind,
  targetId: string,
  hide: { at: Date; reason: string; byId: string } | null,
): Promise<boolean> {
  const where = { id: targetId, hiddenAt: hide ? null : { not: null } };
  const data = hide ? { hiddenAt: hide.at, hiddenReason: hide.reason } : { hiddenAt: null, hiddenReason: null };
  switch (kind) {
    case "PROPOSAL":
      return (await tx.proposal.updateMany({ where, data })).count === 1;
    case "COMMENT":
      return (await tx.proposalComment.updateMany({ where, data: { ...data, hiddenById: hide ? hide.byId : null } })).count === 1;
    case "COMMONS":
      return (await tx.commons.updateMany({ where, data })).count === 1;
    case "CONTRIBUTION":
      return (await tx.contribution.updateMany({ where, data })).count === 1;
  }
}

/**
 * Inside a transaction the caller holds (bulk actions share one). Returns the author of the item;
 * throws 404 when the item is not in the community, 409 when it is already in the asked state.
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
  const target = await hideableTarget(tx, communityId, targetKind, targetId);
  if (!target) throw new NotFoundError();
  const changed = await setHidden(tx, targetKind, targetId, hide ? { at: now, reason, byId: actorId } : null);
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
      ...(hide ? {} : { reason: "contentRestored" }),
      targetKind,
      targetId,
      note: reason,
      reports: open.length,
    },
  });
  return { authorId: target.authorId };
}

async function change(db: Db, actor: Actor, slug: string, input: unknown, hide: boolean, now: Date) {
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "moderation.hide" });
  const parsed = hideSchema.safeParse(input);
  if (!parsed.success) throw new ModerationInputError(fieldErrorsOf(parsed.error));
  const { targetKind, targetId, reason } = parsed.data;
  return db.$transaction((tx) =>
    hideInTx(tx, { communityId: community.id, actorId: actor.id, targetKind, targetId, reason, hide, now }),
  );
}

/** Hides an item of the community with a reason its author reads. */
export async function hideContent(
  db: Db,
  { actor, slug, input, now = new Date() }: { actor: Actor; slug: string; input: unknown; now?: Date },
): Promise<{ authorId: string | null }> {
  return change(db, actor, slug, input, true, now);
}

/** Shows a hidden item again, with a reason (recorded in the moderation log). */
export async function restoreContent(
  db: Db,
  { actor, slug, input, now = new Date() }: { actor: Actor; slug: string; input: unknown; now?: Date },
): Promise<{ authorId: string | null }> {
  return change(db, actor, slug, input, false, now);
}
