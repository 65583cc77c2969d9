/**
 * Profiles as moderated content: a member of the community can be reported; a profile is never
 * hidden (a person is answered with a sanction, lib/moderation/sanctions.ts), so `hiding` is null.
 */
import type { ModerationTarget, TargetSummary } from "./target";

export const profileTarget = {
  kind: "PROFILE",
  async load(db, { communityId, id }) {
    const member = await db.membership.count({ where: { communityId, userId: id } });
    return member === 0 ? null : { kind: "PROFILE", id, communityId, authorId: id, hidden: null };
  },
  async describe(db, { ids }) {
    const rows = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true, name: true } });
    return new Map(
      rows.map((p): [string, TargetSummary] => [
        p.id,
        {
          exists: true,
          labelKey: "modui.kinds.PROFILE",
          // The person's own chosen name is the item here; absent (erased accounts), the page says so.
          title: p.displayName ?? p.name ?? null,
          excerpt: "",
          href: `/people/${p.id}`,
          hideable: false,
          hidden: false,
          hiddenBy: null,
        },
      ]),
    );
  },
  hiding: null,
} satisfies ModerationTarget<"PROFILE">;
