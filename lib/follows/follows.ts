/**
 * Following a proposal or a commons, without being a member of everything: followers hear of its
 * votes, results and changes of status (deliver-events.ts, hooks.ts). Only someone who may read the
 * subject may follow it (the policy's proposal and commons scopes, and "notification.follow");
 * following twice is harmless.
 */
import type { DbTx } from "@/lib/db/client";
import { assertCan, NotFoundError } from "@/lib/policy/can";
import { loadCommunityAccess, type Actor } from "@/lib/communities/access";
import { requireProposalAccess } from "@/lib/proposals/access";
import { isStewardOf } from "@/lib/commons/commons";
import { commonsScope, proposalScope } from "@/lib/policy/scopes";
import type { FollowTarget } from "@/lib/generated/prisma/enums";
import type { z } from "zod";
import { withInput } from "@/lib/core/use-case";
import { followSchema } from "@/lib/notifications/schemas";

/** Only what the person may read (the policy's scopes), and "notification.follow" in its community. */
async function assertMayFollow(db: DbTx, actor: Actor, targetKind: FollowTarget, targetId: string) {
  if (targetKind === "PROPOSAL") {
    const { proposal, subject, community } = await requireProposalAccess(db, { proposalId: targetId, actor });
    const hidden = (await db.proposal.findUniqueOrThrow({ where: { id: targetId }, select: { hiddenAt: true } })).hiddenAt;
    const facts = { community, authorId: proposal.authorId, status: proposal.status, hidden: hidden !== null };
    if (!proposalScope.allows(subject, facts)) throw new NotFoundError();
    assertCan(subject, "notification.follow", community);
    return;
  }
  const commons = await db.commons.findUnique({
    where: { id: targetId },
    select: {
      status: true,
      hiddenAt: true,
      proposerId: true,
      stewards: { select: { userId: true, organizationId: true } },
      community: { select: { slug: true } },
    },
  });
  if (!commons) throw new NotFoundError();
  const access = await loadCommunityAccess(db, { slug: commons.community.slug, actor });
  if (!access) throw new NotFoundError();
  const facts = {
    community: access.community,
    status: commons.status,
    hidden: commons.hiddenAt !== null,
    proposerId: commons.proposerId,
    carried: await isStewardOf(db, commons, actor),
  };
  if (!commonsScope.allows(access.subject, facts)) throw new NotFoundError();
  assertCan(access.subject, "notification.follow", access.community);
}

export const setFollow = withInput(
  followSchema,
  async (db: DbTx, { actor, input }: { actor: Actor; input: z.output<typeof followSchema> }): Promise<{ following: boolean }> => {
    const { targetKind, targetId, follow } = input;
    if (!follow) {
      // Unfollowing needs no access check: it only removes the person's own row.
      await db.follow.deleteMany({ where: { userId: actor.id, targetKind, targetId } });
      return { following: false };
    }
    await assertMayFollow(db, actor, targetKind, targetId);
    await db.follow.upsert({
      where: { userId_targetKind_targetId: { userId: actor.id, targetKind, targetId } },
      create: { userId: actor.id, targetKind, targetId },
      update: {},
    });
    return { following: true };
  },
);

export async function isFollowing(
  db: DbTx,
  { userId, targetKind, targetId }: { userId: string; targetKind: FollowTarget; targetId: string },
): Promise<boolean> {
  return Boolean(
    await db.follow.findUnique({
      where: { userId_targetKind_targetId: { userId, targetKind, targetId } },
      select: { id: true },
    }),
  );
}
