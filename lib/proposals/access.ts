/** A proposal with its community and the person's policy subject; 404 when they may not read it. */
import type { DbTx } from "@/lib/db/client";
import { assertCan, can, NotFoundError, UnauthenticatedError, type Action } from "@/lib/policy/can";
import { loadCommunityAccess, type Actor } from "@/lib/communities/access";

export async function requireProposalAccess(
  db: DbTx,
  { proposalId, actor, action }: { proposalId: string; actor: Actor | null; action?: Action },
) {
  const proposal = await db.proposal.findUnique({
    where: { id: proposalId },
    select: { id: true, authorId: true, status: true, communityId: true, community: { select: { slug: true } } },
  });
  if (!proposal) throw new NotFoundError();
  const access = await loadCommunityAccess(db, { slug: proposal.community.slug, actor });
  if (!access) throw new NotFoundError();
  assertCan(access.subject, "community.read", access.community);
  if (action) assertCan(access.subject, action, access.community);
  return { proposal, ...access };
}

/** Authors manage their own proposals while they may still propose; administrators manage any. */
export function canManage(access: Awaited<ReturnType<typeof requireProposalAccess>>, actor: Actor | null): boolean {
  if (!actor) throw new UnauthenticatedError();
  const { proposal, subject, community } = access;
  if (can(subject, "proposal.manage", community)) return true;
  return proposal.authorId === actor.id && can(subject, "proposal.create", community);
}
