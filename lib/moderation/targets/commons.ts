/**
 * Commons as moderated content. Its proposer answers for it; when they left the platform the
 * proposer is unknown (null) and the reporter names a member responsible (lib/moderation/reports.ts).
 */
import { excerptOf, hiddenData, hiddenWhere, hideableWhere, hidingSelect, hidingStateOf, shownData } from "./target";
import type { HideableTarget, TargetSummary } from "./target";

export const commonsTarget = {
  kind: "COMMONS",
  async load(db, { communityId, id }) {
    const row = await db.commons.findFirst({
      where: { id, communityId },
      select: { id: true, communityId: true, proposerId: true, ...hidingSelect },
    });
    return (
      row && { kind: "COMMONS", id: row.id, communityId: row.communityId, authorId: row.proposerId, hidden: hidingStateOf(row) }
    );
  },
  async describe(db, { communityId, communitySlug, ids }) {
    const rows = await db.commons.findMany({
      where: { id: { in: ids }, communityId },
      select: { id: true, slug: true, title: true, summary: true, hiddenAt: true, hiddenBy: true },
    });
    return new Map(
      rows.map((c): [string, TargetSummary] => [
        c.id,
        {
          exists: true,
          labelKey: "modui.kinds.COMMONS",
          title: c.title,
          excerpt: excerptOf(c.summary),
          href: `/communities/${communitySlug}/commons/${c.slug}`,
          hideable: true,
          hidden: c.hiddenAt !== null,
          hiddenBy: c.hiddenBy,
        },
      ]),
    );
  },
  hiding: {
    async hide(tx, { id, at, hider }) {
      return (await tx.commons.updateMany({ where: hideableWhere(id, hider), data: hiddenData(at, hider) })).count === 1;
    },
    async unhide(tx, { id, only }) {
      return (await tx.commons.updateMany({ where: hiddenWhere(id, only), data: shownData })).count === 1;
    },
  },
} satisfies HideableTarget<"COMMONS">;
