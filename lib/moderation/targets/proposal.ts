/** Proposals as moderated content: reported, hidden (their author and moderators still read them), listed in the queue. */
import { excerptOf, hiddenData, hiddenWhere, hideableWhere, hidingSelect, hidingStateOf, shownData } from "./target";
import type { HideableTarget, TargetSummary } from "./target";

export const proposalTarget = {
  kind: "PROPOSAL",
  async load(db, { communityId, id }) {
    const row = await db.proposal.findFirst({
      where: { id, communityId },
      select: { id: true, communityId: true, authorId: true, ...hidingSelect },
    });
    return (
      row && { kind: "PROPOSAL", id: row.id, communityId: row.communityId, authorId: row.authorId, hidden: hidingStateOf(row) }
    );
  },
  async describe(db, { communityId, ids }) {
    const rows = await db.proposal.findMany({
      where: { id: { in: ids }, communityId },
      select: { id: true, title: true, body: true, hiddenAt: true, hiddenBy: true },
    });
    return new Map(
      rows.map((p): [string, TargetSummary] => [
        p.id,
        {
          exists: true,
          labelKey: "modui.kinds.PROPOSAL",
          title: p.title,
          excerpt: excerptOf(p.body),
          href: `/proposals/${p.id}`,
          hideable: true,
          hidden: p.hiddenAt !== null,
          hiddenBy: p.hiddenBy,
        },
      ]),
    );
  },
  hiding: {
    async hide(tx, { id, at, hider }) {
      return (await tx.proposal.updateMany({ where: hideableWhere(id, hider), data: hiddenData(at, hider) })).count === 1;
    },
    async unhide(tx, { id, only }) {
      return (await tx.proposal.updateMany({ where: hiddenWhere(id, only), data: shownData })).count === 1;
    },
  },
} satisfies HideableTarget<"PROPOSAL">;
