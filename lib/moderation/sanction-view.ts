/**
 * One sanction as its member and the moderators see it: what, why, until when, under which rule,
 * how it relates to the charter's ladder, and its appeal. The sanctioned member reads it even when
 * banned; moderators and administrators of the community and platform administrators read any;
 * anyone else gets a 404. Says whether the viewer may appeal or decide the appeal.
 */
import type { DbTx } from "@/lib/db/client";
import { can, NotFoundError, UnauthenticatedError } from "@/lib/policy/can";
import { loadCommunityAccess, type Actor } from "@/lib/communities/access";
import { appealDeadline } from "./appeals";

export async function getSanctionView(
  db: DbTx,
  { actor, slug, sanctionId, now = new Date() }: { actor: Actor | null; slug: string; sanctionId: string; now?: Date },
) {
  if (!actor) throw new UnauthenticatedError();
  const access = await loadCommunityAccess(db, { slug, actor });
  if (!access) throw new NotFoundError();
  const { community, subject } = access;
  const sanction = await db.sanction.findFirst({
    where: { id: sanctionId, communityId: community.id },
    select: {
      id: true,
      userId: true,
      kind: true,
      until: true,
      reason: true,
      ruleReference: true,
      suggestedKind: true,
      suggestedDays: true,
      departedFromLadder: true,
      departureReason: true,
      byId: true,
      createdAt: true,
      appeal: { select: { id: true, text: true, state: true, decision: true, decidedAt: true, createdAt: true } },
    },
  });
  if (!sanction) throw new NotFoundError();
  const own = sanction.userId === actor.id;
  const moderator = can(subject, "moderation.queue", community, now);
  if (!own && !moderator) throw new NotFoundError();
  const member = await db.user.findUnique({ where: { id: sanction.userId }, select: { displayName: true, name: true } });
  const deadline = appealDeadline(sanction.createdAt);
  const mayAppeal = own && !sanction.appeal && deadline > now && can(subject, "moderation.appeal", community, now);
  const mayDecide =
    !own &&
    sanction.byId !== actor.id &&
    sanction.appeal?.state === "PENDING" &&
    can(subject, "moderation.decideAppeal", community, now);
  return {
    community: { slug: community.slug, name: community.name },
    sanction: { ...sanction, memberName: member?.displayName ?? member?.name ?? "—" },
    deadline,
    own,
    isSanctioner: sanction.byId === actor.id,
    mayAppeal,
    mayDecide,
  };
}
