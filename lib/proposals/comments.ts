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
import { Prisma } from "@/lib/generated/prisma/client";
import { requireProposalAccess, type ProposalAccess } from "./access";
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

/** The thread as one JSON array of comment rows (timestamps as epoch milliseconds), authors' names joined. */
export const COMMENTS_SHOWN = 500;

export type CommentRow = {
  id: string;
  parentId: string | null;
  authorId: string;
  author: string | null;
  body: string;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
  hidden: boolean;
  hiddenReason: string | null;
};

/**
 * A scalar subquery: the first COMMENTS_SHOWN comments of the proposal whose id `proposalId` gives (a
 * value or a column), oldest first, as a JSON array of {@link CommentRow}. getProposalView reads it in
 * its own statement; only {@link commentViewsOf} turns it into what a viewer may read.
 */
export function commentRowsSql(proposalId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT coalesce(json_agg(json_build_object(
      'id', x."id", 'parentId', x."parentId", 'authorId', x."authorId",
      'author', coalesce(u."displayName", u."name"), 'body', x."body",
      'createdAt', (extract(epoch FROM x."createdAt") * 1000)::float8,
      'editedAt', (extract(epoch FROM x."editedAt") * 1000)::float8,
      'deleted', x."deletedAt" IS NOT NULL, 'hidden', x."hiddenAt" IS NOT NULL, 'hiddenReason', x."hiddenReason"
    ) ORDER BY x."createdAt", x."id"), '[]'::json)
    FROM (SELECT * FROM "ProposalComment" WHERE "proposalId" = ${proposalId}
      ORDER BY "createdAt", "id" LIMIT ${COMMENTS_SHOWN}) x
    LEFT JOIN "User" u ON u."id" = x."authorId")`;
}

/**
 * What the viewer reads of the thread. Hidden text stays readable by its author and those who read
 * hidden content ("content.readHidden", with the reason); members see a placeholder. Deleted text is
 * no one's.
 */
export function commentViewsOf(rows: CommentRow[], access: ProposalAccess, actor: Actor | null): CommentView[] {
  const { subject, community } = access;
  const moderator = can(subject, "content.readHidden", community);
  return rows.map((row) => {
    const mayReadHidden = moderator || row.authorId === actor?.id;
    return {
      id: row.id,
      parentId: row.parentId,
      authorId: row.authorId,
      author: row.author ?? "—",
      body: row.deleted || (row.hidden && !mayReadHidden) ? null : row.body,
      hiddenReason: row.hidden && mayReadHidden ? row.hiddenReason : null,
      createdAt: new Date(row.createdAt),
      editedAt: row.editedAt === null ? null : new Date(row.editedAt),
      deleted: row.deleted,
      hidden: row.hidden,
    };
  });
}

/** The thread for a viewer who may read the proposal (one statement for the rows, authors joined). */
export async function listComments(
  db: DbTx,
  {
    actor,
    proposalId,
    access: loaded,
  }: {
    actor: Actor | null;
    proposalId: string;
    /** The access already loaded for this actor and proposal: not read again. */
    access?: ProposalAccess;
  },
): Promise<CommentView[]> {
  const access = loaded && loaded.proposal.id === proposalId ? loaded : await requireProposalAccess(db, { proposalId, actor });
  const [row] = await db.$queryRaw<
    { comments: CommentRow[] }[]
  >`SELECT ${commentRowsSql(Prisma.sql`${proposalId}`)} AS "comments"`;
  return commentViewsOf(row?.comments ?? [], access, actor);
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
