/** Ledger contributions as moderated content; a contribution belongs to the community of its commons. */
import { excerptOf, hiddenData, hiddenWhere, hideableWhere, hidingSelect, hidingStateOf, shownData } from "./target";
import type { HideableTarget, TargetSummary } from "./target";

export const contributionTarget = {
  kind: "CONTRIBUTION",
  async load(db, { communityId, id }) {
    const row = await db.contribution.findFirst({
      where: { id, commons: { communityId } },
      select: { id: true, authorId: true, ...hidingSelect },
    });
    return row && { kind: "CONTRIBUTION", id: row.id, communityId, authorId: row.authorId, hidden: hidingStateOf(row) };
  },
  async describe(db, { communityId, communitySlug, ids }) {
    const rows = await db.contribution.findMany({
      where: { id: { in: ids }, commons: { communityId } },
      select: { id: true, description: true, hiddenAt: true, hiddenBy: true, commons: { select: { slug: true } } },
    });
    return new Map(
      rows.map((c): [string, TargetSummary] => [
        c.id,
        {
          exists: true,
          labelKey: "modui.kinds.CONTRIBUTION",
          title: null,
          excerpt: excerptOf(c.description),
          href: `/communities/${communitySlug}/commons/${c.commons.slug}/ledger`,
          hideable: true,
          hidden: c.hiddenAt !== null,
          hiddenBy: c.hiddenBy,
        },
      ]),
    );
  },
  hiding: {
    async hide(tx, { id, at, hider }) {
      return (await tx.contribution.updateMany({ where: hideableWhere(id, hider), data: hiddenData(at, hider) })).count === 1;
    },
    async unhide(tx, { id, only }) {
      return (await tx.contribution.updateMany({ where: hiddenWhere(id, only), data: shownData })).count === 1;
    },
  },
} satisfies HideableTarget<"CONTRIBUTION">;
