/**
 * The discussion of a proposal: threaded comments (one level of replies is shown nested; deeper
 * replies attach to their parent). Authors edit or delete their own; moderators hide (the text stays
 * stored for appeals, readers see that it was hidden). Bodies are Markdown rendered safely.
 */
import type { DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/core/errors";
import { can, ForbiddenError, NotFoundError } from "@/lib/policy/can";
import type { Actor } from "@/lib/communities/access";
import { inTransaction, notifyComment } from "@/lib/notifications/hooks";
import { notifyLive } from "@/lib/db/sql";
import { recordAudit } from "@/lib/audit/record";
import { requireProposalAccess } from "./access";
import type { Comment } from "./schemas";
import { enforceRateLimit } from "@/lib/core/posting-limits";

export type CommentView = {
  id: string;
  parentId: string | null;
  authorId: string;
  author: string;
  body: string | null;
  createdAt: Date;
  editedAt: Date | null;
  deleted: boolean;
  hidden: boolean;
  /** Only for the author and moderators of a hidden comment. */
  hiddenReason: string | null;
};

export async function listComments(
  db: DbTx,
  {
    actor,
    proposalId,
    access: loaded,
  }: {
    actor: Actor | null;
    proposalId: string;
    /** The access the page already loaded for this actor and proposal (getProposalView): not read again. */
    access?: Awaited<ReturnType<typeof requireProposalAccess>>;
  },
): Promise<CommentView[]> {
  const access = loaded && loaded.proposal.id === proposalId ? loaded : await requireProposalAccess(db, { proposalId, actor });
  const { subject, community } = access;
  // Hidden text stays readable by its author and those who read hidden content ("content.readHidden",
  // with the reason); members see a placeholder.
  const moderator = can(subject, "content.readHidden", community);
  const rows = await db.proposalComment.findMany({
    where: { proposalId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
  });
  const authors = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.authorId))] } },
    select: { id: true, displayName: true, name: true },
  });
  const names = new Map(authors.map((a) => [a.id, a.displayName ?? a.name ?? "—"]));
  return rows.map((row) => ({
    id: row.id,
    parentId: row.parentId,
    authorId: row.authorId,
    author: names.get(row.authorId) ?? "—",
    body: row.deletedAt || (row.hiddenAt && !moderator && row.authorId !== actor?.id) ? null : row.body,
    hiddenReason: row.hiddenAt && (moderator || row.authorId === actor?.id) ? row.hiddenReason : null,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    deleted: Boolean(row.deletedAt),
    hidden: Boolean(row.hiddenAt),
  }));
}

export async function addComment(
  db: DbTx,
  { actor, proposalId, input }: { actor: Actor; proposalId: string; input: Comment },
): Promise<{ id: string }> {
  await requireProposalAccess(db, { proposalId, actor, action: "proposal.comment" });
  const { body, parentId } = input;
  await enforceRateLimit(db, { action: "comments", userId: actor.id });
  if (parentId) {
    const parent = await db.proposalComment.findFirst({ where: { id: parentId, proposalId }, select: { id: true } });
    if (!parent) throw new NotFoundError();
  }
  return inTransaction(db, async (tx) => {
    const comment = await tx.proposalComment.create({
      data: { proposalId, authorId: actor.id, body, parentId: parentId ?? null },
      select: { id: true },
    });
    // Replies and @mentions notify their people in the same transaction.
    await notifyComment(tx, { commentId: comment.id, actorId: actor.id });
    // Pages following the thread live refresh it (lib/live), on commit.
    await notifyLive(tx, proposalId);
    return comment;
  });
}

async function ownComment(db: DbTx, actor: Actor, proposalId: string, commentId: string) {
  await requireProposalAccess(db, { proposalId, actor, action: "proposal.comment" });
  const comment = await db.proposalComment.findFirst({
    where: { id: commentId, proposalId },
    select: { authorId: true, deletedAt: true, hiddenAt: true },
  });
  if (!comment) throw new NotFoundError();
  if (comment.authorId !== actor.id) throw new ForbiddenError("proposal.comment");
  if (comment.deletedAt || comment.hiddenAt) throw new AppError("comment_gone", "votes.errors.commentGone", 409);
}

export async function editComment(
  db: DbTx,
  { actor, proposalId, commentId, input }: { actor: Actor; proposalId: string; commentId: string; input: Pick<Comment, "body"> },
): Promise<void> {
  await ownComment(db, actor, proposalId, commentId);
  const { body } = input;
  await inTransaction(db, async (tx) => {
    await tx.proposalComment.update({ where: { id: commentId }, data: { body, editedAt: new Date() } });
    await notifyLive(tx, proposalId);
  });
}

export async function deleteComment(
  db: DbTx,
  { actor, proposalId, commentId }: { actor: Actor; proposalId: string; commentId: string },
): Promise<void> {
  await ownComment(db, actor, proposalId, commentId);
  await inTransaction(db, async (tx) => {
    await tx.proposalComment.update({ where: { id: commentId }, data: { deletedAt: new Date() } });
    await notifyLive(tx, proposalId);
  });
}

export async function hideComment(
  db: DbTx,
  { actor, proposalId, commentId }: { actor: Actor; proposalId: string; commentId: string },
): Promise<void> {
  const { proposal } = await requireProposalAccess(db, { proposalId, actor, action: "proposal.moderateComment" });
  // The queue's hideContent (lib/moderation/hide.ts) is the full path, with a reason; this one still
  // leaves its trace in the audit log, in the same transaction.
  await inTransaction(db, async (tx) => {
    const changed = await tx.proposalComment.updateMany({
      where: { id: commentId, proposalId, hiddenAt: null },
      data: { hiddenAt: new Date(), hiddenBy: "MODERATOR", hiddenById: actor.id },
    });
    if (changed.count === 0) throw new NotFoundError();
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: proposal.communityId,
      action: "moderation.hidden",
      details: { targetKind: "COMMENT", targetId: commentId, proposalId },
    });
    await notifyLive(tx, proposalId);
  });
}
