/**
 * Comments on proposals as moderated content. A comment belongs to the community of its proposal;
 * a deleted comment can still be reported and hidden, and shows as removed in the queue.
 */
import type { DbTx } from "@/lib/db/client";
import { notifyLive } from "@/lib/db/sql";
import { excerptOf, hiddenData, hiddenWhere, hideableWhere, hidingSelect, hidingStateOf, shownData } from "./target";
import type { HideableTarget, TargetSummary } from "./target";

/** The proposals among `ids` that belong to the community (comments carry no community of their own). */
async function proposalsIn(db: DbTx, communityId: string, ids: string[]): Promise<Set<string>> {
  const rows = await db.proposal.findMany({ where: { id: { in: [...new Set(ids)] }, communityId }, select: { id: true } });
  return new Set(rows.map((p) => p.id));
}

/** NOTIFY the comment's proposal (delivered on commit, naming the proposal only). */
async function threadChanged(tx: DbTx, commentId: string): Promise<void> {
  const row = await tx.proposalComment.findUnique({ where: { id: commentId }, select: { proposalId: true } });
  if (row) await notifyLive(tx, row.proposalId);
}

export const commentTarget = {
  kind: "COMMENT",
  async load(db, { communityId, id }) {
    const row = await db.proposalComment.findUnique({
      where: { id },
      select: { id: true, proposalId: true, authorId: true, ...hidingSelect },
    });
    if (!row || !(await proposalsIn(db, communityId, [row.proposalId])).has(row.proposalId)) return null;
    return { kind: "COMMENT", id: row.id, communityId, authorId: row.authorId, hidden: hidingStateOf(row) };
  },
  async describe(db, { communityId, ids }) {
    const rows = await db.proposalComment.findMany({
      where: { id: { in: ids } },
      select: { id: true, body: true, proposalId: true, deletedAt: true, hiddenAt: true, hiddenBy: true },
    });
    const inCommunity = await proposalsIn(
      db,
      communityId,
      rows.map((c) => c.proposalId),
    );
    return new Map(
      rows
        .filter((c) => inCommunity.has(c.proposalId))
        .map((c): [string, TargetSummary] => [
          c.id,
          {
            exists: c.deletedAt === null,
            labelKey: "modui.kinds.COMMENT",
            title: null,
            excerpt: excerptOf(c.body),
            href: `/proposals/${c.proposalId}#comments-title`,
            hideable: true,
            hidden: c.hiddenAt !== null,
            hiddenBy: c.hiddenBy,
          },
        ]),
    );
  },
  // A hiding or a restore, by the queue, a bulk action or the charter's automatic rule, moves the
  // thread's live stamp: pages following the proposal (lib/live) refresh it once this commits.
  hiding: {
    async hide(tx, { id, at, hider }) {
      const changed =
        (await tx.proposalComment.updateMany({ where: hideableWhere(id, hider), data: hiddenData(at, hider) })).count === 1;
      if (changed) await threadChanged(tx, id);
      return changed;
    },
    async unhide(tx, { id, only }) {
      const changed = (await tx.proposalComment.updateMany({ where: hiddenWhere(id, only), data: shownData })).count === 1;
      if (changed) await threadChanged(tx, id);
      return changed;
    },
  },
} satisfies HideableTarget<"COMMENT">;
